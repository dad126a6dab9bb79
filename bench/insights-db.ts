// Benchmark: the full recompute of built-in measures for one legal entity with its orders in the database
// (load orders → fit BG/NBD and Gamma-Gamma → score → next best action → upsert customer_measures).
// Scale: INSIGHTS_DB_CUSTOMERS (default 20000). Database: DATABASE_URL (PostgreSQL) or in-memory PGlite.
// Run: INSIGHTS_DB_CUSTOMERS=100000 npx tsx bench/insights-db.ts
// Prints each recompute's wall time and this process's peak V8 heap and peak resident memory during it (heap sampled
// every 20 ms; resident memory from the operating system's high-water mark since the process started).

import { sql } from 'drizzle-orm';
import v8 from 'node:v8';
import { openDatabase, query, runMigrations } from '../src/db/client.ts';
import { createLegalEntity } from '../src/modules/organisation/service.ts';
import { recomputeBuiltinMeasures } from '../src/modules/insights/compute.ts';
import { createRng, sampleBeta, sampleGamma } from '../src/modules/insights/simulate.ts';

const n = Number(process.env.INSIGHTS_DB_CUSTOMERS ?? 20_000);
const database = await openDatabase(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : { dataDir: 'memory://' });
await runMigrations(database);
const db = database.db;
const le = await createLegalEntity(db, { code: `BENCH-${Date.now().toString(36)}`, name: 'Bench retailer', currency: 'EUR', timeZone: 'Europe/Paris' });

let t = performance.now();
await db.execute(sql`insert into customers (legal_entity_id, account_number, first_name, last_name, birth_date)
  select ${le.id}, 'B' || g, 'Bench', 'Customer ' || g, date '1960-01-01' + (g % 15000) from generate_series(1, ${n}) g`);
const ids = (await query<{ id: string }>(db, sql`select id from customers where legal_entity_id = ${le.id} order by account_number`)).map((r) => r.id);
// Orders drawn from the BG/NBD process itself (CDNOW-like parameters, in days), first purchases over two years.
const rng = createRng(42);
const truth = { r: 0.243, alpha: 4.414 * 7, a: 0.793, b: 2.426 };
const now = Date.now();
let batch: { customer_id: string; external_id: string; ordered_at: string; total_minor: number }[] = [];
const flush = async () => {
  if (!batch.length) return;
  await db.execute(sql`insert into orders (legal_entity_id, external_id, customer_id, channel, status, ordered_at, currency, total_minor)
    select ${le.id}, r.external_id, r.customer_id, 'store', 'completed', r.ordered_at, 'EUR', r.total_minor
    from jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) as r(customer_id uuid, external_id text, ordered_at timestamptz, total_minor bigint)`);
  batch = [];
};
for (let i = 0; i < ids.length; i++) {
  const lambda = sampleGamma(rng, truth.r, truth.alpha);
  const p = sampleBeta(rng, truth.a, truth.b);
  const spend = 3000 + sampleGamma(rng, 2, 1 / 8000);
  let day = 1 + rng() * 729;
  let k = 0;
  while (day > 0) {
    batch.push({ customer_id: ids[i], external_id: `B${i}-${k++}`, ordered_at: new Date(now - day * 86_400_000).toISOString(), total_minor: Math.round(spend * (0.6 + 0.8 * rng())) });
    if (k > 1 && rng() < p) break;
    day -= -Math.log(1 - rng()) / lambda;
  }
  if (batch.length >= 5000) await flush();
}
await flush();
const [{ orders }] = await query<{ orders: number }>(db, sql`select count(*)::int as orders from orders where legal_entity_id = ${le.id}`);
console.log(`seed ${n.toLocaleString('en')} customers, ${orders.toLocaleString('en')} orders (${database.kind}): ${((performance.now() - t) / 1000).toFixed(2)} s`);

const mb = (bytes: number) => `${Math.round(bytes / 1048576).toLocaleString('en')} MB`;
for (const run of ['first run (inserts)', 'second run (upserts)']) {
  t = performance.now();
  let peakHeap = v8.getHeapStatistics().used_heap_size;
  const sampler = setInterval(() => { peakHeap = Math.max(peakHeap, v8.getHeapStatistics().used_heap_size); }, 20);
  const r = await recomputeBuiltinMeasures(db, le.id);
  clearInterval(sampler);
  peakHeap = Math.max(peakHeap, v8.getHeapStatistics().used_heap_size);
  const wall = (performance.now() - t) / 1000;
  console.log(`  peak heap ${mb(peakHeap)}, peak resident memory so far ${mb(process.resourceUsage().maxRSS * 1024)}`);
  const [{ rows }] = await query<{ rows: number }>(db, sql`select count(*)::int as rows from customer_measures where legal_entity_id = ${le.id}`);
  console.log(`recompute, ${run}: ${wall.toFixed(2)} s total — load ${r.timingsMs.load} ms, fit ${r.timingsMs.fit} ms, score + next best action ${r.timingsMs.score} ms, write ${r.timingsMs.write} ms`);
  console.log(`  ${r.customersWithOrders.toLocaleString('en')} customers with orders, ${rows.toLocaleString('en')} measure rows; fits: ${r.fits.map((f) => `${f.model} ${JSON.stringify(f.params)}`).join('; ')}`);
}
await database.close();
