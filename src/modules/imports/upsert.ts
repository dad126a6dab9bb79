import { sql, type SQL } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';

export interface UpsertSpec {
  table: string;
  /** Column name and PostgreSQL type; each row object has these (snake_case) keys. */
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
 * One column of values as a single array parameter. Arrays keep the statement tiny and its parsing cheap however many
 * rows it carries (thousands of placeholders or a jsonb document cost far more on the server). jsonb travels as text.
 */
export function column(values: unknown[], type: string): SQL {
  if (type === 'jsonb') return sql`${sql.param(values.map((v) => (v === null || v === undefined ? null : JSON.stringify(v))))}::text[]`;
  return sql`${sql.param(values.map((v) => (v === undefined ? null : v)))}::${sql.raw(type)}[]`;
}

/** `unnest(col1, col2, …) as x(name1, name2, …)` over the rows, one array parameter per column. */
export function unnestRows(columns: [string, string][], rows: Record<string, unknown>[]): SQL {
  const arrays = columns.map(([c, t]) => column(rows.map((r) => r[c]), t));
  return sql`unnest(${sql.join(arrays, sql`, `)}) as x(${sql.raw(columns.map(([c]) => c).join(', '))})`;
}

/** The select list reading the unnested columns with their types (jsonb is cast back from text). */
export function unnestSelect(columns: [string, string][]): SQL {
  return sql.raw(columns.map(([c, t]) => (t === 'jsonb' ? `x.${c}::jsonb` : `x.${c}`)).join(', '));
}

/** One multi-row INSERT … SELECT FROM unnest(…) ON CONFLICT … DO UPDATE … WHERE changed. */
export async function upsertRows(db: Db, spec: UpsertSpec, rows: Record<string, unknown>[]): Promise<UpsertResult[]> {
  if (!rows.length) return [];
  const cols = spec.columns.map(([c]) => c).join(', ');
  const set = [...spec.update.map((c) => `${c} = excluded.${c}`), ...(spec.alsoSet ? [spec.alsoSet] : [])].join(', ');
  const changed = `(${spec.update.map((c) => `${spec.table}.${c}`).join(', ')}) is distinct from (${spec.update.map((c) => `excluded.${c}`).join(', ')})`;
  const when = spec.updateWhen ? ` and ${spec.updateWhen}` : '';
  return query<UpsertResult>(db, sql`insert into ${sql.raw(spec.table)} (${sql.raw(cols)})
    select ${unnestSelect(spec.columns)} from ${unnestRows(spec.columns, rows)}
    on conflict (${sql.raw(spec.conflict.join(', '))}) do update set ${sql.raw(set)} where ${sql.raw(changed + when)}
    returning ${sql.raw(spec.returnKey)} as key, (xmax = 0) as inserted`);
}

/** Values of a text list as a SQL set, through one array parameter (for `x in ${textList(…)}`). */
export const textList = (values: string[]) => sql`(select unnest(${sql.param(values)}::text[]))`;

/** Values of a uuid list as a SQL set, through one array parameter. */
export const uuidList = (values: string[]) => sql`(select unnest(${sql.param(values)}::uuid[]))`;
