import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const scheduledJobRuns = pgTable('scheduled_job_runs', {
  name: text().primaryKey(),
  lastStartedAt: timestamp({ withTimezone: true, mode: 'string' }).notNull(),
  lastFinishedAt: timestamp({ withTimezone: true, mode: 'string' }),
  lastError: text(),
});
