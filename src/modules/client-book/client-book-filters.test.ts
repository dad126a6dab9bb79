import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { testApp } from '../../../test/app.ts';
import { buildRetailer, buildCustomer } from '../../../test/factories.ts';
import { query } from '../../db/client.ts';
import { enableClienteling, addToBook, searchBook, createAttribute, createGroup, setValues } from './test-helpers.ts';
import { clientBookErrors } from './errors.ts';
import { customerAttributeErrors } from '../customer-attributes/errors.ts';
import { setupErrors } from '../setup/errors.ts';
import { formatMeasureValue } from '../../../shared/measures.ts';

let app: FastifyInstance;
beforeAll(async () => { app = await testApp(); });
afterAll(async () => { await app.close(); });

async function retailerWithAttributes() {
  const r = await buildRetailer(app, app.db);
  const group = await createGroup(app, r.as.headOffice, 'Client book');
  const interest = await createAttribute(app, r.as.headOffice, { groupId: group.id, name: 'Shopping interest', dataType: 'list', listValues: ['Handbags', 'Shoes', 'Jewellery'], canBeRefined: true, displayOrder: 2 });
  const ring = await createAttribute(app, r.as.headOffice, { groupId: group.id, name: 'Ring size', dataType: 'number', canBeRefined: true, displayOrder: 1 });
  const since = await createAttribute(app, r.as.headOffice, { groupId: group.id, name: 'Client since', dataType: 'date', canBeRefined: true, displayOrder: 3 });
  const vip = await createAttribute(app, r.as.headOffice, { groupId: group.id, name: 'VIP event invitee', dataType: 'boolean', canBeRefined: true, displayOrder: 4 });
  const secret = await createAttribute(app, r.as.headOffice, { groupId: group.id, name: 'Internal remark', dataType: 'text', canBeRefined: false, displayOrder: 5 });
  await enableClienteling(app, r.as.headOffice, { clientBookAttributeGroupId: group.id });
  return { r, group, interest, ring, since, vip, secret };
}

describe('client book filters and customer cards', () => {
  it('filters by refinable attributes: several list values, number and date ranges, yes/no', async () => {
    const { r, interest, ring, since, vip, secret } = await retailerWithAttributes();
    const specs = [
      { name: 'Anna', interest: 'Handbags', ring: 52, since: '2019-03-01', vip: true },
      { name: 'Berthe', interest: 'Shoes', ring: 56, since: '2021-06-15', vip: false },
      { name: 'Chloé', interest: 'Jewellery', ring: 50, since: '2023-01-10', vip: true },
      { name: 'Diane', interest: 'Shoes', ring: 60, since: '2018-11-30', vip: true },
    ];
    const ids: Record<string, string> = {};
    for (const s of specs) {
      const c = await buildCustomer(app.db, r.le.id, { firstName: s.name, lastName: 'Test' });
      ids[s.name] = c.id;
      await addToBook(app, r.as.associate, c.id);
      await setValues(app, r.as.associate, c.id, [
        { attributeId: interest.id, value: s.interest }, { attributeId: ring.id, value: s.ring },
        { attributeId: since.id, value: s.since }, { attributeId: vip.id, value: s.vip },
      ]);
    }
    const names = async (body: Record<string, unknown>) => (await searchBook(app, r.as.associate, { sort: 'name', ...body })).items.map((i) => i.firstName).sort();
    expect(await names({ attributes: [{ attributeId: interest.id, values: ['Handbags', 'Shoes'] }] })).toEqual(['Anna', 'Berthe', 'Diane']);
    expect(await names({ attributes: [{ attributeId: interest.id, values: ['Shoes'] }, { attributeId: ring.id, min: 58 }] })).toEqual(['Diane']);
    expect(await names({ attributes: [{ attributeId: ring.id, min: 50, max: 52 }] })).toEqual(['Anna', 'Chloé']);
    expect(await names({ attributes: [{ attributeId: since.id, from: '2019-01-01', to: '2022-12-31' }] })).toEqual(['Anna', 'Berthe']);
    expect(await names({ attributes: [{ attributeId: vip.id, equals: false }] })).toEqual(['Berthe']);
    const notRefinable = await app.inject({ method: 'POST', url: '/api/v1/client-book/search', headers: { cookie: r.as.associate }, payload: { attributes: [{ attributeId: secret.id, values: ['x'] }] } });
    expect(notRefinable.statusCode).toBe(400);
    expect(notRefinable.json().code).toBe(clientBookErrors.attribute_not_refinable.code);
    expect(notRefinable.json().field).toBe('attributes.0.attributeId');
    const badValue = await app.inject({ method: 'PUT', url: `/api/v1/customers/${ids.Anna}/attributes`, headers: { cookie: r.as.associate }, payload: { values: [{ attributeId: interest.id, value: 'Hats' }] } });
    expect(badValue.statusCode).toBe(400);
    expect(badValue.json().code).toBe(customerAttributeErrors.invalid_value.code);
    expect(badValue.json().field).toBe('values.0.value');
  });

  it('keeps filtering right in "recently added" order as values change, customers move between books and duplicates merge', async () => {
    const { r, interest, ring } = await retailerWithAttributes();
    const recent = async (cookie: string, body: Record<string, unknown>, store = false) =>
      (await searchBook(app, cookie, body, store)).items.map((i) => i.firstName).sort();
    const handbags = { attributes: [{ attributeId: interest.id, values: ['Handbags'] }] };
    // Values set before the customer joins a book, and after.
    const before = await buildCustomer(app.db, r.le.id, { firstName: 'Before' });
    await setValues(app, r.as.associate, before.id, [{ attributeId: interest.id, value: 'Handbags' }, { attributeId: ring.id, value: 54 }]);
    await addToBook(app, r.as.associate, before.id);
    const after = await buildCustomer(app.db, r.le.id, { firstName: 'After' });
    await addToBook(app, r.as.associate, after.id);
    await setValues(app, r.as.associate, after.id, [{ attributeId: interest.id, value: 'Handbags' }]);
    expect(await recent(r.as.associate, handbags)).toEqual(['After', 'Before']);
    expect(await recent(r.as.associate, { attributes: [{ attributeId: ring.id, min: 53, max: 55 }] })).toEqual(['Before']);
    // A changed value and a cleared value.
    await setValues(app, r.as.associate, before.id, [{ attributeId: interest.id, value: 'Shoes' }]);
    await setValues(app, r.as.associate, after.id, [{ attributeId: interest.id, value: null }]);
    expect(await recent(r.as.associate, handbags)).toEqual([]);
    expect(await recent(r.as.associate, { attributes: [{ attributeId: interest.id, values: ['Shoes'] }] })).toEqual(['Before']);
    // Reassigned to the manager's book: the values travel with the customer, and the store client book finds them.
    const moved = await app.inject({ method: 'POST', url: '/api/v1/client-book/reassign', headers: { cookie: r.as.manager }, payload: { toAssociateId: r.manager.id, customerIds: [before.id] } });
    expect(moved.json().moved).toBe(1);
    expect(await recent(r.as.manager, { attributes: [{ attributeId: interest.id, values: ['Shoes'] }] })).toEqual(['Before']);
    await setValues(app, r.as.associate, after.id, [{ attributeId: interest.id, value: 'Shoes' }]);
    expect(await recent(r.as.manager, { attributes: [{ attributeId: interest.id, values: ['Shoes'] }] }, true)).toEqual(['After', 'Before']);
    // A duplicate in the book is merged into a record outside it: the survivor takes the membership and both customers'
    // values (the survivor's own value wins where both have one).
    const survivor = await buildCustomer(app.db, r.le.id, { firstName: 'Survivor' });
    await setValues(app, r.as.associate, survivor.id, [{ attributeId: ring.id, value: 60 }]);
    const merged = await app.inject({ method: 'POST', url: `/api/v1/customers/${survivor.id}/merge`, headers: { cookie: r.as.headOffice }, payload: { duplicateId: after.id } });
    expect(merged.statusCode).toBe(200);
    expect(await recent(r.as.associate, { attributes: [{ attributeId: interest.id, values: ['Shoes'] }, { attributeId: ring.id, min: 60 }] })).toEqual(['Survivor']);
    // An attribute deleted by head office no longer matches anyone.
    const del = await app.inject({ method: 'DELETE', url: `/api/v1/customer-attributes/${ring.id}`, headers: { cookie: r.as.headOffice } });
    expect(del.statusCode).toBeLessThan(300);
    const [{ n }] = await query<{ n: number }>((app as unknown as { db: Parameters<typeof query>[0] }).db, sql`select count(*)::int as n from client_book_members where legal_entity_id = ${r.le.id} and attribute_values ? ${ring.id}`);
    expect(n).toBe(0);
  });

  it('keeps name order when a customer is renamed, in my book and in the store client book', async () => {
    const r = await buildRetailer(app, app.db);
    await enableClienteling(app, r.as.headOffice);
    const names = [['Zoé', 'Abadie'], ['Anne', 'Martin'], ['Luc', 'Martin'], ['Paul', 'Zeller']];
    const ids: string[] = [];
    for (const [firstName, lastName] of names) {
      const c = await buildCustomer(app.db, r.le.id, { firstName, lastName });
      ids.push(c.id);
      await addToBook(app, ids.length % 2 ? r.as.associate : r.as.manager, c.id);
    }
    const order = async (cookie: string, store = false) => (await searchBook(app, cookie, { sort: 'name' }, store)).items.map((i) => `${i.firstName} ${i.lastName}`);
    expect(await order(r.as.manager, true)).toEqual(['Zoé Abadie', 'Anne Martin', 'Luc Martin', 'Paul Zeller']);
    const renamed = await app.inject({ method: 'PATCH', url: `/api/v1/customers/${ids[0]}`, headers: { cookie: r.as.associate }, payload: { lastName: 'Zola' } });
    expect(renamed.statusCode).toBe(200);
    expect(await order(r.as.manager, true)).toEqual(['Anne Martin', 'Luc Martin', 'Paul Zeller', 'Zoé Zola']);
    expect(await order(r.as.associate)).toEqual(['Luc Martin', 'Zoé Zola']);
  });

  it('searches name, email and phone with typos, and finds birthdays and anniversaries coming up across the year end', async () => {
    const r = await buildRetailer(app, app.db);
    await enableClienteling(app, r.as.headOffice);
    const a = await buildCustomer(app.db, r.le.id, { firstName: 'Margaux', lastName: 'Delacroix', phone: '+33 6 11 22 33 44', birthDate: '1980-01-03' });
    const b = await buildCustomer(app.db, r.le.id, { firstName: 'Paul', lastName: 'Renard', anniversaryDate: '2010-12-30', birthDate: '1975-06-01' });
    const c = await buildCustomer(app.db, r.le.id, { firstName: 'Zoé', lastName: 'Blanc', birthDate: '1990-01-20' });
    for (const x of [a, b, c]) await addToBook(app, r.as.associate, x.id);
    const ids = async (body: Record<string, unknown>) => (await searchBook(app, r.as.associate, body)).items.map((i) => i.customerId);
    expect(await ids({ q: 'delacrox' })).toEqual([a.id]);
    // Two letters swapped in a short name.
    expect(await ids({ q: 'renadr' })).toEqual([b.id]);
    expect(await ids({ q: '22 33 44' })).toEqual([a.id]);
    const upcoming = await searchBook(app, r.as.associate, { upcomingDays: 7, today: '2024-12-28', sort: 'upcoming' });
    expect(upcoming.items.map((i) => i.customerId)).toEqual([b.id, a.id]);
    expect(upcoming.items[1].birthdayInDays).toBe(6);
    expect(await ids({ upcomingDays: 7, upcomingKinds: ['birthday'], today: '2024-12-28' })).toEqual([a.id]);
  });

  it('pages with a cursor in every sort order without repeating or skipping a customer', async () => {
    const r = await buildRetailer(app, app.db);
    await enableClienteling(app, r.as.headOffice);
    const made: string[] = [];
    for (let i = 0; i < 7; i++) {
      const c = await buildCustomer(app.db, r.le.id, { lastName: `Name ${String.fromCharCode(71 - i)}`, birthDate: `1990-0${(i % 9) + 1}-15` });
      made.push(c.id);
      await addToBook(app, r.as.associate, c.id);
    }
    for (const sort of ['recent', 'name', 'upcoming']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await searchBook(app, r.as.associate, { sort, limit: 3, ...(cursor ? { cursor } : {}) });
        seen.push(...page.items.map((i) => i.customerId));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen.sort()).toEqual([...made].sort());
    }
    const byName = await searchBook(app, r.as.associate, { sort: 'name', limit: 2 });
    expect(byName.items.map((i) => i.lastName)).toEqual(['Name A', 'Name B']);
    const bad = await app.inject({ method: 'POST', url: '/api/v1/client-book/search', headers: { cookie: r.as.associate }, payload: { sort: 'name', cursor: 'garbage' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe(clientBookErrors.invalid_cursor.code);
    expect(bad.json().field).toBe('cursor');
  });

  it('shows the selected measures first, then client book attributes by display order, up to three', async () => {
    const { r, interest, ring } = await retailerWithAttributes();
    await app.db.execute(sql`insert into measure_definitions (legal_entity_id, key, name, source, format) values
      (${r.le.id}, 'churn', 'Churn probability', 'builtin', 'percent'), (${r.le.id}, 'clv', 'Customer lifetime value', 'builtin', 'currency')`);
    const c = await buildCustomer(app.db, r.le.id);
    await addToBook(app, r.as.associate, c.id);
    await setValues(app, r.as.associate, c.id, [{ attributeId: interest.id, value: 'Shoes' }, { attributeId: ring.id, value: 54 }]);
    await app.db.execute(sql`insert into customer_measures (customer_id, measure_key, legal_entity_id, value_number, computed_at) values (${c.id}, 'churn', ${r.le.id}, 0.23, now())`);
    const props = async () => (await searchBook(app, r.as.associate)).items[0].properties.map((p) => [p.label, p.value]);
    expect(await props()).toEqual([['Ring size', '54'], ['Shopping interest', 'Shoes'], ['Client since', null]]);
    const tooMany = await app.inject({ method: 'PATCH', url: '/api/v1/setup/clienteling', headers: { cookie: r.as.headOffice }, payload: { cardMeasureKeys: ['churn', 'clv', 'churn', 'clv'] } });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().code).toBe('validation'); // the schema allows three
    const unknown = await app.inject({ method: 'PATCH', url: '/api/v1/setup/clienteling', headers: { cookie: r.as.headOffice }, payload: { cardMeasureKeys: ['nope'] } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().code).toBe(setupErrors.unknown_measure.code);
    await enableClienteling(app, r.as.headOffice, { cardMeasureKeys: ['churn', 'clv'] });
    expect(await props()).toEqual([['Churn probability', '23%'], ['Customer lifetime value', null], ['Ring size', '54']]);
    // The number goes beside the English for the web to format in the reader's locale; a built-in measure's name by key.
    const churn = (await searchBook(app, r.as.associate)).items[0].properties[0] as unknown as { valueNumber: number; format: string; currency: string };
    expect(churn).toMatchObject({ valueNumber: 0.23, format: 'percent', currency: 'EUR' });
    expect(formatMeasureValue(churn.format, { valueNumber: churn.valueNumber, valueText: null }, churn.currency, 'fr-FR')).toBe('23\u00a0%');
    await app.db.execute(sql`insert into measure_definitions (legal_entity_id, key, name, source, format) values (${r.le.id}, 'rfm_segment', 'RFM segment', 'builtin', 'text') on conflict do nothing`);
    await app.db.execute(sql`insert into customer_measures (customer_id, measure_key, legal_entity_id, value_text, computed_at) values (${c.id}, 'rfm_segment', ${r.le.id}, 'At risk', now())`);
    await enableClienteling(app, r.as.headOffice, { cardMeasureKeys: ['rfm_segment'] });
    expect((await searchBook(app, r.as.associate)).items[0].properties[0]).toMatchObject({ label: 'RFM segment', labelKey: 'rfm_segment', value: 'At risk', valueKey: 'atRisk' });
    // A next best action's title goes with its action's key, for the web to word in the reader's language.
    await app.db.execute(sql`insert into measure_definitions (legal_entity_id, key, name, source, format) values (${r.le.id}, 'next_best_action', 'Next best action', 'builtin', 'text') on conflict do nothing`);
    await app.db.execute(sql`insert into customer_insights (customer_id, legal_entity_id, computed_at, next_best_action, next_best_action_score, next_best_action_drivers)
      values (${c.id}, ${r.le.id}, now(), 'Win-back call', 0.8, ${JSON.stringify({ action: 'win-back-call', channel: 'phone', reasons: ['Last purchase 400 days ago'], alternatives: [] })}::jsonb)`);
    await enableClienteling(app, r.as.headOffice, { cardMeasureKeys: ['next_best_action'] });
    expect((await searchBook(app, r.as.associate)).items[0].properties[0]).toMatchObject({ label: 'Next best action', labelKey: 'next_best_action', value: 'Win-back call', valueKey: 'win-back-call' });
    await enableClienteling(app, r.as.headOffice, { cardMeasureKeys: ['churn', 'clv'] });
    // A change of display order shows on the very next request.
    await app.inject({ method: 'PATCH', url: `/api/v1/customer-attributes/${interest.id}`, headers: { cookie: r.as.headOffice }, payload: { displayOrder: 0 } });
    expect((await props())[2]).toEqual(['Shopping interest', 'Shoes']);
  });

  it('saves filters per associate', async () => {
    const { r, interest } = await retailerWithAttributes();
    const filter = { attributes: [{ attributeId: interest.id, values: ['Shoes'] }], sort: 'name' };
    const saved = await app.inject({ method: 'POST', url: '/api/v1/client-book/saved-filters', headers: { cookie: r.as.associate }, payload: { name: 'Shoe lovers', scope: 'mine', filter } });
    expect(saved.statusCode).toBe(201);
    const mine = (await app.inject({ method: 'GET', url: '/api/v1/client-book/saved-filters', headers: { cookie: r.as.associate } })).json();
    expect(mine).toEqual([expect.objectContaining({ name: 'Shoe lovers', filter })]);
    const theirs = (await app.inject({ method: 'GET', url: '/api/v1/client-book/saved-filters', headers: { cookie: r.as.manager } })).json();
    expect(theirs).toEqual([]);
    const notTheirs = await app.inject({ method: 'DELETE', url: `/api/v1/client-book/saved-filters/${saved.json().id}`, headers: { cookie: r.as.manager } });
    expect([notTheirs.statusCode, notTheirs.json().code]).toEqual([404, clientBookErrors.saved_filter_not_found.code]);
    expect((await app.inject({ method: 'DELETE', url: `/api/v1/client-book/saved-filters/${saved.json().id}`, headers: { cookie: r.as.associate } })).statusCode).toBe(200);
  });

  it('refuses to save a filter that names another legal entity\'s attribute or associate', async () => {
    const { r, interest } = await retailerWithAttributes();
    const other = await retailerWithAttributes();
    const save = (filter: Record<string, unknown>) => app.inject({ method: 'POST', url: '/api/v1/client-book/saved-filters', headers: { cookie: r.as.associate }, payload: { name: 'Borrowed', scope: 'store', filter } });
    const foreignAttribute = await save({ attributes: [{ attributeId: other.interest.id, values: ['Shoes'] }] });
    expect(foreignAttribute.statusCode).toBe(400);
    expect(foreignAttribute.json().code).toBe(clientBookErrors.unknown_attribute.code);
    expect(foreignAttribute.json().field).toBe('filter.attributes');
    const foreignOwner = await save({ attributes: [{ attributeId: interest.id, values: ['Shoes'] }], ownerAssociateId: other.r.associate.id });
    expect(foreignOwner.statusCode).toBe(400);
    expect(foreignOwner.json().code).toBe(clientBookErrors.unknown_owner.code);
    expect(foreignOwner.json().field).toBe('filter.ownerAssociateId');
    expect((await save({ attributes: [{ attributeId: interest.id, values: ['Shoes'] }], ownerAssociateId: r.associate.id })).statusCode).toBe(201);
  });
});
