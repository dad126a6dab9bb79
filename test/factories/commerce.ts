import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../src/db/client.ts';
import { products, productStock } from '../../src/modules/catalogue/schema.ts';
import { orders, orderLines, returns, returnLines } from '../../src/modules/orders/schema.ts';
import { customers } from '../../src/modules/customers/schema.ts';
import { stores } from '../../src/modules/organisation/schema.ts';
import { buildLegalEntity, buildStore, buildCustomer } from './organisation.ts';
import { uniq, iso } from './unique.ts';

// Commerce rows as the imports would write them. Each factory creates the parents it is not given (Outline's
// factories): a product without a legal entity gets one, an order without a customer or store gets both and a line
// with a new product, a return without an order gets the order. Pass null for an optional parent the row should lack
// (an online order has no store, an anonymous one no customer).

/** The given legal entity, else the one of a given parent row, else a new one. */
async function legalEntityOf(db: Db, legalEntityId: string | undefined, parent?: { table: typeof customers | typeof stores | typeof orders; id: string | null | undefined }) {
  if (legalEntityId) return legalEntityId;
  if (parent?.id) {
    const [row] = await db.select({ le: parent.table.legalEntityId }).from(parent.table).where(eq(parent.table.id, parent.id));
    if (row) return row.le;
  }
  return (await buildLegalEntity(db)).id;
}

export type ProductOverrides = Partial<typeof products.$inferInsert> & { stock?: { storeId: string; onHand: number }[] };

export async function buildProduct(db: Db, legalEntityId?: string, over: ProductOverrides = {}) {
  const { stock, ...rest } = over;
  const le = await legalEntityOf(db, legalEntityId ?? rest.legalEntityId);
  const id = uniq();
  const [p] = await db.insert(products).values({
    sku: `SKU-${id}`, name: `Product ${id}`, category: 'Accessories', priceMinor: 10_000, ...rest, legalEntityId: le,
  }).returning();
  if (stock?.length) await setStock(db, p.id, stock);
  return p;
}

export async function setStock(db: Db, productId: string, stock: { storeId: string; onHand: number }[]) {
  await db.insert(productStock).values(stock.map((s) => ({ productId, storeId: s.storeId, onHand: s.onHand })));
}

export interface OrderLineSpec {
  /** A new product of the order's legal entity when not given. */
  productId?: string;
  quantity?: number;
  /** The net amount when not given. */
  unitPriceMinor?: number;
  discountMinor?: number;
  /** quantity × unit price − discount when not given. */
  netMinor?: number;
  associateId?: string | null;
}

export type OrderOverrides = Omit<Partial<typeof orders.$inferInsert>, 'orderedAt'> & {
  orderedAt?: string | Date;
  /** One line of a new product when not given; [] for an order without lines. */
  lines?: OrderLineSpec[];
};

const netOf = (l: OrderLineSpec) => l.netMinor ?? (l.quantity ?? 1) * (l.unitPriceMinor ?? 10_000) - (l.discountMinor ?? 0);

/**
 * A completed till order; creates its customer and store unless given (or null) and its legal entity unless given or
 * known from the customer or store. Its total is the sum of its lines unless given. Returns the order with its lines.
 */
export async function buildOrder(db: Db, legalEntityId?: string, over: OrderOverrides = {}) {
  const { lines: lineSpecs, orderedAt, ...rest } = over;
  const le = await legalEntityOf(db, legalEntityId ?? rest.legalEntityId,
    rest.customerId ? { table: customers, id: rest.customerId } : { table: stores, id: rest.storeId });
  const customerId = rest.customerId === undefined ? (await buildCustomer(db, le)).id : rest.customerId;
  const storeId = rest.storeId === undefined ? (await buildStore(db, le)).id : rest.storeId;
  const specs = lineSpecs ?? [{}];
  const lines = [];
  for (const l of specs) lines.push({ ...l, productId: l.productId ?? (await buildProduct(db, le)).id, netMinor: netOf(l) });
  const [o] = await db.insert(orders).values({
    externalId: `ORD-${uniq()}`, channel: 'store', status: 'completed', currency: 'EUR',
    totalMinor: lines.reduce((a, l) => a + l.netMinor, 0), discountMinor: lines.reduce((a, l) => a + (l.discountMinor ?? 0), 0),
    ...rest, legalEntityId: le, customerId, storeId, orderedAt: iso(orderedAt),
  }).returning();
  const rows = lines.length ? await db.insert(orderLines).values(lines.map((l, i) => ({
    orderId: o.id, lineNumber: i + 1, productId: l.productId, quantity: l.quantity ?? 1, unitPriceMinor: l.unitPriceMinor ?? l.netMinor,
    discountMinor: l.discountMinor ?? 0, netMinor: l.netMinor, associateId: l.associateId ?? null,
  }))).returning() : [];
  return { ...o, lines: rows.sort((a, b) => a.lineNumber - b.lineNumber) };
}

/** A line added to an order (a new order when not given); does not change the order's total. */
export async function buildOrderLine(db: Db, over: OrderLineSpec & { orderId?: string; lineNumber?: number } = {}) {
  const order = over.orderId
    ? (await db.select().from(orders).where(eq(orders.id, over.orderId)))[0]
    : await buildOrder(db, undefined, { lines: [] });
  const [{ next }] = await db.select({ next: sql<number>`coalesce(max(${orderLines.lineNumber}), 0)::int + 1` }).from(orderLines).where(eq(orderLines.orderId, order.id));
  const [line] = await db.insert(orderLines).values({
    orderId: order.id, lineNumber: over.lineNumber ?? next, productId: over.productId ?? (await buildProduct(db, order.legalEntityId)).id,
    quantity: over.quantity ?? 1, unitPriceMinor: over.unitPriceMinor ?? netOf(over), discountMinor: over.discountMinor ?? 0, netMinor: netOf(over),
    associateId: over.associateId ?? null,
  }).returning();
  return line;
}

export interface ReturnOverrides {
  externalId?: string;
  /** A new order (of one line) when not given. */
  orderId?: string;
  /** The order's customer and store unless given. */
  customerId?: string | null;
  storeId?: string | null;
  returnedAt?: string | Date;
  /** The order's first line, refunded in full, when not given. */
  lines?: { orderLineId?: string | null; productId?: string; quantity?: number; reason?: string; refundMinor: number }[];
}

/** A return of (part of) an order, in the order's currency; its refund is the sum of its lines. */
export async function buildReturn(db: Db, legalEntityId?: string, over: ReturnOverrides = {}) {
  const order = over.orderId
    ? { ...(await db.select().from(orders).where(eq(orders.id, over.orderId)))[0], lines: await db.select().from(orderLines).where(eq(orderLines.orderId, over.orderId)) }
    : await buildOrder(db, legalEntityId);
  const lines = over.lines ?? [{ orderLineId: order.lines[0].id, productId: order.lines[0].productId, refundMinor: order.lines[0].netMinor }];
  const [r] = await db.insert(returns).values({
    legalEntityId: legalEntityId ?? order.legalEntityId, externalId: over.externalId ?? `R-${uniq()}`, orderId: order.id,
    customerId: over.customerId === undefined ? order.customerId : over.customerId, storeId: over.storeId === undefined ? order.storeId : over.storeId,
    returnedAt: iso(over.returnedAt), refundMinor: lines.reduce((a, l) => a + l.refundMinor, 0), currency: order.currency,
  }).returning();
  await db.insert(returnLines).values(lines.map((l, i) => {
    const productId = l.productId ?? order.lines.find((ol) => ol.id === l.orderLineId)?.productId ?? order.lines[0].productId;
    return { returnId: r.id, lineNumber: i + 1, orderLineId: l.orderLineId ?? null, productId, quantity: l.quantity ?? 1, reason: l.reason ?? 'Changed mind', refundMinor: l.refundMinor };
  }));
  return r;
}
