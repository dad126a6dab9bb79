import type { ScheduledJob } from '../../jobs/scheduler.ts';
import { secretKey } from '../../db/secret-key.ts';
import { allLegalEntityIds, recomputeAllMeasures } from './recompute.ts';
import { measureLimits } from './measure-sandbox.ts';

export const jobs: ScheduledJob[] = [
  {
    name: 'insights.recompute-measures',
    everyMs: 24 * 60 * 60 * 1000,
    async run(app) {
      const key = await secretKey(app.db, app.config.secretKey);
      for (const legalEntityId of await allLegalEntityIds(app.db)) {
        // One legal entity's bad SQL measure or unreachable provider must not stop the others.
        try {
          const r = await recomputeAllMeasures(app.db, legalEntityId, { databaseKind: app.database.kind, limits: measureLimits(app.config), secretKey: key });
          app.log.info({ legalEntityId, customers: r.customersScored, ms: r.timingsMs.total }, 'insight measures recomputed');
        } catch (err) {
          app.log.error({ err, legalEntityId }, 'insight measures recompute failed');
        }
      }
    },
  },
];
