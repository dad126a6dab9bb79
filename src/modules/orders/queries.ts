import { sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { query, type Db } from '../../db/client.ts';
import { arrayLiteral, byLegalEntityKey, ColumnRows, insertRecords, unnested, unnestColumns, upsertRows, type UpsertResult } from '../../db/bulk.ts';
import { columnName, columnNames } from '../../db/sql.ts';
import { creditedOrderLines } from '../attribution/queries.ts';
import { products } from '../catalogue/schema.ts';
import { orderLines, orders, returnLines, returns } from './schema.ts';

// Set-based writes of orders, returns and their lines, for bulk loads (imports): each function is one statement over
// a batch's rows. The migration-0008 triggers check the references once per statement (see schema.ts).

const HEADER = [orders.customerId, orders.channel, orders.status, orders.storeId, orders.associateId, orders.orderedAt, orders.currency, orders.fulfilment];
const LINE_VALUES = [orderLines.productId, orderLines.quantity, orderLines.unitPriceMinor, orderLines.discountMinor, orderLines.netMinor, orderLines.associateId];

/** New orders of one legal entity: add(id, externalId, customerId, channel, status, storeId, associateId, orderedAt, currency, fulfilment, totalMinor, discountMinor). */
export const newOrderRows = () => new ColumnRows([orders.id, orders.externalId, ...HEADER, orders.totalMinor, orders.discountMinor]);
/** Changed order headers: add(id, customerId, channel, status, storeId, associateId, orderedAt, currency, fulfilment). */
export const changedOrderRows = () => new ColumnRows([orders.id, ...HEADER]);
/** Order lines: add(id, orderId, lineNumber, productId, quantity, unitPriceMinor, discountMinor, netMinor, associateId). */
export const orderLineRows = () => new ColumnRows([orderLines.id, orderLines.orderId, orderLines.lineNumber, ...LINE_VALUES]);

/** Plain inserts: an order that exists already fails the statement on its unique key. */
export async function insertOrders(db: Db, legalEntityId: string, rows: ColumnRows) {
  if (rows.length) await db.execute(sql`insert into ${orders} (${columnName(orders.legalEntityId)}, ${rows.names()})
    select ${legalEntityId}::uuid, ${rows.select()} from ${rows.unnest()}`);
}

export async function updateOrderHeaders(db: Db, rows: ColumnRows) {
  if (rows.length) await db.execute(sql`update ${orders} set ${sql.join(HEADER.map((c) => sql`${columnName(c)} = ${unnested(c)}`), sql`, `)}
    from ${rows.unnest()} where ${orders.id} = ${unnested(orders.id)}`);
}

export async function insertOrderLines(db: Db, rows: ColumnRows) {
  if (rows.length) await db.execute(sql`insert into ${orderLines} (${rows.names()}) select ${rows.select()} from ${rows.unnest()}`);
}

export async function updateOrderLines(db: Db, rows: ColumnRows) {
  if (rows.length) await db.execute(sql`update ${orderLines} set ${sql.join(LINE_VALUES.map((c) => sql`${columnName(c)} = ${unnested(c)}`), sql`, `)}
    from ${rows.unnest()} where ${orderLines.id} = ${unnested(orderLines.id)}`);
}

export async function deleteOrderLines(db: Db, lineIds: string[]) {
  if (lineIds.length) await db.execute(sql`delete from ${orderLines} where ${orderLines.id} = any(${arrayLiteral(lineIds)}::uuid[])`);
}

/** Sums these orders' totals and discounts again from all their lines, writing only those that differ. */
export async function retotalOrders(db: Db, orderIds: string[]) {
  if (!orderIds.length) return;
  const o2 = alias(orders, 'o2');
  const l = alias(orderLines, 'l');
  await db.execute(sql`update ${orders} set ${columnName(orders.totalMinor)} = s.total, ${columnName(orders.discountMinor)} = s.discount
    from (select ${o2.id} as id, coalesce(sum(${l.netMinor}), 0) as total, coalesce(sum(${l.discountMinor}), 0) as discount
          from ${orders} as ${o2} left join ${orderLines} as ${l} on ${l.orderId} = ${o2.id}
          where ${o2.id} = any(${arrayLiteral(orderIds)}::uuid[]) group by ${o2.id}) s
    where ${orders.id} = s.id and (${orders.totalMinor}, ${orders.discountMinor}) is distinct from (s.total, s.discount)`);
}

export interface StoredLine { lineNumber: number; id: string; values: string }

/**
 * Reads a stored text of '|'-separated values (storedOrders' header or line) field by field, comparing each with a value
 * in place: an unchanged re-run compares every line, and building the same text from the input to compare was the
 * largest cost left in it (a string per line, and its garbage). A field's text holds no '|' (IDs, codes, numbers).
 */
export class StoredValues {
  private at = 0;
  private ok = true;
  constructor(private readonly text: string) {}
  /** The next field is this text (null as the empty field). */
  is(value: string | null): this {
    const end = this.next();
    if (end < 0) return this;
    const v = value ?? '';
    if (end - this.at !== v.length || !this.text.startsWith(v, this.at)) this.ok = false;
    this.at = end + 1;
    return this;
  }
  /** The next field is this integer, written as PostgreSQL writes one (digits, a leading minus). */
  isInt(value: number): this {
    const end = this.next();
    if (end < 0) return this;
    const t = this.text;
    let i = this.at;
    const negative = t.charCodeAt(i) === 45;
    if (negative) i++;
    let n = 0;
    if (i === end) this.ok = false;
    for (; i < end && this.ok; i++) {
      const c = t.charCodeAt(i) - 48;
      if (c < 0 || c > 9) this.ok = false; else n = n * 10 + c;
    }
    if ((negative ? -n : n) !== value) this.ok = false;
    this.at = end + 1;
    return this;
  }
  /** Every field compared equal, and the text has no more. */
  same(): boolean { return this.ok && this.at === this.text.length + 1; }
  /** Where the next field ends, or -1 once a difference is found or there is no field left. */
  private next(): number {
    if (!this.ok) return -1;
    if (this.at > this.text.length) { this.ok = false; return -1; }
    const bar = this.text.indexOf('|', this.at);
    return bar < 0 ? this.text.length : bar;
  }
}
export interface StoredOrder { id: string; header: string; lines: Map<number, StoredLine> }

/**
 * A legal entity's orders with these external IDs, with their lines by number. Each order comes back as two texts,
 * its header's values (customer, channel, status, store, associate, ordered at in µs since the epoch, currency,
 * fulfilment) and its lines' values (product, quantity, unit price, discount, net, associate), '|'-separated with null
 * as an empty string: a caller compares them with the same texts built from its input, far less work on both sides
 * than a row per line and a value per column. Looked up one by one through the unique index (byLegalEntityKey).
 */
export async function storedOrders(db: Db, legalEntityId: string, externalIds: string[]): Promise<Map<string, StoredOrder>> {
  const l = alias(orderLines, 'l');
  const rows = await query<{ e: string; id: string; h: string; l: string | null }>(db, byLegalEntityKey(orders, 'externalId', legalEntityId, externalIds, (t) => sql`
    ${t.externalId} as e, ${t.id},
      format('%s|%s|%s|%s|%s|%s|%s|%s', ${t.customerId}, ${t.channel}, ${t.status}, ${t.storeId}, ${t.associateId},
        (extract(epoch from ${t.orderedAt}) * 1000000)::bigint, ${t.currency}, ${t.fulfilment}) as h,
      (select string_agg(format('%s|%s|%s|%s|%s|%s|%s|%s', ${l.lineNumber}, ${l.id}, ${l.productId}, ${l.quantity}, ${l.unitPriceMinor},
        ${l.discountMinor}, ${l.netMinor}, ${l.associateId}), ',') from ${orderLines} as ${l} where ${l.orderId} = ${t.id}) as l`));
  const out = new Map<string, StoredOrder>();
  for (const r of rows) {
    const lines = new Map<number, StoredLine>();
    if (r.l) {
      for (const text of r.l.split(',')) {
        const a = text.indexOf('|');
        const b = text.indexOf('|', a + 1);
        const lineNumber = Number(text.slice(0, a));
        lines.set(lineNumber, { lineNumber, id: text.slice(a + 1, b), values: text.slice(b + 1) });
      }
    }
    out.set(r.e, { id: r.id, header: r.h, lines });
  }
  return out;
}

/** Of these order lines, those a return or a commission credit refers to, with what refers to them. */
export async function referencedOrderLines(db: Db, lineIds: string[]): Promise<Map<string, string>> {
  const rl = alias(returnLines, 'rl');
  const r = alias(returns, 'r');
  const rows = await query<{ id: string; what: string }>(db, sql`
    select ${rl.orderLineId} as id, 'returned in return ' || string_agg(${r.externalId}, ', ') as what
    from ${returnLines} as ${rl} join ${returns} as ${r} on ${r.id} = ${rl.returnId} where ${rl.orderLineId} = any(${arrayLiteral(lineIds)}::uuid[]) group by ${rl.orderLineId}`);
  // the commission ledger is attribution's: it says which lines it credited
  for (const id of await creditedOrderLines(db, lineIds)) rows.push({ id, what: 'credited to associates for commission' });
  const out = new Map<string, string>();
  for (const row of rows) out.set(row.id, out.has(row.id) ? `${out.get(row.id)}, ${row.what}` : row.what);
  return out;
}

/** The customer's order lines for a data export, oldest first, each naming its product so the customer can read what they bought. */
export async function orderLinesForExport(db: Db, legalEntityId: string, customerId: string): Promise<unknown[]> {
  const l = alias(orderLines, 'l');
  const o = alias(orders, 'o');
  const p = alias(products, 'p');
  return (await query<{ row: unknown }>(db, sql`select to_jsonb(${l}) || jsonb_build_object('sku', ${p.sku}, 'product_name', ${p.name}) as row
    from ${orderLines} as ${l} join ${orders} as ${o} on ${o.id} = ${l.orderId} join ${products} as ${p} on ${p.id} = ${l.productId}
    where ${o.customerId} = ${customerId} and ${o.legalEntityId} = ${legalEntityId} order by ${o.orderedAt}, ${l.lineNumber}`)).map((r) => r.row);
}

/** Return headers, upserted on (legal entity, external ID); refund_minor is summed from the lines afterwards. */
export function upsertReturns(db: Db, rows: Partial<Record<keyof typeof returns.$inferInsert, unknown>>[]): Promise<UpsertResult[]> {
  return upsertRows(db, {
    table: returns, columns: ['legalEntityId', 'externalId', 'orderId', 'customerId', 'storeId', 'returnedAt', 'currency', 'refundMinor'],
    conflict: ['legalEntityId', 'externalId'], update: ['orderId', 'customerId', 'storeId', 'returnedAt', 'currency'], returnKey: sql`${returns.externalId}`,
  }, rows);
}

/** The IDs of a legal entity's returns by external ID. */
export async function returnIds(db: Db, legalEntityId: string, externalIds: string[]): Promise<Map<string, string>> {
  const rows = await query<{ externalId: string; id: string }>(db, byLegalEntityKey(returns, 'externalId', legalEntityId, externalIds,
    (t) => sql`${t.externalId} as "externalId", ${t.id}`));
  return new Map(rows.map((r) => [r.externalId, r.id]));
}

const ORDER_ID = { name: 'order_id', type: 'uuid' };
const ORDER_LINE_NUMBER = { name: 'order_line_number', type: 'integer' };
const RETURN_LINE_INPUT = [returnLines.returnId, returnLines.lineNumber, returnLines.productId, returnLines.quantity, returnLines.reason, returnLines.refundMinor, ORDER_ID, ORDER_LINE_NUMBER];
const RETURN_LINE_VALUES = [returnLines.productId, returnLines.quantity, returnLines.reason, returnLines.refundMinor, returnLines.orderLineId];

/**
 * Return lines upserted on (return, line number), each linked to its order's line with that number; the keys returned
 * are 'returnId:lineNumber'.
 */
export function upsertReturnLines(db: Db, rows: { returnId: string; lineNumber: number; productId: string; quantity: number; reason: string;
  refundMinor: number; orderId: string | null; orderLineNumber: number | null }[]): Promise<UpsertResult[]> {
  if (!rows.length) return Promise.resolve([]);
  const ol = alias(orderLines, 'ol');
  const values: unknown[][] = [rows.map((r) => r.returnId), rows.map((r) => r.lineNumber), rows.map((r) => r.productId), rows.map((r) => r.quantity),
    rows.map((r) => r.reason), rows.map((r) => r.refundMinor), rows.map((r) => r.orderId), rows.map((r) => r.orderLineNumber)];
  return query<UpsertResult>(db, sql`insert into ${returnLines} (${columnNames(returnLines.returnId, returnLines.lineNumber, ...RETURN_LINE_VALUES)})
      select ${sql.join(RETURN_LINE_INPUT.slice(0, 6).map(unnested), sql`, `)},
        (select ${ol.id} from ${orderLines} as ${ol} where ${ol.orderId} = ${unnested(ORDER_ID)} and ${ol.lineNumber} = ${unnested(ORDER_LINE_NUMBER)})
      from ${unnestColumns(RETURN_LINE_INPUT, values)}
      on conflict (${columnNames(returnLines.returnId, returnLines.lineNumber)}) do update set
        ${sql.join(RETURN_LINE_VALUES.map((c) => sql`${columnName(c)} = excluded.${columnName(c)}`), sql`, `)}
      where (${sql.join(RETURN_LINE_VALUES, sql`, `)}) is distinct from (${sql.join(RETURN_LINE_VALUES.map((c) => sql`excluded.${columnName(c)}`), sql`, `)})
      returning ${returnLines.returnId} || ':' || ${returnLines.lineNumber} as key, (xmax = 0) as inserted`);
}

/** Sets these returns' refund to the sum of their lines', writing only those that differ. */
export async function retotalReturns(db: Db, returnIdList: string[]) {
  if (!returnIdList.length) return;
  await db.execute(sql`update ${returns} set ${columnName(returns.refundMinor)} = s.total
      from (select ${returnLines.returnId} as rid, sum(${returnLines.refundMinor}) as total from ${returnLines}
            where ${returnLines.returnId} = any(${arrayLiteral(returnIdList)}::uuid[]) group by ${returnLines.returnId}) s
      where ${returns.id} = s.rid and ${returns.refundMinor} is distinct from s.total`);
}

/** A legal entity's orders by external ID (order number), with their customer and currency; unknown numbers are left out. */
export function ordersByExternalId(db: Db, legalEntityId: string, externalIds: readonly string[]) {
  return query<{ externalId: string; id: string; customerId: string | null; currency: string }>(db, byLegalEntityKey(orders, 'externalId', legalEntityId, externalIds,
    (t) => sql`${t.externalId} as "externalId", ${t.id} as id, ${t.customerId} as "customerId", ${t.currency} as currency`));
}

/** Generated purchase history (the demo), inserted whole: orders, then their lines, returns and return lines. */
export async function insertOrderHistory(db: Db, rows: {
  orders: (typeof orders.$inferInsert)[]; lines: (typeof orderLines.$inferInsert)[];
  returns: (typeof returns.$inferInsert)[]; returnLines: (typeof returnLines.$inferInsert)[];
}): Promise<void> {
  await insertRecords(db, orders, rows.orders);
  await insertRecords(db, orderLines, rows.lines);
  await insertRecords(db, returns, rows.returns);
  await insertRecords(db, returnLines, rows.returnLines);
}
