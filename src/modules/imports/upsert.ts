import { sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';

export interface UpsertSpec {
  table: string;
  /** Column name and PostgreSQL type, in the order of the row objects' keys (snake_case). */
  columns: [string, string][];
  conflict: string[];
  /** Columns an update may change; the row is only touched when one of them differs, so a re-run changes nothing. */
  update: string[];
  /** Extra assignments on update, e.g. "updated_at = now()". */
  alsoSet?: string;
  /** Extra condition for an update, e.g. not to overwrite erased customers. */
  updateWhen?: string;
  /** Expression identifying the row in RETURNING, matched against `keyOf` of the input. */
  returnKey: string;
}

export interface UpsertResult { key: string; inserted: boolean }

/**
 * One multi-row INSERT … ON CONFLICT … DO UPDATE … WHERE changed, fed as a single jsonb parameter
 * (jsonb_to_recordset), which keeps the statement small and fast for thousands of rows.
 */
export async function upsertRows(db: Db, spec: UpsertSpec, rows: Record<string, unknown>[]): Promise<UpsertResult[]> {
  if (!rows.length) return [];
  const cols = spec.columns.map(([c]) => c).join(', ');
  const defs = spec.columns.map(([c, t]) => `${c} ${t}`).join(', ');
  const set = [...spec.update.map((c) => `${c} = excluded.${c}`), ...(spec.alsoSet ? [spec.alsoSet] : [])].join(', ');
  const changed = `(${spec.update.map((c) => `${spec.table}.${c}`).join(', ')}) is distinct from (${spec.update.map((c) => `excluded.${c}`).join(', ')})`;
  const when = spec.updateWhen ? ` and ${spec.updateWhen}` : '';
  return query<UpsertResult>(db, sql`insert into ${sql.raw(spec.table)} (${sql.raw(cols)})
    select ${sql.raw(cols)} from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(${sql.raw(defs)})
    on conflict (${sql.raw(spec.conflict.join(', '))}) do update set ${sql.raw(set)} where ${sql.raw(changed + when)}
    returning ${sql.raw(spec.returnKey)} as key, (xmax = 0) as inserted`);
}

/** Values of a text list as a SQL array, through one jsonb parameter. */
export const textList = (values: string[]) => sql`(select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))`;
