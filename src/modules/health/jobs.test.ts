import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { testApp } from '../../../test/app.ts';
import { query } from '../../db/client.ts';
import { runJobNow } from '../../jobs/scheduler.ts';
import { scheduledJobs } from '../../capabilities.ts';

let app: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => { app = await testApp(); });
afterAll(async () => { await app.close(); });

describe('embedded database upkeep', () => {
  it('vacuums and analyses PGlite, which has no autovacuum, and leaves PostgreSQL to its own', async () => {
    const job = scheduledJobs.find((j) => j.name === 'health.embedded-vacuum');
    expect(job).toBeDefined();
    await app.db.execute(sql`insert into scheduled_job_runs (name, last_started_at) values (${job!.name}, now()) on conflict (name) do update set last_started_at = now()`);
    await runJobNow(app, job!);
    const [run] = await query<{ lastError: string | null; finished: boolean }>(app.db, sql`select last_error as "lastError", last_finished_at is not null as finished
      from scheduled_job_runs where name = ${job!.name}`);
    expect(run).toEqual({ lastError: null, finished: true });
    const [{ vacuumed }] = await query<{ vacuumed: boolean }>(app.db, sql`select last_vacuum is not null and last_analyze is not null as vacuumed
      from pg_stat_user_tables where relname = 'customers'`);
    expect(vacuumed).toBe(app.database.kind === 'pglite');
  });
});
