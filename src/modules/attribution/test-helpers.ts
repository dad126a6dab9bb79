import { sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { products } from '../catalogue/schema.ts';
import { orders, orderLines, returns, returnLines } from '../orders/schema.ts';
import { outreachMessages } from '../outreach/schema.ts';

// Factories for constructed sales: products, orders with lines, returns and outreach messages.
const uniq = () => randomUUID().slice(0, 8);

export async function buildProduct(db: Db, legalEntityId: string, over: { category?: string; name?: string; priceMinor?: number } = {}) {
  const [p] = await db.insert(products).values({
    legalEntityId, sku: `SKU-${uniq()}`, name: over.name ?? `Product ${uniq()}`, category: over.category ?? 'Accessories', priceMinor: over.priceMinor ?? 10_000,
  }).returning();
  return p;
}

export interface OrderSpec {
  channel?: 'store' | 'online' | 'call-center' | 'remote';
  /** EUR unless said. */
  currency?: string;
  status?: 'completed' | 'processing' | 'cancelled';
  storeId?: string | null;
  customerId?: string | null;
  /** The creator of the order (the associate of a remote order). */
  associateId?: string | null;
  orderedAt: string;
  lines: { productId: string; netMinor: number; associateId?: string | null; quantity?: number }[];
}

export async function buildOrder(db: Db, legalEntityId: string, spec: OrderSpec) {
  const total = spec.lines.reduce((a, l) => a + l.netMinor, 0);
  const [o] = await db.insert(orders).values({
    legalEntityId, externalId: `W-${uniq()}`, customerId: spec.customerId ?? null, channel: spec.channel ?? 'store', status: spec.status ?? 'completed',
    storeId: spec.storeId ?? null, associateId: spec.associateId ?? null, orderedAt: spec.orderedAt, currency: spec.currency ?? 'EUR', totalMinor: total,
  }).returning();
  const lines = await db.insert(orderLines).values(spec.lines.map((l, i) => ({
    orderId: o.id, lineNumber: i + 1, productId: l.productId, quantity: l.quantity ?? 1, unitPriceMinor: l.netMinor, netMinor: l.netMinor, associateId: l.associateId ?? null,
  }))).returning();
  return { ...o, lines: lines.sort((a, b) => a.lineNumber - b.lineNumber) };
}

export async function buildReturn(db: Db, legalEntityId: string, spec: { orderId: string; customerId?: string | null; storeId?: string | null; returnedAt: string; lines: { orderLineId: string; productId: string; refundMinor: number }[] }) {
  const total = spec.lines.reduce((a, l) => a + l.refundMinor, 0);
  const [r] = await db.insert(returns).values({
    legalEntityId, externalId: `R-${uniq()}`, orderId: spec.orderId, customerId: spec.customerId ?? null, storeId: spec.storeId ?? null, returnedAt: spec.returnedAt, refundMinor: total,
    currency: sql`(select currency from orders where id = ${spec.orderId})`,
  }).returning();
  await db.insert(returnLines).values(spec.lines.map((l) => ({ returnId: r.id, orderLineId: l.orderLineId, productId: l.productId, quantity: 1, reason: 'Changed mind', refundMinor: l.refundMinor })));
  return r;
}

export async function buildOutreachMessage(db: Db, legalEntityId: string, spec: { customerId: string; associateId: string; sentAt: string; status?: 'sent' | 'failed' | 'queued' }) {
  const [m] = await db.insert(outreachMessages).values({
    legalEntityId, customerId: spec.customerId, associateId: spec.associateId, channel: 'email', purpose: 'new-arrivals', toAddress: 'customer@example.test',
    subject: 'New arrivals', body: 'Dear customer, our new collection has arrived.', status: spec.status ?? 'sent', idempotencyKey: `test-${uniq()}`,
    sentAt: spec.status && spec.status !== 'sent' ? null : spec.sentAt, createdAt: spec.sentAt,
  }).returning();
  return m;
}
