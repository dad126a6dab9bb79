import { legalEntities } from '../organisation/schema.ts';
import type { ScheduledJob } from '../../jobs/scheduler.ts';
import { mineLegalEntity } from './mining-job.ts';

// Rules are refreshed nightly: baskets change slowly, and serving reads the stored rules.
export const jobs: ScheduledJob[] = [
  {
    name: 'recommendations.mine',
    everyMs: 24 * 60 * 60_000,
    async run(app) {
      const entities = await app.db.select({ id: legalEntities.id }).from(legalEntities).orderBy(legalEntities.code);
      for (const le of entities) {
        // One legal entity's failure (logged in its run) must not stop the others.
        try {
          const run = await mineLegalEntity(app.db, le.id, { trigger: 'schedule' });
          app.log.info({ legalEntityId: le.id, baskets: run.baskets, rules: run.rules, ms: run.durationMs }, 'recommendation rules mined');
        } catch (err) {
          app.log.error({ err, legalEntityId: le.id }, 'recommendation mining failed');
        }
      }
    },
  },
];
