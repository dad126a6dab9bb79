import { upsertProducts, upsertStock } from '../catalogue/queries.ts';
import { retotalReturns, returnIds, upsertReturnLines, upsertReturns } from '../orders/queries.ts';
import { outcomesFrom, missingRef, type Importer, type Outcome } from './importer.ts';
import { majorToMinor } from './fields.ts';

interface ProductRow { sku: string; name: string; category: string; subcategory: string | null; brand: string | null; attributes: Record<string, string>; priceMinor: number; arrivalDate: string | null; active: boolean; imageUrl: string | null; careInstructions: string | null }

export const productsImporter: Importer<ProductRow> = {
  entity: 'products', summary: 'Catalogue products, upserted by SKU', batchSize: 1000,
  fields: 'sku, name, category, price (or priceMinor); optional subcategory, brand, attributes, arrivalDate, active, imageUrl, careInstructions',
  prepare(f) {
    return {
      sku: f.req(['sku', 'externalId', 'productId'], 100), name: f.req('name', 300), category: f.req('category', 100), subcategory: f.text('subcategory', { max: 100 }),
      brand: f.text('brand', { max: 100 }), attributes: f.object('attributes') ?? {}, priceMinor: f.money('price'), arrivalDate: f.date('arrivalDate'),
      active: f.bool('active', true), imageUrl: f.text('imageUrl', { max: 2000 }), careInstructions: f.text('careInstructions', { max: 4000 }),
    };
  },
  key: (p) => p.sku,
  async write(db, refs, items) {
    const rows = items.map(({ value: p }) => ({
      legalEntityId: refs.legalEntityId, sku: p.sku, name: p.name, category: p.category, subcategory: p.subcategory, brand: p.brand,
      attributes: p.attributes, priceMinor: p.priceMinor, arrivalDate: p.arrivalDate, active: p.active, imageUrl: p.imageUrl, careInstructions: p.careInstructions,
    }));
    const res = await upsertProducts(db, rows);
    return outcomesFrom(items.map((i) => i.value.sku), res);
  },
};

interface StockRow { sku: string; store: string; onHand: number }

export const stockImporter: Importer<StockRow> = {
  entity: 'stock', summary: 'Stock on hand per product and store', batchSize: 2000,
  fields: 'sku, store (store code), onHand',
  prepare: (f) => ({ sku: f.req('sku', 100), store: f.req(['store', 'storeCode'], 50), onHand: f.int(['onHand', 'quantity'], { required: true, min: 0 })! }),
  key: (s) => `${s.sku}\u0000${s.store.toLowerCase()}`,
  async write(db, refs, items) {
    const found = await refs.productsBySku(items.map((i) => i.value.sku));
    const errors = items.map(({ value: s }) => (!found.get(s.sku) ? missingRef('product', s.sku) : !refs.store(s.store) ? missingRef('store', s.store) : null));
    const rows = items.flatMap(({ value: s }, i) => (errors[i] ? [] : [{ productId: found.get(s.sku), storeId: refs.store(s.store), onHand: s.onHand }]));
    const res = await upsertStock(db, rows);
    return outcomesFrom(items.map(({ value: s }) => `${found.get(s.sku)}:${refs.store(s.store)}`), res, errors);
  },
};

interface ReturnLineRow {
  returnId: string; orderId: string | null; customer: string | null; store: string | null; returnedAt: string; lineNumber: number; orderLineNumber: number | null;
  sku: string; quantity: number; reason: string; currency: string | null;
  /** The refund in minor units, or as given in major units ("129.90"): read once its currency is known. */
  refund: { minor: number } | { text: string };
}

/**
 * A refund is in its order's currency (it goes back the way it was paid), else in the one the row names, else the
 * legal entity's; a refund in major units is read with that currency's decimal places (1200 for a yen order is ¥1,200).
 */
function refundOf(r: ReturnLineRow, order: { currency: string } | null, legalEntityCurrency: string): { currency: string; refundMinor: number } | string {
  if (r.currency && order && r.currency !== order.currency) return `currency ${r.currency} is not the order's (${order.currency}): a refund is in the currency of the order it returns.`;
  const currency = r.currency ?? order?.currency ?? legalEntityCurrency;
  if ('minor' in r.refund) return { currency, refundMinor: r.refund.minor };
  try {
    return { currency, refundMinor: majorToMinor('refund', r.refund.text, currency) };
  } catch (e) {
    return (e as Error).message;
  }
}

export const returnsImporter: Importer<ReturnLineRow> = {
  entity: 'returns', summary: 'Returns with a reason per line, upserted by return number and line number', batchSize: 2000,
  fields: 'returnId, returnedAt, sku, reason, refund (or refundMinor); optional orderId, customerId, store, lineNumber, orderLineNumber, quantity, currency (the order\'s, else the legal entity\'s)',
  prepare: (f) => {
    const currency = f.currencyCode('currency');
    return {
    returnId: f.req(['returnId', 'externalId'], 100), orderId: f.text(['orderId', 'orderExternalId']), customer: f.text(['customerId', 'customer']),
    store: f.text(['store', 'storeCode']), returnedAt: f.timestamp(['returnedAt', 'date'], { required: true })!, lineNumber: f.int(['lineNumber', 'line'], { min: 1, fallback: 1 })!,
    orderLineNumber: f.int('orderLineNumber', { min: 1 }), sku: f.req(['sku', 'productId'], 100), quantity: f.int('quantity', { min: 1, fallback: 1 })!,
    reason: f.req('reason', 500), currency,
    refund: f.raw('refundMinor') !== undefined || f.raw('refund') === undefined ? { minor: f.money('refund') } : { text: f.majorText('refund')! },
    };
  },
  key: (r) => `${r.returnId}\u0000${r.lineNumber}`,
  async write(db, refs, items) {
    const customers = await refs.customers(items.map((i) => i.value.customer));
    const orders = await refs.orders(items.flatMap((i) => (i.value.orderId ? [i.value.orderId] : [])));
    const skus = await refs.productsBySku(items.map((i) => i.value.sku));
    const refunds = items.map(({ value: r }) => refundOf(r, r.orderId ? orders.get(r.orderId) ?? null : null, refs.currency));
    const returnCurrency = new Map<string, string>();
    const errors = items.map(({ value: r }, i) => {
      if (r.customer && !customers.get(r.customer)) return missingRef('customer', r.customer);
      if (r.orderId && !orders.get(r.orderId)) return missingRef('order', r.orderId);
      if (!r.customer && !r.orderId) return 'customerId or orderId is required.';
      if (!skus.get(r.sku)) return missingRef('product', r.sku);
      if (r.store && !refs.store(r.store)) return missingRef('store', r.store);
      const refund = refunds[i];
      if (typeof refund === 'string') return refund;
      // One return, one currency: its lines must agree.
      const earlier = returnCurrency.get(r.returnId);
      if (earlier && earlier !== refund.currency) return `currency ${refund.currency} differs from ${earlier} on an earlier line of return ${r.returnId}.`;
      returnCurrency.set(r.returnId, refund.currency);
      return null;
    });
    const headers = new Map<string, Parameters<typeof upsertReturns>[1][number]>();
    items.forEach(({ value: r }, i) => {
      if (errors[i]) return;
      const order = r.orderId ? orders.get(r.orderId)! : null;
      headers.set(r.returnId, { legalEntityId: refs.legalEntityId, externalId: r.returnId, orderId: order?.id ?? null,
        customerId: r.customer ? customers.get(r.customer) : order?.customerId ?? null, storeId: refs.store(r.store), returnedAt: r.returnedAt,
        currency: (refunds[i] as { currency: string }).currency, refundMinor: 0 });
    });
    const headerRes = await upsertReturns(db, [...headers.values()]);
    const changed = new Set(headerRes.map((r) => r.key));
    const ids = await returnIds(db, refs.legalEntityId, [...headers.keys()]);
    const rows = items.flatMap(({ value: r }, i) => (errors[i] ? [] : [{
      returnId: ids.get(r.returnId)!, lineNumber: r.lineNumber, productId: skus.get(r.sku)!, quantity: r.quantity, reason: r.reason,
      refundMinor: (refunds[i] as { refundMinor: number }).refundMinor, orderId: r.orderId ? orders.get(r.orderId)!.id : null, orderLineNumber: r.orderLineNumber,
    }]));
    const res = await upsertReturnLines(db, rows);
    await retotalReturns(db, [...ids.values()]);
    const out = outcomesFrom(items.map(({ value: r }) => (ids.get(r.returnId) ? `${ids.get(r.returnId)}:${r.lineNumber}` : null)), res, errors);
    return out.map((o, i): Outcome => (o === 'unchanged' && changed.has(items[i].value.returnId) ? 'updated' : o));
  },
};
