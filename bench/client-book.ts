// Benchmark: open a client book page of 50 customer cards, and filter a store client book by two refinable
// attributes, at retail scale. Server-side service time (query + cards + audit row), not HTTP.
// Data is generated with set-based SQL (generate_series) in its own legal entity.
// Scale (env): CB_CUSTOMERS (default 200000; target 1000000), CB_STORES (5; target 250),
//   CB_ASSOCIATES_PER_STORE (20; target 20 → 5,000 associates at 250 stores), CB_BOOKS_PER_STORE (20), CB_BOOK_SIZE (2000),
//   CB_RUNS (200). Customers beyond stores × books × size stay outside client books.
// PGlite by default (CB_PGLITE_DIR for a data directory on disk); PostgreSQL when DATABASE_URL is set (use a scratch
// database: the data is left there, and a later run at the same scale reuses it).
import { sql } from 'drizzle-orm';
import { openDatabase, runMigrations, query, type Db } from '../src/db/client.ts';
import { createLegalEntity } from '../src/modules/organisation/service.ts';
import { ALL_PERMISSIONS } from '../src/modules/auth/permissions.ts';
import { sha256 } from '../src/modules/auth/passwords.ts';
import { benchApp } from './_harness.ts';
import type { AuthContext } from '../src/modules/auth/context.ts';
import { searchMyBook, searchStoreBook, pageQuery, pageContext, withOrderedWalk } from '../src/modules/client-book/search.ts';

const env = (k: string, d: number) => Number(process.env[k] ?? d);
const STORES = env('CB_STORES', 5);
const PER_STORE = env('CB_ASSOCIATES_PER_STORE', 20);
const BOOKS = Math.min(env('CB_BOOKS_PER_STORE', 20), PER_STORE);
const BOOK_SIZE = env('CB_BOOK_SIZE', 2000);
const CUSTOMERS = Math.max(env('CB_CUSTOMERS', 200_000), STORES * BOOKS * BOOK_SIZE);
const RUNS = env('CB_RUNS', 200);
// Names the data set by its scale, so a later run on the same scratch database measures without generating again.
const SCALE_CODE = `CB-${CUSTOMERS}-${STORES}x${PER_STORE}-${BOOKS}x${BOOK_SIZE}`;

async function time(label: string, fn: () => Promise<unknown>) {
  const t0 = performance.now();
  await fn();
  console.log(`${label.padEnd(44)} ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

/** The data set of an earlier run at the same scale in this database (generating 1M customers takes minutes). */
async function reuse(db: Db) {
  const [le] = await query<{ id: string }>(db, sql`select id from legal_entities where code = ${SCALE_CODE} and name like '% (loaded)'`);
  if (!le) return null;
  const attrs = await query<{ id: string; name: string; listValues: string[] }>(db, sql`select id, name, list_values as "listValues" from customer_attributes where legal_entity_id = ${le.id}`);
  const by = (n: string) => attrs.find((a) => a.name === n)!;
  console.log(`reusing the data set ${SCALE_CODE}`);
  // Migrations since the data was made may have rewritten the memberships; vacuum as autovacuum would (PGlite has none).
  await db.execute(sql`vacuum analyze client_book_members`);
  return { le: le.id, interest: by('Shopping interest').id, brand: by('Favourite brand').id, interests: by('Shopping interest').listValues, brands: by('Favourite brand').listValues };
}

async function generate(db: Db) {
  // A half-built earlier run keeps its rows under another code.
  await db.execute(sql`update legal_entities set code = code || '-stale-' || left(id::text, 8) where code = ${SCALE_CODE}`);
  const le = await createLegalEntity(db, { code: SCALE_CODE, name: 'Client book bench', currency: 'EUR', timeZone: 'Europe/Paris' });
  const L = le.id;
  await time(`stores ${STORES}, associates ${STORES * PER_STORE}`, async () => {
    await db.execute(sql`insert into address_books (legal_entity_id, name) select ${L}, 'AB ' || g from generate_series(1, ${STORES}) g`);
    await db.execute(sql`insert into stores (legal_entity_id, code, name, address_book_id, time_zone)
      select ${L}, 'S' || substr(ab.name, 4), 'Store ' || substr(ab.name, 4), ab.id, 'Europe/Paris' from address_books ab where ab.legal_entity_id = ${L}`);
    await db.execute(sql`insert into associates (legal_entity_id, user_id, personnel_number, display_name)
      select ${L}, gen_random_uuid(), 'P' || g, 'Associate ' || g from generate_series(1, ${STORES * PER_STORE}) g`);
    // Associate g works at store ceil(g / PER_STORE).
    await db.execute(sql`insert into address_book_members (address_book_id, associate_id)
      select ab.id, a.id from associates a join address_books ab on ab.legal_entity_id = ${L}
        and substr(ab.name, 4)::int = (substr(a.personnel_number, 2)::int - 1) / ${PER_STORE} + 1
      where a.legal_entity_id = ${L}`);
  });
  await time(`customers ${CUSTOMERS.toLocaleString('en')}`, () => db.execute(sql`
    insert into customers (legal_entity_id, account_number, first_name, last_name, email, phone, birth_date)
    select ${L}, 'C' || g, (array['Anna','Léa','Paul','Hugo','Inès','Zoé','Jules','Chloé'])[1 + g % 8],
      'Name' || (g::bigint * 7919 % 100000), 'c' || g || '@example.com', '+33 6 ' || lpad((g % 100000000)::text, 8, '0'),
      date '1950-01-01' + (g::bigint * 37 % 18000)::int from generate_series(1, ${CUSTOMERS}) g`));
  const [group] = await query<{ id: string }>(db, sql`insert into attribute_groups (legal_entity_id, name) values (${L}, 'Client book') returning id`);
  const attr = async (name: string, type: string, values: string[], order: number) => (await query<{ id: string }>(db, sql`
    insert into customer_attributes (legal_entity_id, group_id, name, data_type, can_be_refined, display_order, list_values)
    values (${L}, ${group.id}, ${name}, ${type}, true, ${order}, ${JSON.stringify(values)}::jsonb) returning id`))[0].id;
  const interests = ['Handbags', 'Shoes', 'Jewellery', 'Watches', 'Ready-to-wear', 'Fragrance', 'Leather', 'Scarves', 'Eyewear', 'Home'];
  const brands = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];
  const interest = await attr('Shopping interest', 'list', interests, 1);
  const brand = await attr('Favourite brand', 'list', brands, 2);
  const ring = await attr('Ring size', 'number', [], 3);
  await time('attribute values (3 per customer)', async () => {
    await db.execute(sql`insert into customer_attribute_values (customer_id, attribute_id, legal_entity_id, value_text)
      select id, ${interest}, ${L}, (string_to_array(${interests.join('|')}, '|'))[1 + (hashtext(id::text) & 1023) % 10] from customers where legal_entity_id = ${L}`);
    await db.execute(sql`insert into customer_attribute_values (customer_id, attribute_id, legal_entity_id, value_text)
      select id, ${brand}, ${L}, (string_to_array(${brands.join('|')}, '|'))[1 + (hashtext(id::text || 'b') & 1023) % 8] from customers where legal_entity_id = ${L}`);
    await db.execute(sql`insert into customer_attribute_values (customer_id, attribute_id, legal_entity_id, value_number)
      select id, ${ring}, ${L}, 46 + (hashtext(id::text || 'r') & 1023) % 16 from customers where legal_entity_id = ${L}`);
  });
  // Memberships after the values: each new membership copies its customer's values (a trigger) once.
  const inBooks = STORES * BOOKS * BOOK_SIZE;
  await time(`client books ${STORES * BOOKS}, members ${inBooks.toLocaleString('en')}`, async () => {
    await db.execute(sql`insert into client_books (legal_entity_id, associate_id, book_number)
      select ${L}, a.id, 'CB-' || a.personnel_number from associates a
      where a.legal_entity_id = ${L} and (substr(a.personnel_number, 2)::int - 1) % ${PER_STORE} < ${BOOKS}`);
    // Book k (ordered by associate number) holds customers (k-1)*size+1 … k*size.
    await db.execute(sql`with b as (select id, row_number() over (order by substr(cb.book_number, 5)::int) as k from client_books cb where cb.legal_entity_id = ${L})
      insert into client_book_members (client_book_id, customer_id, legal_entity_id, is_primary, added_at)
      select b.id, c.id, ${L}, true, now() - (substr(c.account_number, 2)::int % 700) * interval '1 day' - (substr(c.account_number, 2)::int % 86400) * interval '1 second'
      from customers c join b on b.k = (substr(c.account_number, 2)::int - 1) / ${BOOK_SIZE} + 1
      where c.legal_entity_id = ${L} and substr(c.account_number, 2)::int <= ${inBooks}`);
  });
  await db.execute(sql`insert into clienteling_settings (legal_entity_id, enabled, client_book_attribute_group_id) values (${L}, true, ${group.id})`);
  // VACUUM sets the visibility map as autovacuum would on a live database, so index-only scans skip the heap.
  await time('vacuum analyze', () => db.execute(sql`vacuum analyze`));
  await db.execute(sql`update legal_entities set name = name || ' (loaded)' where id = ${L}`);
  return { le: L, interest, brand, interests, brands };
}

function pct(samples: number[], p: number) {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

async function measure(label: string, runs: number, fn: (i: number) => Promise<unknown>) {
  for (let i = 0; i < Math.min(20, runs); i++) await fn(i); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn(i);
    samples.push(performance.now() - t0);
  }
  console.log(`${label.padEnd(58)} p50 ${pct(samples, 50).toFixed(1)} ms  p95 ${pct(samples, 95).toFixed(1)} ms  p99 ${pct(samples, 99).toFixed(1)} ms`);
}

async function main() {
  // PGlite keeps its data in memory unless CB_PGLITE_DIR names a directory (needed at the scale, and kept for reuse).
  const database = process.env.DATABASE_URL ? await openDatabase({ databaseUrl: process.env.DATABASE_URL }) : await openDatabase({ dataDir: process.env.CB_PGLITE_DIR ?? 'memory://' });
  console.log(`database: ${database.kind}`);
  await runMigrations(database);
  const db = database.db;
  const g = (await reuse(db)) ?? (await generate(db));
  const owners = await query<{ associateId: string; storeId: string }>(db, sql`
    select cb.associate_id as "associateId", s.id as "storeId" from client_books cb
    join address_book_members abm on abm.associate_id = cb.associate_id join stores s on s.address_book_id = abm.address_book_id
    where cb.legal_entity_id = ${g.le} order by cb.book_number`);
  const auth = (i: number): AuthContext => {
    const o = owners[(i * 7) % owners.length];
    return { userId: o.associateId, associateId: o.associateId, associateName: 'Bench', legalEntityId: g.le, storeId: o.storeId, permissions: new Set(ALL_PERMISSIONS), via: 'session' };
  };
  const twoAttributes = (i: number) => ({
    attributes: [
      { attributeId: g.interest, values: [g.interests[i % 10], g.interests[(i + 3) % 10]] },
      { attributeId: g.brand, values: [g.brands[i % 8], g.brands[(i + 1) % 8], g.brands[(i + 5) % 8]] },
    ],
  });

  // The plan: each book's (client_book_id, added_at) index walked in order, merged across books, stopping after a page;
  // the attribute filter is checked on the membership row.
  const a = auth(0);
  const ctx = await pageContext(db, g.le, { storeIds: [a.storeId!] }, twoAttributes(0));
  const q = pageQuery(ctx, g.le, { filter: twoAttributes(0), limit: 50 });
  const plan = await withOrderedWalk(db, twoAttributes(0), (t) => query<{ 'QUERY PLAN': string }>(t, sql`explain (analyze, costs off, timing off, summary off) ${q}`));
  const text = plan.map((r) => r['QUERY PLAN']).join('\n');
  console.log('\nEXPLAIN store client book filtered by two attributes:\n' + text.split('\n').slice(0, 25).join('\n') + (text.split('\n').length > 25 ? '\n  …' : ''));
  console.log(`\nindexes used: books merged in order (Merge Append) ${/Merge Append/.test(text) ? 'yes' : 'NO'}, cbm_book_added ${/cbm_book_added/.test(text) ? 'yes' : 'NO'}, attribute filter on the membership row ${/Filter: .*attribute_values ->>/.test(text) ? 'yes' : 'NO'}, seq scans ${/Seq Scan/.test(text) ? 'PRESENT' : 'none'}`);

  await measure('my client book: first page of 50 cards', RUNS, (i) => searchMyBook(db, auth(i), { filter: {}, limit: 50 }));
  await measure('my client book: page 2 (cursor) of 50 cards', RUNS, async (i) => {
    const first = await searchMyBook(db, auth(i), { filter: {}, limit: 50 });
    return searchMyBook(db, auth(i), { filter: {}, limit: 50, cursor: first.nextCursor! });
  });
  await measure('my client book sorted by name', Math.min(RUNS, 100), (i) => searchMyBook(db, auth(i), { filter: { sort: 'name' }, limit: 50 }));
  await measure(`store client book (${BOOKS} books): 2 refinable attributes`, RUNS, (i) => searchStoreBook(db, auth(i), { filter: twoAttributes(i), limit: 50, stores: 'current' }));
  await measure(`store client book (${BOOKS} books) sorted by name`, Math.min(RUNS, 50), (i) => searchStoreBook(db, auth(i), { filter: { sort: 'name' }, limit: 50, stores: 'current' }));
  await measure('store client book: typo-tolerant search "name123"', Math.min(RUNS, 20), (i) => searchStoreBook(db, auth(i), { filter: { q: `name${100 + i}` }, limit: 50, stores: 'current' }));

  // Through the API as the associate's tablet calls it: session lookup, permission check, validation, the page and the
  // JSON reply (in-process requests, so no network). Sessions are made for a sample of the book owners as managers.
  const app = await benchApp(database);
  const sample = owners.filter((_, i) => i % 10 === 0);
  const [manager] = await query<{ id: string }>(db, sql`select id from roles where legal_entity_id = ${g.le} and name = 'Store manager'`);
  const cookies: string[] = [];
  for (const o of sample) {
    const token = `bench-${o.associateId}`;
    await db.execute(sql`insert into users (id, email, display_name, password_hash)
      select user_id, 'bench-' || id || '@example.test', display_name, 'no sign-in' from associates where id = ${o.associateId} on conflict do nothing`);
    await db.execute(sql`insert into associate_roles (associate_id, role_id) values (${o.associateId}, ${manager.id}) on conflict do nothing`);
    await db.execute(sql`insert into sessions (token_hash, user_id, legal_entity_id, store_id, expires_at)
      select ${sha256(token)}, user_id, legal_entity_id, ${o.storeId}, now() + interval '1 day' from associates where id = ${o.associateId}
      on conflict (token_hash) do update set expires_at = excluded.expires_at, store_id = excluded.store_id`);
    cookies.push(`clt_session=${token}`);
  }
  const post = async (url: string, i: number, payload: object) => {
    const res = await app.inject({ method: 'POST', url, headers: { cookie: cookies[i % cookies.length] }, payload: { ...payload, limit: 50 } });
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  };
  await measure('API: POST /client-book/search (first page of 50 cards)', RUNS, (i) => post('/api/v1/client-book/search', i, {}));
  await measure('API: POST /store-client-book/search (2 attributes)', RUNS, (i) => post('/api/v1/store-client-book/search', i, twoAttributes(i)));
  await app.close();
  await database.close();
}

main().catch((e) => { console.error(e); process.exit(1); });
