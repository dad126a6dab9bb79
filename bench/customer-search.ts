// Customer search at scale: the query behind GET /customers?q= (called directly, whole legal entity), seven kinds of
// query, this code beside the earlier one (two capped candidate lists over the whole book's trigram index, kept here as
// `earlierSearch`) on the same book, in the same rounds, each query run by both one after the other.
// Scale: BENCH_CUSTOMERS (default 200000; the issue's scale is 1000000), BENCH_ROUNDS (3), BENCH_PER_KIND (10 queries of
// each kind a round). DATABASE_URL selects PostgreSQL (use a database of your own: the book stays there until dropped).
// BENCH_REUSE=1 searches the book a previous run left in the database (the latest with at least BENCH_CUSTOMERS customers)
// instead of generating one. Prints per round p50/p95 of each search, then min/median/max over the rounds, and how often each found the customer
// the query was made from among its 20 hits.
import os from 'node:os';
import { sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { benchDatabase, percentiles, timeIt, envInt, analyze } from './_harness.ts';
import { query, type Db } from '../src/db/client.ts';
import { createLegalEntity, createStore } from '../src/modules/organisation/service.ts';
import { customers } from '../src/modules/customers/schema.ts';
import { legalEntities, stores } from '../src/modules/organisation/schema.ts';
import { customerColumns } from '../src/modules/customers/service.ts';
import { searchCustomers } from '../src/modules/customers/search.ts';
import type { AuthContext } from '../src/modules/auth/context.ts';

const N = envInt('BENCH_CUSTOMERS', 200_000);
const ROUNDS = envInt('BENCH_ROUNDS', 3);
const PER_KIND = envInt('BENCH_PER_KIND', 10);
const LIMIT = 20;
const database = await benchDatabase();
const db = database.db;
console.log(`customer-search bench on ${database.kind}, ${N.toLocaleString()} customers, ${ROUNDS} rounds × 7 kinds × ${PER_KIND} queries; load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
const reused = process.env.BENCH_REUSE ? (await query<{ id: string; storeId: string }>(db, sql`
  select ${legalEntities.id} as id, (select ${stores.id} from ${stores} where ${stores.legalEntityId} = ${legalEntities.id} limit 1) as "storeId"
  from ${legalEntities} where ${legalEntities.name} = 'Customer search bench'
    and (select count(*) from ${customers} where ${customers.legalEntityId} = ${legalEntities.id}) >= ${N}
  order by ${legalEntities.createdAt} desc limit 1`))[0] : undefined;
const le = reused ?? await createLegalEntity(db, { code: `BENCH-${Date.now().toString(36)}`, name: 'Customer search bench', currency: 'EUR', timeZone: 'Europe/Paris' });
const store = reused ? { id: reused.storeId } : await createStore(db, le.id, { code: 'B1', name: 'Bench store', timeZone: 'Europe/Paris' });

// Names as a book has them: 60 first names, a few very common ones; 40 common last names for about one customer in
// seven (Martin about 1%), and the rest drawn from about 27,000 made-up ones, so there are many rare names.
const FIRST = ['Camille', 'Louise', 'Hugo', 'Jules', 'Emma', 'Olivia', 'Arthur', 'Ines', 'Lea', 'Lucas', 'Gabriel', 'Chloe', 'Adam', 'Raphael', 'Alice',
  'Louis', 'Jade', 'Nathan', 'Manon', 'Paul', 'Lina', 'Tom', 'Rose', 'Victor', 'Anna', 'Mathis', 'Julia', 'Leo', 'Sarah', 'Ethan', 'Eva', 'Noah',
  'Zoe', 'Theo', 'Clara', 'Maxime', 'Juliette', 'Antoine', 'Margaux', 'Simon', 'Elise', 'Pierre', 'Agathe', 'Martin', 'Celine', 'Julien', 'Marie',
  'Thomas', 'Sophie', 'Nicolas', 'Isabelle', 'Francois', 'Nathalie', 'Philippe', 'Sandrine', 'Olivier', 'Valerie', 'Laurent', 'Helene', 'Eric'];
const COMMON = ['Martin', 'Bernard', 'Thomas', 'Petit', 'Robert', 'Richard', 'Durand', 'Dubois', 'Moreau', 'Laurent', 'Simon', 'Michel', 'Lefebvre',
  'Leroy', 'Roux', 'David', 'Bertrand', 'Morel', 'Fournier', 'Girard', 'Bonnet', 'Dupont', 'Lambert', 'Fontaine', 'Rousseau', 'Vincent', 'Muller',
  'Lefevre', 'Faure', 'Andre', 'Mercier', 'Blanc', 'Guerin', 'Boyer', 'Garnier', 'Chevalier', 'Francois', 'Legrand', 'Gauthier', 'Garcia'];
const SYL = ['bo', 'char', 'da', 'lou', 'mar', 'vil', 'ber', 'gon', 'ri', 'tel', 'san', 'quen', 'fe', 'lan', 'dri', 'mo', 'ra', 'nel', 'pa', 'jou',
  'cha', 'ton', 'vi', 'lier', 'gau', 'bre', 'mi', 'zet', 'ro', 'dal'];
const texts = (a: string[]) => sql.raw(`array[${a.map((s) => `'${s}'`).join(',')}]`);

if (!reused) await timeIt('generate customers', async () => {
  const chunk = 100_000;
  for (let start = 0; start < N; start += chunk) {
    await db.execute(sql`
      insert into ${customers} (legal_entity_id, account_number, first_name, last_name, email, phone, birth_date, home_store_id)
      select ${le.id}, 'B' || g, f, l, lower(f) || '.' || lower(l) || g || '@example.com', '+336' || lpad(g::text, 8, '0'), date '1950-01-01' + (g % 20000), ${store.id}
      from (select g, (${texts(FIRST)})[1 + floor(60 * power(random(), 1.6))::int] as f,
        case when random() < 0.15 then (${texts(COMMON)})[1 + floor(40 * power(random(), 1.8))::int]
          else initcap((${texts(SYL)})[1 + floor(random() * 30)::int] || (${texts(SYL)})[1 + floor(random() * 30)::int] || (${texts(SYL)})[1 + floor(random() * 30)::int]) end as l
        from generate_series(${start + 1}::int, ${Math.min(N, start + chunk)}::int) g) x`);
  }
  await db.execute(sql`insert into customer_address_books (customer_id, address_book_id) select id, ${(store as { addressBookId: string }).addressBookId} from ${customers} where ${customers.legalEntityId} = ${le.id}`);
  await analyze(database);
});
if (reused) console.log('searching the book of an earlier run');
const [names] = await query<{ n: number }>(db, sql`select count(*)::int as n from customer_name_terms where legal_entity_id = ${le.id}`);
console.log(`distinct names (customer_name_terms): ${names.n.toLocaleString()}`);

/** The search as it was before customer_name_terms (main at fe60326): two candidate lists capped at 300, then ranked. */
async function earlierSearch(q0: string): Promise<{ id: string }[]> {
  const c = alias(customers, 'c');
  const q = q0.trim().toLowerCase();
  const like = '%' + q.replace(/[%_\\]/g, (m) => '\\' + m) + '%';
  const scope = sql`${c.legalEntityId} = ${le.id} and ${c.mergedIntoId} is null and ${c.erasedAt} is null`;
  return query<{ id: string }>(db, sql`
    with candidates as (
      (select ${c.id} from ${customers} as ${c} where ${scope} and ${c.searchText} like ${like} limit 300)
      union
      (select ${c.id} from ${customers} as ${c} where ${scope} and ${q} <% ${c.searchText} limit 300)
    )
    select ${customerColumns}, greatest(similarity(${c.searchText}, ${q}), word_similarity(${q}, ${c.searchText}))::float as score
    from candidates k join ${customers} as ${c} on ${c.id} = k.id
    order by (${c.searchText} like ${like}) desc, score desc, ${c.lastName}, ${c.firstName}
    limit ${LIMIT}`);
}

const auth: AuthContext = { userId: 'bench', associateId: 'bench', associateName: 'Bench', legalEntityId: le.id, storeId: store.id, permissions: new Set(), via: 'session' };
const newSearch = (q: string) => searchCustomers(db as Db, auth, { q, limit: LIMIT, allStores: true });

// A letter swapped with the next one, inside the word (how a quick typist errs).
const swap = (s: string, i: number) => s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2);
const typo = (s: string) => (s.length < 4 ? s : swap(s, 1 + Math.floor(Math.random() * (s.length - 3))));

type Query = { kind: string; q: string; target?: string };
async function queries(): Promise<Query[]> {
  const sample = await query<{ id: string; firstName: string; lastName: string; email: string; phone: string; accountNumber: string }>(db, sql`
    select ${customers.id} as id, ${customers.firstName} as "firstName", ${customers.lastName} as "lastName", ${customers.email} as email,
      ${customers.phone} as phone, ${customers.accountNumber} as "accountNumber"
    from ${customers} where ${customers.legalEntityId} = ${le.id} order by random() limit ${6 * PER_KIND}`);
  const out: Query[] = [];
  for (let i = 0; i < PER_KIND; i++) {
    const [a, b, c2, d, e, f] = sample.slice(6 * i, 6 * i + 6);
    out.push({ kind: 'last name, common', q: COMMON[Math.floor(Math.random() * 10)].toLowerCase() });
    out.push({ kind: 'last name, a typo', q: typo(a.lastName.toLowerCase()), target: a.id });
    out.push({ kind: 'first and last name', q: `${b.firstName} ${b.lastName}`.toLowerCase(), target: b.id });
    out.push({ kind: 'first and last name, typos', q: `${typo(c2.firstName)} ${typo(c2.lastName)}`.toLowerCase(), target: c2.id });
    out.push({ kind: 'email, its start', q: d.email.slice(0, d.email.indexOf('@') + 1), target: d.id });
    out.push({ kind: 'phone, its start spaced', q: e.phone.replace(/^\+33(\d)(\d\d)(\d\d)(\d\d)(\d\d)$/, '+33 $1 $2 $3 $4 $5').slice(0, -1), target: e.id });
    out.push({ kind: 'account number', q: f.accountNumber.toLowerCase(), target: f.id });
  }
  return out;
}

const time = async <T>(fn: () => Promise<T>): Promise<[number, T]> => { const t0 = performance.now(); const r = await fn(); return [performance.now() - t0, r]; };
const fmt = (ms: number) => (ms < 100 ? ms.toFixed(1) : ms.toFixed(0)) + ' ms';
const rounds: { earlier: number[]; now: number[]; found: { earlier: number; now: number; of: number }; byKind: Map<string, { earlier: number[]; now: number[]; found: { earlier: number; now: number; of: number } }> }[] = [];

// One pass unmeasured first: the first query after the book is written reads its indexes from disk.
for (const q of await queries()) { await earlierSearch(q.q); await newSearch(q.q); }
for (let round = 0; round < ROUNDS; round++) {
  const r = { earlier: [] as number[], now: [] as number[], found: { earlier: 0, now: 0, of: 0 }, byKind: new Map<string, { earlier: number[]; now: number[]; found: { earlier: number; now: number; of: number } }>() };
  const qs = (await queries()).sort(() => Math.random() - 0.5);
  for (const [i, q] of qs.entries()) {
    // Alternate which runs first, so neither always finds the other's pages in cache.
    const [te, he] = i % 2 ? await time(() => earlierSearch(q.q)) : [0, null];
    const [tn, hn] = await time(() => newSearch(q.q));
    const [te2, he2] = i % 2 ? [te, he!] : await time(() => earlierSearch(q.q));
    r.earlier.push(te2); r.now.push(tn);
    const k = r.byKind.get(q.kind) ?? { earlier: [], now: [], found: { earlier: 0, now: 0, of: 0 } };
    k.earlier.push(te2); k.now.push(tn); r.byKind.set(q.kind, k);
    if (q.target) {
      for (const f of [r.found, k.found]) {
        f.of++;
        if (he2.some((h) => h.id === q.target)) f.earlier++;
        if (hn.some((h) => h.id === q.target)) f.now++;
      }
    }
  }
  const pe = percentiles(r.earlier), pn = percentiles(r.now);
  console.log(`round ${round + 1}: this code p50 ${fmt(pn.p50)} p95 ${fmt(pn.p95)} max ${fmt(pn.max)} | earlier p50 ${fmt(pe.p50)} p95 ${fmt(pe.p95)} max ${fmt(pe.max)}`
    + ` | target among the ${LIMIT} hits: this code ${r.found.now}/${r.found.of}, earlier ${r.found.earlier}/${r.found.of}`);
  rounds.push(r);
}

const mmm = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return `${fmt(s[0])} / ${fmt(s[Math.floor(s.length / 2)])} / ${fmt(s[s.length - 1])}`; };
console.log(`\nover ${ROUNDS} rounds (min / median / max of the rounds' figures), ${7 * PER_KIND} queries a round:`);
for (const [label, key] of [['this code', 'now'], ['earlier', 'earlier']] as const) {
  console.log(`  ${label.padEnd(10)} p50 ${mmm(rounds.map((r) => percentiles(r[key]).p50))}   p95 ${mmm(rounds.map((r) => percentiles(r[key]).p95))}`);
}
console.log('  by kind, median of a round (this code | earlier), min / median / max of the rounds; target found, all rounds (this code, earlier):');
for (const kind of rounds[0].byKind.keys()) {
  const m = (key: 'now' | 'earlier') => mmm(rounds.map((r) => percentiles(r.byKind.get(kind)![key]).p50));
  const found = (key: 'now' | 'earlier') => rounds.reduce((n, r) => n + r.byKind.get(kind)!.found[key], 0);
  const of = rounds.reduce((n, r) => n + r.byKind.get(kind)!.found.of, 0);
  console.log(`    ${kind.padEnd(28)} ${m('now')} | ${m('earlier')}${of ? `   found ${found('now')}/${of}, ${found('earlier')}/${of}` : ''}`);
}
console.log(`load average at the end: ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
await database.close();
