import PgBoss from 'pg-boss';
import type { Database } from '../db/client.ts';

/**
 * pg-boss on the application's own database handle: the PostgreSQL pool, or the embedded PGlite (one connection,
 * which pg-boss shares with the app; PGlite queues the queries). pg-boss keeps its tables in its own schema, pgboss,
 * and creates or migrates them on start.
 */
export function bossDb(database: Database): { executeSql(text: string, values?: unknown[]): Promise<{ rows: any[] }> } {
  if (database.pool) {
    const pool = database.pool;
    // Without values the simple protocol runs pg-boss's multi-statement scripts (its migrations) in one round trip.
    return { executeSql: (text, values) => (values?.length ? pool.query(text, values) : pool.query(text)) };
  }
  const pglite = database.pglite!;
  return {
    async executeSql(text, values) {
      if (values?.length) return pglite.query(text, values);
      const results = await pglite.exec(text);
      return results[results.length - 1] ?? { rows: [] };
    },
  };
}

export interface BossOptions {
  /** A worker maintains the queues and sends the cron jobs; a process that only sends jobs (a web process with jobs off) does not. */
  working: boolean;
}

export function createBoss(database: Database, opts: BossOptions): PgBoss {
  return new PgBoss({
    db: bossDb(database),
    schema: 'pgboss',
    supervise: opts.working,
    schedule: opts.working,
    // Once a minute is often enough to see that a cron time has come (pg-boss's own floor is one minute).
    cronMonitorIntervalSeconds: 30,
    // Completed jobs are kept a week (the set-up page reads job_runs, not these).
    deleteAfterDays: 7,
  } as PgBoss.ConstructorOptions);
}

const INSTALL_LOCK = 72_541_002;

/**
 * Starts pg-boss, which creates its schema on a new database. pg-boss serialises that with a lock taken inside its own
 * transaction, but PostgreSQL checks CREATE SCHEMA IF NOT EXISTS against catalogue caches that transaction read before it
 * waited, so a second process starting at the same moment still fails on the schema the first just created. A lock
 * held for the whole start, on a connection of its own, makes the second find pg-boss installed.
 */
export async function startBoss(database: Database, boss: PgBoss): Promise<void> {
  if (!database.pool) {
    await boss.start();
    return;
  }
  const client = await database.pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [INSTALL_LOCK]);
    await boss.start();
  } finally {
    await client.query('select pg_advisory_unlock($1)', [INSTALL_LOCK]).catch(() => {});
    client.release();
  }
}

export { PgBoss };
