import { buildApp } from '../http/app.ts';
import { openConfiguredDatabase } from './database.ts';
import { workerLoops } from '../capabilities.ts';
import { startWorkerListener } from './worker-http.ts';

/**
 * `clienteling worker`: runs the background jobs (pg-boss: cron schedules, retries, dead letters) and sends the
 * outbox, serving no API. Run one or more beside web processes started with `serve --no-jobs`; on one PostgreSQL
 * each job runs once and each message is sent once however many run. With --metrics-port (WORKER_METRICS_PORT) it
 * serves /metrics, /health/live and /health/ready on that port, for a scraper and an orchestrator's probes.
 */
export async function workerCommand(flags: Record<string, string | boolean>): Promise<number> {
  const { config, database } = await openConfiguredDatabase(flags);
  const app = await buildApp(database, config);
  await app.ready();
  await app.jobs.startWorking(app, workerLoops);
  const listener = config.workerMetricsPort === undefined ? null : await startWorkerListener(app, config.workerMetricsPort, config.host);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    listener?.draining();
    app.log.info({ signal, timeoutMs: config.shutdownTimeoutMs }, 'worker shutting down: finishing the jobs and outbox batch in progress');
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => { timer = setTimeout(() => resolve('timeout'), config.shutdownTimeoutMs); });
    const outcome = await Promise.race([app.close().then(() => 'finished' as const), timedOut]).catch((err) => { app.log.error({ err }, 'shutdown failed'); return 'failed' as const; });
    clearTimeout(timer);
    if (outcome !== 'finished') app.log.warn({ outcome }, 'worker shutdown did not finish the work in progress in time; stopping anyway');
    await listener?.close();
    await database.close().catch((err) => app.log.error({ err }, 'closing the database failed'));
    process.exit(outcome === 'finished' ? 0 : 1);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  console.log(`Clienteling worker running jobs and sending the outbox (${database.kind}${database.kind === 'pglite' ? `, data in ${config.dataDir}` : ''}), pid ${process.pid}`);
  if (listener) {
    console.log(`Worker health on http://${config.host}:${listener.port}/health/live and /health/ready`
      + (config.metricsToken ? `, metrics on /metrics (bearer METRICS_TOKEN)` : '; /metrics is off until METRICS_TOKEN is set'));
  }
  return new Promise(() => {});
}
