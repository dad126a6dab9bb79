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
  try {
    await job.run(app);
    await app.db.execute(sql`update scheduled_job_runs set last_finished_at = now(), last_error = null where name = ${job.name}`);
  } catch (err) {
    app.log.error({ err, job: job.name }, 'scheduled job failed');
    await app.db.execute(sql`update scheduled_job_runs set last_error = ${String(err)} where name = ${job.name}`);
  }
}

export function startBackgroundJobs(app: App): { stop(): void } {
  const timers: NodeJS.Timeout[] = [];
  let stopped = false;
  for (const job of scheduledJobs) {
    const tick = async () => {
      if (stopped) return;
      if (await claimRun(app, job).catch(() => false)) await runJobNow(app, job);
    };
    timers.push(setInterval(tick, Math.min(job.everyMs, 60_000)));
    setTimeout(tick, 2_000).unref();
  }
  return { stop() { stopped = true; timers.forEach(clearInterval); } };
}
