import os from 'node:os';
import type PgBoss from 'pg-boss';
import type { Database } from '../db/client.ts';
import type { Config } from '../config.ts';
import type { App } from '../http/types.ts';
import { createBoss, startBoss } from './boss.ts';
import { recordRunEnd, recordRunStart, type JobTrigger } from '../modules/jobs/queries.ts';
import { getLegalEntityLocale, listLegalEntityIds } from '../modules/organisation/queries.ts';

/** What a run is for: a legal entity (a per-legal-entity job), or the whole platform. */
export interface JobContext { legalEntityId: string | null }

/** A job a capability runs on a schedule, e.g. recomputing measures or mining rules; listed in src/capabilities.ts. */
export interface ScheduledJob {
  name: string;
  /** Cron (minute resolution), in UTC, or in each legal entity's time zone for a per-legal-entity job. JOB_SCHEDULES may override it. */
  cron: string;
  /** One job per legal entity, at the cron time in that legal entity's time zone, each retried and shown on its own. */
  perLegalEntity?: boolean;
  /** Attempts before the job goes to the dead letters (default 3), with back-off between them. */
  attempts?: number;
  /** The wait before the first retry, doubling each time (default 60 s). */
  retryDelaySeconds?: number;
  /** A run taking longer counts as failed and is retried (default 30 minutes). */
  timeoutMinutes?: number;
  run(app: App, ctx: JobContext): Promise<void>;
}

/** Work a working process keeps doing besides the scheduled jobs (the outbox sender). */
export interface WorkerLoop {
  name: string;
  start(app: App): { stop(): Promise<void> };
}

export const DEAD_LETTER_QUEUE = 'jobs.dead-letter';

/**
 * Creates a pg-boss queue unless it exists. pg-boss's create_queue adds a partition and a foreign key, so processes
 * starting together on a new database can deadlock on it: PostgreSQL then cancels one, which tries again.
 */
async function createQueueOnce(boss: PgBoss, name: string, options: Omit<PgBoss.Queue, 'name'>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    if (await boss.getQueue(name)) return;
    try {
      await boss.createQueue(name, { name, ...options } as PgBoss.Queue);
      return;
    } catch (err) {
      if ((err as { code?: string }).code !== '40P01' || attempt >= 8) throw err;
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 200 * attempt));
    }
  }
}
const PROCESS = `${os.hostname()}:${process.pid}`;

/** pg-boss queue of a job: per legal entity, the legal entity's id after a slash. */
export const queueName = (job: string, legalEntityId: string | null) => (legalEntityId ? `${job}/${legalEntityId}` : job);

interface Attempt { bossJobId: string | null; attempt: number; maxAttempts: number; trigger: JobTrigger }

/**
 * Runs one attempt of a job and records it (job_runs, metrics). Returns the error, if any, for the caller to hand to
 * pg-boss (which retries or dead-letters it).
 */
export async function runJobNow(app: App, job: ScheduledJob, ctx: JobContext = { legalEntityId: null },
  attempt: Attempt = { bossJobId: null, attempt: 1, maxAttempts: 1, trigger: 'manual' }): Promise<{ outcome: 'ok' | 'failed' | 'dead' | 'skipped'; error?: unknown }> {
  const runId = await recordRunStart(app.db, { job: job.name, legalEntityId: ctx.legalEntityId, process: PROCESS, ...attempt });
  // Already recorded: another process holds this attempt (pg-boss hands a job to one worker; this is the proof).
  if (!runId) return { outcome: 'skipped' };
  const started = performance.now();
  let outcome: 'ok' | 'failed' | 'dead' = 'ok';
  let error: unknown;
  try {
    await job.run(app, ctx);
  } catch (err) {
    error = err;
    outcome = attempt.attempt >= attempt.maxAttempts ? 'dead' : 'failed';
    app.log.error({ err, job: job.name, legalEntityId: ctx.legalEntityId, attempt: attempt.attempt }, 'scheduled job failed');
  } finally {
    app.metrics.jobRuns.inc({ job: job.name, outcome: outcome === 'ok' ? 'ok' : 'failed' });
    app.metrics.jobDuration.observe({ job: job.name, outcome: outcome === 'ok' ? 'ok' : 'failed' }, (performance.now() - started) / 1000);
    await recordRunEnd(app.db, runId, outcome, error === undefined ? null : String(error instanceof Error ? error.message : error))
      .catch((err) => app.log.error({ err, job: job.name }, 'recording a job run failed'));
  }
  return error === undefined ? { outcome } : { outcome, error };
}

interface JobData { legalEntityId?: string | null; trigger?: JobTrigger }

/**
 * The process's handle on pg-boss (app.jobs). Any process can send a job (set-up's retry button); a working process
 * (`worker`, or `serve` unless --no-jobs) also keeps the schedules, runs the jobs and the worker loops.
 */
export class JobQueue {
  private boss: PgBoss | null = null;
  private starting: Promise<PgBoss> | null = null;
  private working = false;
  private readonly workedQueues = new Set<string>();
  private loops: { stop(): Promise<void> }[] = [];
  private syncTimer: NodeJS.Timeout | null = null;
  private app: App | null = null;
  private onlyLegalEntities: readonly string[] | null = null;

  /** definitions: every capability's jobs (src/capabilities.ts). */
  constructor(private readonly database: Database, readonly definitions: readonly ScheduledJob[], private readonly config: Config) {}

  /** The job's cron: JOB_SCHEDULES's if set there. */
  cronOf(job: ScheduledJob): string {
    return this.config.jobSchedules[job.name] ?? job.cron;
  }

  private start(working: boolean): Promise<PgBoss> {
    if (!this.starting) {
      this.starting = (async () => {
        const boss = createBoss(this.database, { working });
        boss.on('error', (err) => this.app?.log.error({ err }, 'job queue error'));
        await startBoss(this.database, boss);
        await createQueueOnce(boss, DEAD_LETTER_QUEUE, {});
        this.boss = boss;
        return boss;
      })();
      this.starting.catch(() => { this.starting = null; });
    }
    return this.starting;
  }

  /** Starts scheduling and running the jobs, and the worker loops, in this process. */
  async startWorking(app: App, loops: readonly WorkerLoop[], opts: { onlyLegalEntities?: readonly string[] } = {}): Promise<void> {
    this.app = app;
    // Tests schedule their own legal entities only, not every one in the shared test database.
    this.onlyLegalEntities = opts.onlyLegalEntities ?? null;
    if (this.starting && !this.working) {
      // A send-only instance started first (a request came in): start over as a worker.
      await (await this.starting).stop({ graceful: false, wait: true });
      this.starting = null;
    }
    this.working = true;
    await this.start(true);
    await this.syncSchedules();
    // Legal entities added later get their schedules within minutes.
    this.syncTimer = setInterval(() => { void this.syncSchedules().catch((err) => app.log.error({ err }, 'job schedules sync failed')); }, 5 * 60_000);
    this.syncTimer.unref();
    this.loops = loops.map((l) => l.start(app));
  }

  /** Creates each job's queue (per legal entity where the job is) and cron schedule, and works the new queues. */
  async syncSchedules(): Promise<void> {
    const app = this.app!;
    const boss = await this.start(this.working);
    const legalEntities: { id: string; timeZone: string }[] = [];
    if (this.definitions.some((j) => j.perLegalEntity)) {
      for (const id of this.onlyLegalEntities ?? await listLegalEntityIds(app.db)) legalEntities.push({ id, timeZone: (await getLegalEntityLocale(app.db, id))?.timeZone ?? 'UTC' });
    }
    for (const job of this.definitions) {
      const targets = job.perLegalEntity ? legalEntities : [{ id: null, timeZone: 'UTC' }];
      for (const target of targets) {
        const name = queueName(job.name, target.id);
        await this.ensureQueue(boss, job, name);
        await boss.schedule(name, this.cronOf(job), { legalEntityId: target.id } satisfies JobData, { tz: target.timeZone });
        await this.workQueue(boss, job, name);
      }
    }
  }

  private async workQueue(boss: PgBoss, job: ScheduledJob, name: string) {
    if (!this.working || this.workedQueues.has(name)) return;
    this.workedQueues.add(name);
    const app = this.app!;
    await boss.work<JobData>(name, { includeMetadata: true, batchSize: 1, pollingIntervalSeconds: this.pollSeconds() }, async ([bossJob]) => {
      const res = await runJobNow(app, job, { legalEntityId: bossJob.data.legalEntityId ?? null }, {
        bossJobId: bossJob.id, attempt: bossJob.retryCount + 1, maxAttempts: bossJob.retryLimit + 1, trigger: bossJob.data.trigger ?? 'schedule',
      });
      // pg-boss retries a job whose handler throws (with back-off), and after the last attempt moves it to the dead letters.
      if (res.error !== undefined) throw res.error instanceof Error ? res.error : new Error(String(res.error));
    });
  }

  private async ensureQueue(boss: PgBoss, job: ScheduledJob, name: string) {
    await createQueueOnce(boss, name, {
      // One queued and one running at most: a cron time passing while a run goes on queues one more, not a pile.
      policy: 'stately',
      retryLimit: (job.attempts ?? 3) - 1,
      retryDelay: job.retryDelaySeconds ?? 60,
      retryBackoff: true,
      expireInSeconds: (job.timeoutMinutes ?? 30) * 60,
      deadLetter: DEAD_LETTER_QUEUE,
    });
  }

  private pollSeconds(): number {
    return this.config.jobPollSeconds ?? (this.database.kind === 'pglite' ? 10 : 5);
  }

  /** The cron schedules pg-boss holds (each job's, per legal entity where the job is). */
  async schedules(): Promise<{ name: string; cron: string; timezone: string; data: unknown }[]> {
    return (await this.start(this.working)).getSchedules() as never;
  }

  /** Queues a run of a job now (set-up's retry). Null when one is already queued (it will run soon). */
  async send(job: ScheduledJob, legalEntityId: string | null, trigger: JobTrigger): Promise<string | null> {
    const boss = await this.start(this.working);
    const name = queueName(job.name, job.perLegalEntity ? legalEntityId : null);
    await this.ensureQueue(boss, job, name);
    // A legal entity newer than the last schedules sync: this process works its queue from now on.
    await this.workQueue(boss, job, name);
    return boss.send(name, { legalEntityId: job.perLegalEntity ? legalEntityId : null, trigger } satisfies JobData);
  }

  /** Stops taking jobs and resolves once the running ones and the worker loops have finished (graceful shutdown). */
  async stop(): Promise<void> {
    if (this.syncTimer) clearInterval(this.syncTimer);
    const loops = this.loops.map((l) => l.stop());
    const starting = this.starting;
    this.starting = null;
    if (starting) {
      const boss = await starting.catch(() => null);
      await boss?.stop({ graceful: true, wait: true, timeout: 24 * 3_600_000 });
    }
    await Promise.all(loops);
  }
}
