// Benchmark: the customer 360 endpoint's queries (GET /api/v1/customers/:id/profile) at scale.
// Target: p95 under 25 ms with 1M customers and 20M order lines on PostgreSQL.
// Scale: BENCH_CUSTOMERS (default 1,000,000 on PostgreSQL, 5,000 on PGlite), BENCH_ORDERS_PER_CUSTOMER (10, two lines each),
// BENCH_SAMPLES (300). With DATABASE_URL it runs on that server (use a scratch database); otherwise in-memory PGlite.
import { sql } from 'drizzle-orm';
import { benchDatabase, benchRetailer, percentiles } from './_commerce-db.ts';
import { customerProfile } from '../src/modules/customer-profile/service.ts';
import { query } from '../src/db/client.ts';

const database = await benchDatabase();
const db = database.db;
const customers = Number(process.env.BENCH_CUSTOMERS ?? (database.kind === 'postgres' ? 1_000_000 : 5_000));
const perCustomer = Number(process.env.BENCH_ORDERS_PER_CUSTOMER ?? 10);
const samples = Number(process.env.BENCH_SAMPLES ?? 300);
const { le, store, auth } = await benchRetailer(database, 5000);
console.log(`${database.kind}: ${customers.toLocaleString('en')} customers, ${(customers * perCustomer).toLocaleString('en')} orders, ${(customers * perCustomer * 2).toLocaleString('en')} order lines`);

const t0 = performance.now();
const chunk = 50_000;
for (let from = 1; from <= customers; from += chunk) {
  const to = Math.min(customers, from + chunk - 1);
  await db.execute(sql`insert into customers (legal_entity_id, account_number, external_id, first_name, last_name, email, home_store_id)
    select ${le.id}, 'B' || g, 'EXT' || g, 'First' || g, 'Last' || g, 'c' || g || '@example.com', ${store.id} from generate_series(${from}::int, ${to}::int) g`);
  await db.execute(sql`with c as (select id, row_number() over () as n from customers where legal_entity_id = ${le.id} and account_number = any(array(select 'B' || g from generate_series(${from}::int, ${to}::int) g)))
    , o as (insert into orders (id, legal_entity_id, external_id, customer_id, channel, status, store_id, ordered_at, currency, total_minor)
      select gen_random_uuid(), ${le.id}, 'O' || c.n || '-' || k || '-' || ${from}, c.id, (array['store','store','online','call-center','remote'])[1 + (k % 5)],
        case when k = 1 and c.n % 7 = 0 then 'shipped' else 'completed' end, ${store.id}, now() - ((c.n * 13 + k * 37) % 720) * interval '1 day', 'EUR', 20000
      from c cross join generate_series(1, ${perCustomer}) k returning id, external_id)
    insert into order_lines (order_id, line_number, product_id, quantity, unit_price_minor, net_minor)
    select o.id, l, (select id from products where legal_entity_id = ${le.id} and sku = 'SKU-' || (1 + (abs(hashtext(o.external_id)) + l) % 5000)), 1, 10000, 10000
    from o cross join generate_series(1, 2) l`);
  await db.execute(sql`insert into interactions (legal_entity_id, customer_id, external_id, kind, subject, status, occurred_at)
    select ${le.id}, id, 'I' || account_number, 'service-case', 'Case', 'open', now() - interval '3 days' from customers where legal_entity_id = ${le.id}
      and account_number = any(array(select 'B' || g from generate_series(${from}::int, ${to}::int) g where g % 10 = 0))`);
  process.stderr.write(`\rloaded ${to.toLocaleString('en')} customers`);
}
process.stderr.write('\n');
if (database.kind === 'postgres') await db.execute(sql`analyze`);
console.log(`data loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const ids = (await query<{ id: string }>(db, sql`select id from customers where legal_entity_id = ${le.id} order by random() limit ${samples + 20}`)).map((r) => r.id);
for (const id of ids.slice(0, 20)) await customerProfile(db, auth, id); // warm-up
const times: number[] = [];
for (const id of ids.slice(20)) {
  const t = performance.now();
  const p = await customerProfile(db, auth, id);
  times.push(performance.now() - t);
  if (!p.recentPurchases.length) throw new Error('profile without purchases: data not loaded');
}
const p = percentiles(times);
console.log(`profile latency over ${times.length} customers: p50 ${p.p50.toFixed(1)} ms, p95 ${p.p95.toFixed(1)} ms, p99 ${p.p99.toFixed(1)} ms, max ${p.max.toFixed(1)} ms`);
console.log(`target p95 < 25 ms: ${p.p95 < 25 ? 'met' : 'NOT met'}`);
await database.close();
