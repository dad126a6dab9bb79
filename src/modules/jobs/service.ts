import type { Db } from '../../db/client.ts';
import type { JobQueue } from '../../jobs/scheduler.ts';
import { jobErrors } from './errors.ts';
import { getRun, listRuns, type JobOutcome, type JobRunRow } from './queries.ts';

const iso = (t: string | null) => (t === null ? null : new Date(t).toISOString());

function present(r: JobRunRow) {
  return { ...r, platform: r.legalEntityId === null, startedAt: iso(r.startedAt)!, finishedAt: iso(r.finishedAt) };
}

/** The jobs the platform runs, with their schedules (per legal entity ones in the legal entity's time zone). */
export function describeJobs(jobs: JobQueue, timeZone: string) {
  return jobs.definitions.map((j) => ({
    name: j.name,
    cron: jobs.cronOf(j),
    timeZone: j.perLegalEntity ? timeZone : 'UTC',
    perLegalEntity: !!j.perLegalEntity,
    attempts: j.attempts ?? 3,
  }));
}

export async function listJobRuns(db: Db, legalEntityId: string, q: { outcome?: JobOutcome; job?: string; limit?: number }) {
  const rows = await listRuns(db, legalEntityId, { outcome: q.outcome, job: q.job, limit: q.limit ?? 100 });
  return rows.map(present);
}

/** Queues a new run of a failed run's job (for the same legal entity); false when one is already waiting to run. */
export async function retryJobRun(db: Db, jobs: JobQueue, legalEntityId: string, runId: string): Promise<{ queued: boolean }> {
  const run = await getRun(db, legalEntityId, runId);
  if (!run) throw jobErrors.run_not_found('No such job run in this legal entity.');
  if (run.outcome !== 'failed' && run.outcome !== 'dead') throw jobErrors.job_not_retryable('Only a failed run can be retried.');
  const job = jobs.definitions.find((j) => j.name === run.job);
  if (!job) throw jobErrors.job_not_retryable('This job no longer exists.');
  const id = await jobs.send(job, run.legalEntityId, 'retry');
  return { queued: id !== null };
}
