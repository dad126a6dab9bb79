import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { testApp, apiAs } from '../../../test/app.ts';
import { buildRetailer, TEST_PASSWORD } from '../../../test/factories.ts';

let app: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => { app = await testApp(); });
afterAll(async () => { await app?.close(); });

describe("the language of a user's screens", () => {
  it('follows the browser until the user chooses, is kept for every session of that user, and only English or French', async () => {
    const r = await buildRetailer(app, app.db);
    expect((await apiAs(app, 'GET', '/me', r.as.associate)).json().language).toBeNull();

    const set = await apiAs(app, 'PUT', '/me/language', r.as.associate, { language: 'fr' });
    expect(set.statusCode).toBe(200);
    expect(set.json().language).toBe('fr');
    // Another session of the same person (another device) opens in French too.
    const other = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: r.associate.email, password: TEST_PASSWORD } });
    expect(other.json().language).toBe('fr');
    // Nobody else's language changed.
    expect((await apiAs(app, 'GET', '/me', r.as.manager)).json().language).toBeNull();

    const refused = await apiAs(app, 'PUT', '/me/language', r.as.associate, { language: 'de' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe('validation');

    const back = await apiAs(app, 'PUT', '/me/language', r.as.associate, { language: null });
    expect(back.json().language).toBeNull();
  });

  it('is given with the second-factor step, before any session exists, so the code page speaks it', async () => {
    const r = await buildRetailer(app, app.db);
    const signIn = () => app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: r.headOffice.email, password: TEST_PASSWORD } });
    const pending = await signIn();
    expect(pending.statusCode).toBe(202);
    expect(pending.json()).toMatchObject({ secondFactor: 'verify', language: null });
    await apiAs(app, 'PUT', '/me/language', r.as.headOffice, { language: 'fr' });
    const french = await signIn();
    expect([french.statusCode, french.cookies.length]).toEqual([202, 0]);
    expect(french.json()).toMatchObject({ secondFactor: 'verify', language: 'fr' });
  });
});
