import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import Fastify from 'fastify';
import { sql } from 'drizzle-orm';
import { testApp, testDatabase } from '../app.ts';
import { buildRetailer, buildCustomer } from '../factories.ts';
import { query } from '../../src/db/client.ts';
import { errorHandler } from '../../src/http/problem.ts';
import { enableClienteling } from '../../src/modules/client-book/test-helpers.ts';

// Issue #14: a NUL (\u0000) anywhere answered 500 and lone surrogates were stored. Each case from the issue, through the
// API, on both databases: 400 problem+json naming the field, and nothing written.

let app: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => { app = await testApp(); });
afterAll(async () => { await app?.close(); });

const json = (cookie: string) => ({ cookie, 'content-type': 'application/json' });

function expectRefused(res: { statusCode: number; headers: Record<string, unknown>; json(): any }, field: string) {
  expect(res.statusCode).toBe(400);
  expect(String(res.headers['content-type'])).toContain('application/problem+json');
  expect(res.json()).toMatchObject({ code: 'validation', field, detail: expect.stringContaining(field) });
}

describe('text that cannot be stored', () => {
  it('refuses NUL and lone surrogates in customers, notes, templates, activity types, search and sign-in, writing nothing', async () => {
    const r = await buildRetailer(app, app.db);
    await enableClienteling(app, r.as.headOffice);
    const customer = await buildCustomer(app.db, r.le.id);
    const h = json(r.as.headOffice);
    const count = async (table: string) => (await query<{ n: number }>(app.db, sql`select count(*)::int as n from ${sql.raw(table)} where legal_entity_id = ${r.le.id}`))[0].n;
    const before = { customers: await count('customers'), notes: await count('customer_notes'), types: await count('activity_types') };

    const nulName = await app.inject({ method: 'POST', url: '/api/v1/customers', headers: h, payload: JSON.stringify({ firstName: 'A\u0000nn', lastName: 'Lee' }) });
    expectRefused(nulName, 'firstName');
    expect(nulName.json().detail).toMatch(/NUL/);
    const surrogate = await app.inject({ method: 'PATCH', url: `/api/v1/customers/${customer.id}`, headers: h, payload: '{"city": "Par\\ud800is"}' });
    expectRefused(surrogate, 'city');
    expect(surrogate.json().detail).toMatch(/lone surrogate/);

    expectRefused(await app.inject({ method: 'POST', url: `/api/v1/customers/${customer.id}/notes`, headers: h, payload: '{"body": "call back \\u0000"}' }), 'body');
    expectRefused(await app.inject({ method: 'POST', url: `/api/v1/customers/${customer.id}/notes`, headers: h, payload: '{"body": "\\udc00 lone low half"}' }), 'body');
    expectRefused(await app.inject({ method: 'POST', url: '/api/v1/activity-types', headers: h, payload: JSON.stringify({ name: 'Fitting\u0000' }) }), 'name');
    expectRefused(await app.inject({ method: 'POST', url: '/api/v1/outreach/templates', headers: h,
      payload: JSON.stringify({ name: 'Thanks', purpose: 'thank-you', channel: 'email', language: 'en', subject: 'Hi', body: 'Dear {{firstName}}\u0000' }) }), 'body');
    expectRefused(await app.inject({ method: 'GET', url: '/api/v1/customers?q=a%00b', headers: { cookie: r.as.headOffice } }), 'q');
    expectRefused(await app.inject({ method: 'GET', url: '/api/v1/customers/%00', headers: { cookie: r.as.headOffice } }), 'id');
    // The public sign-in too, before any lookup.
    expectRefused(await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: `${r.associate.email}\u0000`, password: 'x' } }), 'email');
    // A key, deep inside a body whose schema takes anything, counts as well.
    const deepKey = await app.inject({ method: 'POST', url: '/api/v1/client-book/saved-filters', headers: h, payload: JSON.stringify({ name: 'x', filter: { a: { ['b\u0000']: 1 } } }) });
    expect(deepKey.statusCode).toBe(400);
    expect(deepKey.json().code).toBe('validation');

    expect({ customers: await count('customers'), notes: await count('customer_notes'), types: await count('activity_types') }).toEqual(before);
  });

  it('refuses JSON nested past any use, and numbers that are Infinity once read', async () => {
    const r = await buildRetailer(app, app.db);
    const deep = await app.inject({ method: 'POST', url: '/api/v1/customers', headers: json(r.as.headOffice), payload: '{"firstName":' + '['.repeat(10_000) + ']'.repeat(10_000) + '}' });
    expect(deep.statusCode).toBe(400);
    expect(deep.json().code).toBe('validation');
    expect(deep.json().detail).toMatch(/nested more than/);
    const customer = await buildCustomer(app.db, r.le.id);
    const infinite = await app.inject({ method: 'GET', url: `/api/v1/customers/${customer.id}/timeline?limit=1e400`, headers: { cookie: r.as.headOffice } });
    expectRefused(infinite, 'limit');
  });

  it('imports: a row with NUL or a lone surrogate is reported by line and field, the other rows land', async () => {
    const r = await buildRetailer(app, app.db);
    const csv = ['externalId,firstName,lastName', 'N-1,Ann,Lee', 'N-2,Bo\u0000b,Ray', 'N-3,Cy,Doe'].join('\n');
    const res = await app.inject({ method: 'POST', url: '/api/v1/import/customers', headers: { cookie: r.as.headOffice, 'content-type': 'text/csv' }, payload: csv });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ received: 3, inserted: 2, failed: 1, errors: [{ line: 3, message: expect.stringMatching(/firstName.*NUL/) }] });
    const ndjson = '{"externalId":"N-4","firstName":"D\\ud800","lastName":"E"}\n{"externalId":"N-5","firstName":"F","lastName":"G"}\n';
    const nd = await app.inject({ method: 'POST', url: '/api/v1/import/customers', headers: { cookie: r.as.headOffice, 'content-type': 'application/x-ndjson' }, payload: ndjson });
    expect(nd.json()).toMatchObject({ inserted: 1, failed: 1, errors: [{ line: 1, message: expect.stringMatching(/firstName.*lone surrogate/) }] });
    const names = await query<{ firstName: string }>(app.db, sql`select first_name as "firstName" from customers where legal_entity_id = ${r.le.id} order by first_name`);
    expect(names.map((n) => n.firstName)).toEqual(['Ann', 'Cy', 'F']);
  });
});

describe('database errors caused by input', () => {
  it('answers 4xx problem+json for the data exceptions PostgreSQL raises on bad values, never 500', async () => {
    const database = await testDatabase();
    const probe = Fastify();
    probe.setErrorHandler(errorHandler);
    probe.get('/:case', async (req) => {
      const cases: Record<string, ReturnType<typeof sql>> = {
        untranslatable: sql`select ${'"\\u0000"'}::jsonb`, // 22P05
        badDate: sql`select ${'not a date'}::date`, // 22007
        dateRange: sql`select ${'294277-01-01'}::timestamptz`, // 22008
        numberRange: sql`select ${'99999999999'}::int`, // 22003
        tooLarge: sql`select length(repeat('x', ${1_100_000_000}))`, // 54000
        badPattern: sql`select 'a' ~ ${'('}`, // 2201B
        divide: sql`select 1 / ${0}::int`, // 22012: the rest of class 22
      };
      await database.db.execute(cases[(req.params as { case: string }).case]);
      return { ok: true };
    });
    const seen: Record<string, [number, string]> = {};
    for (const name of ['untranslatable', 'badDate', 'dateRange', 'numberRange', 'tooLarge', 'badPattern', 'divide']) {
      const res = await probe.inject({ url: `/${name}` });
      expect(String(res.headers['content-type'])).toContain('application/problem+json');
      seen[name] = [res.statusCode, res.json().code];
    }
    await probe.close();
    expect(seen).toEqual({
      untranslatable: [400, 'database_22P05'], badDate: [400, 'database_22007'], dateRange: [400, 'database_22008'],
      numberRange: [400, 'database_22003'], tooLarge: [422, 'database_54000'], badPattern: [400, 'database_2201B'], divide: [400, 'database_22012'],
    });
  });
});
