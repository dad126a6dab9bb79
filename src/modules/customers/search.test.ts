import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { testApp } from '../../../test/app.ts';
import { buildRetailer, buildCustomer } from '../../../test/factories.ts';
import { query } from '../../db/client.ts';
import { customerNameTerms, customers } from './schema.ts';
import { typoDistance } from './search.ts';
import { repairNameTerms } from './jobs.ts';
import { runJobNow } from '../../jobs/scheduler.ts';
import { scheduledJobs } from '../../capabilities.ts';

let app: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => { app = await testApp(); });
afterAll(async () => { await app.close(); });

type Retailer = Awaited<ReturnType<typeof buildRetailer>>;
const search = async (r: Retailer, q: string, limit = 20) => {
  const res = await app.inject({ method: 'GET', url: `/api/v1/customers?q=${encodeURIComponent(q)}&allStores=true&limit=${limit}`, headers: { cookie: r.as.headOffice } });
  expect(res.statusCode).toBe(200);
  return res.json() as { id: string; firstName: string; lastName: string; score: number }[];
};
const names = async (legalEntityId: string) => (await query<{ kind: string; term: string }>(app.db, sql`select ${customerNameTerms.kind} as kind, ${customerNameTerms.term} as term
  from ${customerNameTerms} where ${customerNameTerms.legalEntityId} = ${legalEntityId} order by 1, 2`)).map((r) => `${r.kind} ${r.term}`);

/** `count` customers of the legal entity in one statement, named by `first` and `last` (SQL of g, 1..count). */
async function many(legalEntityId: string, count: number, first: string, last: string) {
  await app.db.execute(sql`insert into ${customers} (legal_entity_id, account_number, first_name, last_name)
    select ${legalEntityId}, 'M' || md5(random()::text), ${sql.raw(first)}, ${sql.raw(last)} from generate_series(1, ${count}) g`);
}

describe('typoDistance', () => {
  it('counts inserts, deletes, changes and swapped neighbours, and gives up past the maximum', () => {
    expect(typoDistance('julien', 'julien', 2)).toBe(0);
    expect(typoDistance('juilen', 'julien', 2)).toBe(1);
    expect(typoDistance('martin', 'martine', 2)).toBe(1);
    expect(typoDistance('durnad', 'durant', 2)).toBe(2);
    expect(typoDistance('martin', 'marbolou', 2)).toBe(3);
    expect(typoDistance('ab', 'abcdef', 1)).toBe(2);
  });
});

describe('customer search ranks in the index', () => {
  it('finds the one exact match among hundreds of near duplicates, written before it (a cap of candidates would drop it)', async () => {
    const r = await buildRetailer(app, app.db);
    // 400 customers who all contain "delacroix" and are near it by trigrams; the old search kept 300 of them, in table order.
    await many(r.le.id, 400, `'Margaux'`, `'Delacroixe'`);
    await many(r.le.id, 400, `'Margaux'`, `'Delacroix-Vidal ' || g`);
    const exact = await buildCustomer(app.db, r.le.id, { firstName: 'Zoé', lastName: 'Delacroix' });
    expect((await search(r, 'delacroix', 1)).map((h) => h.id)).toEqual([exact.id]);
    // With a typo it is still first: the nearest name wins, whatever the number of customers with other names.
    expect((await search(r, 'delacroi', 1)).map((h) => h.id)).toEqual([exact.id]);
    // First and last name: among 800 Margaux, the only Zoé Delacroix.
    expect((await search(r, 'zoe delacroix', 1)).map((h) => h.id)).toEqual([exact.id]);
    expect((await search(r, 'delacroix zoé', 1)).map((h) => h.id)).toEqual([exact.id]);
  });

  it('among many equal matches answers in name order, the same page however many there are', async () => {
    const r = await buildRetailer(app, app.db);
    await many(r.le.id, 300, `'Hugo'`, `'Martin'`);
    const a = await buildCustomer(app.db, r.le.id, { firstName: 'Anne', lastName: 'Martin' });
    const b = await buildCustomer(app.db, r.le.id, { firstName: 'Bruno', lastName: 'MARTIN' });
    const hits = await search(r, 'martin', 3);
    expect(hits.slice(0, 2).map((h) => h.id)).toEqual([a.id, b.id]);
    expect(hits[2].firstName).toBe('Hugo');
    expect(hits.every((h) => h.score === 1)).toBe(true);
    // The first name alone finds them too, and a first and last name puts the pair first.
    expect((await search(r, 'bruno', 1)).map((h) => h.id)).toEqual([b.id]);
    expect((await search(r, 'martin anne', 1)).map((h) => h.id)).toEqual([a.id]);
  });

  it('tolerates typos in first and last name, and finds email, phone and account number', async () => {
    const r = await buildRetailer(app, app.db);
    await many(r.le.id, 50, `'Camille'`, `'Durant'`);
    const durand = await buildCustomer(app.db, r.le.id, { firstName: 'Camille', lastName: 'Durand', email: 'camille.durand@example.test', phone: '+33612345678', accountNumber: 'CUS-004242' });
    expect((await search(r, 'durnad', 1)).map((h) => h.id)).toEqual([durand.id]);
    expect((await search(r, 'camile durand', 1)).map((h) => h.id)).toEqual([durand.id]);
    // A swapped pair in each name: trigrams alone miss "caimlle" (3 of 9 shared), one edit does not.
    expect((await search(r, 'caimlle durnad', 1)).map((h) => h.id)).toEqual([durand.id]);
    // An email's start (before the other customers called Camille, whose first name is near it).
    expect((await search(r, 'camille.dur', 5))[0].id).toBe(durand.id);
    expect((await search(r, 'CAMILLE.DURAND@example.test', 5)).map((h) => h.id)).toEqual([durand.id]);
    expect((await search(r, '+33 6 12 34', 5)).map((h) => h.id)).toEqual([durand.id]);
    // National form, read in the legal entity's country (Europe/Paris).
    expect((await search(r, '06 12 34 56 78', 5)).map((h) => h.id)).toEqual([durand.id]);
    expect((await search(r, 'cus-004242', 5)).map((h) => h.id)).toEqual([durand.id]);
    // A query with a % or _ is text, not a pattern.
    expect(await search(r, 'camille.du%nd@', 5)).toEqual([]);
  });

  it('keeps the names of live customers only: erasure, renaming and merging take a name away with its last customer', async () => {
    const r = await buildRetailer(app, app.db);
    const rare = await buildCustomer(app.db, r.le.id, { firstName: 'Ottilie', lastName: 'Quennell' });
    const shared1 = await buildCustomer(app.db, r.le.id, { firstName: 'Ottilie', lastName: 'Brun' });
    await buildCustomer(app.db, r.le.id, { firstName: 'Jean', lastName: 'Brun' });
    expect(await names(r.le.id)).toEqual(['first jean', 'first ottilie', 'last brun', 'last quennell']);

    const erased = await app.inject({ method: 'POST', url: `/api/v1/customers/${rare.id}/erase`, headers: { cookie: r.as.headOffice }, payload: { reason: 'asked by the customer' } });
    expect(erased.statusCode).toBe(200);
    // Quennell was only hers; Ottilie is another customer's name too.
    expect(await names(r.le.id)).toEqual(['first jean', 'first ottilie', 'last brun']);
    expect(await search(r, 'quennell')).toEqual([]);

    const renamed = await app.inject({ method: 'PATCH', url: `/api/v1/customers/${shared1.id}`, headers: { cookie: r.as.headOffice }, payload: { firstName: 'Odile' } });
    expect(renamed.statusCode).toBe(200);
    expect(await names(r.le.id)).toEqual(['first jean', 'first odile', 'last brun']);

    const dup = await buildCustomer(app.db, r.le.id, { firstName: 'Odyle', lastName: 'Brunn' });
    expect(await names(r.le.id)).toContain('last brunn');
    const merged = await app.inject({ method: 'POST', url: `/api/v1/customers/${shared1.id}/merge`, headers: { cookie: r.as.headOffice }, payload: { duplicateId: dup.id } });
    expect(merged.statusCode).toBe(200);
    expect(await names(r.le.id)).toEqual(['first jean', 'first odile', 'last brun']);
    // The survivor first; Jean Brun, whose last name alone is near, after.
    expect((await search(r, 'odile brunn')).map((h) => h.firstName)).toEqual(['Odile', 'Jean']);

    await app.db.execute(sql`delete from ${customers} where ${customers.legalEntityId} = ${r.le.id}`);
    expect(await names(r.le.id)).toEqual([]);
  });

  it('the nightly repair puts a name lost to crossing transactions back, and takes a stale one away, in its legal entity only', async () => {
    const r = await buildRetailer(app, app.db);
    const other = await buildRetailer(app, app.db);
    await buildCustomer(app.db, r.le.id, { firstName: 'Ysaline', lastName: 'Vauquelin' });
    await buildCustomer(app.db, other.le.id, { firstName: 'Ysaline', lastName: 'Vauquelin' });
    // What a crossing of two transactions can leave: her last name gone from the list, a name nobody has left in it.
    await app.db.execute(sql`delete from ${customerNameTerms} where ${customerNameTerms.legalEntityId} in (${r.le.id}, ${other.le.id}) and ${customerNameTerms.term} = 'vauquelin'`);
    await app.db.execute(sql`insert into ${customerNameTerms} (legal_entity_id, kind, term) values (${r.le.id}, 'last', 'fantome'), (${other.le.id}, 'last', 'fantome')`);
    expect(await search(r, 'vauqelin')).toEqual([]);

    const job = scheduledJobs.find((j) => j.name === 'customers.name-terms-repair')!;
    expect(await runJobNow(app, job, { legalEntityId: r.le.id })).toEqual({ outcome: 'ok' });
    expect(await names(r.le.id)).toEqual(['first ysaline', 'last vauquelin']);
    expect((await search(r, 'vauqelin')).map((h) => h.lastName)).toEqual(['Vauquelin']);
    // The other legal entity keeps its own list until its own run.
    expect(await names(other.le.id)).toEqual(['first ysaline', 'last fantome']);
    expect(await repairNameTerms(app.db, other.le.id)).toEqual({ added: 1, removed: 1 });
    expect(await repairNameTerms(app.db, other.le.id)).toEqual({ added: 0, removed: 0 });
  });

  it('answers only the caller\'s legal entity and, at a store, its address books', async () => {
    const r = await buildRetailer(app, app.db);
    const other = await buildRetailer(app, app.db);
    await buildCustomer(app.db, other.le.id, { firstName: 'Walburga', lastName: 'Oxenstierna', email: 'w.ox@example.test', phone: '+33698765432' });
    for (const q of ['oxenstierna', 'oxenstiern', 'walburga oxenstierna', 'w.ox', '+33 6 98 76']) expect(await search(r, q)).toEqual([]);
    const mine = await buildCustomer(app.db, r.le.id, { firstName: 'Walburga', lastName: 'Oxenstierna' });
    const atStore = await app.inject({ method: 'GET', url: '/api/v1/customers?q=oxenstierna', headers: { cookie: r.as.associate } });
    expect(atStore.json()).toEqual([]);
    expect((await search(r, 'oxenstierna')).map((h) => h.id)).toEqual([mine.id]);
  });
});
