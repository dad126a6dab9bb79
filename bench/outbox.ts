// Outbox benchmark: queued emails sent by BENCH_OUTBOX_WORKERS `clienteling worker` processes (separate processes,
// OUTBOX_CONCURRENCY senders each, pooled SMTP connections) to a local SMTP server on 127.0.0.1 (smtp-server, in this
// process, counting each Message-ID). Prints messages per second (first delivery to last; starting the workers is not
// sending), duplicates (a Message-ID twice) and missing (queued, never received) per run, and min / median / max per size.
//
// Each run starts its workers, waits until they are up, queues its emails in one transaction (all due at once), waits
// until the sink has them all, then stops the workers and deletes the run's rows (VACUUM), so runs start alike.
// BENCH_OUTBOX_BASELINE=<checkout> (e.g. `git worktree add --detach ../base main`, node_modules linked, `npm run build`)
// runs that checkout's workers on the same database beside these, alternately, run by run.
//
// Scale: BENCH_OUTBOX_SIZES (messages per run, comma-separated; default 100000,20000,20000,20000), BENCH_OUTBOX_WORKERS
// (3), BENCH_OUTBOX_CONCURRENCY (per worker, 8), BENCH_OUTBOX_RATE (the rate-limit run: the provider's limit for all
// workers together, per second, default 50; 0 skips it) with BENCH_OUTBOX_RATE_SECONDS (its length at that rate, 20),
// BENCH_OUTBOX_HIGH_LIMIT (a limit above what is reached, e.g. 1000000: this code's runs once more with it, to show
// what reserving from the shared bucket costs; default off).
// Needs PostgreSQL (DATABASE_URL, a scratch database): several processes cannot share an embedded PGlite database.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq, sql } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { benchDatabase, envInt } from './_harness.ts';
import { createLegalEntity } from '../src/modules/organisation/service.ts';
import { outreachMessages } from '../src/modules/outreach/schema.ts';

const SIZES = (process.env.BENCH_OUTBOX_SIZES ?? '100000,20000,20000,20000').split(',').map(Number).filter((n) => n > 0);
const WORKERS = envInt('BENCH_OUTBOX_WORKERS', 3);
const CONCURRENCY = envInt('BENCH_OUTBOX_CONCURRENCY', 8);
const RATE = envInt('BENCH_OUTBOX_RATE', 50);
const RATE_SECONDS = envInt('BENCH_OUTBOX_RATE_SECONDS', 20);
const HIGH_LIMIT = envInt('BENCH_OUTBOX_HIGH_LIMIT', 0);
const SECRET = 'bench-secret-key-bench-secret-key-0123456789';
if (!process.env.DATABASE_URL) {
  console.log('outbox bench: set DATABASE_URL (PostgreSQL); several worker processes cannot share an embedded PGlite database.');
  process.exit(0);
}
const here = fileURLToPath(import.meta.url);
const root = path.resolve(path.dirname(here), path.extname(here) === '.ts' ? '..' : '../..');
const baseline = process.env.BENCH_OUTBOX_BASELINE ? path.resolve(process.env.BENCH_OUTBOX_BASELINE) : null;

// The SMTP sink: counts deliveries per Message-ID, with each arrival's time, without parsing the rest.
const seen = new Map<string, number>();
let arrivals: number[] = [];
const server = new SMTPServer({
  authOptional: true, disabledCommands: ['STARTTLS'], logger: false, maxClients: 1000,
  onData(stream, _session, callback) {
    let head = '';
    stream.on('data', (c: Buffer) => { if (head.length < 4096) head += c.toString('latin1'); });
    stream.on('end', () => {
      const id = /^message-id:\s*<([^@>]+)@/im.exec(head)?.[1] ?? `unreadable-${arrivals.length}`;
      seen.set(id, (seen.get(id) ?? 0) + 1);
      arrivals.push(performance.now());
      callback();
    });
  },
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const smtpUrl = `smtp://127.0.0.1:${(server.server.address() as { port: number }).port}?pool=true&maxConnections=${CONCURRENCY}`;

const database = await benchDatabase();
const db = database.db;
const om = outreachMessages;
const unsent = async () => (await db.select({ n: sql<number>`count(*)::int` }).from(om).where(sql`${om.status} in ('queued', 'sending')`))[0].n;
if (await unsent()) {
  console.log(`outbox bench: the database already holds ${await unsent()} unsent messages; use an empty database.`);
  process.exit(1);
}
const le = await createLegalEntity(db, { code: `OB-${Date.now().toString(36)}`, name: 'Outbox bench', currency: 'EUR', timeZone: 'Europe/Paris' });
const load = () => os.loadavg().map((l) => l.toFixed(1)).join(' ');

/** Queues `count` transactional receipts in one transaction, so the workers see them all at once. */
async function enqueue(count: number, tag: string): Promise<Set<string>> {
  const ids = new Set<string>();
  await db.transaction(async (tx) => {
    for (let start = 0; start < count; start += 2_000) {
      const rows = Array.from({ length: Math.min(2_000, count - start) }, (_, k) => ({
        legalEntityId: le.id, customerId: null, channel: 'email' as const, purpose: 'receipt', transactional: true,
        toAddress: `guest${start + k}@example.test`, subject: `Your receipt ${start + k}`, body: 'Thank you for your visit. Your receipt is attached below.',
        idempotencyKey: `${tag}-${start + k}-${randomUUID()}`,
      }));
      for (const r of await tx.insert(om).values(rows).returning({ id: om.id })) ids.add(r.id);
    }
  });
  return ids;
}

/** Starts the workers of a checkout and resolves once each has said it is running. */
async function startWorkers(dir: string, env: Record<string, string>): Promise<ChildProcess[]> {
  const children: ChildProcess[] = [];
  const ready: Promise<void>[] = [];
  for (let i = 0; i < WORKERS; i++) {
    const child = spawn(process.execPath, [path.join(dir, 'bin/clienteling.mjs'), 'worker'], {
      cwd: dir, stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, LOG_LEVEL: 'warn', SMTP_URL: smtpUrl, OUTBOX_CONCURRENCY: String(CONCURRENCY), CLIENTELING_SECRET_KEY: SECRET, ...env },
    });
    children.push(child);
    ready.push(new Promise((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (c: Buffer) => { out += c.toString(); if (out.includes('worker running')) resolve(); });
      child.once('exit', (code) => reject(new Error(`a worker exited (${code}) before it was up`)));
    }));
  }
  await Promise.all(ready);
  return children;
}

interface Result { variant: string; size: number; perSecond: number; duplicates: number; missing: number; worstOver: number; maxInOneSecond: number }

/** One run: workers up, messages queued, all received (or stalled), workers stopped, rows deleted. */
async function run(variant: string, dir: string, size: number, env: Record<string, string>, rate: number | null): Promise<Result> {
  const loadBefore = load();
  const children = await startWorkers(dir, env);
  seen.clear();
  arrivals = [];
  const ids = await enqueue(size, `${variant}-${size}`);
  const t0 = performance.now();
  let last = -1;
  let stalledSince = performance.now();
  while (seen.size < size) {
    await new Promise((r) => setTimeout(r, 500));
    if (seen.size !== last) { last = seen.size; stalledSince = performance.now(); }
    if (performance.now() - stalledSince > 120_000) { console.log(`  stalled at ${seen.size} received`); break; }
  }
  // Late duplicates, if any, arrive now.
  await new Promise((r) => setTimeout(r, 2_000));
  const wall = (performance.now() - t0) / 1000;
  await Promise.all(children.map((c) => new Promise<void>((resolve) => { c.once('exit', () => resolve()); c.kill('SIGTERM'); })));

  const at = [...arrivals].sort((a, b) => a - b);
  const sending = (at[at.length - 1] - at[0]) / 1000;
  const duplicates = [...seen.values()].reduce((s, n) => s + n - 1, 0);
  const missing = [...ids].filter((id) => !seen.has(id)).length;
  const strays = [...seen.keys()].filter((id) => !ids.has(id)).length;
  // The most arrivals in any one second, and (with a limit) the most by which any stretch of time exceeded the
  // bucket's allowance (rate · t + one second's burst): positive means over the limit.
  let maxInOneSecond = 0;
  let worstOver = -Infinity;
  for (let i = 0, j = 0; i < at.length; i++) {
    while (j < at.length && at[j] - at[i] < 1000) j++;
    maxInOneSecond = Math.max(maxInOneSecond, j - i);
  }
  if (rate) {
    for (let i = 0; i < at.length; i++) {
      for (let j = i; j < at.length; j++) worstOver = Math.max(worstOver, j - i + 1 - rate - (rate * (at[j] - at[i])) / 1000);
    }
  }
  const perSecond = seen.size / Math.max(sending, 0.001);
  console.log(`${variant.padEnd(34)} ${size.toLocaleString().padStart(7)} msgs: ${Math.round(perSecond).toLocaleString().padStart(5)} msgs/s over ${sending.toFixed(1)} s of sending`
    + ` (${wall.toFixed(1)} s from queueing); received ${arrivals.length.toLocaleString()}, duplicates ${duplicates}, missing ${missing}${strays ? `, strays ${strays}` : ''};`
    + ` most in one second ${maxInOneSecond}${rate ? `, most over the bucket ${worstOver.toFixed(1)}` : ''}; load ${loadBefore} → ${load()}`);
  const sentRows = (await db.select({ n: sql<number>`count(*)::int` }).from(om).where(sql`${om.legalEntityId} = ${le.id} and ${om.status} = 'sent'`))[0].n;
  if (sentRows !== size) console.log(`  outbox rows sent: ${sentRows} of ${size}`);
  await db.delete(om).where(eq(om.legalEntityId, le.id));
  await db.execute(sql`vacuum analyze ${om}`);
  return { variant, size, perSecond, duplicates, missing, worstOver, maxInOneSecond };
}

console.log(`outbox bench: ${WORKERS} worker processes x ${CONCURRENCY} senders, sizes ${SIZES.join(', ')}${baseline ? `, baseline ${baseline}` : ''}; ${os.cpus().length} cores, load ${load()}`);
// OUTBOX_EMAIL_RATE_PER_SECOND=0 is no limit here; the earlier code takes only a positive rate, so a high one.
const variants = [
  ...(baseline ? [{ name: 'baseline, no limit', dir: baseline, env: { OUTBOX_EMAIL_RATE_PER_SECOND: '1000000' } }] : []),
  { name: 'this, no limit', dir: root, env: { OUTBOX_EMAIL_RATE_PER_SECOND: '0' } },
  ...(HIGH_LIMIT ? [{ name: `this, limit ${HIGH_LIMIT.toLocaleString()}/s`, dir: root, env: { OUTBOX_EMAIL_RATE_PER_SECOND: String(HIGH_LIMIT) } }] : []),
];
const results: Result[] = [];
for (const size of SIZES) {
  for (const v of variants) results.push(await run(v.name, v.dir, size, v.env, null));
}
if (RATE > 0) {
  // The limit is the provider's, for all workers together; the earlier code read it per worker process.
  results.push(await run(`this, limit ${RATE}/s`, root, RATE * RATE_SECONDS, { OUTBOX_EMAIL_RATE_PER_SECOND: String(RATE) }, RATE));
  if (baseline) results.push(await run(`baseline, limit ${RATE}/s`, baseline, RATE * RATE_SECONDS, { OUTBOX_EMAIL_RATE_PER_SECOND: String(RATE) }, RATE));
}

console.log('\nmsgs/s, min / median / max over the runs of each size:');
const groups = new Map<string, Result[]>();
for (const r of results) groups.set(`${r.variant} @ ${r.size.toLocaleString()}`, [...(groups.get(`${r.variant} @ ${r.size.toLocaleString()}`) ?? []), r]);
for (const [key, rs] of groups) {
  const s = rs.map((r) => r.perSecond).sort((a, b) => a - b);
  const median = s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  console.log(`  ${key.padEnd(44)} ${rs.length} run(s): ${s.map(Math.round).join(' / ')} → ${Math.round(s[0])} / ${Math.round(median)} / ${Math.round(s[s.length - 1])};`
    + ` duplicates ${rs.reduce((a, r) => a + r.duplicates, 0)}, missing ${rs.reduce((a, r) => a + r.missing, 0)}`);
}
console.log(`load average at the end: ${load()}`);

await database.close();
server.close();
