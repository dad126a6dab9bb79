import { and, countDistinct, eq, not } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { clientBooks, clientBookMembers } from './schema.ts';

/** How many customers of the legal entity are in more than one client book (a member that is not primary). */
export async function customersInSeveralBooks(db: Db, legalEntityId: string): Promise<number> {
  const m = clientBookMembers;
  const [row] = await db.select({ n: countDistinct(m.customerId) }).from(m).where(and(eq(m.legalEntityId, legalEntityId), not(m.isPrimary)));
  return row.n;
}

/** Whether a client book of the legal entity has this number. */
export async function bookNumberUsed(db: Db, legalEntityId: string, bookNumber: string): Promise<boolean> {
  const rows = await db.select({ id: clientBooks.id }).from(clientBooks)
    .where(and(eq(clientBooks.legalEntityId, legalEntityId), eq(clientBooks.bookNumber, bookNumber))).limit(1);
  return rows.length > 0;
}
