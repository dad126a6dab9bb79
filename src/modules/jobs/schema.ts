import { sql } from 'drizzle-orm';
import { pgTable, uuid, text, timestamp, integer, index, uniqueIndex, check } from 'drizzle-orm/pg-core';
import { legalEntities } from '../organisation/schema.ts';

/**
 * One attempt of a background job (pg-boss runs them; this is what set-up shows): which job, for which legal entity
 * (none for platform upkeep), which process ran it and how it ended. `dead` is the last attempt's failure: the job
 * went to the dead-letter queue and waits for someone to retry it.
 */
export const jobRuns = pgTable('job_runs', {
  id: uuid().primaryKey().default(sql`gen_random_uuid()`),
  job: text().notNull(),
  legalEntityId: uuid().references(() => legalEntities.id, { onDelete: 'cascade' }),
  /** The pg-boss job; null for a run started directly (a test, a command). */
  bossJobId: uuid(),
  attempt: integer().notNull().default(1),
  maxAttempts: integer().notNull().default(1),
  trigger: text().notNull(),
  /** host:pid of the process that ran it. */
  process: text().notNull(),
  outcome: text().notNull().default('running'),
  error: text(),
  startedAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  finishedAt: timestamp({ withTimezone: true, mode: 'string' }),
}, (t) => [
  // One row per attempt of a pg-boss job: a second process taking the same attempt would fail here.
  uniqueIndex('job_runs_boss_attempt').on(t.bossJobId, t.attempt),
  index('job_runs_le_started').on(t.legalEntityId, t.startedAt),
  index('job_runs_started').on(t.startedAt),
  check('job_runs_outcome', sql`${t.outcome} in ('running', 'ok', 'failed', 'dead')`),
  check('job_runs_trigger', sql`${t.trigger} in ('schedule', 'retry', 'manual')`),
]);
