import type { ScheduledJob } from '../../jobs/scheduler.ts';
import { runAttribution } from './engine.ts';

// New sales and returns are credited every ten minutes; the processed watermark makes each run incremental.
export const jobs: ScheduledJob[] = [
  {
    name: 'attribution.run',
    cron: '*/10 * * * *',
    perLegalEntity: true,
    async run(app, { legalEntityId }) {
      const r = await runAttribution(app.db, legalEntityId!);
      if (r.orderLines || r.returnLines) app.log.info({ legalEntityId, ...r }, 'sales attributed');
    },
  },
];
