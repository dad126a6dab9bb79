import type { ScheduledJob } from '../../jobs/scheduler.ts';
import { secretKey } from '../../db/secret-key.ts';
import { recomputeAllMeasures } from './recompute.ts';
import { measureLimits } from './measure-sandbox.ts';

export const jobs: ScheduledJob[] = [
  {
    // Nightly at 02:00 in the legal entity's time zone, when the stores are closed; each legal entity on its own, so
    // one's bad SQL measure or unreachable provider fails (and is retried) without holding back the others.
    name: 'insights.recompute-measures',
    cron: '0 2 * * *',
    perLegalEntity: true,
    timeoutMinutes: 4 * 60,
    async run(app, { legalEntityId }) {
      const key = await secretKey(app.db, app.config.secretKey);
      const r = await recomputeAllMeasures(app.db, legalEntityId!, { databaseKind: app.database.kind, limits: measureLimits(app.config), secretKey: key });
      app.log.info({ legalEntityId, customers: r.customersScored, ms: r.timingsMs.total }, 'insight measures recomputed');
    },
  },
];
