// Benchmark: streaming import of order lines (NDJSON, flat lines) through the import service.
// Target: at least 50,000 order lines per second first load and 120,000 per second unchanged re-run into PostgreSQL.
// Scale: BENCH_IMPORT_LINES (default 500,000 on PostgreSQL, 50,000 on PGlite), BENCH_IMPORT_RUNS (default 3). With
// DATABASE_URL it runs on that server (a scratch database: each run adds a legal entity).
// BENCH_IMPORT_BASELINE: a checkout of other code (e.g. `git worktree add --detach ../base main`, with node_modules
// linked in) whose import is run beside this one, alternately in the same session, on legal entities of their own.
// Besides wall-clock lines/s it prints where the time went (the machine running the bench is often shared and loaded):
// CPU of this process (parsing, checks), time inside the batches' database writes, and on a local PostgreSQL the CPU
// its backends used. On PostgreSQL it also COPYs the same rows into a plain table, the floor any import is held to.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { benchDatabase, benchRetailer } from './_commerce-db.ts';
import { query } from '../src/db/client.ts';
import { readRecords } from '../src/modules/imports/parse.ts';
import * as current from '../src/modules/imports/service.ts';
import { ordersImporter } from '../src/modules/imports/entities-orders.ts';

type ImportModule = typeof current;
type OrdersModule = { ordersImporter: typeof ordersImporter };

const database = await benchDatabase();
const lines = Number(process.env.BENCH_IMPORT_LINES ?? (database.kind === 'postgres' ? 500_000 : 50_000));
const runs = Number(process.env.BENCH_IMPORT_RUNS ?? 3);
const customers = Math.max(1, Math.floor(lines / 20));

/** The code under test, and the baseline's when one is given (its sources under tsx, its dist/ when this runs compiled). */
const variants: { name: string; service: ImportModule; orders: OrdersModule }[] = [{ name: 'this', service: current, orders: { ordersImporter } }];
if (process.env.BENCH_IMPORT_BASELINE) {
  const dir = path.resolve(process.env.BENCH_IMPORT_BASELINE);
  const compiled = fileURLToPath(import.meta.url).endsWith('.js');
  const file = (f: string) => path.join(dir, compiled ? 'dist/src/modules/imports' : 'src/modules/imports', `${f}${compiled ? '.js' : '.ts'}`);
  variants.unshift({ name: 'baseline', service: await import(file('service')), orders: await import(file('entities-orders')) });
}

// Time spent in the batches' writes (the database statements, the round trips and building their parameters), summed
// over the importer's lanes (two batches may be written at the same time, so it can exceed the wall-clock time).
let writeMs = 0;
let batches = 0;
for (const v of variants) {
  const importer = v.orders.ordersImporter;
  const write = importer.write;
  importer.write = async (...args) => {
    const t = performance.now();
    try { return await write.apply(importer, args); } finally { writeMs += performance.now() - t; batches++; }
  };
}

/** User+system CPU seconds of this database's server backends, read from /proc when the server runs on this machine. */
async function serverCpuSeconds(): Promise<number | null> {
  if (database.kind !== 'postgres') return null;
  const pids = await query<{ pid: number }>(database.db, sql`select pid from pg_stat_activity where datname = current_database()`);
  let ticks = 0;
  for (const { pid } of pids) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(f[11]) + Number(f[12]);
    } catch { return null; }
  }
  return ticks / 100;
}
// Keep the pool's connections for the whole run so their CPU counters cover it.
if (database.pool) (database.pool as unknown as { options: { idleTimeoutMillis: number } }).options.idleTimeoutMillis = 0;

/** The i-th order line's fields, as NDJSON or (for COPY) as a tab-separated row of the same values. */
function line(i: number, format: 'ndjson' | 'copy') {
  const order = Math.floor(i / 2);
  const customer = 1 + (order % customers);
  const price = 12_000 + (i % 50) * 100;
  // The JSON text written directly: JSON.stringify here was 6% of this process's CPU, which reading a file would not cost.
  return format === 'ndjson'
    ? `{"orderId":"O${order}","customerId":"C${customer}","channel":"store","orderedAt":"2026-01-01T10:00:00Z",`
      + `"lineNumber":${1 + (i % 2)},"sku":"SKU-${1 + (i % 5000)}","quantity":1,"unitPriceMinor":${price}}\n`
    : `O${order}\tC${customer}\tstore\t2026-01-01T10:00:00Z\t${1 + (i % 2)}\tSKU-${1 + (i % 5000)}\t1\t${price}\n`;
}

function* blocks(format: 'ndjson' | 'copy') {
  for (let i = 0; i < lines;) {
    let block = '';
    for (let k = 0; k < 1000 && i < lines; k++, i++) block += line(i, format);
    yield block;
  }
}

/**
 * The NDJSON file, made once as buffers of 1,000 lines (about 170 KB each, as a file read might give them; the whole
 * file is held in memory, about 170 bytes a line): building its text while an import read it was a tenth of all this
 * process allocated, counted in the importer's CPU and garbage collection.
 */
const ndjsonFile = Array.from(blocks('ndjson'), (block) => Buffer.from(block));

/** COPY … FROM STDIN through the driver's simple-query protocol: the chunks go out as CopyData messages. */
class CopyIn extends pg.Query {
  constructor(text: string, private chunks: Iterable<string>) { super(text); }
  handleCopyInResponse(connection: { sendCopyFromChunk(b: Buffer): void; endCopyFrom(): void }) {
    for (const c of this.chunks) connection.sendCopyFromChunk(Buffer.from(c));
    connection.endCopyFrom();
  }
}

/** Seconds to COPY the same rows, as text, into a plain table with no index, trigger or constraint. */
async function rawCopySeconds(): Promise<number> {
  const client = await database.pool!.connect();
  try {
    await client.query('begin');
    await client.query(`create temp table bench_copy (order_id text, customer_id text, channel text, ordered_at timestamptz, line_number int,
      sku text, quantity int, unit_price_minor bigint) on commit drop`);
    const t0 = performance.now();
    // A query object given to the driver is returned as it is (no promise): its end and error events say when it is done.
    const copy = new CopyIn('copy bench_copy from stdin', blocks('copy'));
    await new Promise((resolve, reject) => { copy.on('end', resolve); copy.on('error', reject); client.query(copy as unknown as pg.QueryConfig); });
    const [{ n }] = (await client.query<{ n: number }>('select count(*)::int as n from bench_copy')).rows;
    if (n !== lines) throw new Error(`COPY wrote ${n} rows of ${lines}`);
    const secs = (performance.now() - t0) / 1000;
    await client.query('commit');
    return secs;
  } finally { client.release(); }
}

const rate = (n: number, secs: number) => Math.round(n / secs);
const fmt = (n: number) => n.toLocaleString('en');
type Phase = { rate: number[]; importerUs: number[]; serverUs: number[] };
const results = new Map<string, { first: Phase; rerun: Phase }>(variants.map((v) => [v.name, {
  first: { rate: [], importerUs: [], serverUs: [] }, rerun: { rate: [], importerUs: [], serverUs: [] } }]));
const copyRates: number[] = [];

console.log(`${database.kind}: importing ${fmt(lines)} order lines (2 per order) for ${fmt(customers)} customers, ${runs} run(s) of ${variants.map((v) => v.name).join(' and ')}`);
// Other work on the machine moves wall-clock figures most: say how much there was (1, 5 and 15-minute load averages).
const load = () => `load average ${os.loadavg().map((l) => l.toFixed(2)).join(', ')} on ${os.cpus().length} cores`;
console.log(load());
for (let run = 0; run < runs; run++) {
  // Alternate the order, so neither variant always meets the fuller tables or the warmer caches.
  const order = run % 2 ? [...variants].reverse() : variants;
  for (const v of order) {
    const { le, code } = await benchRetailer(database, 5000);
    await database.db.execute(sql`insert into customers (legal_entity_id, account_number, external_id, first_name, last_name)
      select ${le.id}, 'B' || g, 'C' || g, 'First', 'Last' || g from generate_series(1, ${customers}) g`);
    for (const phase of ['first load', 're-run'] as const) {
      writeMs = 0; batches = 0;
      const cpu0 = process.cpuUsage();
      const server0 = await serverCpuSeconds();
      const t0 = performance.now();
      const s = await v.service.runImport(database.db, { legalEntityId: le.id, associateId: null, associateName: 'bench' }, 'orders',
        readRecords(Readable.from(ndjsonFile), 'ndjson'));
      const secs = (performance.now() - t0) / 1000;
      const cpu = process.cpuUsage(cpu0);
      const server1 = await serverCpuSeconds();
      const clientCpu = (cpu.user + cpu.system) / 1e6;
      const serverCpu = server0 !== null && server1 !== null ? server1 - server0 : null;
      const r = results.get(v.name)![phase === 'first load' ? 'first' : 'rerun'];
      r.rate.push(rate(s.received, secs));
      r.importerUs.push(clientCpu * 1e6 / s.received);
      if (serverCpu !== null) r.serverUs.push(serverCpu * 1e6 / s.received);
      console.log(`run ${run + 1} ${v.name.padEnd(8)} ${phase.padEnd(10)} ${secs.toFixed(1).padStart(5)} s, ${fmt(rate(s.received, secs)).padStart(7)} lines/s `
        + `(inserted ${s.inserted}, updated ${s.updated}, unchanged ${s.unchanged}, rejected ${s.failed}) into ${code}`);
      console.log(`${''.padEnd(30)} writes ${(writeMs / 1000).toFixed(1)} s over ${batches} batches; CPU: importer ${clientCpu.toFixed(1)} s`
        + `${database.kind === 'pglite' ? ' (PGlite included)' : ''}`
        + (serverCpu !== null ? `, PostgreSQL backends ${serverCpu.toFixed(1)} s (${(clientCpu * 1e6 / s.received).toFixed(1)} + ${(serverCpu * 1e6 / s.received).toFixed(1)} µs per line)` : ''));
    }
  }
  if (database.kind === 'postgres') {
    const secs = await rawCopySeconds();
    copyRates.push(rate(lines, secs));
    console.log(`run ${run + 1} raw COPY of the same rows into a plain table: ${secs.toFixed(1)} s, ${fmt(rate(lines, secs))} lines/s`);
  }
}

const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
const spread = (xs: number[]) => `${fmt(Math.min(...xs))} / ${fmt(Math.round(median(xs)))} / ${fmt(Math.max(...xs))}`;
console.log(`\n${load()}`);
console.log(`lines/s, min / median / max over ${runs} run(s)${copyRates.length ? `; raw COPY ${spread(copyRates)}, and the median import's share of it` : ''}`);
for (const [name, r] of results) {
  const share = (p: Phase) => (copyRates.length ? ` (1/${(median(copyRates) / median(p.rate)).toFixed(1)} of COPY)` : '');
  console.log(`${name.padEnd(8)} first load ${spread(r.first.rate)}${share(r.first)}; re-run ${spread(r.rerun.rate)}${share(r.rerun)}`);
}
// CPU per line moves far less than wall-clock time when other work shares the machine's cores.
console.log(`\nCPU per line (median µs): ${database.kind === 'postgres' ? 'importer + PostgreSQL backends' : 'importer, PGlite included'}`);
const cpu = (p: Phase) => `${median(p.importerUs).toFixed(1)}${p.serverUs.length ? ` + ${median(p.serverUs).toFixed(1)}` : ''}`;
for (const [name, r] of results) console.log(`${name.padEnd(8)} first load ${cpu(r.first)}; re-run ${cpu(r.rerun)}`);
await database.close();
