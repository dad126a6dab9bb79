import { buildApp } from '../http/app.ts';
import { openConfiguredDatabase } from './database.ts';
import { hasAnyLegalEntity, loadDemo } from '../modules/demo/load.ts';
import { startBackgroundJobs } from '../jobs/scheduler.ts';
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
  const jobs = startBackgroundJobs(app);
  const inboundMail = config.inboundMailDomain && config.inboundSmtpPort !== undefined ? await startInboundMail(database.db, config) : null;
  if (inboundMail) console.log(`Receiving email replies for ${config.inboundMailDomain} over SMTP on port ${inboundMail.port}`);
  const stop = async () => {
    jobs.stop();
    await inboundMail?.close();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await app.listen({ port: config.port, host: config.host });
  console.log(`Clienteling is serving on http://localhost:${config.port} (${database.kind}${database.kind === 'pglite' ? `, data in ${config.dataDir}` : ''})`);
  return new Promise(() => {});
}
