import { and, asc, count, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { lookEvents, lookItems, looks } from './schema.ts';

export type LookRow = typeof looks.$inferSelect;

export async function lookByPublicId(db: Db, publicId: string): Promise<LookRow | undefined> {
  const [row] = await db.select().from(looks).where(eq(looks.publicId, publicId));
  return row;
}

export async function lookById(db: Db, legalEntityId: string, id: string): Promise<LookRow | undefined> {
  const [row] = await db.select().from(looks).where(and(eq(looks.id, id), eq(looks.legalEntityId, legalEntityId)));
  return row;
}

export async function lookByIdempotencyKey(db: Db, legalEntityId: string, key: string): Promise<LookRow | undefined> {
  const [row] = await db.select().from(looks).where(and(eq(looks.legalEntityId, legalEntityId), eq(looks.idempotencyKey, key)));
  return row;
}

export async function insertLook(db: Db, row: typeof looks.$inferInsert, productIds: string[]): Promise<LookRow> {
  const [look] = await db.insert(looks).values(row).returning();
  await db.insert(lookItems).values(productIds.map((productId, position) => ({ lookId: look.id, productId, position })));
  return look;
}

export async function setLookMessage(db: Db, lookId: string, outreachMessageId: string) {
  await db.update(looks).set({ outreachMessageId }).where(eq(looks.id, lookId));
}

export async function lookProductIds(db: Db, lookId: string): Promise<string[]> {
  const rows = await db.select({ productId: lookItems.productId }).from(lookItems).where(eq(lookItems.lookId, lookId)).orderBy(asc(lookItems.position));
  return rows.map((r) => r.productId);
}

export async function customerLooks(db: Db, legalEntityId: string, customerId: string, limit: number) {
  const rows = await db.select({
    id: looks.id, publicId: looks.publicId, title: looks.title, note: looks.note, channel: looks.channel, associateId: looks.associateId,
    outreachMessageId: looks.outreachMessageId, createdAt: looks.createdAt,
  }).from(looks).where(and(eq(looks.legalEntityId, legalEntityId), eq(looks.customerId, customerId))).orderBy(desc(looks.createdAt)).limit(limit);
  const counts = rows.length
    ? await db.select({ lookId: lookEvents.lookId, kind: lookEvents.kind, n: count() }).from(lookEvents)
      .where(inArray(lookEvents.lookId, rows.map((r) => r.id))).groupBy(lookEvents.lookId, lookEvents.kind)
    : [];
  const n = (lookId: string, kind: string) => Number(counts.find((c) => c.lookId === lookId && c.kind === kind)?.n ?? 0);
  return rows.map((r) => ({ ...r, views: n(r.id, 'view'), clicks: n(r.id, 'click') }));
}

export async function itemCounts(db: Db, lookIds: string[]): Promise<Map<string, number>> {
  if (!lookIds.length) return new Map();
  const rows = await db.select({ lookId: lookItems.lookId, n: count() }).from(lookItems).where(inArray(lookItems.lookId, lookIds)).groupBy(lookItems.lookId);
  return new Map(rows.map((r) => [r.lookId, Number(r.n)]));
}

/** Whether the look was opened within the last `minutes` (a reload is not a new view). */
export async function recentlyViewed(db: Db, lookId: string, minutes: number): Promise<boolean> {
  const [row] = await db.select({ id: lookEvents.id }).from(lookEvents)
    .where(and(eq(lookEvents.lookId, lookId), eq(lookEvents.kind, 'view'), gt(lookEvents.occurredAt, sql`now() - (${minutes}::int * interval '1 minute')`))).limit(1);
  return !!row;
}

export async function insertLookEvent(db: Db, look: LookRow, kind: 'view' | 'click', productId: string | null) {
  const [row] = await db.insert(lookEvents).values({ lookId: look.id, legalEntityId: look.legalEntityId, customerId: look.customerId, kind, productId })
    .returning({ id: lookEvents.id, occurredAt: lookEvents.occurredAt });
  return row;
}

/** The customer's looks and what they did with them, newest first, for the timeline. */
export async function timelineRows(db: Db, legalEntityId: string, customerId: string, before: string | null, limit: number) {
  const sent = await db.select({ id: looks.id, at: looks.createdAt, title: looks.title, channel: looks.channel, associateId: looks.associateId })
    .from(looks).where(and(eq(looks.legalEntityId, legalEntityId), eq(looks.customerId, customerId), before ? sql`${looks.createdAt} < ${before}::timestamptz` : undefined))
    .orderBy(desc(looks.createdAt)).limit(limit);
  const events = await db.select({ id: lookEvents.id, at: lookEvents.occurredAt, kind: lookEvents.kind, productId: lookEvents.productId, lookId: lookEvents.lookId, title: looks.title })
    .from(lookEvents).innerJoin(looks, eq(looks.id, lookEvents.lookId))
    .where(and(eq(lookEvents.legalEntityId, legalEntityId), eq(lookEvents.customerId, customerId), before ? sql`${lookEvents.occurredAt} < ${before}::timestamptz` : undefined))
    .orderBy(desc(lookEvents.occurredAt)).limit(limit);
  return { sent, events };
}
