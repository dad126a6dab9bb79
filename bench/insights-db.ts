// Benchmark: the full recompute of built-in measures for one legal entity with its orders in the database
// (summaries in SQL → fit BG/NBD and Gamma-Gamma on a sample → score, next best action and upsert customer_measures a
// chunk at a time).
// Scale: INSIGHTS_DB_CUSTOMERS (default 20000); INSIGHTS_DB_RUNS recomputes after the first (default 1: one first run,
// inserting, and one upserting run); the book is generated in SQL (generate_series), about three orders a customer.
// Database: DATABASE_URL (PostgreSQL) or in-memory PGlite.
// INSIGHTS_DB_COMPARE=path/to/module.ts also runs that module's recomputeBuiltinMeasures (e.g. a copy of an earlier
// compute.ts, or a main worktree's dist/src/modules/insights/compute.js) on the same book in the same process, first,
// INSIGHTS_DB_COMPARE_RUNS times (default 1), and counts the measure values the two disagree on; the earlier code's
// drivers (stored by it in customer_measures) are compared with the ones this code derives on reading, for a sample
// of INSIGHTS_DB_COMPARE_DRIVERS customers (default 5000).
// Run: INSIGHTS_DB_CUSTOMERS=100000 nice -n 10 npx tsx bench/insights-db.ts
// Prints each recompute's wall time and this process's peak V8 heap during it (sampled every 20 ms, and at the end)
// and the peak resident memory since the process started (the operating system's high-water mark).

import { sql } from 'drizzle-orm';
import path from 'node:path';
import v8 from 'node:v8';
import { isDeepStrictEqual } from 'node:util';
import { query } from '../src/db/client.ts';
import { createLegalEntity } from '../src/modules/organisation/service.ts';
import { recomputeBuiltinMeasures } from '../src/modules/insights/compute.ts';
import { builtinMeasureRows, type CustomerInsight, type InsightRunContext } from '../src/modules/insights/insight-drivers.ts';
import { benchDatabase } from './_harness.ts';

type Recompute = typeof recomputeBuiltinMeasures;
const n = Number(process.env.INSIGHTS_DB_CUSTOMERS ?? 20_000);
const runs = Math.max(0, Number(process.env.INSIGHTS_DB_RUNS ?? 1));
const database = await benchDatabase();
const db = database.db;
const le = await createLegalEntity(db, { code: `BENCH-${Date.now().toString(36)}`, name: 'Bench retailer', currency: 'EUR', timeZone: 'Europe/Paris' });

let t = performance.now();
await db.execute(sql`insert into customers (legal_entity_id, account_number, first_name, last_name, birth_date)
  select ${le.id}, 'B' || g, 'Bench', 'Customer ' || g, date '1960-01-01' + (g % 15000) from generate_series(1, ${n}) g`);
const tCustomers = performance.now();
// Each customer: a first purchase up to two years ago, then a heterogeneous number of repeat purchase days (mean
// about two, a mixture of exponentials, at most 60) spread until today for half of them and until a random day (when
// they left) for the others, spend around the customer's own level.
await db.execute(sql`select setseed(0.42)`);
await db.execute(sql`insert into orders (legal_entity_id, external_id, customer_id, channel, status, ordered_at, currency, total_minor)
  select ${le.id}, c.account_number || '-' || k, c.id, 'store', 'completed',
         now() - make_interval(days => c.first_ago - (k * (c.first_ago - c.left_ago)) / (c.repeats + 1)), 'EUR', round(c.spend * (0.6 + 0.8 * random()))::bigint
  from (select id, account_number, first_ago, case when random() < 0.5 then 0 else floor(random() * first_ago)::int end as left_ago, repeats, spend
        from (select id, account_number, 1 + floor(random() * 729)::int as first_ago,
               least(60, floor(-ln(1 - random()) * 2 * -ln(1 - random())))::int as repeats, 3000 + -ln(1 - random()) * 16000 as spend
              from customers where legal_entity_id = ${le.id} offset 0) p offset 0) c
  cross join lateral generate_series(0, c.repeats) k`);
await db.execute(sql`analyze customers`);
await db.execute(sql`analyze orders`);
const [{ orders }] = await query<{ orders: number }>(db, sql`select count(*)::int as orders from orders where legal_entity_id = ${le.id}`);
console.log(`seed ${n.toLocaleString('en')} customers (${((tCustomers - t) / 1000).toFixed(1)} s), ${orders.toLocaleString('en')} orders (${database.kind}): ${((performance.now() - t) / 1000).toFixed(1)} s`);

const mb = (bytes: number) => `${Math.round(bytes / 1048576).toLocaleString('en')} MB`;
async function measure(label: string, recompute: Recompute) {
  t = performance.now();
  let peakHeap = v8.getHeapStatistics().used_heap_size;
  const sampler = setInterval(() => { peakHeap = Math.max(peakHeap, v8.getHeapStatistics().used_heap_size); }, 20);
  const r = await recompute(db, le.id);
  clearInterval(sampler);
  peakHeap = Math.max(peakHeap, v8.getHeapStatistics().used_heap_size);
  const wall = (performance.now() - t) / 1000;
  const [{ rows }] = await query<{ rows: number }>(db, sql`select count(*)::int as rows from customer_measure_values where legal_entity_id = ${le.id}`);
  const phases = (r as { phasesMs?: Record<string, number> }).phasesMs;
  console.log(`${label}: ${wall.toFixed(1)} s, peak heap ${mb(peakHeap)} (resident so far ${mb(process.resourceUsage().maxRSS * 1024)}) — load ${r.timingsMs.load} ms, fit ${r.timingsMs.fit} ms, score + next best action ${r.timingsMs.score} ms, write ${r.timingsMs.write} ms${phases ? ` (chunks: read ${phases.read} ms, score ${phases.score} ms, waiting on writes ${phases.writeWait} ms; after them ${phases.final} ms)` : ''}`);
  console.log(`  ${r.customersWithOrders.toLocaleString('en')} customers with orders, ${rows.toLocaleString('en')} measure rows; fits: ${r.fits.map((f) => `${f.model} on ${f.customers.toLocaleString('en')} ${JSON.stringify(f.params)}`).join('; ')}`);
  global.gc?.();
  return { wall, peakHeap };
}
const walls: number[] = [];
const heaps: number[] = [];
const summary = (label: string, xs: number[], unit: (v: number) => string) => {
  const s = [...xs].sort((a, b) => a - b);
  console.log(`${label}: min ${unit(s[0])}, median ${unit(s[Math.floor((s.length - 1) / 2)])}, max ${unit(s[s.length - 1])} over ${s.length}`);
};

const earlierWalls: number[] = [];
const earlierHeaps: number[] = [];
if (process.env.INSIGHTS_DB_COMPARE) {
  const earlier = (await import(path.resolve(process.env.INSIGHTS_DB_COMPARE))) as { recomputeBuiltinMeasures: Recompute };
  const earlierRuns = Math.max(1, Number(process.env.INSIGHTS_DB_COMPARE_RUNS ?? 1));
  for (let i = 0; i < earlierRuns; i++) {
    const m = await measure(i === 0 ? 'earlier compute, first run (inserts)' : `earlier compute, run ${i + 1} (upserts)`, earlier.recomputeBuiltinMeasures);
    earlierWalls.push(m.wall);
    earlierHeaps.push(m.peakHeap);
  }
  await db.execute(sql`create temporary table bench_earlier as select customer_id, measure_key, value_number, value_text, drivers from customer_measures where legal_entity_id = ${le.id}`);
  const m = await measure('this compute, first run (inserts)', recomputeBuiltinMeasures);
  walls.push(m.wall);
  heaps.push(m.peakHeap);
  const [diff] = await query<{ missing: number; extra: number; text: number; number: number; worst: number | null }>(db, sql`
    select count(*) filter (where m.customer_id is null)::int as missing, count(*) filter (where e.customer_id is null)::int as extra,
           count(*) filter (where e.value_text is distinct from m.value_text)::int as text,
           count(*) filter (where abs(coalesce(e.value_number, 0) - coalesce(m.value_number, 0)) > 1e-6 * greatest(1, abs(coalesce(e.value_number, 0))))::int as number,
           max(abs(coalesce(e.value_number, 0) - coalesce(m.value_number, 0)) / greatest(1, abs(coalesce(e.value_number, 0)))) as worst
    from bench_earlier e full join (select * from customer_measure_values where legal_entity_id = ${le.id}) m using (customer_id, measure_key)`);
  console.log(`  the two disagree: ${diff.missing} values missing, ${diff.extra} extra, ${diff.text} texts, ${diff.number} numbers by more than 1e-6 relative (largest relative difference ${diff.worst})`);
  // Drivers: the earlier code stored them; this one derives them on reading (insight-drivers.ts), as the card does.
  const sample = Number(process.env.INSIGHTS_DB_COMPARE_DRIVERS ?? 5000);
  const [{ context }] = await query<{ context: InsightRunContext }>(db, sql`select context from insight_runs where legal_entity_id = ${le.id}`);
  const insightRows = await query<CustomerInsight>(db, sql`
    select customer_id as "customerId", computed_at::text as "computedAt", first_day as "firstDay", last_day as "lastDay", purchase_days as "purchaseDays",
           spend, repeat_spend as "repeatSpend", recency_below as "recencyBelow", frequency_below as "frequencyBelow", monetary_below as "monetaryBelow",
           rfm_score as "rfmScore", rfm_segment as "rfmSegment", expected_spend as "expectedSpend", p_alive as "pAlive", expected_purchases_90d as "expectedPurchases90d",
           clv_12m as "clv12m", expected_purchases_12m as "expectedPurchases12m", clv_book_percentile as "clvBookPercentile", next_best_action as "nextBestAction",
           next_best_action_score as "nextBestActionScore", next_best_action_drivers as "nextBestActionDrivers"
    from customer_insights where legal_entity_id = ${le.id} order by md5(customer_id::text) limit ${sample}`);
  const stored = await query<{ customerId: string; key: string; drivers: unknown }>(db, sql`
    select customer_id as "customerId", measure_key as "key", drivers from bench_earlier where customer_id = any(${`{${insightRows.map((r) => r.customerId).join(',')}}`}::uuid[])`);
  const byId = new Map<string, Map<string, unknown>>();
  for (const r of stored) (byId.get(r.customerId) ?? byId.set(r.customerId, new Map()).get(r.customerId)!).set(r.key, r.drivers);
  // The runs fitted the same models at different times: fittedAt is the one thing that may differ.
  const withoutFittedAt = (d: unknown) => JSON.parse(JSON.stringify(d ?? null), (k, v) => (k === 'fittedAt' ? undefined : v));
  let compared = 0, differ = 0;
  for (const r of insightRows) {
    for (const x of builtinMeasureRows(context, r)) {
      compared++;
      const before = byId.get(r.customerId)?.get(x.measureKey);
      if (!isDeepStrictEqual(withoutFittedAt(x.drivers), withoutFittedAt(before))) {
        if (differ++ < 3) console.log(`  drivers differ: ${r.customerId} ${x.measureKey}\n    earlier ${JSON.stringify(before)}\n    now     ${JSON.stringify(x.drivers)}`);
      }
    }
  }
  console.log(`  drivers of ${insightRows.length.toLocaleString('en')} customers (${compared.toLocaleString('en')} values): ${differ} differ`);
}

for (let i = walls.length; i <= runs; i++) {
  const m = await measure(i === 0 ? 'recompute, first run' : `recompute, run ${i + 1} (upserts)`, recomputeBuiltinMeasures);
  walls.push(m.wall);
  heaps.push(m.peakHeap);
}
if (earlierWalls.length) {
  summary(`earlier recompute at ${n.toLocaleString('en')} customers, wall time`, earlierWalls, (v) => `${v.toFixed(1)} s`);
  summary('  peak heap', earlierHeaps, mb);
}
summary(`recompute at ${n.toLocaleString('en')} customers, wall time`, walls, (v) => `${v.toFixed(1)} s`);
summary('  peak heap', heaps, mb);
await database.close();
