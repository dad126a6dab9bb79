import type { Db } from '../../db/client.ts';
import { attributeGroups, customerAttributes, customerAttributeValues } from './schema.ts';

// Rows written whole for generated data (the demo), without the checks, audit and one-customer-at-a-time handling of
// service.ts: groups and attributes as given, values 1,000 a statement.

export async function insertAttributeGroups(db: Db, rows: (typeof attributeGroups.$inferInsert)[]): Promise<void> {
  if (rows.length) await db.insert(attributeGroups).values(rows);
}

export async function insertAttributes(db: Db, rows: (typeof customerAttributes.$inferInsert)[]): Promise<void> {
  if (rows.length) await db.insert(customerAttributes).values(rows);
}

export async function insertAttributeValues(db: Db, rows: (typeof customerAttributeValues.$inferInsert)[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) await db.insert(customerAttributeValues).values(rows.slice(i, i + 1000));
}
