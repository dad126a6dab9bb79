// Outbox benchmark: queued emails sent to a local SMTP server (smtp-server, counting each Message-ID), first by the
// previous way (one process, one message at a time, a page of 50 per claim, a new SMTP connection per message), then by
// BENCH_OUTBOX_WORKERS `clienteling worker` processes (concurrent senders, pooled SMTP connections), then once more with
// a per-provider rate limit to show it holds. Prints messages per second and duplicates (the same Message-ID twice).
// Scale: BENCH_OUTBOX_MESSAGES (default 100000), BENCH_OUTBOX_BASELINE (old way, default 10000), BENCH_OUTBOX_WORKERS
// (3), BENCH_OUTBOX_CONCURRENCY (per worker, 8), BENCH_OUTBOX_RATE (rate-limit phase, per worker per second, 100).
// Needs PostgreSQL (DATABASE_URL): several processes cannot share an embedded PGlite database.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { and, eq, sql } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { benchDatabase, envInt } from './_harness.ts';
import { loadConfig } from '../src/config.ts';
import { createLegalEntity } from '../src/modules/organisation/service.ts';
import { deliverDueMessages } from '../src/modules/outreach/outbox.ts';
import { outreachMessages } from '../src/modules/outreach/schema.ts';

const N = envInt('BENCH_OUTBOX_MESSAGES', 100_000);
const BASELINE = envInt('BENCH_OUTBOX_BASELINE', 10_000);
const WORKERS = envInt('BENCH_OUTBOX_WORKERS', 3);
const CONCURRENCY = envInt('BENCH_OUTBOX_CONCURRENCY', 8);
const RATE = envInt('BENCH_OUTBOX_RATE', 100);
if (!process.env.DATABASE_URL) {
  console.log('outbox bench: set DATABASE_URL (PostgreSQL); several worker processes cannot share an embedded PGlite database.');
  process.exit(0);
}
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), path.extname(fileURLToPath(import.meta.url)) === '.ts' ? '..' : '../..');

// The SMTP sink: counts deliveries per Message-ID without parsing the rest.
const seen = new Map<string, number>();
let received = 0;
let firstAt = 0;
let lastAt = 0;
const server = new SMTPServer({
  authOptional: true, disabledCommands: ['STARTTLS'], logger: false, maxClients: 1000,
  onData(stream, _session, callback) {
    let head = '';
    stream.on('data', (c: Buffer) => { if (head.length < 4096) head += c.toString('latin1'); });
    stream.on('end', () => {
      const id = /^message-id:\s*(\S+)/im.exec(head)?.[1] ?? `missing-${received}`;
      seen.set(id, (seen.get(id) ?? 0) + 1);
      received++;
      lastAt = performance.now();
      if (!firstAt) firstAt = lastAt;
      callback();
    });
  },
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const smtpUrl = `smtp://127.0.0.1:${(server.server.address() as { port: number }).port}`;

const database = await benchDatabase();
const db = database.db;
const pending = async () => (await db.select({ n: sql<number>`count(*)::int` }).from(outreachMessages).where(sql`${outreachMessages.status} in ('queued', 'sending')`))[0].n;
if (await pending()) {
  console.log(`outbox bench: the database already holds ${await pending()} unsent messages; use an empty database.`);
  process.exit(1);
}
const le = await createLegalEntity(db, { code: `OB-${Date.now().toString(36)}`, name: 'Outbox bench', currency: 'EUR', timeZone: 'Europe/Paris' });

async function enqueue(count: number, tag: string) {
  const t0 = performance.now();
  for (let start = 0; start < count; start += 2_000) {
    const rows = Array.from({ length: Math.min(2_000, count - start) }, (_, k) => ({
      legalEntityId: le.id, customerId: null, channel: 'email' as const, purpose: 'receipt', transactional: true,
      toAddress: `guest${start + k}@example.test`, subject: `Your receipt ${start + k}`, body: 'Thank you for your visit. Your receipt is attached below.',
      idempotencyKey: `${tag}-${start + k}-${randomUUID()}`,
    }));
    await db.insert(outreachMessages).values(rows);
  }
  console.log(`queued ${count.toLocaleString()} emails (${tag}) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

function resetSink() { seen.clear(); received = 0; firstAt = 0; lastAt = 0; }
function report(label: string, count: number, ms: number) {
  const duplicates = [...seen.values()].reduce((s, n) => s + Math.max(0, n - 1), 0);
  // Sending time: first delivery to last (starting worker processes is not sending); wall time beside it.
  const sending = (lastAt - firstAt) / 1000;
  console.log(`${label.padEnd(52)} ${count.toLocaleString()} msgs: ${Math.round(received / Math.max(sending, 0.001)).toLocaleString()} msgs/s over ${sending.toFixed(1)} s of sending (${(ms / 1000).toFixed(1)} s wall); received ${received.toLocaleString()}, distinct ${seen.size.toLocaleString()}, duplicates ${duplicates}`);
}
async function sentOf(tagPrefix: string) {
  return (await db.select({ n: sql<number>`count(*)::int` }).from(outreachMessages)
    .where(and(eq(outreachMessages.legalEntityId, le.id), eq(outreachMessages.status, 'sent'), sql`${outreachMessages.idempotencyKey} like ${tagPrefix + '-%'}`)))[0].n;
}

// 1. The previous way: the in-process job's loop, pages of 50, one at a time, a connection per message.
if (BASELINE > 0) {
  await enqueue(BASELINE, 'old');
  resetSink();
  const config = loadConfig({ logLevel: 'silent', smtpUrl, secretKey: 'bench-secret-key-bench-secret-key-0123456789' }, {});
  const t0 = performance.now();
  while ((await deliverDueMessages(db, config, { limit: 50 })) > 0) { /* next page */ }
  report('old: 1 process, 1 at a time', BASELINE, performance.now() - t0);
}

// 2. and 3. Worker processes.
async function withWorkers(count: number, tag: string, env: Record<string, string>, label: string) {
  await enqueue(count, tag);
  resetSink();
  const children: ChildProcess[] = [];
  const t0 = performance.now();
  for (let i = 0; i < WORKERS; i++) {
    children.push(spawn(process.execPath, [path.join(root, 'bin/clienteling.mjs'), 'worker'], {
      cwd: root, stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, LOG_LEVEL: 'warn', SMTP_URL: `${smtpUrl}?pool=true&maxConnections=${CONCURRENCY}`, OUTBOX_CONCURRENCY: String(CONCURRENCY), CLIENTELING_SECRET_KEY: 'bench-secret-key-bench-secret-key-0123456789', ...env },
    }));
  }
  let last = -1;
  let stalled = 0;
  for (;;) {
    await new Promise((r) => setTimeout(r, 1_000));
    const sent = await sentOf(tag);
    if (sent >= count) break;
    // Starting the worker processes takes a while on a loaded machine; a stall counts once sending has begun.
    stalled = sent === last && sent > 0 ? stalled + 1 : 0;
    last = sent;
    if (stalled > 120 || performance.now() - t0 > 3_600_000) { console.log(`stalled at ${sent} sent`); break; }
  }
  const ms = performance.now() - t0;
  // Late duplicates, if any, arrive now.
  await new Promise((r) => setTimeout(r, 2_000));
  report(label, count, ms);
  console.log(`  outbox rows sent: ${(await sentOf(tag)).toLocaleString()} of ${count.toLocaleString()} `);
  await Promise.all(children.map((c) => new Promise<void>((resolve) => { c.once('exit', () => resolve()); c.kill('SIGTERM'); })));
}

await withWorkers(N, 'new', { OUTBOX_EMAIL_RATE_PER_SECOND: '1000000' }, `new: ${WORKERS} workers x ${CONCURRENCY} senders, no rate limit`);
const limited = Math.min(N, RATE * WORKERS * 20);
await withWorkers(limited, 'limited', { OUTBOX_EMAIL_RATE_PER_SECOND: String(RATE) }, `rate limit ${RATE}/s per worker (${RATE * WORKERS}/s in all)`);

await database.close();
server.close();
