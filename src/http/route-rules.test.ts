import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { testApp } from '../../test/app.ts';

let app: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => { app = await testApp(); });
afterAll(async () => { await app?.close(); });

describe('every API route', () => {
  it('has a response schema, and every change needs a named permission unless the route is meant to be public', () => {
    const api = app.routeCatalog.filter((r) => r.url.startsWith('/api/') && r.method !== 'HEAD');
    expect(api.length).toBeGreaterThan(100);
    const withoutSchema = api.filter((r) => !r.hasResponseSchema).map((r) => `${r.method} ${r.url}`);
    expect(withoutSchema).toEqual([]);
    const changesWithoutPermission = api
      .filter((r) => r.method !== 'GET' && !r.public && !r.permission)
      .map((r) => `${r.method} ${r.url}`);
    // Signing out, choosing one's own store, one's own second factor and one's own sessions change only the caller's
    // own sign-in, and the language of one's own screens: everyone may, whatever their role (head office revokes others' sessions under users.manage).
    expect(changesWithoutPermission.sort()).toEqual([
      'DELETE /api/v1/me/sessions/:id', 'POST /api/v1/auth/sign-out', 'POST /api/v1/me/second-factor', 'POST /api/v1/me/second-factor/confirm',
      'POST /api/v1/me/second-factor/remove', 'POST /api/v1/me/sessions/revoke-others', 'PUT /api/v1/me/language',
      'PUT /api/v1/me/store',
    ]);
  });

  it('answers 401 without sign-in on every non-public route', async () => {
    const closed = app.routeCatalog.filter((r) => r.url.startsWith('/api/') && !r.public && r.method !== 'HEAD');
    for (const r of closed) {
      const url = r.url.replace(/:([A-Za-z]+)/g, '00000000-0000-4000-8000-000000000000');
      const res = await app.inject({ method: r.method as 'GET', url, payload: r.method === 'GET' || r.method === 'DELETE' ? undefined : {} });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
    }
  });
});
