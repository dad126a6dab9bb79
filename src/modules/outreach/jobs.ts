import { asc } from 'drizzle-orm';
import { legalEntities } from '../organisation/schema.ts';
import type { ScheduledJob } from '../../jobs/scheduler.ts';
import { autoSendPrompt } from './auto-send.ts';
import { deliverDueMessages } from './outbox.ts';
import { runPrompts } from './prompts.ts';

export const jobs: ScheduledJob[] = [
  {
    // Prompts are idempotent per occasion, so running more than daily only catches up sooner after downtime.
    name: 'outreach-prompts',
    everyMs: 6 * 3_600_000,
    async run(app) {
      const les = await app.db.select({ id: legalEntities.id }).from(legalEntities).orderBy(asc(legalEntities.code));
      for (const le of les) await runPrompts(app.db, le.id, new Date(), (c, s) => autoSendPrompt(app.db, le.id, c, s));
    },
  },
  {
    name: 'outreach-deliver',
    everyMs: 15_000,
    async run(app) {
      // Drain in pages so one run does not hold many messages past their lease.
      while ((await deliverDueMessages(app.db, app.config, { limit: 50 })) > 0) { /* next page */ }
    },
  },
];
