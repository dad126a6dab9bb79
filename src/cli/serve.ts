import { buildApp } from '../http/app.ts';
import { openConfiguredDatabase } from './database.ts';
import { hasAnyLegalEntity, loadDemo } from '../modules/demo/load.ts';
import { workerLoops } from '../capabilities.ts';
import { startInboundMail } from '../modules/outreach/inbound-mail.ts';
import { normaliseStoredPhones } from '../modules/customers/phone-normalise.ts';

export async function serveCommand(flags: Record<string, string | boolean>): Promise<number> {
  const { config, database } = await openConfiguredDatabase(flags);
  if (flags['demo-if-empty'] && !(await hasAnyLegalEntity(database.db))) {
    console.log('First start: loading the demo retailer (this takes a moment)…');
    const summary = await loadDemo(database.db, { customers: 2000, seed: 42 });
    console.log(`Demo retailer loaded: ${summary.customers} customers, ${summary.stores} stores, ${summary.associates} associates.`);
  }
  // Numbers typed before E.164 validation: inbound SMS and WhatsApp match the exact number.
  const phones = await normaliseStoredPhones(database.db);
  if (phones.normalised || phones.kept.length) {
    console.log(`Phone numbers put in E.164: ${phones.normalised}; ${phones.kept.length} that are not valid numbers kept as typed${phones.kept.length ? ` (customer accounts ${phones.kept.slice(0, 20).map((k) => k.accountNumber).join(', ')}${phones.kept.length > 20 ? ', …' : ''})` : ''}.`);
  }
  const app = await buildApp(database, config);
  // --no-jobs: a web process only, with `clienteling worker` processes running the jobs and sending the outbox.
  const runJobs = flags['jobs'] !== false && !flags['no-jobs'];
  if (runJobs) await app.jobs.startWorking(app, workerLoops);
  const inboundMail = config.inboundMailDomain && config.inboundSmtpPort !== undefined ? await startInboundMail(database.db, config) : null;
  if (inboundMail) console.log(`Receiving email replies for ${config.inboundMailDomain} over SMTP on port ${inboundMail.port}`);

  // Graceful shutdown (a deploy or scale-down sends SIGTERM): stop taking requests (app.close answers new ones 503
  // and closes idle connections), let requests in flight and a running job finish, then close the database. Bounded
  // by SHUTDOWN_TIMEOUT_MS, so a stuck request cannot hold the process past the orchestrator's kill.
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal, timeoutMs: config.shutdownTimeoutMs }, 'shutting down: finishing requests and jobs in progress');
    // app.close() also stops the jobs (the app's onClose), letting running ones and the outbox batch in hand finish.
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => { timer = setTimeout(() => resolve('timeout'), config.shutdownTimeoutMs); });
    const finished = Promise.all([app.close(), inboundMail?.close()]).then(() => 'finished' as const);
    const outcome = await Promise.race([finished, timedOut]).catch((err) => { app.log.error({ err }, 'shutdown failed'); return 'failed' as const; });
    clearTimeout(timer);
    if (outcome !== 'finished') app.log.warn({ outcome }, 'shutdown did not finish the work in progress in time; stopping anyway');
    await database.close().catch((err) => app.log.error({ err }, 'closing the database failed'));
    process.exit(outcome === 'finished' ? 0 : 1);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  console.log(`Clienteling is serving on http://localhost:${port} (${database.kind}${database.kind === 'pglite' ? `, data in ${config.dataDir}` : ''}; jobs ${runJobs ? 'on' : 'off'})`);
  return new Promise(() => {});
}
