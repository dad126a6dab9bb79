import type { ScheduledJob, WorkerLoop } from '../../jobs/scheduler.ts';
import { autoSendPrompt } from './auto-send.ts';
import { startOutboxSender } from './outbox-sender.ts';
import { runPrompts } from './prompts.ts';

export const jobs: ScheduledJob[] = [
  {
    // Prompts are idempotent per occasion, so running more than daily only catches up sooner after downtime.
    name: 'outreach-prompts',
    cron: '0 */6 * * *',
    perLegalEntity: true,
    async run(app, { legalEntityId }) {
      await runPrompts(app.db, legalEntityId!, new Date(), (c, s) => autoSendPrompt(app.db, legalEntityId!, c, s));
    },
  },
];

// The outbox is sent continuously by every working process (claims keep them apart), not on a schedule.
export const loops: WorkerLoop[] = [
  { name: 'outreach.outbox', start: (app) => startOutboxSender(app.db, app.config, app.log) },
];
