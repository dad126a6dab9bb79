import { sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.ts';
import { columnName } from '../../db/sql.ts';
import { customers } from './schema.ts';

/** Contact fields the survivor of a merge takes from the duplicate where its own are blank. */
const FILLED = ['email', 'phone', 'birthDate', 'anniversaryDate', 'addressLine', 'city', 'postalCode', 'country'] as const;

const survivorRow = alias(customers, 's');
const duplicateRow = alias(customers, 'd');

/**
 * The customer records' side of merging a duplicate into a survivor (privacy moves the history): blank contact fields
 * of the survivor are filled from the duplicate, VIP carries over, and the duplicate (and any record merged into it)
 * points at the survivor. The duplicate is kept, never deleted. Run it inside the merge's transaction.
 */
export async function markMerged(db: Db, legalEntityId: string, survivorId: string, duplicateId: string): Promise<void> {
  const fill = sql.join(FILLED.map((k) => sql`${columnName(customers[k])} = coalesce(${survivorRow[k]}, ${duplicateRow[k]})`), sql`, `);
  await db.execute(sql`update ${customers} as ${survivorRow}
      set ${fill}, ${columnName(customers.isVip)} = ${survivorRow.isVip} or ${duplicateRow.isVip}, ${columnName(customers.updatedAt)} = now()
    from ${customers} as ${duplicateRow} where ${survivorRow.id} = ${survivorId} and ${duplicateRow.id} = ${duplicateId}`);
  const mergedInto = columnName(customers.mergedIntoId);
  await db.execute(sql`update ${customers} set ${mergedInto} = ${survivorId}, ${columnName(customers.updatedAt)} = now()
    where ${customers.id} = ${duplicateId} and ${customers.legalEntityId} = ${legalEntityId}`);
  await db.execute(sql`update ${customers} set ${mergedInto} = ${survivorId} where ${customers.mergedIntoId} = ${duplicateId} and ${customers.legalEntityId} = ${legalEntityId}`);
}
