import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import { sql, type SQL } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';

// One handle type for both drivers: the query builder and `execute` behave the same.
export type Db = PgDatabase<PgQueryResultHKT, Record<string, never>>;

export interface Database {
  kind: 'pglite' | 'postgres';
  db: Db;
  close(): Promise<void>;
  /** The PGlite instance when embedded (for tools that want a pg-like client). */
  pglite?: PGlite;
  pool?: pg.Pool;
}

export const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/**
 * Settings of every database session, on PostgreSQL and PGlite alike. Typo-tolerant search ("<%", word similarity)
 * matches at 0.4 rather than pg_trgm's 0.6: a swapped pair of letters in a short name ("durnad" for Durand) shares
 * three of seven trigrams (0.43), which 0.6 misses; the results are ranked by similarity, so looser candidates sort last.
 */
const SESSION_SETTINGS: [string, string][] = [['pg_trgm.word_similarity_threshold', '0.4']];

export interface OpenOptions {
  databaseUrl?: string;
  /** PGlite data directory; `memory://` for an in-memory database. */
  dataDir?: string;
  /** PGlite: start from a dump of another data directory (`dumpDataDir`), e.g. one already migrated. */
  loadDataDir?: Blob;
  poolSize?: number;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    // JIT compilation pays for long analytical queries; for this application's short ones its compile time (a few
    // hundred milliseconds whenever a plan's estimated cost crosses jit_above_cost) would be the whole response time.
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10, options: `-c jit=off ${SESSION_SETTINGS.map(([k, v]) => `-c ${k}=${v}`).join(' ')}` });
    // Timestamps come back as ISO strings on both drivers; dates as YYYY-MM-DD strings.
    // The two drivers' database types differ only in their result HKT; `Db` is the shape both share, so this (and the
    // PGlite line below) is the one place a driver's handle is widened to it. A transaction of either is a `Db`.
    const db = drizzleNodePg(pool, { casing: "snake_case" }) as unknown as Db;
    return { kind: 'postgres', db, pool, close: () => pool.end() };
  }
  const dir = opts.dataDir ?? 'memory://';
  if (!dir.startsWith('memory://')) fs.mkdirSync(dir, { recursive: true });
  const pglite = await PGlite.create(dir, { extensions: { pg_trgm, btree_gist }, ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}) });
  // One session for the life of the process: its settings hold for every query.
  for (const [k, v] of SESSION_SETTINGS) await pglite.query(`select set_config($1, $2, false)`, [k, v]);
  const db = drizzlePglite(pglite, { casing: "snake_case" }) as unknown as Db;
  return { kind: 'pglite', db, pglite, close: () => pglite.close() };
}

const MIGRATION_LOCK = 72_541_001;

/** Applies the committed SQL migrations; safe to call from several processes at once on PostgreSQL. */
export async function runMigrations(database: Database): Promise<void> {
  if (database.kind === 'pglite') {
    await migratePglite(database.db as any, { migrationsFolder });
    return;
  }
  // Up to date: nothing to run, so an application user without DDL rights starts (see "Database roles" in the README).
  if (await migrationsApplied(database.db)) return;
  const client = await database.pool!.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await migrateNodePg(drizzleNodePg(client) as any, { migrationsFolder });
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    client.release();
  }
}

/** True when the database holds every committed migration (what a readiness check asks). */
export async function migrationsApplied(db: Db): Promise<boolean> {
  const files = readMigrationFiles({ migrationsFolder });
  const latest = Math.max(...files.map((f) => f.folderMillis));
  const { lastCreatedAt } = await migrationVersion(db);
  return lastCreatedAt !== null && Date.parse(lastCreatedAt) >= latest;
}

export async function migrationVersion(db: Db): Promise<{ applied: number; lastCreatedAt: string | null }> {
  try {
    const rows = await query<{ n: number; last: string | null }>(
      db,
      sql`select count(*)::int as n, max(created_at)::text as last from drizzle.__drizzle_migrations`,
    );
    const last = rows[0]?.last;
    // drizzle records each migration's creation time in epoch milliseconds.
    return { applied: rows[0]?.n ?? 0, lastCreatedAt: last ? new Date(Number(last)).toISOString() : null };
  } catch {
    return { applied: 0, lastCreatedAt: null };
  }
}

/** Runs raw SQL and returns its rows, the same shape on PGlite and node-postgres. */
export async function query<T = Record<string, unknown>>(db: Db, statement: SQL): Promise<T[]> {
  const res = (await db.execute(statement)) as unknown as { rows: T[] };
  return res.rows;
}
