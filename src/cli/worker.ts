import { buildApp } from '../http/app.ts';
import { openConfiguredDatabase } from './database.ts';
import { workerLoops } from '../capabilities.ts';

/**
 * `clienteling worker`: runs the background jobs (pg-boss: cron schedules, retries, dead letters) and sends the
 * outbox, serving no HTTP. Run one or more beside web processes started with `serve --no-jobs`; on one PostgreSQL
 * each job runs once and each message is sent once however many run.
 */
export async function workerCommand(flags: Record<string, string | boolean>): Promise<number> {
  const { config, database } = await openConfiguredDatabase(flags);
  const app = await buildApp(database, config);
  await app.ready();
  await app.jobs.startWorking(app, workerLoops);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal, timeoutMs: config.shutdownTimeoutMs }, 'worker shutting down: finishing the jobs and outbox batch in progress');
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => { timer = setTimeout(() => resolve('timeout'), config.shutdownTimeoutMs); });
    const outcome = await Promise.race([app.close().then(() => 'finished' as const), timedOut]).catch((err) => { app.log.error({ err }, 'shutdown failed'); return 'failed' as const; });
    clearTimeout(timer);
    if (outcome !== 'finished') app.log.warn({ outcome }, 'worker shutdown did not finish the work in progress in time; stopping anyway');
    await database.close().catch((err) => app.log.error({ err }, 'closing the database failed'));
    process.exit(outcome === 'finished' ? 0 : 1);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  console.log(`Clienteling worker running jobs and sending the outbox (${database.kind}${database.kind === 'pglite' ? `, data in ${config.dataDir}` : ''}), pid ${process.pid}`);
  return new Promise(() => {});
}
