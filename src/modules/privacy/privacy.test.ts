import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { testApp } from '../../../test/app.ts';
import { buildRetailer, buildCustomer } from '../../../test/factories.ts';
import { query } from '../../db/client.ts';
import { buildProduct, buildOrder } from '../customer-profile/test-helpers.ts';
import { wishlistItems, interactions, loyaltyAccounts } from '../customer-profile/schema.ts';
import { privacyErrors } from './errors.ts';

/** Status and code of a refusal, which is what tells a client why. */
const problem = (res: { statusCode: number; json: () => { code: string } }) => [res.statusCode, res.json().code];

let app: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => { app = await testApp(); });
afterAll(async () => { await app.close(); });

describe('privacy: export and erasure', () => {
  it('exports everything held about a customer and logs it; only with privacy.manage', async () => {
    const r = await buildRetailer(app, app.db);
    const c = await buildCustomer(app.db, r.le.id, { firstName: 'Margaux', email: 'margaux@example.com' });
    const p = await buildProduct(app.db, r.le.id);
    await buildOrder(app.db, r.le.id, c.id, [{ productId: p.id, unitPriceMinor: 19_000 }]);
    await app.db.insert(interactions).values({ legalEntityId: r.le.id, customerId: c.id, externalId: `I-${c.id}`, kind: 'complaint', subject: 'Rude call about my divorce', status: 'open', occurredAt: new Date().toISOString() });
    expect(problem(await app.inject({ method: 'GET', url: `/api/v1/customers/${c.id}/export`, headers: { cookie: r.as.associate } }))).toEqual([403, 'forbidden']);
    const res = await app.inject({ method: 'GET', url: `/api/v1/customers/${c.id}/export`, headers: { cookie: r.as.headOffice } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.customer.email).toBe('margaux@example.com');
    expect(body.data.orders).toHaveLength(1);
    expect(body.data.order_lines[0].net_minor).toBe(19_000);
    expect(body.data.interactions[0].subject).toContain('divorce');
    const log = await query<{ action: string }>(app.db, sql`select action from audit_log where entity_id = ${c.id} and action = 'export'`);
    expect(log).toHaveLength(1);
  });

  it('erases personal data and free text but keeps orders and amounts', async () => {
    const r = await buildRetailer(app, app.db);
    const c = await buildCustomer(app.db, r.le.id, { firstName: 'Margaux', lastName: 'Delacroix', email: 'm@example.com', phone: '+33 6 11 22 33 44', birthDate: '1985-04-23', externalId: `CRM-${Date.now()}` });
    const p = await buildProduct(app.db, r.le.id);
    await buildOrder(app.db, r.le.id, c.id, [{ productId: p.id, unitPriceMinor: 50_000 }]);
    await app.db.insert(wishlistItems).values({ legalEntityId: r.le.id, customerId: c.id, productId: p.id });
    await app.db.insert(interactions).values({ legalEntityId: r.le.id, customerId: c.id, externalId: `I-${c.id}`, kind: 'email', subject: 'Personal story', occurredAt: new Date().toISOString(), detail: { text: 'x' } });
    await app.inject({ method: 'PUT', url: `/api/v1/customers/${c.id}/consents/email`, headers: { cookie: r.as.associate }, payload: { granted: true, source: 'in store' } });

    const res = await app.inject({ method: 'POST', url: `/api/v1/customers/${c.id}/erase`, headers: { cookie: r.as.headOffice }, payload: { reason: 'Customer asked by letter' } });
    expect(res.statusCode).toBe(200);
    const [after] = await query<any>(app.db, sql`select first_name, email, phone, birth_date, erased_at from customers where id = ${c.id}`);
    expect(after).toMatchObject({ first_name: 'Erased', email: null, phone: null, birth_date: null });
    expect(after.erased_at).toBeTruthy();
    const kept = await query<{ total: number }>(app.db, sql`select total_minor::float8 as total from orders where customer_id = ${c.id}`);
    expect(kept).toEqual([{ total: 50_000 }]);
    expect(await query(app.db, sql`select 1 from wishlist_items where customer_id = ${c.id}`)).toHaveLength(0);
    const [i] = await query<any>(app.db, sql`select subject, detail from interactions where customer_id = ${c.id}`);
    expect(i).toEqual({ subject: '[erased]', detail: null });
    const [consent] = await query<any>(app.db, sql`select granted from customer_consents where customer_id = ${c.id}`);
    expect(consent.granted).toBe(false);
    expect(await query(app.db, sql`select 1 from audit_log where entity_id = ${c.id} and action = 'erase'`)).toHaveLength(1);

    // The CRM feed still sends the customer: the import must not bring the personal data back.
    const reimport = await app.inject({ method: 'POST', url: '/api/v1/import/customers', headers: { cookie: r.as.headOffice, 'content-type': 'application/x-ndjson' },
      payload: JSON.stringify({ externalId: c.externalId, firstName: 'Margaux', lastName: 'Delacroix', email: 'm@example.com' }) });
    expect(reimport.json()).toMatchObject({ unchanged: 1 });
    expect((await query<any>(app.db, sql`select email from customers where id = ${c.id}`))[0].email).toBeNull();
    expect(problem(await app.inject({ method: 'POST', url: `/api/v1/customers/${c.id}/erase`, headers: { cookie: r.as.headOffice }, payload: { reason: 'again' } }))).toEqual([409, privacyErrors.already_erased.code]);
  });
});

describe('duplicates', () => {
  it('finds duplicates by email, phone and similar name with birth date, and merges keeping all history', async () => {
    const r = await buildRetailer(app, app.db);
    const le = r.le.id;
    const keep = await buildCustomer(app.db, le, { firstName: 'Margaux', lastName: 'Delacroix', email: 'margaux@example.com', phone: null, birthDate: '1985-04-23', homeStoreId: r.store.id });
    const dup = await buildCustomer(app.db, le, { firstName: 'Margot', lastName: 'Delacroix', email: 'MARGAUX@example.com', phone: '+33 6 12 34 56 78', birthDate: '1985-04-23' });
    const other = await buildCustomer(app.db, le, { firstName: 'Hugo', lastName: 'Bernard', email: 'hugo@example.com', phone: '+33612345678' });
    const list = (await app.inject({ method: 'GET', url: '/api/v1/duplicates', headers: { cookie: r.as.headOffice } })).json();
    const pair = list.find((x: any) => [x.a.id, x.b.id].sort().join() === [keep.id, dup.id].sort().join());
    expect(pair.reasons).toEqual(['Same email', 'Similar name and same birth date']);
    expect(list.find((x: any) => [x.a.id, x.b.id].includes(other.id)).reasons).toEqual(['Same phone']);

    const p = await buildProduct(app.db, le);
    await buildOrder(app.db, le, dup.id, [{ productId: p.id, unitPriceMinor: 30_000 }]);
    await buildOrder(app.db, le, keep.id, [{ productId: p.id, unitPriceMinor: 10_000 }]);
    await app.db.insert(wishlistItems).values([{ legalEntityId: le, customerId: keep.id, productId: p.id }, { legalEntityId: le, customerId: dup.id, productId: p.id }]);
    await app.db.insert(loyaltyAccounts).values({ customerId: dup.id, legalEntityId: le, programme: 'Circle', tier: 'Gold', cardNumber: `LC-${dup.id}`, joinedAt: new Date().toISOString() });

    expect(problem(await app.inject({ method: 'POST', url: `/api/v1/customers/${keep.id}/merge`, headers: { cookie: r.as.associate }, payload: { duplicateId: dup.id } }))).toEqual([403, 'forbidden']);
    expect(problem(await app.inject({ method: 'POST', url: `/api/v1/customers/${keep.id}/merge`, headers: { cookie: r.as.headOffice }, payload: { duplicateId: keep.id } }))).toEqual([400, privacyErrors.merge_into_itself.code]);
    const merged = await app.inject({ method: 'POST', url: `/api/v1/customers/${keep.id}/merge`, headers: { cookie: r.as.headOffice }, payload: { duplicateId: dup.id } });
    expect(merged.statusCode).toBe(200);
    expect(merged.json().moved).toMatchObject({ orders: 1, loyalty_accounts: 1 });
    expect(merged.json().dropped).toMatchObject({ wishlist_items: 1 });

    const profile = (await app.inject({ method: 'GET', url: `/api/v1/customers/${keep.id}/profile`, headers: { cookie: r.as.associate } })).json();
    expect(profile.spending.orderCount).toBe(2);
    expect(profile.spending.totalMinor).toBe(40_000);
    expect(profile.loyalty.tier).toBe('Gold');
    expect(profile.customer.phone).toBe('+33 6 12 34 56 78');
    const [d] = await query<any>(app.db, sql`select merged_into_id from customers where id = ${dup.id}`);
    expect(d.merged_into_id).toBe(keep.id);
    expect(problem(await app.inject({ method: 'POST', url: `/api/v1/customers/${keep.id}/merge`, headers: { cookie: r.as.headOffice }, payload: { duplicateId: dup.id } }))).toEqual([409, privacyErrors.already_merged.code]);
    const after = (await app.inject({ method: 'GET', url: '/api/v1/duplicates', headers: { cookie: r.as.headOffice } })).json();
    expect(after.some((x: any) => [x.a.id, x.b.id].includes(dup.id))).toBe(false);
  });
});
