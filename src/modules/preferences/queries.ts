import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { associateChangeRequests, preferenceLinks } from './schema.ts';

export type PreferenceLinkRow = typeof preferenceLinks.$inferSelect;

export async function findLink(db: Db, publicId: string): Promise<PreferenceLinkRow | undefined> {
  const [row] = await db.select().from(preferenceLinks).where(eq(preferenceLinks.publicId, publicId));
  return row;
}

/** The customer's live link that still has at least `minDaysLeft` to run, to reuse in the next email. */
export async function reusableLink(db: Db, legalEntityId: string, customerId: string, minDaysLeft: number): Promise<PreferenceLinkRow | undefined> {
  const [row] = await db.select().from(preferenceLinks).where(and(
    eq(preferenceLinks.legalEntityId, legalEntityId), eq(preferenceLinks.customerId, customerId), isNull(preferenceLinks.revokedAt),
    gt(preferenceLinks.expiresAt, sql`now() + (${minDaysLeft}::int * interval '1 day')`),
  )).orderBy(desc(preferenceLinks.expiresAt)).limit(1);
  return row;
}

export async function insertLink(db: Db, row: { publicId: string; legalEntityId: string; customerId: string; expiresAt: string }): Promise<PreferenceLinkRow> {
  const [inserted] = await db.insert(preferenceLinks).values(row).returning();
  return inserted;
}

export async function revokeLinks(db: Db, legalEntityId: string, customerId: string): Promise<number> {
  const rows = await db.update(preferenceLinks).set({ revokedAt: sql`now()` }).where(and(
    eq(preferenceLinks.legalEntityId, legalEntityId), eq(preferenceLinks.customerId, customerId), isNull(preferenceLinks.revokedAt),
    gt(preferenceLinks.expiresAt, sql`now()`),
  )).returning({ publicId: preferenceLinks.publicId });
  return rows.length;
}

export async function latestAssociateRequest(db: Db, legalEntityId: string, customerId: string) {
  const [row] = await db.select({ id: associateChangeRequests.id, requestedAt: associateChangeRequests.requestedAt, associateId: associateChangeRequests.associateId })
    .from(associateChangeRequests)
    .where(and(eq(associateChangeRequests.legalEntityId, legalEntityId), eq(associateChangeRequests.customerId, customerId)))
    .orderBy(desc(associateChangeRequests.requestedAt)).limit(1);
  return row;
}

export async function insertAssociateRequest(db: Db, row: { legalEntityId: string; customerId: string; associateId: string | null; message: string | null }) {
  const [inserted] = await db.insert(associateChangeRequests).values(row).returning({ id: associateChangeRequests.id, requestedAt: associateChangeRequests.requestedAt });
  return inserted;
}

export async function associateRequestsPage(db: Db, legalEntityId: string, customerId: string, before: string | null, limit: number) {
  return db.select({ id: associateChangeRequests.id, requestedAt: associateChangeRequests.requestedAt, message: associateChangeRequests.message })
    .from(associateChangeRequests)
    .where(and(eq(associateChangeRequests.legalEntityId, legalEntityId), eq(associateChangeRequests.customerId, customerId),
      before ? sql`${associateChangeRequests.requestedAt} < ${before}::timestamptz` : undefined))
    .orderBy(desc(associateChangeRequests.requestedAt)).limit(limit);
}
