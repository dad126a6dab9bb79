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
  if (type === 'jsonb') return sql`${sql.param(arrayLiteral(values.map((v) => (v === null || v === undefined ? null : JSON.stringify(v)))))}::text[]`;
  return sql`${sql.param(arrayLiteral(values))}::${sql.raw(type)}[]`;
}

const QUOTE_OR_BACKSLASH = /["\\]/;
const ESCAPED = /["\\]/g;

/**
 * Values as the text of a PostgreSQL array ('{1,"a b","say \\"hi\\"",NULL}'): numbers and booleans bare, strings
 * quoted with their quotes and backslashes escaped, null and undefined as NULL. Built here in one pass because the
 * driver's own conversion of JS arrays (value by value, through several generic functions) was a fifth of an
 * import's CPU.
 */
export function arrayLiteral(values: readonly unknown[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    if (i) out += ',';
    const v = values[i];
    if (v === null || v === undefined) out += 'NULL';
    else if (typeof v === 'number' || typeof v === 'bigint') out += String(v);
    else if (typeof v === 'boolean') out += v ? 't' : 'f';
    else {
      const s = typeof v === 'string' ? v : v instanceof Date ? v.toISOString() : String(v);
      out += QUOTE_OR_BACKSLASH.test(s) ? `"${s.replace(ESCAPED, '\\$&')}"` : `"${s}"`;
    }
  }
  return out + '}';
}

/** `unnest(col1, col2, …) as x(name1, name2, …)` over the rows, one array parameter per column. */
export function unnestRows(columns: [string, string][], rows: Record<string, unknown>[]): SQL {
  return unnestColumns(columns, columns.map(([c]) => rows.map((r) => r[c])));
}

/** The same over values already gathered column by column (`values[i]` holds the values of `columns[i]`). */
export function unnestColumns(columns: [string, string][], values: unknown[][]): SQL {
  const arrays = columns.map(([, t], i) => column(values[i], t));
  return sql`unnest(${sql.join(arrays, sql`, `)}) as x(${sql.raw(columns.map(([c]) => c).join(', '))})`;
}

/** Rows gathered column by column, as unnest takes them: no object per row, nor a pass per column to pick it out. */
export class ColumnRows {
  readonly values: unknown[][];
  length = 0;
  constructor(readonly columns: [string, string][]) {
    this.values = columns.map(() => []);
  }
  /** One row: a value per column, in the columns' order. */
  add(...row: unknown[]) {
    for (let i = 0; i < row.length; i++) this.values[i].push(row[i]);
    this.length++;
  }
  unnest(): SQL { return unnestColumns(this.columns, this.values); }
  select(): SQL { return unnestSelect(this.columns); }
  names(): SQL { return sql.raw(this.columns.map(([c]) => c).join(', ')); }
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
export const textList = (values: string[]) => sql`(select unnest(${sql.param(arrayLiteral(values))}::text[]))`;

/** Values of a uuid list as a SQL set, through one array parameter. */
export const uuidList = (values: string[]) => sql`(select unnest(${sql.param(arrayLiteral(values))}::uuid[]))`;

/**
 * The rows of a legal entity's table with these keys, each found through the table's unique index on
 * (legal_entity_id, key), as `t`: select from it with `columns`. The legal entity is given as a sub-select so the plan
 * does not depend on how many rows the statistics think it has: statistics taken before a legal entity's first import
 * call it rare, and the planner then picks any index that starts with legal_entity_id and reads every row of the
 * legal entity for each key, slower with every batch. With the value hidden it counts on an average legal entity,
 * for which only the unique index finds one row.
 */
export function byLegalEntityKey(table: string, keyColumn: string, legalEntityId: string, keys: readonly string[], columns: SQL): SQL {
  return sql`select ${columns} from unnest(${arrayLiteral(keys)}::text[]) k(key)
    cross join lateral (select * from ${sql.identifier(table)} t
      where t.legal_entity_id = (select ${legalEntityId}::uuid) and t.${sql.identifier(keyColumn)} = k.key limit 1) t`;
}
