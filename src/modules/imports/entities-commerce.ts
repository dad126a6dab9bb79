import { sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';
import { upsertRows, unnestRows, arrayLiteral, byLegalEntityKey } from './upsert.ts';
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
      legal_entity_id: refs.legalEntityId, sku: p.sku, name: p.name, category: p.category, subcategory: p.subcategory, brand: p.brand,
      attributes: p.attributes, price_minor: p.priceMinor, arrival_date: p.arrivalDate, active: p.active, image_url: p.imageUrl, care_instructions: p.careInstructions,
    }));
    const res = await upsertRows(db, {
      table: 'products',
      columns: [['legal_entity_id', 'uuid'], ['sku', 'text'], ['name', 'text'], ['category', 'text'], ['subcategory', 'text'], ['brand', 'text'], ['attributes', 'jsonb'],
        ['price_minor', 'bigint'], ['arrival_date', 'date'], ['active', 'boolean'], ['image_url', 'text'], ['care_instructions', 'text']],
      conflict: ['legal_entity_id', 'sku'],
      update: ['name', 'category', 'subcategory', 'brand', 'attributes', 'price_minor', 'arrival_date', 'active', 'image_url', 'care_instructions'],
      returnKey: 'products.sku',
    }, rows);
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
    const products = await refs.productsBySku(items.map((i) => i.value.sku));
    const errors = items.map(({ value: s }) => (!products.get(s.sku) ? missingRef('product', s.sku) : !refs.store(s.store) ? missingRef('store', s.store) : null));
    const rows = items.flatMap(({ value: s }, i) => (errors[i] ? [] : [{ product_id: products.get(s.sku), store_id: refs.store(s.store), on_hand: s.onHand }]));
    const res = await upsertRows(db, {
      table: 'product_stock', columns: [['product_id', 'uuid'], ['store_id', 'uuid'], ['on_hand', 'integer']], conflict: ['product_id', 'store_id'],
      update: ['on_hand'], alsoSet: 'updated_at = now()', returnKey: `product_stock.product_id || ':' || product_stock.store_id`,
    }, rows);
    return outcomesFrom(items.map(({ value: s }) => `${products.get(s.sku)}:${refs.store(s.store)}`), res, errors);
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
    const products = await refs.productsBySku(items.map((i) => i.value.sku));
    const refunds = items.map(({ value: r }) => refundOf(r, r.orderId ? orders.get(r.orderId) ?? null : null, refs.currency));
    const returnCurrency = new Map<string, string>();
    const errors = items.map(({ value: r }, i) => {
      if (r.customer && !customers.get(r.customer)) return missingRef('customer', r.customer);
      if (r.orderId && !orders.get(r.orderId)) return missingRef('order', r.orderId);
      if (!r.customer && !r.orderId) return 'customerId or orderId is required.';
      if (!products.get(r.sku)) return missingRef('product', r.sku);
      if (r.store && !refs.store(r.store)) return missingRef('store', r.store);
      const refund = refunds[i];
      if (typeof refund === 'string') return refund;
      // One return, one currency: its lines must agree.
      const earlier = returnCurrency.get(r.returnId);
      if (earlier && earlier !== refund.currency) return `currency ${refund.currency} differs from ${earlier} on an earlier line of return ${r.returnId}.`;
      returnCurrency.set(r.returnId, refund.currency);
      return null;
    });
    const headers = new Map<string, Record<string, unknown>>();
    items.forEach(({ value: r }, i) => {
      if (errors[i]) return;
      const order = r.orderId ? orders.get(r.orderId)! : null;
      headers.set(r.returnId, { legal_entity_id: refs.legalEntityId, external_id: r.returnId, order_id: order?.id ?? null,
        customer_id: r.customer ? customers.get(r.customer) : order?.customerId ?? null, store_id: refs.store(r.store), returned_at: r.returnedAt,
        currency: (refunds[i] as { currency: string }).currency, refund_minor: 0 });
    });
    const headerRes = await upsertRows(db, {
      table: 'returns', columns: [['legal_entity_id', 'uuid'], ['external_id', 'text'], ['order_id', 'uuid'], ['customer_id', 'uuid'], ['store_id', 'uuid'], ['returned_at', 'timestamptz'], ['currency', 'text'], ['refund_minor', 'bigint']],
      conflict: ['legal_entity_id', 'external_id'], update: ['order_id', 'customer_id', 'store_id', 'returned_at', 'currency'], returnKey: 'returns.external_id',
    }, [...headers.values()]);
    const changed = new Set(headerRes.map((r) => r.key));
    const ids = new Map((await query<{ externalId: string; id: string }>(db, byLegalEntityKey('returns', 'external_id', refs.legalEntityId, [...headers.keys()],
      sql`t.external_id as "externalId", t.id`))).map((r) => [r.externalId, r.id]));
    const rows = items.flatMap(({ value: r }, i) => (errors[i] ? [] : [{
      return_id: ids.get(r.returnId), line_number: r.lineNumber, product_id: products.get(r.sku), quantity: r.quantity, reason: r.reason, refund_minor: (refunds[i] as { refundMinor: number }).refundMinor,
      order_id: r.orderId ? orders.get(r.orderId)!.id : null, order_line_number: r.orderLineNumber,
    }]));
    const res = await query<{ key: string; inserted: boolean }>(db, sql`insert into return_lines (return_id, line_number, product_id, quantity, reason, refund_minor, order_line_id)
      select x.return_id, x.line_number, x.product_id, x.quantity, x.reason, x.refund_minor,
        (select ol.id from order_lines ol where ol.order_id = x.order_id and ol.line_number = x.order_line_number)
      from ${unnestRows([['return_id', 'uuid'], ['line_number', 'integer'], ['product_id', 'uuid'], ['quantity', 'integer'], ['reason', 'text'], ['refund_minor', 'bigint'],
        ['order_id', 'uuid'], ['order_line_number', 'integer']], rows)}
      on conflict (return_id, line_number) do update set product_id = excluded.product_id, quantity = excluded.quantity, reason = excluded.reason,
        refund_minor = excluded.refund_minor, order_line_id = excluded.order_line_id
      where (return_lines.product_id, return_lines.quantity, return_lines.reason, return_lines.refund_minor, return_lines.order_line_id)
        is distinct from (excluded.product_id, excluded.quantity, excluded.reason, excluded.refund_minor, excluded.order_line_id)
      returning return_lines.return_id || ':' || return_lines.line_number as key, (xmax = 0) as inserted`);
    await db.execute(sql`update returns r set refund_minor = s.total
      from (select return_id, sum(refund_minor) as total from return_lines where return_id = any(${arrayLiteral([...ids.values()])}::uuid[]) group by return_id) s
      where r.id = s.return_id and r.refund_minor is distinct from s.total`);
    const out = outcomesFrom(items.map(({ value: r }) => (ids.get(r.returnId) ? `${ids.get(r.returnId)}:${r.lineNumber}` : null)), res, errors);
    return out.map((o, i): Outcome => (o === 'unchanged' && changed.has(items[i].value.returnId) ? 'updated' : o));
  },
};
