import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { testApp } from '../../test/app.ts';
import { buildRetailer, buildCustomer, buildAssociate, signInAs, TEST_PASSWORD } from '../../test/factories.ts';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { query, migrationsFolder } from '../db/client.ts';
import { sql } from 'drizzle-orm';
import { sha256 } from '../modules/auth/passwords.ts';

let app: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => { app = await testApp(); });
afterAll(async () => { await app?.close(); });

describe('platform', () => {
  it('reports health with the database kind and migration version', async () => {
    const res = await app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.database).toBe(process.env.CLIENTELING_TEST_DB === 'postgres' ? 'postgres' : 'pglite');
    const journal = JSON.parse(readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8'));
    expect(body.migrations.applied).toBe(journal.entries.length);
    expect(Date.parse(body.migrations.lastCreatedAt)).toBeGreaterThan(Date.parse('2026-01-01'));
  });

  it('publishes an OpenAPI document listing the routes with their schemas', async () => {
    const res = await app.inject({ method: 'GET', url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/api/v1/customers/{id}'].get.responses['200']).toBeDefined();
    expect(doc.paths['/api/v1/auth/sign-in'].post.requestBody).toBeDefined();
  });

  it('refuses the API without sign-in, as problem+json', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/me' });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().detail).toMatch(/Sign in/);
  });

  it('answers unknown API routes with 404 problem+json', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/no-such-thing' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });
});

describe('sign-in and sessions', () => {
  it('signs in, tells who I am, and signs out', async () => {
    const r = await buildRetailer(app, app.db);
    const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: r.as.associate } });
    expect(me.statusCode).toBe(200);
    expect(me.json().legalEntity.id).toBe(r.le.id);
    expect(me.json().storeId).toBe(r.store.id);
    expect(me.json().permissions).toContain('client-book.view-own');
    expect(me.json().permissions).not.toContain('setup.manage');
    const out = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-out', headers: { cookie: r.as.associate } });
    expect(out.statusCode).toBe(200);
    const after = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: r.as.associate } });
    expect(after.statusCode).toBe(401);
  });

  it('ends a session when it expires or the associate is deactivated, and applies role changes on the next request', async () => {
    const r = await buildRetailer(app, app.db);
    const me = () => app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: r.as.associate } });
    // A second role's permissions add up with the first's; taking the role away takes them away at once.
    await app.db.execute(sql`insert into associate_roles (associate_id, role_id) values (${r.associate.id}, ${r.le.roles['Head office']})`);
    expect((await me()).json().permissions).toEqual(expect.arrayContaining(['client-book.view-own', 'setup.manage']));
    await app.db.execute(sql`delete from associate_roles where associate_id = ${r.associate.id} and role_id = ${r.le.roles['Head office']}`);
    expect((await me()).json().permissions).not.toContain('setup.manage');
    await app.db.execute(sql`update associates set active = false where id = ${r.associate.id}`);
    expect((await me()).statusCode).toBe(401);
    await app.db.execute(sql`update associates set active = true where id = ${r.associate.id}`);
    expect((await me()).statusCode).toBe(200);
    const token = r.as.associate.split('=')[1];
    await app.db.execute(sql`update sessions set expires_at = now() - interval '1 second' where token_hash = ${sha256(decodeURIComponent(token))}`);
    expect((await me()).statusCode).toBe(401);
  });

  it('sets an HTTP-only session cookie', async () => {
    const r = await buildRetailer(app, app.db);
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: r.associate.email, password: TEST_PASSWORD } });
    const cookie = res.cookies.find((c) => c.name === 'clt_session')!;
    expect(cookie.httpOnly).toBe(true);
    const rows = await query<{ n: number }>(app.db, sql`select count(*)::int as n from sessions where token_hash = ${cookie.value}`);
    expect(rows[0].n).toBe(0); // only a hash of the token is stored
  });

  it('limits sign-in attempts per client address across server processes, sharing one count in the database', async () => {
    const one = await testApp({ signInRateLimit: 3 });
    const two = await testApp({ signInRateLimit: 3 });
    try {
      const attempt = (server: typeof one, address: string) => server.inject({ method: 'POST', url: '/api/v1/auth/sign-in',
        payload: { email: `nobody-${address}@example.test`, password: 'wrong-password' }, remoteAddress: address });
      // Counts are per minute: if the minute turns during the attempts, run them again in the new one.
      for (let tries = 0; ; tries++) {
        const address = `10.77.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
        const minute = Math.floor(Date.now() / 60_000);
        const statuses = [];
        for (const server of [one, two, one, two]) statuses.push((await attempt(server, address)).statusCode);
        if (Math.floor(Date.now() / 60_000) !== minute && tries < 2) continue;
        // Three attempts allowed in all, whichever process took them; the fourth is refused.
        expect(statuses).toEqual([401, 401, 401, 429]);
        const refused = await attempt(one, address);
        // The address's request limit (the core's code), not the sign-in back-off (auth.sign_in_throttled).
        expect(refused.json().code).toBe('rate_limited');
        expect(refused.json().detail).toMatch(/Too many requests; try again in \d+ seconds/);
        expect((await attempt(two, address.replace('10.77.', '10.78.'))).statusCode).toBe(401);
        break;
      }
    } finally {
      await one.close();
      await two.close();
    }
  });

  it('accepts bearer API tokens for integrations, and not once revoked', async () => {
    const r = await buildRetailer(app, app.db);
    const created = await app.inject({ method: 'POST', url: '/api/v1/api-tokens', headers: { cookie: r.as.headOffice }, payload: { name: 'ERP feed' } });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json();
    const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json().legalEntity.id).toBe(r.le.id);
    // The token acts as its associate: their store and their roles' permissions; its use is noted.
    expect(me.json()).toMatchObject({ associateId: r.headOffice.id, storeId: r.store.id });
    expect(me.json().permissions).toContain('setup.manage');
    const [used] = await query<{ lastUsedAt: string | null }>(app.db, sql`select last_used_at::text as "lastUsedAt" from api_tokens where id = ${id}`);
    expect(used.lastUsedAt).not.toBeNull();
    await app.db.execute(sql`update associates set active = false where id = ${r.headOffice.id}`);
    expect((await app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401);
    await app.db.execute(sql`update associates set active = true where id = ${r.headOffice.id}`);
    await app.inject({ method: 'DELETE', url: `/api/v1/api-tokens/${id}`, headers: { cookie: r.as.headOffice } });
    const again = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
    expect(again.statusCode).toBe(401);
  });

  it('lets only associates with the permission create API tokens', async () => {
    const r = await buildRetailer(app, app.db);
    const res = await app.inject({ method: 'POST', url: '/api/v1/api-tokens', headers: { cookie: r.as.associate }, payload: { name: 'x' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().detail).toMatch(/users.manage/);
  });
});

describe('bad input', () => {
  it('rejects malformed JSON, unknown fields, wrong types and oversized bodies with 4xx problem+json, writing nothing', async () => {
    const r = await buildRetailer(app, app.db);
    const h = { cookie: r.as.associate, 'content-type': 'application/json' };
    const count = async () => (await query<{ n: number }>(app.db, sql`select count(*)::int as n from customers where legal_entity_id = ${r.le.id}`))[0].n;
    const before = await count();

    const malformed = await app.inject({ method: 'POST', url: '/api/v1/customers', headers: h, payload: '{"firstName": "Ann",' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.headers['content-type']).toContain('application/problem+json');

    const unknownField = await app.inject({ method: 'POST', url: '/api/v1/customers', headers: h, payload: { firstName: 'Ann', lastName: 'Lee', shoeSize: 38 } });
    expect(unknownField.statusCode).toBe(400);
    expect(unknownField.json().field).toBe('shoeSize');

    const wrongType = await app.inject({ method: 'POST', url: '/api/v1/customers', headers: h, payload: { firstName: 'Ann', lastName: 'Lee', isVip: 'very' } });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().field).toBe('isVip');

    const badDate = await app.inject({ method: 'POST', url: '/api/v1/customers', headers: h, payload: { firstName: 'Ann', lastName: 'Lee', birthDate: '1990-02-31x' } });
    expect(badDate.statusCode).toBe(400);

    const huge = await app.inject({ method: 'POST', url: '/api/v1/customers', headers: h, payload: JSON.stringify({ firstName: 'A'.repeat(2 * 1024 * 1024), lastName: 'L' }) });
    expect(huge.statusCode).toBe(413);
    expect(huge.headers['content-type']).toContain('application/problem+json');

    const badId = await app.inject({ method: 'GET', url: '/api/v1/customers/not-a-uuid', headers: h });
    expect(badId.statusCode).toBe(400);

    expect(await count()).toBe(before);
  });
});

describe('legal entity isolation', () => {
  it('an associate of legal entity A cannot read, search or change anything of legal entity B', async () => {
    const a = await buildRetailer(app, app.db);
    const b = await buildRetailer(app, app.db);
    const bCustomer = await buildCustomer(app.db, b.le.id, { firstName: 'Beatrice', lastName: 'Bergstrom' });

    const read = await app.inject({ method: 'GET', url: `/api/v1/customers/${bCustomer.id}`, headers: { cookie: a.as.headOffice } });
    expect(read.statusCode).toBe(404);
    const patch = await app.inject({ method: 'PATCH', url: `/api/v1/customers/${bCustomer.id}`, headers: { cookie: a.as.headOffice }, payload: { firstName: 'Hacked' } });
    expect(patch.statusCode).toBe(404);
    const search = await app.inject({ method: 'GET', url: '/api/v1/customers?q=Bergstrom&allStores=true', headers: { cookie: a.as.headOffice } });
    expect(search.json()).toEqual([]);
    const associates = await app.inject({ method: 'GET', url: '/api/v1/associates', headers: { cookie: a.as.headOffice } });
    expect(associates.json().map((x: any) => x.id)).not.toContain(b.associate.id);
    // B's own head office still sees the customer unchanged.
    const own = await app.inject({ method: 'GET', url: `/api/v1/customers/${bCustomer.id}`, headers: { cookie: b.as.headOffice } });
    expect(own.json().firstName).toBe('Beatrice');
  });

  it('cannot sign into a legal entity the user does not work for', async () => {
    const a = await buildRetailer(app, app.db);
    const b = await buildRetailer(app, app.db);
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: a.associate.email, password: TEST_PASSWORD, legalEntityId: b.le.id } });
    expect(res.statusCode).toBe(403);
  });
});

describe('customers and audit', () => {
  it('creates, finds with a typo, and audits who read the customer', async () => {
    const r = await buildRetailer(app, app.db);
    const created = await app.inject({ method: 'POST', url: '/api/v1/customers', headers: { cookie: r.as.associate }, payload: { firstName: 'Margaux', lastName: 'Delacroix', email: 'margaux@example.test', birthDate: '1985-03-14' } });
    expect(created.statusCode).toBe(201);
    const c = created.json();
    expect(c.accountNumber).toMatch(/^CUS-\d{6}$/);
    const found = await app.inject({ method: 'GET', url: '/api/v1/customers?q=delacrox', headers: { cookie: r.as.associate } });
    expect(found.json().map((x: any) => x.id)).toContain(c.id);
    // Two letters swapped in the last name.
    const swapped = await app.inject({ method: 'GET', url: '/api/v1/customers?q=delacorix', headers: { cookie: r.as.associate } });
    expect(swapped.json().map((x: any) => x.id)).toContain(c.id);
    await app.inject({ method: 'GET', url: `/api/v1/customers/${c.id}`, headers: { cookie: r.as.associate } });
    const log = await app.inject({ method: 'GET', url: `/api/v1/audit?entityType=customer&entityId=${c.id}`, headers: { cookie: r.as.headOffice } });
    expect(log.statusCode).toBe(200);
    expect(log.json().map((e: any) => e.action).sort()).toEqual(['create', 'read']);
    expect(log.json()[0].actorAssociateId).toBe(r.associate.id);
  });

  it('customer search at a store is limited to its address books unless asked for all stores', async () => {
    const r = await buildRetailer(app, app.db);
    const other = await buildCustomer(app.db, r.le.id, { firstName: 'Otto', lastName: 'Elsewhere' });
    const here = await app.inject({ method: 'GET', url: '/api/v1/customers?q=elsewhere', headers: { cookie: r.as.associate } });
    expect(here.json()).toEqual([]);
    const all = await app.inject({ method: 'GET', url: '/api/v1/customers?q=elsewhere&allStores=true', headers: { cookie: r.as.associate } });
    expect(all.json().map((x: any) => x.id)).toEqual([other.id]);
  });
});
