import { sql } from 'drizzle-orm';
import { query, type Db } from '../../src/db/client.ts';

// What a legal entity holds, as text rows: its own rows, and any row anywhere that names one of its IDs
// (a child row, or another entity's row pointing at it). Comparing two snapshots shows what a sweep changed.

const SKIP = new Set(['rate_limit_hits', 'job_runs', 'instance_settings']);
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

async function tables(db: Db) {
  const rows = await query<{ table: string; hasLe: boolean }>(db, sql`
    select table_name as "table", bool_or(column_name = 'legal_entity_id') as "hasLe"
    from information_schema.columns where table_schema = 'public' group by table_name order by table_name`);
  return rows.filter((r) => !SKIP.has(r.table));
}

/** Every UUID in the rows of the legal entity and in their child rows (one level of rows without a legal entity column). */
export async function idsOf(db: Db, legalEntityId: string): Promise<Set<string>> {
  const ids = new Set<string>([legalEntityId]);
  const list = await tables(db);
  for (const t of list.filter((x) => x.hasLe)) {
    const rows = await query<{ j: string }>(db, sql`select row_to_json(t)::text as j from ${sql.identifier(t.table)} t where legal_entity_id = ${legalEntityId}`);
    for (const r of rows) for (const id of r.j.match(UUID) ?? []) ids.add(id);
  }
  // Child rows: their own ids too (order lines, note revisions, users of the entity's associates …).
  for (const t of list.filter((x) => !x.hasLe)) {
    const rows = await query<{ j: string }>(db, sql`select row_to_json(t)::text as j from ${sql.identifier(t.table)} t`);
    for (const r of rows) {
      const found = r.j.match(UUID) ?? [];
      if (found.some((id) => ids.has(id))) for (const id of found) ids.add(id);
    }
  }
  return ids;
}

/**
 * Rows of the legal entity, and rows that mention one of its IDs (in tables without a legal entity column, or in the
 * rows of the legal entity `actor` whose calls are being checked), as sorted "table: json" lines.
 */
export async function snapshot(db: Db, legalEntityId: string, ids: Set<string>, actor = legalEntityId): Promise<string[]> {
  const out: string[] = [];
  for (const t of await tables(db)) {
    const rows = await query<{ j: string; own: boolean }>(db, t.hasLe
      ? sql`select row_to_json(t)::text as j, legal_entity_id = ${legalEntityId} as own from ${sql.identifier(t.table)} t
          where legal_entity_id in (${legalEntityId}, ${actor})`
      : sql`select row_to_json(t)::text as j, false as own from ${sql.identifier(t.table)} t`);
    for (const r of rows) {
      if (r.own || (r.j.match(UUID) ?? []).some((id) => ids.has(id))) out.push(`${t.table}: ${r.j}`);
    }
  }
  return out.sort();
}

export function diff(before: string[], after: string[]) {
  const a = new Set(after);
  const b = new Set(before);
  return { removed: before.filter((r) => !a.has(r)), added: after.filter((r) => !b.has(r)) };
}
