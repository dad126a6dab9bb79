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
    expect(await runJobNow(app, job!)).toEqual({ outcome: 'ok' });
    const [{ vacuumed }] = await query<{ vacuumed: boolean }>(app.db, sql`select last_vacuum is not null and last_analyze is not null as vacuumed
      from pg_stat_user_tables where relname = 'customers'`);
    expect(vacuumed).toBe(app.database.kind === 'pglite');
  });
});
