import type { Db } from '../../db/client.ts';
import { activities, activityTypes, customerNotes } from './schema.ts';

// Rows written whole for generated data (the demo), without the checks and audit of service.ts (which also stamps
// notes with the time of writing; the demo back-dates them): 1,000 a statement.

async function inChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += 1000) await insert(rows.slice(i, i + 1000));
}

export function insertActivityTypes(db: Db, rows: (typeof activityTypes.$inferInsert)[]): Promise<void> {
  return inChunks(rows, (chunk) => db.insert(activityTypes).values(chunk));
}

export function insertActivities(db: Db, rows: (typeof activities.$inferInsert)[]): Promise<void> {
  return inChunks(rows, (chunk) => db.insert(activities).values(chunk));
}

/** Notes as of their createdAt: updatedAt is set to it. */
export function insertNotes(db: Db, rows: (typeof customerNotes.$inferInsert)[]): Promise<void> {
  return inChunks(rows, (chunk) => db.insert(customerNotes).values(chunk.map((x) => ({ ...x, updatedAt: x.createdAt }))));
}
