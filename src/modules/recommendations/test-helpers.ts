// Factories for recommendation tests: products with stock, orders, browsing and preferences.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { products, productStock } from '../catalogue/schema.ts';
import { orders, orderLines } from '../orders/schema.ts';
import { browsingEvents, customerPreferences } from '../customer-profile/schema.ts';

const uniq = () => randomUUID().slice(0, 8);

export async function buildProduct(
  db: Db, legalEntityId: string,
  over: Partial<typeof products.$inferInsert> & { stock?: { storeId: string; onHand: number }[] } = {},
) {
  const { stock, ...rest } = over;
  const id = uniq();
  const [p] = await db.insert(products).values({
    legalEntityId, sku: `SKU-${id}`, name: `Product ${id}`, category: 'Handbags', priceMinor: 10_000, ...rest,
  }).returning();
  if (stock?.length) await db.insert(productStock).values(stock.map((s) => ({ productId: p.id, storeId: s.storeId, onHand: s.onHand })));
  return p;
}

export async function buildOrder(
  db: Db, legalEntityId: string, customerId: string | null, productIds: string[],
  over: { at?: Date; status?: (typeof orders.$inferInsert)['status']; storeId?: string } = {},
) {
  const [o] = await db.insert(orders).values({
    legalEntityId, externalId: `O-${uniq()}`, customerId, channel: 'store', status: over.status ?? 'completed',
    storeId: over.storeId, orderedAt: (over.at ?? new Date()).toISOString(), currency: 'EUR', totalMinor: 10_000 * productIds.length,
  }).returning();
  await db.insert(orderLines).values(productIds.map((productId, i) => ({
    orderId: o.id, lineNumber: i + 1, productId, quantity: 1, unitPriceMinor: 10_000, netMinor: 10_000,
  })));
  return o;
}

export async function buildBrowsing(db: Db, legalEntityId: string, customerId: string, productId: string, at: Date, event: 'view' | 'add-to-cart' = 'view') {
  await db.insert(browsingEvents).values({ legalEntityId, customerId, productId, externalId: `B-${uniq()}`, event, occurredAt: at.toISOString() });
}

export async function buildPreference(db: Db, legalEntityId: string, customerId: string, kind: (typeof customerPreferences.$inferInsert)['kind'], value: string, qualifier = '') {
  await db.insert(customerPreferences).values({ legalEntityId, customerId, kind, qualifier, value });
}

export const daysAgo = (n: number, from = new Date()) => new Date(from.getTime() - n * 86_400_000);
