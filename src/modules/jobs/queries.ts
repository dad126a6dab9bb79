import { and, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { jobRuns } from './schema.ts';

export type JobOutcome = 'running' | 'ok' | 'failed' | 'dead';
export type JobTrigger = 'schedule' | 'retry' | 'manual';

export interface JobRunStart {
  job: string; legalEntityId: string | null; bossJobId: string | null; attempt: number; maxAttempts: number; trigger: JobTrigger; process: string;
}

/** Records an attempt as running; null when this attempt of this pg-boss job is already recorded (someone else runs it). */
export async function recordRunStart(db: Db, run: JobRunStart): Promise<string | null> {
  const rows = await db.insert(jobRuns).values(run).onConflictDoNothing({ target: [jobRuns.bossJobId, jobRuns.attempt] }).returning({ id: jobRuns.id });
  return rows[0]?.id ?? null;
}

export async function recordRunEnd(db: Db, id: string, outcome: Exclude<JobOutcome, 'running'>, error: string | null): Promise<void> {
  await db.update(jobRuns).set({ outcome, error, finishedAt: sql`now()` }).where(eq(jobRuns.id, id));
}

export interface JobRunRow {
  id: string; job: string; legalEntityId: string | null; attempt: number; maxAttempts: number; trigger: JobTrigger;
  process: string; outcome: JobOutcome; error: string | null; startedAt: string; finishedAt: string | null;
}

/** A legal entity's runs and the platform's own (no legal entity), newest first. */
export async function listRuns(db: Db, legalEntityId: string, opts: { outcome?: JobOutcome; job?: string; limit: number }): Promise<JobRunRow[]> {
  const r = jobRuns;
  const rows = await db.select({
    id: r.id, job: r.job, legalEntityId: r.legalEntityId, attempt: r.attempt, maxAttempts: r.maxAttempts, trigger: r.trigger,
    process: r.process, outcome: r.outcome, error: r.error, startedAt: r.startedAt, finishedAt: r.finishedAt,
  }).from(r)
    .where(and(
      or(eq(r.legalEntityId, legalEntityId), isNull(r.legalEntityId)),
      opts.outcome ? eq(r.outcome, opts.outcome) : undefined,
      opts.job ? eq(r.job, opts.job) : undefined,
    ))
    .orderBy(desc(r.startedAt)).limit(opts.limit);
  return rows as JobRunRow[];
}

export async function getRun(db: Db, legalEntityId: string, id: string): Promise<JobRunRow | undefined> {
  const r = jobRuns;
  const rows = await db.select({
    id: r.id, job: r.job, legalEntityId: r.legalEntityId, attempt: r.attempt, maxAttempts: r.maxAttempts, trigger: r.trigger,
    process: r.process, outcome: r.outcome, error: r.error, startedAt: r.startedAt, finishedAt: r.finishedAt,
  }).from(r).where(and(eq(r.id, id), or(eq(r.legalEntityId, legalEntityId), isNull(r.legalEntityId))));
  return rows[0] as JobRunRow | undefined;
}

/** How many runs of a job ended each way since a time (the set-up summary). */
export async function countRunsSince(db: Db, legalEntityId: string, since: string) {
  const r = jobRuns;
  return db.select({ job: r.job, outcome: r.outcome, runs: sql<number>`count(*)::int`, lastStartedAt: sql<string>`max(${r.startedAt})` })
    .from(r).where(and(or(eq(r.legalEntityId, legalEntityId), isNull(r.legalEntityId)), sql`${r.startedAt} >= ${since}::timestamptz`))
    .groupBy(r.job, r.outcome);
}

export async function deleteRunsBefore(db: Db, before: string): Promise<number> {
  const rows = await db.delete(jobRuns).where(lt(jobRuns.startedAt, before)).returning({ id: jobRuns.id });
  return rows.length;
}
