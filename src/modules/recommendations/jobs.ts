import type { ScheduledJob } from '../../jobs/scheduler.ts';
import { mineLegalEntity } from './mining-job.ts';

// Rules are refreshed nightly (03:00 in the legal entity's time zone, after the measures): baskets change slowly, and
// serving reads the stored rules.
export const jobs: ScheduledJob[] = [
  {
    name: 'recommendations.mine',
    cron: '0 3 * * *',
    perLegalEntity: true,
    timeoutMinutes: 2 * 60,
    async run(app, { legalEntityId }) {
      const run = await mineLegalEntity(app.db, legalEntityId!, { trigger: 'schedule' });
      app.log.info({ legalEntityId, baskets: run.baskets, rules: run.rules, ms: run.durationMs }, 'recommendation rules mined');
    },
  },
];
