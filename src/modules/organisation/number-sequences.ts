import { sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';
import { columnName, columnNames } from '../../db/sql.ts';
import { numberSequences, numberSequences as ns } from './schema.ts';

const DEFAULT_PREFIX: Record<string, string> = { customer: 'CUS-', 'client-book': 'CB-' };

/** Takes the next number atomically; the row is created on first use with a default prefix. */
export async function nextNumber(db: Db, legalEntityId: string, code: string): Promise<string> {
  const rows = await query<{ prefix: string; padding: number; value: number }>(db, sql`
    insert into ${ns} (${columnNames(ns.legalEntityId, ns.code, ns.prefix, ns.padding, ns.nextValue)})
    values (${legalEntityId}, ${code}, ${DEFAULT_PREFIX[code] ?? code.toUpperCase() + '-'}, 6, 2)
    on conflict (${columnNames(ns.legalEntityId, ns.code)}) do update set ${columnName(ns.nextValue)} = ${ns.nextValue} + 1
    returning ${ns.prefix}, ${ns.padding}, (${ns.nextValue} - 1)::int as value`);
  const r = rows[0];
  return r.prefix + String(r.value).padStart(r.padding, '0');
}

export async function configureSequence(db: Db, legalEntityId: string, code: string, input: { prefix: string; padding: number; nextValue?: number }) {
  await db.insert(ns).values({ legalEntityId, code, prefix: input.prefix, padding: input.padding, nextValue: input.nextValue ?? 1 })
    .onConflictDoUpdate({
      target: [ns.legalEntityId, ns.code],
      set: { prefix: sql`excluded.${columnName(ns.prefix)}`, padding: sql`excluded.${columnName(ns.padding)}`, nextValue: sql`coalesce(${input.nextValue ?? null}::bigint, ${ns.nextValue})` },
    });
}

export async function getSequence(db: Db, legalEntityId: string, code: string) {
  const rows = await query<{ prefix: string; padding: number; nextValue: number }>(db, sql`
    select ${ns.prefix}, ${ns.padding}, ${ns.nextValue}::int as "nextValue" from ${ns} where ${ns.legalEntityId} = ${legalEntityId} and ${ns.code} = ${code}`);
  return rows[0] ?? { prefix: DEFAULT_PREFIX[code] ?? code.toUpperCase() + '-', padding: 6, nextValue: 1 };
}

/** Takes a block of n numbers at once, as nextNumber does one at a time (bulk loads). */
export async function reserveNumbers(db: Db, legalEntityId: string, code: string, n: number): Promise<string[]> {
  const rows = await query<{ prefix: string; padding: number; first: number }>(db, sql`
    insert into ${numberSequences} (${columnNames(numberSequences.legalEntityId, numberSequences.code, numberSequences.prefix, numberSequences.padding, numberSequences.nextValue)})
    values (${legalEntityId}, ${code}, ${DEFAULT_PREFIX[code] ?? code.toUpperCase() + '-'}, 6, ${n + 1})
    on conflict (${columnNames(numberSequences.legalEntityId, numberSequences.code)})
      do update set ${columnName(numberSequences.nextValue)} = ${numberSequences.nextValue} + ${n}
    returning ${numberSequences.prefix} as prefix, ${numberSequences.padding} as padding, (${numberSequences.nextValue} - ${n})::int as first`);
  const { prefix, padding, first } = rows[0];
  return Array.from({ length: n }, (_, i) => prefix + String(first + i).padStart(padding, '0'));
}
