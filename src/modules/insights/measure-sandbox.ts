// Where a head-office SQL measure runs, once the parser has accepted it (measure-sql-policy.ts): as the role
// clienteling_measure, which can read only the legal entity's own rows of the measure views (migration 0012), in a
// transaction that is read-only once it has recorded the legal entity and is always rolled back, so nothing the query sets outlives it, with a cost ceiling,
// a statement timeout (PostgreSQL) and bounded results.
//
// Statements left as raw SQL here on purpose (#15 names everything else through schema objects): the catalogue
// look-ups (pg_roles, pg_class) and ANALYZE, which name the measure views' tables by the SQL names the policy lists
// (MEASURE_VIEWS, the same names as the views), not drizzle objects; SET TRANSACTION, set_config and SET ROLE, which
// name no table; measure_run_context, the sandbox's own table, created by migration 0012 outside any schema.ts
// (declaring it there would make drizzle-kit create it again); and the measure itself, which is head office's SQL.
// The sql-names check is told so in NOT_SCHEMA_NAMES (sql-names.ts).

import { sql, type SQL } from 'drizzle-orm';
import { note, withNote } from './measure-notes.ts';
import { query, type Db } from '../../db/client.ts';
import { AppError } from '../../http/errors.ts';
import { insightsErrors } from './errors.ts';
import { customers } from '../customers/schema.ts';
import { LEGAL_ENTITY_PLACEHOLDER, MEASURE_SCHEMA, MEASURE_VIEWS } from './measure-sql-policy.ts';

export const MEASURE_ROLE = 'clienteling_measure';
/** Text longer than this is cut: a value is a figure or a short label on a customer card. */
export const MAX_VALUE_CHARS = 1000;

export interface MeasureLimits {
  /** PostgreSQL cancels the query after this long (PGlite cannot interrupt a query: the cost ceiling guards it). */
  statementTimeoutMs: number;
  /** The planner's estimated total cost above which a measure is refused before it runs. */
  maxCost: number;
  /** Rows a run may return at most, whatever the legal entity's size. */
  maxRows: number;
}
export const DEFAULT_MEASURE_LIMITS: MeasureLimits = { statementTimeoutMs: 15_000, maxCost: 10_000_000, maxRows: 2_000_000 };

export function measureLimits(config: { measureStatementTimeoutMs: number; measureMaxCost: number; measureMaxRows: number }): MeasureLimits {
  return { statementTimeoutMs: config.measureStatementTimeoutMs, maxCost: config.measureMaxCost, maxRows: config.measureMaxRows };
}

export interface SandboxOptions { databaseKind: 'pglite' | 'postgres'; limits?: Partial<MeasureLimits> }
export interface RawRow { customerId: string | null; value: string | null; inEntity: boolean }

class Rollback extends Error {}

/** The legal entity id goes in as a bound parameter wherever the placeholder appears, never spliced as text. */
function bind(body: string, legalEntityId: string): SQL {
  return sql.join(body.split(LEGAL_ENTITY_PLACEHOLDER).map((p) => sql.raw(p)), sql`${legalEntityId}::uuid`);
}

const ROLE_MISSING = `SQL measures need the database role ${MEASURE_ROLE}, with SELECT on the ${MEASURE_SCHEMA} views and the application's `
  + 'database user a member of it. An administrator creates them with "npx clienteling db roles --app-user <user>" (see "Database roles" in the README).';

/** The role exists, the app may become it and it may read the views: otherwise a clear 409, not a permission error. */
async function checkMeasureRole(db: Db): Promise<void> {
  const [r] = await query<{ member: boolean; usage: boolean; reads: boolean }>(db, sql`
    select pg_has_role(current_user, r.oid, 'MEMBER') as member,
           has_schema_privilege(r.oid, ${MEASURE_SCHEMA}, 'USAGE') as usage,
           has_table_privilege(r.oid, ${`${MEASURE_SCHEMA}.customers`}, 'SELECT') and has_function_privilege(r.oid, 'public.measure_run_legal_entity()', 'EXECUTE') as reads
    from pg_roles r where r.rolname = ${MEASURE_ROLE}`);
  if (!r?.member || !r.usage || !r.reads) throw insightsErrors.measure_role_missing(ROLE_MISSING, { field: 'sqlText' });
}

/**
 * The cost ceiling is only as good as the planner's row estimates. A table never analyzed is guessed at a handful of
 * rows per legal entity, which makes a cartesian product look cheap; PGlite runs no autovacuum, so analyze such
 * tables first (once: later growth is scaled from the table's size). A non-owner on PostgreSQL is skipped with a warning.
 */
async function analyzeUnknownTables(db: Db): Promise<void> {
  const rows = await query<{ name: string }>(db, sql`
    select quote_ident(c.relname) as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind = 'r' and c.reltuples < 0 and c.relname in (${sql.join(MEASURE_VIEWS.map((v) => sql`${v}`), sql`, `)})`);
  if (rows.length) await db.execute(sql.raw(`analyze ${rows.map((r) => `public.${r.name}`).join(', ')}`));
}

function planCost(plan: unknown): number {
  const rows = plan as { 'QUERY PLAN'?: unknown }[];
  let doc = rows[0]?.['QUERY PLAN'];
  if (typeof doc === 'string') doc = JSON.parse(doc);
  const cost = (doc as { Plan?: { 'Total Cost'?: number } }[])[0]?.Plan?.['Total Cost'];
  return typeof cost === 'number' ? cost : Number.POSITIVE_INFINITY;
}

/** Every scan of a measure view's table in the plan, once per scan (a table read eight times counts eight times). */
function scannedTables(plan: unknown): string[] {
  const rows = plan as { 'QUERY PLAN'?: unknown }[];
  let doc = rows[0]?.['QUERY PLAN'];
  if (typeof doc === 'string') doc = JSON.parse(doc);
  const found: string[] = [];
  const walk = (node: { 'Relation Name'?: string; Plans?: unknown[] } | undefined) => {
    if (!node) return;
    const rel = node['Relation Name'];
    if (rel && (MEASURE_VIEWS as readonly string[]).includes(rel)) found.push(rel);
    for (const child of node.Plans ?? []) walk(child as typeof node);
  };
  walk((doc as { Plan?: { Plans?: unknown[] } }[])[0]?.Plan);
  return found;
}

/**
 * How far the planner may have underestimated the plan, from the rows the legal entity really has. The views filter
 * by the legal entity of the run, which the planner guesses from statistics: with stale ones (PGlite runs no
 * autovacuum) or many legal entities it can take 15 orders for 2, and then eight orders joined with no condition look
 * like 2^8 rows when they are 15^8, a query that runs for days. Each scanned view's real row count over the
 * planner's guess for the whole view scales the cost once per scan: exact for a cartesian product, the worst case,
 * and 1 when the statistics hold. Runs as the measure role, inside the run's read-only transaction.
 */
async function worstCaseFactor(t: Db, plan: unknown): Promise<number> {
  const scans = scannedTables(plan);
  const factors = new Map<string, number>();
  for (const table of new Set(scans)) {
    const view = sql`${sql.identifier(MEASURE_SCHEMA)}.${sql.identifier(table)}`;
    const guessed = planRows(await query(t, sql`explain (format json) select * from ${view}`));
    const [{ n }] = await query<{ n: number }>(t, sql`select count(*)::float8 as n from ${view}`);
    factors.set(table, Math.max(1, n / Math.max(1, guessed)));
  }
  return scans.reduce((f, table) => f * factors.get(table)!, 1);
}

function planRows(plan: unknown): number {
  const rows = plan as { 'QUERY PLAN'?: unknown }[];
  let doc = rows[0]?.['QUERY PLAN'];
  if (typeof doc === 'string') doc = JSON.parse(doc);
  const n = (doc as { Plan?: { 'Plan Rows'?: number } }[])[0]?.Plan?.['Plan Rows'];
  return typeof n === 'number' ? n : 1;
}

function failure(err: unknown, limits: MeasureLimits): AppError {
  if (err instanceof AppError) return err;
  const e = err as { message?: string; code?: string; cause?: { message?: string; code?: string } };
  const code = e.cause?.code ?? e.code;
  if (code === '57014') {
    return withNote(insightsErrors.measure_query_timeout(`The query ran longer than ${limits.statementTimeoutMs / 1000} s and was stopped.`, { field: 'sqlText' }),
      note('queryTimeout', { seconds: limits.statementTimeoutMs / 1000 }));
  }
  const message = (e.cause?.message ?? e.message ?? String(err)).replace(/^Failed query:[\s\S]*?\n/, '');
  // The database's own message stays in its words; the sentence around it is translated.
  return withNote(insightsErrors.measure_query_failed(`The query failed: ${message}`, { field: 'sqlText' }), note('queryFailed', { error: message }));
}

/**
 * Runs an accepted measure for one legal entity and returns its rows (customer id and value as text, both cut to
 * size), each marked whether the customer belongs to the legal entity. At most `limit` rows, and never more than
 * the legal entity has customers (plus one, so an excess shows) or the configured ceiling.
 */
export async function runMeasureQuery(db: Db, legalEntityId: string, body: string, opts: SandboxOptions, limit: number | null): Promise<RawRow[]> {
  const limits = { ...DEFAULT_MEASURE_LIMITS, ...opts.limits };
  await checkMeasureRole(db);
  await analyzeUnknownTables(db);
  // Membership is checked in memory against the legal entity's customers: a join on the user's subquery would
  // leave the plan to a planner that knows nothing about it.
  const own = new Set((await query<{ id: string }>(db, sql`select ${customers.id}::text as "id" from ${customers} where ${customers.legalEntityId} = ${legalEntityId}`)).map((r) => r.id));
  const cap = Math.min(limit ?? Number.POSITIVE_INFINITY, own.size + 1, limits.maxRows);
  let rows: { customerId: string | null; value: string | null }[] = [];
  try {
    await db.transaction(async (tx) => {
      const t: Db = tx;
      // The views read the legal entity from this row, seen by this transaction only and gone with its rollback.
      await t.execute(sql`insert into measure_run_context (legal_entity_id) values (${legalEntityId})`);
      await t.execute(sql`set transaction read only`);
      // All transaction-local, and the transaction is rolled back: the session is as it was, whatever happens.
      await t.execute(sql`select set_config('statement_timeout', ${String(limits.statementTimeoutMs)}, true),
        set_config('search_path', ${`${MEASURE_SCHEMA}, pg_catalog, pg_temp`}, true)`);
      await t.execute(sql.raw(`set local role ${MEASURE_ROLE}`));
      const plan = await query(t, sql`explain (format json) ${bind(body, legalEntityId)}`);
      let cost = planCost(plan);
      // PGlite cannot stop a query once it runs, so there the estimate must not be too low (see worstCaseFactor).
      if (opts.databaseKind === 'pglite' && cost <= limits.maxCost) cost *= await worstCaseFactor(t, plan);
      if (cost > limits.maxCost) {
        throw withNote(insightsErrors.measure_query_too_costly(`The query is too costly to run: the planner estimates ${Math.round(cost).toLocaleString('en')}, above the ceiling of ${limits.maxCost.toLocaleString('en')} (MEASURE_MAX_COST). Join on keys and filter early.`, { field: 'sqlText' }),
          note('queryTooCostly', { cost: Math.round(cost), max: limits.maxCost }));
      }
      // The measure sits on lines of its own, so a trailing -- comment in it ends there.
      rows = await query(t, sql`
        select left(q.customer_id::text, 64) as "customerId", left(q.value::text, ${MAX_VALUE_CHARS}) as "value"
        from (
${bind(body, legalEntityId)}
) as q limit ${cap}`);
      throw new Rollback();
    });
  } catch (err) {
    if (!(err instanceof Rollback)) throw failure(err, limits);
  }
  if (rows.length > own.size) {
    throw withNote(insightsErrors.measure_query_too_many_rows(`The query returns more rows than the legal entity has customers (${own.size}); return one row per customer.`, { field: 'sqlText' }),
      note('queryTooManyRows', { customers: own.size }));
  }
  return rows.map((r) => ({ ...r, inEntity: r.customerId !== null && own.has(r.customerId.toLowerCase()) }));
}
