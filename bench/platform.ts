// Platform benchmark: customers at scale, then customer read and typo-tolerant search latency through the API.
// Scale: BENCH_CUSTOMERS (default 200000; the scale is 1000000). DATABASE_URL selects PostgreSQL.
import { sql } from 'drizzle-orm';
import { benchDatabase, benchApp, printLatency, timeIt, envInt, analyze } from './_harness.ts';
import { query } from '../src/db/client.ts';
import { createLegalEntity, createStore, createAssociate } from '../src/modules/organisation/service.ts';

const N = envInt('BENCH_CUSTOMERS', 200_000);
const database = await benchDatabase();
const db = database.db;
console.log(`platform bench on ${database.kind}, ${N.toLocaleString()} customers`);
const code = `BENCH-${Date.now().toString(36)}`;
const le = await createLegalEntity(db, { code, name: 'Bench retailer', currency: 'EUR', timeZone: 'Europe/Paris' });
const store = await createStore(db, le.id, { code: 'B1', name: 'Bench store', timeZone: 'Europe/Paris' });
const email = `bench-${code.toLowerCase()}@example.test`;
await createAssociate(db, le.id, { email, displayName: 'Bench', password: 'bench-password-1', personnelNumber: 'B1', roleIds: [le.roles['Head office']], storeIds: [store.id] });

await timeIt('generate customers', async () => {
  const chunk = 100_000;
  for (let start = 0; start < N; start += chunk) {
    await db.execute(sql`
      insert into customers (legal_entity_id, account_number, first_name, last_name, email, phone, birth_date, home_store_id)
      select ${le.id}, 'B' || g, (array['Camille','Louise','Hugo','Jules','Emma','Olivia','Arthur','Inès'])[1 + g % 8],
        (array['Martin','Bernard','Dubois','Durand','Lefebvre','Moreau','Laurent','Simon','Michel','Garcia'])[1 + (g / 8) % 10] || ' ' || g,
        'c' || g || '@example.com', '+33 6 ' || lpad((g % 100000000)::text, 8, '0'), date '1950-01-01' + (g % 20000), ${store.id}
      from generate_series(${start + 1}::int, ${Math.min(N, start + chunk)}::int) g`);
  }
  await db.execute(sql`insert into customer_address_books (customer_id, address_book_id) select id, ${store.addressBookId} from customers where legal_entity_id = ${le.id}`);
});
await analyze(database);
const ids = (await query<{ id: string }>(db, sql`select id from customers where legal_entity_id = ${le.id} order by random() limit 1000`)).map((r) => r.id);

const app = await benchApp(database);
const signIn = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email, password: 'bench-password-1' } });
const cookie = `clt_session=${signIn.cookies.find((c) => c.name === 'clt_session')!.value}`;

const read: number[] = [];
for (const id of ids) {
  const t0 = performance.now();
  const res = await app.inject({ method: 'GET', url: `/api/v1/customers/${id}`, headers: { cookie } });
  read.push(performance.now() - t0);
  if (res.statusCode !== 200) throw new Error(res.body);
}
printLatency('GET /customers/:id (with audit write)', read);

const search: number[] = [];
for (let i = 0; i < 300; i++) {
  const q = ['moreau 12', 'durnad', 'c4242@', 'lefebvre 99', '+33 6 0001'][i % 5];
  const t0 = performance.now();
  await app.inject({ method: 'GET', url: `/api/v1/customers?q=${encodeURIComponent(q)}&allStores=true`, headers: { cookie } });
  search.push(performance.now() - t0);
}
printLatency('GET /customers?q= (typo-tolerant search)', search);
await app.close();
await database.close();
