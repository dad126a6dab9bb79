// Benchmark: attribute a demo-sized history (default 20,000 order lines, a fifth of them online after outreach)
// on embedded PGlite, then rerun (nothing to do) and compute a year of store performance.
// Target: the first run well under 20 s, so the demo load stays fast; the rerun under 1 s.
// Run: npx tsx bench/attribution-run.ts [--lines 20000] [--customers 2000]
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { openDatabase, runMigrations } from '../src/db/client.ts';
import { createLegalEntity, createStore, createAssociate } from '../src/modules/organisation/service.ts';
import { customers } from '../src/modules/customers/schema.ts';
import { products } from '../src/modules/catalogue/schema.ts';
import { orders, orderLines } from '../src/modules/orders/schema.ts';
import { outreachMessages } from '../src/modules/outreach/schema.ts';
import { runAttribution } from '../src/modules/attribution/engine.ts';
import { storePerformance } from '../src/modules/attribution/performance.ts';
import { Rng } from '../src/modules/demo/random.ts';

const { values } = parseArgs({ options: { lines: { type: 'string', default: '20000' }, customers: { type: 'string', default: '2000' } } });
const nLines = Number(values.lines);
const nCustomers = Number(values.customers);
const rng = new Rng(7);

const database = await openDatabase({ dataDir: 'memory://' });
await runMigrations(database);
const db = database.db;
const le = await createLegalEntity(db, { code: 'BENCH', name: 'Bench', currency: 'EUR', timeZone: 'Europe/Paris' });
const store = await createStore(db, le.id, { code: 'B1', name: 'Bench store', timeZone: 'Europe/Paris' });
const staff = [];
for (let i = 0; i < 8; i++) staff.push(await createAssociate(db, le.id, { email: `bench${i}@example.test`, displayName: `Seller ${i}`, password: 'bench-password-1', personnelNumber: `B${i}`, roleIds: [le.roles['Sales associate']], storeIds: [store.id] }));
const custIds: string[] = [];
for (let i = 0; i < nCustomers; i += 500) {
  const rows = Array.from({ length: Math.min(500, nCustomers - i) }, (_, k) => ({ legalEntityId: le.id, accountNumber: `C${i + k}`, firstName: 'A', lastName: `B${i + k}` }));
  custIds.push(...(await db.insert(customers).values(rows).returning({ id: customers.id })).map((r) => r.id));
}
const prods = await db.insert(products).values(['Jewellery', 'Handbags', 'Scarves', 'Shoes'].map((c, i) => ({ legalEntityId: le.id, sku: `P${i}`, name: c, category: c, priceMinor: 10_000 }))).returning({ id: products.id });
const start = Date.UTC(2024, 0, 1);
let made = 0;
let n = 0;
while (made < nLines) {
  const orderRows: (typeof orders.$inferInsert)[] = [];
  const pending: { lines: number; online: boolean; seller: string }[] = [];
  for (let k = 0; k < 500 && made < nLines; k++) {
    const online = rng.chance(0.2);
    const lines = Math.min(nLines - made, rng.int(1, 3));
    made += lines;
    const customerId = rng.pick(custIds);
    const at = new Date(start + rng.int(0, 364) * 86_400_000 + rng.int(0, 80_000_000));
    if (online && rng.chance(0.6)) {
      await db.insert(outreachMessages).values({ legalEntityId: le.id, customerId, associateId: rng.pick(staff).id, channel: 'email', purpose: 'new-arrivals', toAddress: 'x@example.test', body: 'Hello', status: 'sent', idempotencyKey: `b${n}`, sentAt: new Date(at.getTime() - rng.int(1, 20) * 86_400_000).toISOString() });
    }
    orderRows.push({ legalEntityId: le.id, externalId: `O${n++}`, customerId, channel: online ? 'online' : 'store', status: 'completed', storeId: store.id, orderedAt: at.toISOString(), currency: 'EUR', totalMinor: 0 });
    pending.push({ lines, online, seller: rng.pick(staff).id });
  }
  const ids = await db.insert(orders).values(orderRows).returning({ id: orders.id });
  const lineRows = ids.flatMap((o, i) => Array.from({ length: pending[i].lines }, (_, l) => ({
    orderId: o.id, lineNumber: l + 1, productId: rng.pick(prods).id, quantity: 1, unitPriceMinor: 10_000, netMinor: rng.int(1_000, 90_000), associateId: pending[i].online ? null : pending[i].seller,
  })));
  await db.insert(orderLines).values(lineRows);
}
await db.execute(sql`update orders o set total_minor = (select sum(net_minor) from order_lines where order_id = o.id) where legal_entity_id = ${le.id}`);

let t0 = performance.now();
const first = await runAttribution(db, le.id);
console.log(`first run: ${first.orderLines} lines, ${first.attributedLines} attributed, ${first.ledgerEntries} entries in ${((performance.now() - t0) / 1000).toFixed(2)} s`);
t0 = performance.now();
const again = await runAttribution(db, le.id);
console.log(`rerun: ${again.orderLines} lines in ${((performance.now() - t0) / 1000).toFixed(2)} s`);
t0 = performance.now();
const perf = await storePerformance(db, le.id, store.id, { name: 'Bench store', timeZone: 'Europe/Paris', currency: 'EUR' }, '2024-01-01', '2024-12-31');
console.log(`store performance for a year: ${perf.orders} orders, ${perf.leaderboard.length} on the leaderboard in ${((performance.now() - t0) / 1000).toFixed(2)} s`);
await database.close();
