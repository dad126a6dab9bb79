import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { testApp } from '../app.ts';
import { buildRetailer, TEST_PASSWORD } from '../factories.ts';
import { query } from '../../src/db/client.ts';
import { loadConfig } from '../../src/config.ts';

// Issue #14, web hardening: security headers on every answer, an Origin check on cookie-authenticated writes, and
// Secure cookies wherever the app is served over HTTPS.

let app: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => { app = await testApp(); });
afterAll(async () => { await app?.close(); });

describe('security headers', () => {
  it('sends CSP (no framing), nosniff and Referrer-Policy on pages, files, API answers and errors; HSTS only over HTTPS', async () => {
    const answers = await Promise.all([
      app.inject({ url: '/book', headers: { accept: 'text/html' } }), // the public booking page
      app.inject({ url: '/api/v1/me' }), // 401 problem+json
      app.inject({ url: '/health' }),
      app.inject({ method: 'POST', url: '/api/v1/customers', payload: '{' }),
    ]);
    for (const res of answers) {
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['referrer-policy']).toBe('same-origin');
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }

    const secure = await testApp({ publicBaseUrl: 'https://clienteling.example' });
    try {
      const res = await secure.inject({ url: '/health' });
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000');
      expect(String(res.headers['content-security-policy'])).toContain('upgrade-insecure-requests');
    } finally {
      await secure.close();
    }
  });
});

describe('session cookie', () => {
  it('is Secure by default when PUBLIC_BASE_URL is https, SameSite=Lax and HTTP-only; SECURE_COOKIES overrides', async () => {
    expect(loadConfig({}, { PUBLIC_BASE_URL: 'https://clienteling.example' }).secureCookies).toBe(true);
    expect(loadConfig({}, { PUBLIC_BASE_URL: 'http://localhost:3000' }).secureCookies).toBe(false);
    expect(loadConfig({}, { PUBLIC_BASE_URL: 'https://clienteling.example', SECURE_COOKIES: 'false' }).secureCookies).toBe(false);
    expect(loadConfig({}, { PUBLIC_BASE_URL: 'http://localhost:3000', SECURE_COOKIES: 'true' }).secureCookies).toBe(true);
    expect(() => loadConfig({}, { SECURE_COOKIES: 'yes' })).toThrow(/secureCookies/);
    expect(() => loadConfig({}, { PUBLIC_BASE_URL: 'clienteling.example' })).toThrow(/publicBaseUrl/);

    const secure = await testApp({ publicBaseUrl: 'https://clienteling.example' });
    try {
      const r = await buildRetailer(secure, secure.db);
      const res = await secure.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: r.associate.email, password: TEST_PASSWORD } });
      const cookie = res.cookies.find((c) => c.name === 'clt_session')!;
      expect(cookie).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax' });
    } finally {
      await secure.close();
    }
    const r = await buildRetailer(app, app.db);
    const plain = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: r.associate.email, password: TEST_PASSWORD } });
    expect(plain.cookies.find((c) => c.name === 'clt_session')!.secure).toBeFalsy();
  });
});

describe('Origin check', () => {
  it('refuses cookie-authenticated writes from another origin with 403 problem+json, writing nothing', async () => {
    const r = await buildRetailer(app, app.db);
    const count = async () => (await query<{ n: number }>(app.db, sql`select count(*)::int as n from customers where legal_entity_id = ${r.le.id}`))[0].n;
    const before = await count();
    const create = (headers: Record<string, string>) => app.inject({ method: 'POST', url: '/api/v1/customers', headers: { cookie: r.as.associate, ...headers }, payload: { firstName: 'Ann', lastName: 'Lee' } });

    const evil = await create({ origin: 'https://evil.example' });
    expect(evil.statusCode).toBe(403);
    expect(String(evil.headers['content-type'])).toContain('application/problem+json');
    expect(evil.json()).toMatchObject({ code: 'forbidden', field: 'origin' });
    expect(evil.json().detail).toMatch(/evil\.example/);
    expect((await create({ referer: 'https://evil.example/page' })).statusCode).toBe(403); // Referer when Origin is absent
    expect((await create({ origin: 'null' })).statusCode).toBe(403); // a sandboxed frame or an opaque redirect
    const writes = [['PATCH', `/api/v1/customers/${r.le.id}`], ['PUT', '/api/v1/me/store'], ['DELETE', `/api/v1/client-book/customers/${r.le.id}`]] as const;
    for (const [method, url] of writes) {
      expect((await app.inject({ method, url, headers: { cookie: r.as.associate, origin: 'https://evil.example' }, payload: {} })).statusCode).toBe(403);
    }
    expect(await count()).toBe(before);

    // The app's own origin (PUBLIC_BASE_URL), or the host the request came to; and no header at all (scripts, the CLI).
    expect((await create({ origin: 'http://localhost:3000' })).statusCode).toBe(201);
    expect((await create({ origin: 'http://clienteling.internal:8080', host: 'clienteling.internal:8080' })).statusCode).toBe(201);
    expect((await create({ referer: 'http://localhost:3000/customers' })).statusCode).toBe(201);
    expect((await create({})).statusCode).toBe(201);
    expect(await count()).toBe(before + 4);
    // Reading from another origin is not a write: CORS keeps the answer from that page.
    expect((await app.inject({ url: '/api/v1/me', headers: { cookie: r.as.associate, origin: 'https://evil.example' } })).statusCode).toBe(200);
  });

  it('checks sign-in (login CSRF) but not bearer-token calls or signed provider webhooks', async () => {
    const r = await buildRetailer(app, app.db);
    const signIn = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', headers: { origin: 'https://evil.example' }, payload: { email: r.associate.email, password: TEST_PASSWORD } });
    expect(signIn.statusCode).toBe(403);
    expect(signIn.cookies).toEqual([]);

    const token = (await app.inject({ method: 'POST', url: '/api/v1/api-tokens', headers: { cookie: r.as.headOffice }, payload: { name: 'feed' } })).json().token;
    const withToken = await app.inject({ method: 'POST', url: '/api/v1/customers', headers: { authorization: `Bearer ${token}`, origin: 'https://partner.example' }, payload: { firstName: 'Bo', lastName: 'Ray' } });
    expect(withToken.statusCode).toBe(201);

    // A webhook is public and signed: another origin gets the signature check's answer, not the Origin check's.
    const hook = await app.inject({ method: 'POST', url: '/api/v1/webhooks/customers', headers: { origin: 'https://provider.example', 'content-type': 'application/json' }, payload: '{}' });
    expect(hook.statusCode).toBe(401);
  });
});
