import type { Db } from '../../db/client.ts';
import { uuid7 } from '../../db/uuid7.ts';
import { ORDER_CHANNELS, ORDER_STATUSES } from '../orders/schema.ts';
import {
  changedOrderRows, deleteOrderLines, insertOrderLines, insertOrders, newOrderRows, orderLineRows, referencedOrderLines, retotalOrders,
  storedOrders, StoredValues, updateOrderHeaders, updateOrderLines, type StoredLine,
} from '../orders/queries.ts';
import { Fields, RowError } from './fields.ts';
import { missingRef, recordRanges, type Importer, type Item, type Outcome } from './importer.ts';
import type { References } from './refs.ts';

interface OrderLineRow {
  orderId: string; customer: string | null; channel: string; status: string; store: string | null; associate: string | null; orderedAt: string;
  /** orderedAt's epoch milliseconds, to compare with the stored order's without parsing the time again. */
  orderedAtMs: number;
  currency: string | null; fulfilment: string; lineNumber: number; sku: string; quantity: number; unitPriceMinor: number; discountMinor: number;
  lineAssociate: string | null;
  /** The record carried the whole order (NDJSON with nested `lines`), so lines it does not list are removed. */
  whole: boolean;
}

type OrderHeader = ReturnType<typeof orderHeader>;

/** The order's fields, read in the order their errors were always reported in (the order number first). */
function orderHeader(f: Fields) {
  const orderId = f.req(['orderId', 'externalId', 'orderNumber'], 100);
  const customer = f.text(['customerId', 'customerExternalId', 'customer']);
  const channel = f.oneOf('channel', ORDER_CHANNELS);
  const status = f.oneOf('status', ORDER_STATUSES, 'completed');
  const store = f.text(['store', 'storeCode']);
  const associate = f.text(['associate', 'associateId', 'personnelNumber']);
  const orderedAt = f.instant(['orderedAt', 'date'], { required: true })!;
  return {
    orderId, customer, channel, status, store, associate, orderedAt: orderedAt.iso, orderedAtMs: orderedAt.epochMs,
    currency: f.currencyCode('currency'), fulfilment: f.oneOf('fulfilment', ['carry-out', 'pickup', 'ship'] as const, 'carry-out'),
  };
}

/**
 * One line of the order, read from `f` (the record itself, or one of its nested lines), as one flat object of a fixed
 * shape: building a line object and spreading it with the header's cost more than the checks. Amounts are in the
 * order's currency, else the legal entity's (which decides the decimal places allowed).
 */
function orderLineRow(h: OrderHeader, f: Fields, fallbackLine: number, currency: string, whole: boolean): OrderLineRow {
  const quantity = f.int(['quantity', 'qty'], { min: 1, fallback: 1 })!;
  const unitPriceMinor = f.money('unitPrice', { currency });
  const discountMinor = f.money('discount', { fallback: 0, currency });
  if (discountMinor > quantity * unitPriceMinor) throw new RowError('discount is larger than the line amount.');
  return {
    orderId: h.orderId, customer: h.customer, channel: h.channel, status: h.status, store: h.store, associate: h.associate, orderedAt: h.orderedAt,
    orderedAtMs: h.orderedAtMs, currency: h.currency, fulfilment: h.fulfilment, lineNumber: f.int(['lineNumber', 'line'], { min: 1, fallback: fallbackLine })!,
    sku: f.req(['sku', 'productId'], 100), quantity, unitPriceMinor, discountMinor, lineAssociate: f.text(['lineAssociate', 'salesAssociate']), whole,
  };
}

/**
 * Orders: one CSV row per order line (header fields repeated), or NDJSON either flat lines or an order with `lines`.
 *
 * Each batch reads its orders and their lines first, in one query, and writes only what is new or changed: an
 * unchanged re-run writes nothing at all (an upsert's ON CONFLICT … WHERE would still lock, and so write, every row).
 * A record with nested `lines` is the whole order: lines it no longer lists are removed. Flat one-line rows are left
 * to add and change lines only, since a flat file may spread one order over several batches or files.
 */
export const ordersImporter: Importer<OrderLineRow> = {
  entity: 'orders', summary: 'Orders with their lines, upserted by order number and line number', batchSize: 5000,
  fields: 'orderId, channel (store, online, call-center, remote), orderedAt, lineNumber, sku, unitPrice (or unitPriceMinor); optional customerId (external), status, store, associate, currency, fulfilment, quantity, discount, lineAssociate; NDJSON may nest `lines` (the whole order: lines not listed are removed)',
  prepare(f, record) {
    const header = orderHeader(f);
    const currency = header.currency ?? f.currency;
    const nested = record.lines;
    if (Array.isArray(nested)) {
      if (!nested.length) throw new RowError('lines is empty.');
      const seen = new Set<number>();
      return nested.map((l, i) => {
        if (!l || typeof l !== 'object') throw new RowError(`lines[${i}] must be an object.`);
        let row: OrderLineRow;
        try { row = orderLineRow(header, new Fields(l as Record<string, unknown>, currency), i + 1, currency, true); } catch (e) { throw new RowError(`lines[${i}]: ${(e as Error).message}`); }
        if (seen.has(row.lineNumber)) throw new RowError(`lines[${i}]: line number ${row.lineNumber} appears twice.`);
        seen.add(row.lineNumber);
        return row;
      });
    }
    return orderLineRow(header, f, 1, currency, false);
  },
  key: (l) => `${l.orderId}\u0000${l.lineNumber}`,
  group: (l) => l.orderId,
  write: writeOrders,
};

/** An order of the batch: its lines by number (each an index into the batch) and whether a record carried it whole. */
interface BatchOrder { lines: Map<number, number>; last: number; whole: boolean; wholeRecord: number }

async function writeOrders(db: Db, refs: References, items: Item<OrderLineRow>[]): Promise<Outcome[]> {
  const customers = await refs.customers(items.map((i) => i.value.customer));
  const products = await refs.productsBySku(items.map((i) => i.value.sku));
  // Each item's customer and product, looked up once here and read again below (a lookup per use was a tenth of a re-run).
  const customerIds: (string | null)[] = new Array(items.length);
  const productIds: string[] = new Array(items.length);
  const outcomes: Outcome[] = new Array(items.length);
  for (let i = 0; i < items.length; i++) {
    const l = items[i].value;
    const customerId = l.customer ? customers.get(l.customer) : null;
    const productId = products.get(l.sku);
    const error = customerId === undefined ? missingRef('customer', l.customer!)
      : !productId ? missingRef('product', l.sku)
        : l.store && !refs.store(l.store) ? missingRef('store', l.store)
          : l.associate && !refs.associate(l.associate) ? missingRef('associate', l.associate)
            : l.lineAssociate && !refs.associate(l.lineAssociate) ? missingRef('associate', l.lineAssociate)
              : null;
    outcomes[i] = error ? { error } : 'unchanged';
    customerIds[i] = customerId ?? null;
    productIds[i] = productId!;
  }
  // A record that carries the whole order is written whole or not at all.
  failWholeRecords(items, outcomes);

  // The batch's orders in file order. A whole order replaces what earlier records of this batch said about it
  // (what a later record says is added to it), as if the records were written one after the other.
  const orders = new Map<string, BatchOrder>();
  items.forEach(({ value: l, line }, i) => {
    if (typeof outcomes[i] === 'object') return;
    let o = orders.get(l.orderId);
    if (!o) orders.set(l.orderId, o = { lines: new Map(), last: i, whole: false, wholeRecord: -1 });
    if (l.whole && o.wholeRecord !== line) { o.lines.clear(); o.whole = true; o.wholeRecord = line; }
    o.lines.set(l.lineNumber, i);
    o.last = i;
  });
  if (!orders.size) return outcomes;
  const existing = await storedOrders(db, refs.legalEntityId, [...orders.keys()]);

  // Lines a whole order no longer lists are removed, unless a return or a commission credit refers to them: those
  // belong to the books, so the order is left as it was and the record is reported.
  const removals = new Map<string, StoredLine[]>();
  for (const [ext, o] of orders) {
    const stored = existing.get(ext);
    if (!o.whole || !stored) continue;
    const gone = [...stored.lines.values()].filter((s) => !o.lines.has(s.lineNumber));
    if (gone.length) removals.set(ext, gone);
  }
  if (removals.size) {
    const refused = await referencedOrderLines(db, [...removals.values()].flat().map((s) => s.id));
    for (const [ext, gone] of removals) {
      const reasons = gone.flatMap((s) => (refused.has(s.id) ? [`line ${s.lineNumber} (${refused.get(s.id)})`] : []));
      if (!reasons.length) continue;
      const error = { error: `Order ${ext} no longer lists ${reasons.join(', ')}; the order was left as it was. Send the line again, or reverse its return or credit first.` };
      for (const i of orders.get(ext)!.lines.values()) outcomes[i] = error;
      orders.delete(ext);
      removals.delete(ext);
    }
  }

  const newOrders = newOrderRows();
  const changedOrders = changedOrderRows();
  const newLines = orderLineRows();
  const changedLines = orderLineRows();
  const retotal: string[] = [];
  for (const [ext, o] of orders) {
    const h = items[o.last].value;
    const customerId = customerIds[o.last];
    const storeId = refs.store(h.store) ?? null;
    const associateId = refs.associate(h.associate) ?? null;
    const currency = h.currency ?? refs.currency;
    const stored = existing.get(ext);
    const orderId = stored?.id ?? uuid7();
    // Compared with the texts storedOrders reads (the same values, in the same order).
    const headerChanged = !!stored && !new StoredValues(stored.header).is(customerId).is(h.channel).is(h.status).is(storeId).is(associateId)
      .isInt(h.orderedAtMs * 1000).is(currency).is(h.fulfilment).same();
    let total = 0;
    let discount = 0;
    let linesChanged = removals.has(ext);
    for (const i of o.lines.values()) {
      const l = items[i].value;
      const productId = productIds[i];
      const net = l.quantity * l.unitPriceMinor - l.discountMinor;
      const lineAssociateId = refs.associate(l.lineAssociate) ?? null;
      total += net;
      discount += l.discountMinor;
      const before = stored?.lines.get(l.lineNumber);
      if (!before) {
        newLines.add(uuid7(), orderId, l.lineNumber, productId, l.quantity, l.unitPriceMinor, l.discountMinor, net, lineAssociateId);
        outcomes[i] = 'inserted';
        linesChanged = true;
      } else if (!new StoredValues(before.values).is(productId).isInt(l.quantity).isInt(l.unitPriceMinor).isInt(l.discountMinor).isInt(net)
        .is(lineAssociateId).same()) {
        changedLines.add(before.id, orderId, l.lineNumber, productId, l.quantity, l.unitPriceMinor, l.discountMinor, net, lineAssociateId);
        outcomes[i] = 'updated';
        linesChanged = true;
      } else if (headerChanged) outcomes[i] = 'updated';
    }
    // A whole order that lost lines is updated even where its remaining lines are not.
    if (removals.has(ext)) for (const i of o.lines.values()) if (outcomes[i] === 'unchanged') outcomes[i] = 'updated';
    // A new order's totals are its lines in this batch (all of them, unless a flat file spreads it over batches: a
    // later batch adding lines re-totals it); an existing order with changed lines is summed again from all its lines.
    if (!stored) newOrders.add(orderId, ext, customerId, h.channel, h.status, storeId, associateId, h.orderedAt, currency, h.fulfilment, total, discount);
    else {
      if (headerChanged) changedOrders.add(orderId, customerId, h.channel, h.status, storeId, associateId, h.orderedAt, currency, h.fulfilment);
      if (linesChanged) retotal.push(orderId);
    }
  }

  // Plain inserts, as the rows were just read as missing: an order another import adds meanwhile fails the batch on
  // the unique key, and the records are then written one by one, each reading again what is there.
  if (removals.size) await deleteOrderLines(db, [...removals.values()].flat().map((s) => s.id));
  await insertOrders(db, refs.legalEntityId, newOrders);
  await updateOrderHeaders(db, changedOrders);
  await insertOrderLines(db, newLines);
  await updateOrderLines(db, changedLines);
  await retotalOrders(db, retotal);
  return outcomes;
}

/** Gives every item of a whole-order record the first error among them. */
function failWholeRecords(items: Item<OrderLineRow>[], outcomes: Outcome[]) {
  for (const [start, end] of recordRanges(items)) {
    if (!items[start].value.whole) continue;
    const failed = outcomes.slice(start, end).find((o) => typeof o === 'object');
    if (failed) outcomes.fill(failed, start, end);
  }
}
