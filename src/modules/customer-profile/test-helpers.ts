import { sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { products, productStock } from '../catalogue/schema.ts';
import { orders, orderLines, returns, returnLines } from '../orders/schema.ts';

// Factories for commerce rows in tests: each creates what it needs, scoped to the given legal entity.
const uniq = () => randomUUID().slice(0, 8);

export async function buildProduct(db: Db, legalEntityId: string, over: Partial<typeof products.$inferInsert> = {}) {
  const [p] = await db.insert(products).values({
    legalEntityId, sku: `SKU-${uniq()}`, name: 'Silk scarf', category: 'Accessories', brand: 'Aurelle', priceMinor: 19_000, ...over,
  }).returning();
  return p;
}

export async function setStock(db: Db, productId: string, storeId: string, onHand: number) {
  await db.insert(productStock).values({ productId, storeId, onHand });
}

export async function buildOrder(db: Db, legalEntityId: string, customerId: string, lines: { productId: string; quantity?: number; unitPriceMinor: number; discountMinor?: number; associateId?: string | null }[],
  over: Partial<typeof orders.$inferInsert> = {}) {
  const nets = lines.map((l) => (l.quantity ?? 1) * l.unitPriceMinor - (l.discountMinor ?? 0));
  const [o] = await db.insert(orders).values({
    legalEntityId, externalId: `ORD-${uniq()}`, customerId, channel: 'store', status: 'completed', orderedAt: new Date().toISOString(), currency: 'EUR',
    totalMinor: nets.reduce((a, b) => a + b, 0), discountMinor: lines.reduce((a, l) => a + (l.discountMinor ?? 0), 0), ...over,
  }).returning();
  await db.insert(orderLines).values(lines.map((l, i) => ({
    orderId: o.id, lineNumber: i + 1, productId: l.productId, quantity: l.quantity ?? 1, unitPriceMinor: l.unitPriceMinor,
    discountMinor: l.discountMinor ?? 0, netMinor: nets[i], associateId: l.associateId ?? null,
  })));
  return o;
}

export async function buildReturn(db: Db, legalEntityId: string, customerId: string, orderId: string, line: { productId: string; reason: string; refundMinor: number }, returnedAt = new Date().toISOString()) {
  const [r] = await db.insert(returns).values({ legalEntityId, externalId: `RET-${uniq()}`, orderId, customerId, returnedAt, refundMinor: line.refundMinor,
    currency: sql`(select currency from orders where id = ${orderId})` }).returning();
  await db.insert(returnLines).values({ returnId: r.id, lineNumber: 1, productId: line.productId, quantity: 1, reason: line.reason, refundMinor: line.refundMinor });
  return r;
}
