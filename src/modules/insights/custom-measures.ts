// Measures head office defines in SQL: a SELECT returning customer_id and value over the legal entity's own rows
// (checked by measure-sql-policy.ts, run by measure-sandbox.ts), only ever stored for that legal entity's customers.

import { sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';
import { columnName as col, columnNames } from '../../db/sql.ts';
import { customerMeasures as m, measureDefinitions as d } from './schema.ts';
import { AppError } from '../../http/errors.ts';
import { note, noteOf, type MeasureNote } from './measure-notes.ts';
import { insightsErrors } from './errors.ts';
import { BUILTIN_KEYS } from './builtin-measures.ts';
import { deleteStaleMeasures, upsertMeasures, type MeasureRow } from './measure-store.ts';
import { checkMeasureSql } from './measure-sql-policy.ts';
import { runMeasureQuery, type RawRow, type SandboxOptions } from './measure-sandbox.ts';
import type { SqlMeasureInput, SqlMeasurePatch, SqlMeasureRun, SqlValidation } from './insight-schemas.ts';

export { LEGAL_ENTITY_PLACEHOLDER, checkMeasureSql } from './measure-sql-policy.ts';
export type SqlRunOptions = SandboxOptions;
const VALIDATE_LIMIT = 1000;

export interface ConvertedRows { rows: { customerId: string; valueNumber: number | null; valueText: string | null }[]; errors: string[]; notes: MeasureNote[]; outside: number; duplicates: number }

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
    if (r.value === null) { /* a customer with no value */ }
    else if (format === 'date') valueText = /^\d{4}-\d{2}-\d{2}/.test(r.value) ? r.value.slice(0, 10) : r.value;
    else if (format === 'text') valueText = r.value;
    else {
      // Values come back as PostgreSQL's text: numbers parse, booleans count as 1 and 0.
      const n = r.value === 'true' ? 1 : r.value === 'false' ? 0 : r.value.trim() === '' ? Number.NaN : Number(r.value);
      if (!Number.isFinite(n)) { badValues++; continue; }
      valueNumber = n;
    }
    if (seen.has(r.customerId)) duplicates++;
    seen.set(r.customerId, { customerId: r.customerId, valueNumber, valueText });
  }
  if (outside) errors.push(`${outside} ${outside === 1 ? 'row refers' : 'rows refer'} to customers outside this legal entity (or to no customer); a measure may only return this legal entity's customers.`);
  if (badValues) errors.push(`${badValues} ${badValues === 1 ? 'value is' : 'values are'} not a number; choose the text format or return numbers.`);
  if (duplicates) errors.push(`${duplicates} customers appear more than once; return one row per customer.`);
  const notes = [
    ...(outside ? [note('rowsOutside', { count: outside })] : []), ...(badValues ? [note('valuesNotNumber', { count: badValues })] : []),
    ...(duplicates ? [note('duplicateCustomers', { count: duplicates })] : []),
  ];
  return { rows: [...seen.values()], errors, notes, outside, duplicates };
}

/** "Validate": runs the query with a LIMIT and reports rows and problems, storing nothing. */
export async function validateMeasureSql(db: Db, legalEntityId: string, input: { sqlText: string; format: string }, opts: SqlRunOptions): Promise<SqlValidation> {
  let body: string;
  try { body = await checkMeasureSql(input.sqlText); } catch (err) { return { ok: false, rowCount: 0, truncated: false, sample: [], errors: [(err as Error).message], notes: [noteOf(err)] }; }
  let raw: RawRow[];
  try { raw = await runMeasureQuery(db, legalEntityId, body, opts, VALIDATE_LIMIT + 1); } catch (err) {
    // A missing role is the operator's to fix, not the query's: it answers 409 rather than a failed validation.
    if (err instanceof AppError && err.code === insightsErrors.measure_role_missing.code) throw err;
    return { ok: false, rowCount: 0, truncated: false, sample: [], errors: [(err as Error).message], notes: [noteOf(err)] }; }
  const truncated = raw.length > VALIDATE_LIMIT;
  const converted = convert(raw.slice(0, VALIDATE_LIMIT), input.format);
  return {
    ok: converted.errors.length === 0, rowCount: converted.rows.length, truncated,
    sample: converted.rows.slice(0, 5).map((r) => ({ customerId: r.customerId, value: r.valueNumber ?? r.valueText })), errors: converted.errors,
    notes: converted.notes,
  };
}

export async function createSqlMeasure(db: Db, legalEntityId: string, input: SqlMeasureInput, opts: SqlRunOptions) {
  if (BUILTIN_KEYS.includes(input.key)) throw insightsErrors.builtin_measure_key(`"${input.key}" is a built-in measure.`, { field: 'key' });
  const v = await validateMeasureSql(db, legalEntityId, input, opts);
  if (!v.ok) throw insightsErrors.measure_validation_failed(v.errors.join(' '), { field: 'sqlText' });
  const existing = await query(db, sql`select 1 from ${d} where ${d.legalEntityId} = ${legalEntityId} and ${d.key} = ${input.key}`);
  if (existing.length) throw insightsErrors.measure_key_taken(`A measure with the key "${input.key}" already exists.`, { field: 'key' });
  await db.execute(sql`insert into ${d} (${columnNames(d.legalEntityId, d.key, d.name, d.description, d.source, d.format, d.sqlText)})
    values (${legalEntityId}, ${input.key}, ${input.name}, ${input.description ?? null}, 'sql', ${input.format}, ${await checkMeasureSql(input.sqlText)})`);
  return computeSqlMeasure(db, legalEntityId, input.key, opts);
}

export async function updateSqlMeasure(db: Db, legalEntityId: string, key: string, patch: SqlMeasurePatch, opts: SqlRunOptions) {
  const [def] = await query<{ source: string; format: string; sqlText: string | null }>(db, sql`
    select ${d.source} as "source", ${d.format} as "format", ${d.sqlText} as "sqlText" from ${d} where ${d.legalEntityId} = ${legalEntityId} and ${d.key} = ${key}`);
  if (!def) throw insightsErrors.measure_not_found('Measure was not found.');
  if (def.source !== 'sql' && (patch.sqlText !== undefined || patch.format !== undefined)) throw insightsErrors.measure_has_no_query('Only SQL measures have a query to change.', { field: 'sqlText' });
  const sqlText = patch.sqlText ?? def.sqlText;
  const checked = def.source === 'sql' ? await checkMeasureSql(sqlText!) : null;
  const format = patch.format ?? def.format;
  if (def.source === 'sql' && (patch.sqlText !== undefined || patch.format !== undefined)) {
    const v = await validateMeasureSql(db, legalEntityId, { sqlText: sqlText!, format }, opts);
    if (!v.ok) throw insightsErrors.measure_validation_failed(v.errors.join(' '), { field: 'sqlText' });
  }
  await db.execute(sql`update ${d} set
      ${col(d.name)} = coalesce(${patch.name ?? null}, ${d.name}),
      ${col(d.description)} = ${patch.description !== undefined ? sql`${patch.description}` : d.description},
      ${col(d.format)} = ${format}, ${col(d.sqlText)} = ${checked},
      ${col(d.enabled)} = coalesce(${patch.enabled ?? null}::boolean, ${d.enabled})
    where ${d.legalEntityId} = ${legalEntityId} and ${d.key} = ${key}`);
  if (def.source === 'sql' && (patch.sqlText !== undefined || patch.format !== undefined)) await computeSqlMeasure(db, legalEntityId, key, opts);
}

export async function deleteCustomMeasure(db: Db, legalEntityId: string, key: string) {
  await db.transaction(async (tx) => {
    const t: Db = tx;
    const rows = await query<{ source: string }>(t, sql`select ${d.source} as "source" from ${d} where ${d.legalEntityId} = ${legalEntityId} and ${d.key} = ${key}`);
    if (!rows[0]) throw insightsErrors.measure_not_found('Measure was not found.');
    if (rows[0].source === 'builtin') throw insightsErrors.builtin_measure_not_deletable('Built-in measures cannot be deleted; switch them off instead.', { field: 'key' });
    await t.execute(sql`delete from ${m} where ${m.legalEntityId} = ${legalEntityId} and ${m.measureKey} = ${key}`);
    await t.execute(sql`delete from ${d} where ${d.legalEntityId} = ${legalEntityId} and ${d.key} = ${key}`);
  });
}

/** Runs a saved SQL measure for the whole legal entity and replaces its values; a failure is kept on the definition. */
export async function computeSqlMeasure(db: Db, legalEntityId: string, key: string, opts: SqlRunOptions): Promise<SqlMeasureRun> {
  const [def] = await query<{ format: string; sqlText: string }>(db, sql`
    select ${d.format} as "format", ${d.sqlText} as "sqlText" from ${d} where ${d.legalEntityId} = ${legalEntityId} and ${d.key} = ${key} and ${d.source} = 'sql'`);
  if (!def) throw insightsErrors.measure_not_found('Measure was not found.');
  const computedAt = new Date().toISOString();
  let converted: ConvertedRows;
  try {
    converted = convert(await runMeasureQuery(db, legalEntityId, await checkMeasureSql(def.sqlText), opts, null), def.format);
  } catch (err) {
    if (err instanceof AppError && err.code === insightsErrors.measure_role_missing.code) throw err;
    const message = (err as Error).message;
    const notes = [noteOf(err)];
    await db.execute(sql`update ${d} set ${col(d.lastRunAt)} = ${computedAt}, ${col(d.lastError)} = ${message}, ${col(d.lastErrorNotes)} = ${JSON.stringify(notes)}::jsonb
      where ${d.legalEntityId} = ${legalEntityId} and ${d.key} = ${key}`);
    return { key, customers: 0, error: message, errorNotes: notes };
  }
  const rows: MeasureRow[] = converted.rows.map((r) => ({ ...r, measureKey: key, drivers: { source: 'sql', query: def.sqlText } }));
  // Rows for other legal entities' customers were already dropped; they are reported, never stored.
  const warning = converted.errors.length ? converted.errors.join(' ') : null;
  const notes = converted.notes.length ? converted.notes : null;
  await db.transaction(async (tx) => {
    const t: Db = tx;
    await upsertMeasures(t, legalEntityId, rows, computedAt);
    await deleteStaleMeasures(t, legalEntityId, [key], computedAt);
    await t.execute(sql`update ${d} set ${col(d.lastRunAt)} = ${computedAt}, ${col(d.lastError)} = ${warning}, ${col(d.lastErrorNotes)} = ${notes && JSON.stringify(notes)}::jsonb
      where ${d.legalEntityId} = ${legalEntityId} and ${d.key} = ${key}`);
  });
  return { key, customers: rows.length, error: warning, errorNotes: notes };
}

export async function computeAllSqlMeasures(db: Db, legalEntityId: string, opts: SqlRunOptions) {
  const defs = await query<{ key: string }>(db, sql`select ${d.key} as "key" from ${d} where ${d.legalEntityId} = ${legalEntityId} and ${d.source} = 'sql' and ${d.enabled}`);
  const out = [];
  for (const def of defs) {
    // Without the measure role every SQL measure fails alike: say so on each, and let the rest of the recompute run.
    out.push(await computeSqlMeasure(db, legalEntityId, def.key, opts).catch((err: unknown) => {
      if (!(err instanceof AppError)) throw err;
      return { key: def.key, customers: 0, error: err.message, errorNotes: [noteOf(err)] };
    }));
  }
  return out;
}
