import { sql } from 'drizzle-orm';
import { query } from '../db/client.ts';
import type { App } from '../http/types.ts';
import { scheduledJobs } from '../capabilities.ts';

/** A job a capability runs on a schedule, e.g. recomputing measures or mining rules; listed in src/capabilities.ts. */
export interface ScheduledJob {
  name: string;
  everyMs: number;
  run(app: App): Promise<void>;
}

/**
 * Claims a job's run in the database so that, with several server processes on one PostgreSQL,
 * each scheduled run happens once.
 */
export async function claimRun(app: App, job: ScheduledJob): Promise<boolean> {
  const rows = await query(app.db, sql`
    insert into scheduled_job_runs (name, last_started_at) values (${job.name}, now())
    on conflict (name) do update set last_started_at = now()
      where scheduled_job_runs.last_started_at < now() - (${job.everyMs}::int * interval '1 millisecond') + interval '1 second'
    returning name`);
  return rows.length > 0;
}

export async function runJobNow(app: App, job: ScheduledJob): Promise<void> {
  const started = performance.now();
  let outcome: 'ok' | 'failed' = 'ok';
  try {
    await job.run(app);
    await app.db.execute(sql`update scheduled_job_runs set last_finished_at = now(), last_error = null where name = ${job.name}`);
  } catch (err) {
    outcome = 'failed';
    app.log.error({ err, job: job.name }, 'scheduled job failed');
    await app.db.execute(sql`update scheduled_job_runs set last_error = ${String(err)} where name = ${job.name}`).catch(() => {});
  } finally {
    app.metrics.jobRuns.inc({ job: job.name, outcome });
    app.metrics.jobDuration.observe({ job: job.name, outcome }, (performance.now() - started) / 1000);
  }
}

export interface BackgroundJobs {
  /** Starts no further run and resolves once the runs under way have finished (graceful shutdown waits for it). */
  stop(): Promise<void>;
}

export function startBackgroundJobs(app: App, jobs: readonly ScheduledJob[] = scheduledJobs): BackgroundJobs {
  const timers: NodeJS.Timeout[] = [];
  const running = new Set<Promise<void>>();
  let stopped = false;
  for (const job of jobs) {
    let current: Promise<void> | null = null;
    const tick = () => {
      // A run still going when the next tick comes is left to finish, not joined by a second one.
      if (stopped || current) return;
      const run = current = (async () => {
        if (await claimRun(app, job).catch(() => false)) await runJobNow(app, job);
      })().catch((err) => app.log.error({ err, job: job.name }, 'scheduled job tick failed'));
      running.add(run);
      void run.finally(() => { running.delete(run); current = null; });
    };
    timers.push(setInterval(tick, Math.min(job.everyMs, 60_000)));
    const first = setTimeout(tick, 2_000);
    first.unref();
    timers.push(first);
  }
  return {
    async stop() {
      stopped = true;
      timers.forEach(clearTimeout);
      await Promise.all([...running]);
    },
  };
}
