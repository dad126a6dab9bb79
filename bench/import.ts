// Benchmark: streaming import of order lines (NDJSON, flat lines) through the import service.
// Target: at least 50,000 order lines per second into PostgreSQL.
// Scale: BENCH_IMPORT_LINES (default 500,000 on PostgreSQL, 50,000 on PGlite). With DATABASE_URL it runs on that server.
import { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { benchDatabase, benchRetailer } from './_commerce-db.ts';
import { readRecords } from '../src/modules/imports/parse.ts';
import { runImport } from '../src/modules/imports/service.ts';

const database = await benchDatabase();
const lines = Number(process.env.BENCH_IMPORT_LINES ?? (database.kind === 'postgres' ? 500_000 : 50_000));
const { le, code } = await benchRetailer(database, 5000);
const customers = Math.max(1, Math.floor(lines / 20));
await database.db.execute(sql`insert into customers (legal_entity_id, account_number, external_id, first_name, last_name)
  select ${le.id}, 'B' || g, 'C' || g, 'First', 'Last' || g from generate_series(1, ${customers}) g`);
console.log(`${database.kind}: importing ${lines.toLocaleString('en')} order lines (2 per order) for ${customers.toLocaleString('en')} customers into ${code}`);

function source() {
  let i = 0;
  return Readable.from((function* () {
    while (i < lines) {
      let block = '';
      for (let k = 0; k < 1000 && i < lines; k++, i++) {
        const order = Math.floor(i / 2);
        block += JSON.stringify({ orderId: `O${order}`, customerId: `C${1 + (order % customers)}`, channel: 'store', orderedAt: '2026-01-01T10:00:00Z',
          lineNumber: 1 + (i % 2), sku: `SKU-${1 + (i % 5000)}`, quantity: 1, unitPriceMinor: 12_000 + (i % 50) * 100 }) + '\n';
      }
      yield block;
    }
  })());
}

for (const run of ['first load', 're-run (unchanged)']) {
  const t0 = performance.now();
  const s = await runImport(database.db, { legalEntityId: le.id, associateId: null, associateName: 'bench' }, 'orders', readRecords(source(), 'ndjson'));
  const secs = (performance.now() - t0) / 1000;
  console.log(`${run.padEnd(20)} ${secs.toFixed(1)} s, ${Math.round(s.received / secs).toLocaleString('en')} lines/s (inserted ${s.inserted}, updated ${s.updated}, unchanged ${s.unchanged}, rejected ${s.failed}); heap ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`);
}
await database.close();
