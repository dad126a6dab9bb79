import type { ScheduledJob } from '../../jobs/scheduler.ts';
import { deleteRunsBefore } from './queries.ts';

export const jobs: ScheduledJob[] = [
  {
    // Set-up shows the last weeks of runs; older ones tell nobody anything.
    name: 'jobs.prune-runs',
    cron: '30 4 * * *',
    async run(app) {
      const deleted = await deleteRunsBefore(app.db, new Date(Date.now() - 30 * 86_400_000).toISOString());
      if (deleted) app.log.info({ deleted }, 'old job runs deleted');
    },
  },
];
