import { and, desc, eq, gt, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { associates } from '../organisation/schema.ts';
import { sessions } from './schema.ts';

/*
 * Signed-in sessions, as their owner and head office see them: never the token or its hash, only the session's id.
 * Scoped to the caller's legal entity (a user of several sees each legal entity's sessions there).
 */

const fields = {
  id: sessions.id,
  createdAt: sql<string>`${sessions.createdAt}::text`,
  lastSeenAt: sql<string>`${sessions.lastSeenAt}::text`,
  userAgent: sessions.userAgent,
  ipAddress: sessions.ipAddress,
};

const open = gt(sessions.expiresAt, sql`now()`);

export async function listMySessions(db: Db, userId: string, legalEntityId: string, currentId: string | undefined) {
  const rows = await db.select(fields).from(sessions)
    .where(and(eq(sessions.userId, userId), eq(sessions.legalEntityId, legalEntityId), open))
    .orderBy(desc(sessions.lastSeenAt));
  return rows.map((r) => ({ ...r, current: r.id === currentId }));
}

/** Ends one of my sessions; false when it is not mine (or not in this legal entity). */
export async function revokeMySession(db: Db, userId: string, legalEntityId: string, id: string): Promise<boolean> {
  const rows = await db.delete(sessions)
    .where(and(eq(sessions.id, id), eq(sessions.userId, userId), eq(sessions.legalEntityId, legalEntityId)))
    .returning({ id: sessions.id });
  return rows.length > 0;
}

/** Ends all my sessions in this legal entity but the one asking; answers how many. */
export async function revokeMyOtherSessions(db: Db, userId: string, legalEntityId: string, currentId: string | undefined): Promise<number> {
  const rows = await db.delete(sessions)
    .where(and(eq(sessions.userId, userId), eq(sessions.legalEntityId, legalEntityId), currentId ? ne(sessions.id, currentId) : undefined))
    .returning({ id: sessions.id });
  return rows.length;
}

/** Every open session of the legal entity's associates, for head office; optionally one associate's. */
export async function listLegalEntitySessions(db: Db, legalEntityId: string, associateId?: string) {
  return db.select({ ...fields, associateId: associates.id, associateName: associates.displayName }).from(sessions)
    .innerJoin(associates, and(eq(associates.userId, sessions.userId), eq(associates.legalEntityId, sessions.legalEntityId)))
    .where(and(eq(sessions.legalEntityId, legalEntityId), open, associateId ? eq(associates.id, associateId) : undefined))
    .orderBy(desc(sessions.lastSeenAt));
}

export async function revokeLegalEntitySession(db: Db, legalEntityId: string, id: string): Promise<boolean> {
  const rows = await db.delete(sessions).where(and(eq(sessions.id, id), eq(sessions.legalEntityId, legalEntityId))).returning({ id: sessions.id });
  return rows.length > 0;
}
