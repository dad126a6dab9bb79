// Benchmark: streaming import of order lines (NDJSON, flat lines) through the import service.
// Target: at least 50,000 order lines per second into PostgreSQL.
// Scale: BENCH_IMPORT_LINES (default 500,000 on PostgreSQL, 50,000 on PGlite). With DATABASE_URL it runs on that server.
// Besides wall-clock lines/s it prints where the time went (the machine running the bench is often shared and loaded):
// CPU of this process (parsing, checks), time inside the batches' database writes, and on a local PostgreSQL the CPU
// its backends used, which together show the rate an unloaded machine would reach.
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { benchDatabase, benchRetailer } from './_commerce-db.ts';
import { query } from '../src/db/client.ts';
import { readRecords } from '../src/modules/imports/parse.ts';
import { runImport } from '../src/modules/imports/service.ts';
import { ordersImporter } from '../src/modules/imports/entities-orders.ts';

const database = await benchDatabase();
const lines = Number(process.env.BENCH_IMPORT_LINES ?? (database.kind === 'postgres' ? 500_000 : 50_000));
const { le, code } = await benchRetailer(database, 5000);
const customers = Math.max(1, Math.floor(lines / 20));
await database.db.execute(sql`insert into customers (legal_entity_id, account_number, external_id, first_name, last_name)
  select ${le.id}, 'B' || g, 'C' || g, 'First', 'Last' || g from generate_series(1, ${customers}) g`);
console.log(`${database.kind}: importing ${lines.toLocaleString('en')} order lines (2 per order) for ${customers.toLocaleString('en')} customers into ${code}`);

// Time spent in the batches' writes (the database statements, the round trips and building their parameters), summed
// over the importer's lanes (two batches may be written at the same time, so it can exceed the wall-clock time).
let writeMs = 0;
let batches = 0;
const write = ordersImporter.write;
ordersImporter.write = async (...args) => {
  const t = performance.now();
  try { return await write.apply(ordersImporter, args); } finally { writeMs += performance.now() - t; batches++; }
};

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

function source() {
  let i = 0;
  return Readable.from((function* () {
    while (i < lines) {
      let block = '';
      for (let k = 0; k < 1000 && i < lines; k++, i++) {
        const order = Math.floor(i / 2);
        // The JSON text written directly: JSON.stringify here was 6% of this process's CPU, which reading a file would not cost.
        block += `{"orderId":"O${order}","customerId":"C${1 + (order % customers)}","channel":"store","orderedAt":"2026-01-01T10:00:00Z",`
          + `"lineNumber":${1 + (i % 2)},"sku":"SKU-${1 + (i % 5000)}","quantity":1,"unitPriceMinor":${12_000 + (i % 50) * 100}}\n`;
      }
      yield block;
    }
  })());
}

for (const run of ['first load', 're-run (unchanged)']) {
  writeMs = 0; batches = 0;
  const cpu0 = process.cpuUsage();
  const server0 = await serverCpuSeconds();
  const t0 = performance.now();
  const s = await runImport(database.db, { legalEntityId: le.id, associateId: null, associateName: 'bench' }, 'orders', readRecords(source(), 'ndjson'));
  const secs = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const server1 = await serverCpuSeconds();
  const clientCpu = (cpu.user + cpu.system) / 1e6;
  const serverCpu = server0 !== null && server1 !== null ? server1 - server0 : null;
  console.log(`${run.padEnd(20)} ${secs.toFixed(1)} s, ${Math.round(s.received / secs).toLocaleString('en')} lines/s (inserted ${s.inserted}, updated ${s.updated}, unchanged ${s.unchanged}, rejected ${s.failed}); heap ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`);
  console.log(`${''.padEnd(20)} writes ${(writeMs / 1000).toFixed(1)} s over ${batches} batches (${(writeMs / batches).toFixed(0)} ms per batch); `
    + `CPU: importer ${clientCpu.toFixed(1)} s${database.kind === 'pglite' ? ' (PGlite included)' : ''}`
    + (serverCpu !== null ? `, PostgreSQL backends ${serverCpu.toFixed(1)} s → with a core each (reading overlaps writing) `
      + `${Math.round(s.received / Math.max(clientCpu, serverCpu)).toLocaleString('en')} lines/s, on one core ${Math.round(s.received / (clientCpu + serverCpu)).toLocaleString('en')} lines/s` : ''));
}
await database.close();
