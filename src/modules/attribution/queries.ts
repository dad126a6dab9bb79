import { sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';
import { arrayLiteral } from '../../db/bulk.ts';
import { attributionLedger } from './schema.ts';

/** Of these order lines, those credited to associates for commission (a credit not reversed by a return). */
export async function creditedOrderLines(db: Db, lineIds: string[]): Promise<string[]> {
  if (!lineIds.length) return [];
  const a = attributionLedger;
  const rows = await query<{ id: string }>(db, sql`select distinct ${a.orderLineId} as id from ${a}
    where ${a.orderLineId} = any(${arrayLiteral(lineIds)}::uuid[]) and ${a.reversedBy} is null`);
  return rows.map((r) => r.id);
}
