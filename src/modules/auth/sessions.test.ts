import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { testApp, apiAs } from '../../../test/app.ts';
import { buildRetailer, TEST_PASSWORD } from '../../../test/factories.ts';
import { authErrors } from './errors.ts';

let app: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => { app = await testApp(); });
afterAll(async () => { await app?.close(); });

/** Signs in from a given browser, returning the session cookie. */
async function signInFrom(email: string, userAgent: string) {
  const res = await app.inject({
    method: 'POST', url: '/api/v1/auth/sign-in', payload: { email, password: TEST_PASSWORD },
    headers: { 'user-agent': userAgent }, remoteAddress: '10.9.8.7',
  });
  expect(res.statusCode).toBe(200);
  return `clt_session=${res.cookies.find((c) => c.name === 'clt_session')!.value}`;
}
const status = async (cookie: string) => (await apiAs(app, 'GET', '/me', cookie)).statusCode;

describe('sessions', () => {
  it('lists my sessions with browser and address, ends one, then all the others', async () => {
    const r = await buildRetailer(app, app.db);
    const phone = await signInFrom(r.associate.email, 'Phone browser');
    const tablet = await signInFrom(r.associate.email, 'Store tablet');
    const laptop = await signInFrom(r.associate.email, 'Laptop');
    const mine = (await apiAs(app, 'GET', '/me/sessions', phone)).json();
    // buildRetailer's own sign-in, and these three.
    expect(mine).toHaveLength(4);
    const byAgent = Object.fromEntries(mine.map((s: { userAgent: string }) => [s.userAgent, s]));
    expect(byAgent['Phone browser']).toMatchObject({ current: true, ipAddress: '10.9.8.7' });
    expect(byAgent['Store tablet'].current).toBe(false);
    expect(typeof byAgent['Laptop'].lastSeenAt).toBe('string');

    // Another associate's session can't be ended as mine.
    const managers = (await apiAs(app, 'GET', '/me/sessions', r.as.manager)).json();
    expect((await apiAs(app, 'DELETE', `/me/sessions/${managers[0].id}`, phone)).json().code).toBe(authErrors.session_not_found.code);
    expect(await status(r.as.manager)).toBe(200);

    expect((await apiAs(app, 'DELETE', `/me/sessions/${byAgent['Store tablet'].id}`, phone)).statusCode).toBe(200);
    expect(await status(tablet)).toBe(401);
    expect(await status(laptop)).toBe(200);

    expect((await apiAs(app, 'POST', '/me/sessions/revoke-others', phone)).json()).toEqual({ revoked: 2 });
    expect(await status(laptop)).toBe(401);
    expect(await status(r.as.associate)).toBe(401);
    expect(await status(phone)).toBe(200);
  });

  it("lets head office list and end anyone's session in their legal entity, and no one else's", async () => {
    const r = await buildRetailer(app, app.db);
    const other = await buildRetailer(app, app.db);
    expect((await apiAs(app, 'GET', '/sessions', r.as.manager)).statusCode).toBe(403);
    const all = (await apiAs(app, 'GET', '/sessions', r.as.headOffice)).json();
    expect(new Set(all.map((s: { associateId: string }) => s.associateId))).toEqual(new Set([r.associate.id, r.manager.id, r.headOffice.id]));
    const associates = (await apiAs(app, 'GET', `/sessions?associateId=${r.associate.id}`, r.as.headOffice)).json();
    expect(associates).toHaveLength(1);

    const foreign = (await apiAs(app, 'GET', '/sessions', other.as.headOffice)).json()[0];
    expect((await apiAs(app, 'DELETE', `/sessions/${foreign.id}`, r.as.headOffice)).json().code).toBe(authErrors.session_not_found.code);
    expect((await apiAs(app, 'DELETE', `/sessions/${associates[0].id}`, r.as.headOffice)).statusCode).toBe(200);
    expect(await status(r.as.associate)).toBe(401);
    expect(await status(r.as.manager)).toBe(200);
  });
});

describe('API tokens', () => {
  it('can be scoped to some of the owner operations: a call outside the scope is 403, and last use shows', async () => {
    const r = await buildRetailer(app, app.db);
    const beyond = await apiAs(app, 'POST', '/api-tokens', r.as.headOffice, { name: 'too wide', associateId: r.associate.id, scopes: ['customers.search', 'users.manage'] });
    expect({ status: beyond.statusCode, code: beyond.json().code }).toEqual({ status: 400, code: authErrors.scope_not_granted.code });

    const created = await apiAs(app, 'POST', '/api-tokens', r.as.headOffice, { name: 'POS reader', scopes: ['customers.view', 'customers.search'] });
    expect(created.statusCode).toBe(201);
    expect(created.json().scopes).toEqual(['customers.view', 'customers.search']);
    const bearer = { authorization: `Bearer ${created.json().token}` };
    const listed = () => apiAs(app, 'GET', '/api-tokens', r.as.headOffice).then((res) => res.json().find((t: { id: string }) => t.id === created.json().id));
    expect((await listed()).lastUsedAt).toBeNull();

    const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer });
    expect(me.json().permissions).toEqual(['customers.search', 'customers.view']);
    const outside = await app.inject({ method: 'GET', url: '/api/v1/api-tokens', headers: bearer });
    expect({ status: outside.statusCode, type: outside.headers['content-type'], code: outside.json().code })
      .toEqual({ status: 403, type: expect.stringMatching(/^application\/problem\+json/), code: 'forbidden' });
    const row = await listed();
    expect(row.lastUsedAt).not.toBeNull();
    expect(row.scopes).toEqual(['customers.view', 'customers.search']);

    // Unscoped, a token has all of its associate's permissions.
    const whole = await apiAs(app, 'POST', '/api-tokens', r.as.headOffice, { name: 'admin' });
    expect(whole.json().scopes).toBeNull();
    expect((await app.inject({ method: 'GET', url: '/api/v1/api-tokens', headers: { authorization: `Bearer ${whole.json().token}` } })).statusCode).toBe(200);
  });
});
