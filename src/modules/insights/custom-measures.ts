// Measures head office defines in SQL: a SELECT returning customer_id and value, run read-only with the legal
// entity passed as a parameter, and only ever stored for customers of that legal entity.

import { sql, type SQL } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';
import { AppError } from '../../http/errors.ts';
import { BUILTIN_KEYS } from './builtin-measures.ts';
import { deleteStaleMeasures, upsertMeasures, type MeasureRow } from './measure-store.ts';

export const LEGAL_ENTITY_PLACEHOLDER = ':legal_entity_id';
const STATEMENT_TIMEOUT_MS = 15_000;
const VALIDATE_LIMIT = 1000;
// Tables holding credentials or other people's secrets: no measure has a reason to read them.
const FORBIDDEN = ['users', 'sessions', 'api_tokens', 'instance_settings', 'measure_providers', 'outreach_providers', 'webhook_secrets', 'audit_log'];

export interface SqlRunOptions { databaseKind: 'pglite' | 'postgres' }

/** Rejects what is not a single read query scoped by the placeholder, before anything runs. */
export function checkMeasureSql(text: string): string {
  const body = text.trim().replace(/;\s*$/, '');
  const fail = (message: string) => { throw new AppError('validation', message, { field: 'sqlText' }); };
  if (!body) fail('Write a SELECT returning customer_id and value.');
  if (!/^(select|with)\b/i.test(body)) fail('A measure is a single SELECT (or WITH … SELECT) statement; nothing that writes.');
  if (body.includes(';')) fail('Only one statement is allowed.');
  if (!body.includes(LEGAL_ENTITY_PLACEHOLDER)) fail(`Filter by the legal entity with the placeholder ${LEGAL_ENTITY_PLACEHOLDER}, e.g. "where o.legal_entity_id = ${LEGAL_ENTITY_PLACEHOLDER}".`);
  const forbidden = FORBIDDEN.find((t) => new RegExp(`\\b${t}\\b`, 'i').test(body));
  if (forbidden) fail(`The table "${forbidden}" holds credentials or logs and cannot be used in a measure.`);
  return body;
}

/** The legal entity id goes in as a bound parameter wherever the placeholder appears, never spliced as text. */
function bind(body: string, legalEntityId: string): SQL {
  const parts = body.split(LEGAL_ENTITY_PLACEHOLDER);
  return sql.join(parts.map((p) => sql.raw(p)), sql`${legalEntityId}::uuid`);
}

interface RawRow { customerId: string | null; value: unknown; inEntity: boolean }

async function runReadOnly(db: Db, legalEntityId: string, body: string, opts: SqlRunOptions, limit: number | null): Promise<RawRow[]> {
  try {
    return await db.transaction(async (tx) => {
      const t = tx as unknown as Db;
      await t.execute(sql`set transaction read only`);
      if (opts.databaseKind === 'postgres') await t.execute(sql.raw(`set local statement_timeout = ${STATEMENT_TIMEOUT_MS}`));
      const rows = await query<Omit<RawRow, 'inEntity'>>(t, sql`
        select q.customer_id::text as "customerId", q.value as "value" from (${bind(body, legalEntityId)}) as q
        ${limit ? sql`limit ${limit}` : sql``}`);
      // Membership is checked against the legal entity's customers in memory: a join on the user's subquery
      // would leave the plan to a planner that knows nothing about it.
      const own = new Set((await query<{ id: string }>(t, sql`select id::text as id from customers where legal_entity_id = ${legalEntityId}`)).map((r) => r.id));
      return rows.map((r) => ({ ...r, inEntity: r.customerId !== null && own.has(r.customerId.toLowerCase()) }));
    });
  } catch (err) {
    const e = err as { message?: string; cause?: { message?: string } };
    const message = e.cause?.message ?? e.message ?? String(err);
    throw new AppError('validation', `The query failed: ${message.replace(/^Failed query:[\s\S]*?\n/, '')}`, { field: 'sqlText' });
  }
}

export interface ConvertedRows { rows: { customerId: string; valueNumber: number | null; valueText: string | null }[]; errors: string[]; outside: number; duplicates: number }

function convert(raw: RawRow[], format: string): ConvertedRows {
  const errors: string[] = [];
  let outside = 0;
  let badValues = 0;
  const seen = new Map<string, { customerId: string; valueNumber: number | null; valueText: string | null }>();
  let duplicates = 0;
  for (const r of raw) {
    if (!r.customerId || !r.inEntity) { outside++; continue; }
    let valueNumber: number | null = null;
    let valueText: string | null = null;
    if (r.value === null || r.value === undefined) { /* a customer with no value */ }
    else if (format === 'text' || format === 'date') valueText = r.value instanceof Date ? r.value.toISOString().slice(0, 10) : String(r.value);
    else {
      const n = typeof r.value === 'number' ? r.value : Number(r.value);
      if (!Number.isFinite(n)) { badValues++; continue; }
      valueNumber = n;
    }
    if (seen.has(r.customerId)) duplicates++;
    seen.set(r.customerId, { customerId: r.customerId, valueNumber, valueText });
  }
  if (outside) errors.push(`${outside} ${outside === 1 ? 'row refers' : 'rows refer'} to customers outside this legal entity (or to no customer); a measure may only return this legal entity's customers.`);
  if (badValues) errors.push(`${badValues} ${badValues === 1 ? 'value is' : 'values are'} not a number; choose the text format or return numbers.`);
  if (duplicates) errors.push(`${duplicates} customers appear more than once; return one row per customer.`);
  return { rows: [...seen.values()], errors, outside, duplicates };
}

export interface SqlValidation { ok: boolean; rowCount: number; truncated: boolean; sample: { customerId: string; value: number | string | null }[]; errors: string[] }

/** "Validate": runs the query with a LIMIT and reports rows and problems, storing nothing. */
export async function validateMeasureSql(db: Db, legalEntityId: string, input: { sqlText: string; format: string }, opts: SqlRunOptions): Promise<SqlValidation> {
  let body: string;
  try { body = checkMeasureSql(input.sqlText); } catch (err) { return { ok: false, rowCount: 0, truncated: false, sample: [], errors: [(err as Error).message] }; }
  let raw: RawRow[];
  try { raw = await runReadOnly(db, legalEntityId, body, opts, VALIDATE_LIMIT + 1); } catch (err) { return { ok: false, rowCount: 0, truncated: false, sample: [], errors: [(err as Error).message] }; }
  const truncated = raw.length > VALIDATE_LIMIT;
  const converted = convert(raw.slice(0, VALIDATE_LIMIT), input.format);
  return {
    ok: converted.errors.length === 0, rowCount: converted.rows.length, truncated,
    sample: converted.rows.slice(0, 5).map((r) => ({ customerId: r.customerId, value: r.valueNumber ?? r.valueText })), errors: converted.errors,
  };
}

export interface SqlMeasureInput { key: string; name: string; description?: string | null; format: 'percent' | 'currency' | 'number' | 'text' | 'date'; sqlText: string }

export async function createSqlMeasure(db: Db, legalEntityId: string, input: SqlMeasureInput, opts: SqlRunOptions) {
  if (BUILTIN_KEYS.includes(input.key)) throw new AppError('conflict', `"${input.key}" is a built-in measure.`, { field: 'key' });
  const v = await validateMeasureSql(db, legalEntityId, input, opts);
  if (!v.ok) throw new AppError('unprocessable', v.errors.join(' '), { field: 'sqlText' });
  const existing = await query(db, sql`select 1 from measure_definitions where legal_entity_id = ${legalEntityId} and key = ${input.key}`);
  if (existing.length) throw new AppError('conflict', `A measure with the key "${input.key}" already exists.`, { field: 'key' });
  await db.execute(sql`insert into measure_definitions (legal_entity_id, key, name, description, source, format, sql_text)
    values (${legalEntityId}, ${input.key}, ${input.name}, ${input.description ?? null}, 'sql', ${input.format}, ${checkMeasureSql(input.sqlText)})`);
  return computeSqlMeasure(db, legalEntityId, input.key, opts);
}

export async function updateSqlMeasure(db: Db, legalEntityId: string, key: string, patch: Partial<Omit<SqlMeasureInput, 'key'>> & { enabled?: boolean }, opts: SqlRunOptions) {
  const [def] = await query<{ source: string; format: string; sqlText: string | null }>(db, sql`
    select source, format, sql_text as "sqlText" from measure_definitions where legal_entity_id = ${legalEntityId} and key = ${key}`);
  if (!def) throw new AppError('not_found', 'Measure was not found.');
  if (def.source !== 'sql' && (patch.sqlText !== undefined || patch.format !== undefined)) throw new AppError('validation', 'Only SQL measures have a query to change.', { field: 'sqlText' });
  const sqlText = patch.sqlText ?? def.sqlText;
  const format = patch.format ?? def.format;
  if (def.source === 'sql' && (patch.sqlText !== undefined || patch.format !== undefined)) {
    const v = await validateMeasureSql(db, legalEntityId, { sqlText: sqlText!, format }, opts);
    if (!v.ok) throw new AppError('unprocessable', v.errors.join(' '), { field: 'sqlText' });
  }
  await db.execute(sql`update measure_definitions set
      name = coalesce(${patch.name ?? null}, name),
      description = ${patch.description !== undefined ? sql`${patch.description}` : sql`description`},
      format = ${format}, sql_text = ${def.source === 'sql' ? checkMeasureSql(sqlText!) : null},
      enabled = coalesce(${patch.enabled ?? null}::boolean, enabled)
    where legal_entity_id = ${legalEntityId} and key = ${key}`);
  if (def.source === 'sql' && (patch.sqlText !== undefined || patch.format !== undefined)) await computeSqlMeasure(db, legalEntityId, key, opts);
}

export async function deleteCustomMeasure(db: Db, legalEntityId: string, key: string) {
  await db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    const rows = await query<{ source: string }>(t, sql`select source from measure_definitions where legal_entity_id = ${legalEntityId} and key = ${key}`);
    if (!rows[0]) throw new AppError('not_found', 'Measure was not found.');
    if (rows[0].source === 'builtin') throw new AppError('conflict', 'Built-in measures cannot be deleted; switch them off instead.', { field: 'key' });
    await t.execute(sql`delete from customer_measures where legal_entity_id = ${legalEntityId} and measure_key = ${key}`);
    await t.execute(sql`delete from measure_definitions where legal_entity_id = ${legalEntityId} and key = ${key}`);
  });
}

/** Runs a saved SQL measure for the whole legal entity and replaces its values; a failure is kept on the definition. */
export async function computeSqlMeasure(db: Db, legalEntityId: string, key: string, opts: SqlRunOptions): Promise<{ key: string; customers: number; error: string | null }> {
  const [def] = await query<{ format: string; sqlText: string }>(db, sql`
    select format, sql_text as "sqlText" from measure_definitions where legal_entity_id = ${legalEntityId} and key = ${key} and source = 'sql'`);
  if (!def) throw new AppError('not_found', 'Measure was not found.');
  const computedAt = new Date().toISOString();
  let converted: ConvertedRows;
  try {
    converted = convert(await runReadOnly(db, legalEntityId, checkMeasureSql(def.sqlText), opts, null), def.format);
  } catch (err) {
    const message = (err as Error).message;
    await db.execute(sql`update measure_definitions set last_run_at = ${computedAt}, last_error = ${message} where legal_entity_id = ${legalEntityId} and key = ${key}`);
    return { key, customers: 0, error: message };
  }
  const rows: MeasureRow[] = converted.rows.map((r) => ({ ...r, measureKey: key, drivers: { source: 'sql', query: def.sqlText } }));
  // Rows for other legal entities' customers were already dropped; they are reported, never stored.
  const warning = converted.errors.length ? converted.errors.join(' ') : null;
  await db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    await upsertMeasures(t, legalEntityId, rows, computedAt);
    await deleteStaleMeasures(t, legalEntityId, [key], computedAt);
    await t.execute(sql`update measure_definitions set last_run_at = ${computedAt}, last_error = ${warning} where legal_entity_id = ${legalEntityId} and key = ${key}`);
  });
  return { key, customers: rows.length, error: warning };
}

export async function computeAllSqlMeasures(db: Db, legalEntityId: string, opts: SqlRunOptions) {
  const defs = await query<{ key: string }>(db, sql`select key from measure_definitions where legal_entity_id = ${legalEntityId} and source = 'sql' and enabled`);
  const out = [];
  for (const d of defs) out.push(await computeSqlMeasure(db, legalEntityId, d.key, opts));
  return out;
}
