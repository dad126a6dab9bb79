import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import { alias, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import { toSnakeCase } from 'drizzle-orm/casing';
import { query, type Db } from './client.ts';
import { columnName, columnNames } from './sql.ts';

// Set-based writes and lookups for bulk loads (imports): rows travel as one array parameter per column and are
// unnested on the server, named through the drizzle schema objects so a renamed column is a type error.

/**
 * A column of unnested values: a schema column (its SQL name and type come from the schema), or a value that is no
 * column of the table written (a key to look something up by), with its name and PostgreSQL type.
 */
export type BulkColumn = PgColumn | { name: string; type: string };

const nameOf = (c: BulkColumn) => ('table' in c ? columnName(c) : sql.identifier(c.name));
const typeOf = (c: BulkColumn) => ('table' in c ? c.getSQLType() : c.type);

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
  // The usual arrays (IDs, keys, amounts) are all numbers or all strings with nothing to escape: one join builds them
  // flat, where appending value by value left a rope of short strings for the garbage collector (a seventh of all
  // an import allocated).
  if (values.length) {
    const first = typeof values[0];
    if (first === 'number' || first === 'string') {
      let plain = true;
      for (let i = 0; i < values.length && plain; i++) {
        const v = values[i];
        plain = typeof v === first && (first === 'number' || !QUOTE_OR_BACKSLASH.test(v as string));
      }
      if (plain) return first === 'number' ? `{${values.join(',')}}` : `{"${values.join('","')}"}`;
    }
  }
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

/** `unnest(col1, col2, …) as x(name1, name2, …)`, `values[i]` holding the values of `columns[i]`. */
export function unnestColumns(columns: readonly BulkColumn[], values: unknown[][]): SQL {
  const arrays = columns.map((c, i) => column(values[i], typeOf(c)));
  return sql`unnest(${sql.join(arrays, sql`, `)}) as x(${sql.join(columns.map(nameOf), sql`, `)})`;
}

/** The select list reading the unnested columns (`x.name`) with their types (jsonb is cast back from text). */
export function unnestSelect(columns: readonly BulkColumn[]): SQL {
  return sql.join(columns.map((c) => (typeOf(c) === 'jsonb' ? sql`x.${nameOf(c)}::jsonb` : sql`x.${nameOf(c)}`)), sql`, `);
}

/** One unnested value, `x.name`, for use beside unnestColumns/ColumnRows. */
export const unnested = (c: BulkColumn) => sql`x.${nameOf(c)}`;

/** Rows gathered column by column, as unnest takes them: no object per row, nor a pass per column to pick it out. */
export class ColumnRows {
  readonly values: unknown[][];
  length = 0;
  constructor(readonly columns: readonly BulkColumn[]) {
    this.values = columns.map(() => []);
  }
  /** One row: a value per column, in the columns' order. */
  add(...row: unknown[]) {
    for (let i = 0; i < row.length; i++) this.values[i].push(row[i]);
    this.length++;
  }
  unnest(): SQL { return unnestColumns(this.columns, this.values); }
  select(): SQL { return unnestSelect(this.columns); }
  names(): SQL { return sql.join(this.columns.map(nameOf), sql`, `); }
}

type ColumnsOf<T extends PgTable> = T['_']['columns'];
type Key<T extends PgTable> = keyof ColumnsOf<T> & string;

export interface UpsertSpec<T extends PgTable> {
  table: T;
  /** The columns written; each row object has these keys (the schema's camelCase names). */
  columns: readonly Key<T>[];
  conflict: readonly Key<T>[];
  /** Columns an update may change; the row is only touched when one of them differs, so a re-run changes nothing. */
  update: readonly Key<T>[];
  /** Extra assignments on update, e.g. updated_at = now(). */
  alsoSet?: SQL;
  /** Extra condition for an update, e.g. not to overwrite erased customers. */
  updateWhen?: SQL;
  /** Expression identifying the row in RETURNING, matched against the input's keys. */
  returnKey: SQL;
}

export interface UpsertResult { key: string; inserted: boolean }

/** One multi-row INSERT … SELECT FROM unnest(…) ON CONFLICT … DO UPDATE … WHERE changed. */
export async function upsertRows<T extends PgTable>(db: Db, spec: UpsertSpec<T>, rows: Partial<Record<Key<T>, unknown>>[]): Promise<UpsertResult[]> {
  if (!rows.length) return [];
  const all = getTableColumns(spec.table) as Record<string, PgColumn>;
  const cols = spec.columns.map((k) => all[k]);
  const update = spec.update.map((k) => all[k]);
  const set = sql.join([...update.map((c) => sql`${columnName(c)} = excluded.${columnName(c)}`), ...(spec.alsoSet ? [spec.alsoSet] : [])], sql`, `);
  const changed = sql`(${sql.join(update.map((c) => c), sql`, `)}) is distinct from (${sql.join(update.map((c) => sql`excluded.${columnName(c)}`), sql`, `)})`;
  return query<UpsertResult>(db, sql`insert into ${spec.table} (${columnNames(...cols)})
    select ${unnestSelect(cols)} from ${unnestColumns(cols, spec.columns.map((k) => rows.map((r) => r[k])))}
    on conflict (${columnNames(...spec.conflict.map((k) => all[k]))}) do update set ${set}
    where ${changed}${spec.updateWhen ? sql` and ${spec.updateWhen}` : sql``}
    returning ${spec.returnKey} as key, (xmax = 0) as inserted`);
}

/** Values of a text list as a SQL set, through one array parameter (for `x in ${textList(…)}`). */
export const textList = (values: string[]) => sql`(select unnest(${sql.param(arrayLiteral(values))}::text[]))`;

/** Values of a uuid list as a SQL set, through one array parameter. */
export const uuidList = (values: string[]) => sql`(select unnest(${sql.param(arrayLiteral(values))}::uuid[]))`;

type KeyedTable = PgTable & { legalEntityId: PgColumn };

/**
 * The rows of a legal entity's table with these keys, each found through the table's unique index on
 * (legal_entity_id, key), aliased `t`: `columns(t)` selects from it. The legal entity is given as a sub-select so the plan
 * does not depend on how many rows the statistics think it has: statistics taken before a legal entity's first import
 * call it rare, and the planner then picks any index that starts with legal_entity_id and reads every row of the
 * legal entity for each key, slower with every batch. With the value hidden it counts on an average legal entity,
 * for which only the unique index finds one row.
 */
export function byLegalEntityKey<T extends KeyedTable>(table: T, keyColumn: Key<T>, legalEntityId: string, keys: readonly string[],
  columns: (t: T) => SQL): SQL {
  const t = alias(table, 't') as unknown as T;
  const key = (t as unknown as Record<string, PgColumn>)[keyColumn];
  return sql`select ${columns(t)} from unnest(${arrayLiteral(keys)}::text[]) k(key)
    cross join lateral (select * from ${table} as ${sql.identifier('t')}
      where ${t.legalEntityId} = (select ${legalEntityId}::uuid) and ${key} = k.key limit 1) as ${sql.identifier('t')}`;
}


/** A column's name in the database (the JSON field jsonb_to_recordset matches it by). */
const dbName = (c: PgColumn) => (c.keyAsName ? toSnakeCase(c.name) : c.name);

/**
 * Inserts whole rows (keyed by the columns' TypeScript names) through one jsonb parameter per chunk of 2,000: far
 * faster than bound parameters per value on PGlite. For generated data (the demo); only the table's owner calls it.
 */
export async function insertRecords(db: Db, table: PgTable, rows: Record<string, unknown>[]): Promise<void> {
  // The recordset's fields carry the rows' keys, its columns the table's names.
  const cols = Object.entries(getTableColumns(table) as Record<string, PgColumn>).filter(([key]) => rows.some((r) => r[key] !== undefined));
  const names = columnNames(...cols.map(([, c]) => c));
  const defs = sql.join(cols.map(([, c]) => sql`${columnName(c)} ${sql.raw(c.getSQLType())}`), sql`, `);
  for (let i = 0; i < rows.length; i += 2000) {
    const chunk = rows.slice(i, i + 2000);
    await db.execute(sql`insert into ${table} (${names})
      select ${names} from jsonb_to_recordset(${JSON.stringify(chunk.map((r) => Object.fromEntries(cols.map(([key, c]) => [dbName(c), r[key] ?? null]))))}::jsonb) as x(${defs})`);
  }
}
