import { sql } from 'drizzle-orm';
import { query } from '../../db/client.ts';
import type { ScheduledJob } from '../../jobs/scheduler.ts';
import { runAttribution } from './engine.ts';

// New sales and returns are credited every ten minutes; the processed watermark makes each run incremental.
export const jobs: ScheduledJob[] = [
  {
    name: 'attribution.run',
    everyMs: 10 * 60_000,
    async run(app) {
      const entities = await query<{ id: string }>(app.db, sql`select id from legal_entities order by code`);
      for (const le of entities) {
        const r = await runAttribution(app.db, le.id);
        if (r.orderLines || r.returnLines) app.log.info({ legalEntityId: le.id, ...r }, 'sales attributed');
      }
    },
  },
];
