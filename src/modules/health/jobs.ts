import { sql } from 'drizzle-orm';
import type { ScheduledJob } from '../../jobs/scheduler.ts';
import { deleteOldRateLimitWindows } from '../../http/rate-limit.ts';

export const jobs: ScheduledJob[] = [
  {
    // PostgreSQL vacuums and analyses tables by itself (autovacuum); the embedded PGlite database has no such worker,
    // so dead rows would pile up, index-only scans would visit the heap, and the planner would plan with stale
    // statistics. A few times a day is enough for a store's pace of change; it holds the one connection while it runs.
    name: 'health.embedded-vacuum',
    cron: '40 */6 * * *',
    async run(app) {
      if (app.database.kind !== 'pglite') return;
      const started = Date.now();
      await app.db.execute(sql`vacuum (analyze)`);
      app.log.info({ ms: Date.now() - started }, 'embedded database vacuumed and analysed');
    },
  },
  {
    // Rate limits count requests per client and minute in the database; yesterday's counts limit nothing.
    name: 'health.rate-limit-cleanup',
    cron: '17 * * * *',
    async run(app) {
      await deleteOldRateLimitWindows(app.db);
    },
  },
];
