import type { ScheduledJob } from '../../jobs/scheduler.ts';
import { queueDueReminders } from './reminders.ts';

// The outreach outbox's sender delivers what this queues.
export const jobs: ScheduledJob[] = [
  { name: 'appointments.reminders', cron: '*/10 * * * *', run: async (app) => { await queueDueReminders(app.db, app.config); } },
];
