import type { ScheduledJob } from '../../jobs/scheduler.ts';
import { queueDueReminders } from './reminders.ts';

// The outreach outbox's own job delivers what this queues.
export const jobs: ScheduledJob[] = [
  { name: 'appointments.reminders', everyMs: 10 * 60_000, run: async (app) => { await queueDueReminders(app.db, app.config); } },
];
