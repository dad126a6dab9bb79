import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { eq } from 'drizzle-orm';
import { startTestOpenIdProvider } from '../../../test/openid-provider.ts';
import * as jose from 'jose';
import { testApp, apiAs } from '../../../test/app.ts';
import { buildAssociate, buildRetailer, TEST_PASSWORD } from '../../../test/factories.ts';
import { nextRecoveryCode, totpNow } from '../../../test/factories/second-factor.ts';
import { authErrors } from './errors.ts';
import { oidcProviders } from './schema.ts';
import { providerUsedMultiFactor } from './oidc.ts';

// Deliberate wrong codes come from an address of their own: the loopback's sign-in back-off is every test's.
const WRONG_FROM = '10.203.0.1';

/*
 * A real OpenID provider (oidc-provider) on 127.0.0.1: its own discovery, keys, authorization and token endpoints.
 * The person at the provider is chosen by the test (`signedInAs`), standing for the login form. The test can
 * replace the ID token the token endpoint answers (`tamper`), to send a forged or an expired one.
 */
const CLIENT_ID = 'clienteling';
const CLIENT_SECRET = 'client-secret-only-the-provider-and-we-know';
let app: Awaited<ReturnType<typeof testApp>>;
let closeProvider: (() => Promise<void>) | undefined;
let issuer: string;
let signingKey: jose.CryptoKey;
let signedInAs = '';
/** The methods the provider says it used (the ID token's amr, RFC 8176); none when null. */
let signedInWith: string[] | null = null;
let accounts: Record<string, { email: string; groups: string[] }> = {};
let tamper: null | ((idToken: string) => Promise<string>) = null;

beforeAll(async () => {
  app = await testApp();
  const pair = await jose.generateKeyPair('RS256', { extractable: true });
  signingKey = pair.privateKey;
  const jwk = { ...(await jose.exportJWK(pair.privateKey)), kid: 'idp-key', alg: 'RS256', use: 'sig' };
  const provider = await startTestOpenIdProvider({
    clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUri: new URL('/api/v1/auth/sso/callback', app.config.publicBaseUrl).href,
    jwks: { keys: [jwk] },
    claims: (sub) => accounts[sub],
    signIn: () => ({ accountId: signedInAs, ...(signedInWith ? { amr: signedInWith } : {}) }),
    tamperIdToken: async (idToken) => (tamper ? tamper(idToken) : null),
  });
  issuer = provider.issuer;
  closeProvider = provider.close;
});
afterAll(async () => { await app?.close(); await closeProvider?.(); });

/** Follows the provider's redirects as a browser would (with its cookies) until it sends the browser back to us. */
async function atProvider(url: string): Promise<string> {
  const jar = new Map<string, string>();
  let next = url;
  for (let i = 0; i < 10; i++) {
    if (!next.startsWith(issuer)) return next;
    const res = await fetch(next, { redirect: 'manual', headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const c of res.headers.getSetCookie()) { const [kv] = c.split(';'); const at = kv.indexOf('='); jar.set(kv.slice(0, at), kv.slice(at + 1)); }
    const location = res.headers.get('location');
    if (!location) throw new Error(`the provider answered ${res.status}: ${await res.text()}`);
    next = new URL(location, next).href;
  }
  throw new Error('too many redirects at the provider');
}

/** The whole browser round trip: start here, sign in at the provider, come back; answers the callback's response. */
async function signInWithProvider(legalEntityCode: string, opts: { dropStateCookie?: boolean } = {}) {
  const start = await app.inject({ method: 'GET', url: `/api/v1/auth/sso/${legalEntityCode}/start` });
  expect(start.statusCode).toBe(302);
  const authorize = new URL(start.headers.location as string);
  expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
  expect(authorize.searchParams.get('nonce')).toBeTruthy();
  const stateCookie = start.cookies.find((c) => c.name === 'clt_oidc_state')!;
  const back = new URL(await atProvider(authorize.href));
  return app.inject({ method: 'GET', url: back.pathname + back.search, headers: opts.dropStateCookie ? {} : { cookie: `clt_oidc_state=${stateCookie.value}` } });
}
const sessionOf = (res: Awaited<ReturnType<typeof app.inject>>) => {
  const c = res.cookies.find((x) => x.name === 'clt_session' && x.value);
  return c ? `clt_session=${c.value}` : null;
};

async function configured() {
  const r = await buildRetailer(app, app.db);
  const settings = {
    displayName: 'Aurelle staff', issuer, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, allowedDomains: ['example.test'],
    roleClaim: 'groups', passwordSignIn: true,
    roleMapping: [{ value: 'store-managers', roleId: r.le.roles['Store manager'] }, { value: 'head-office', roleId: r.le.roles['Head office'] }],
  };
  const saved = await apiAs(app, 'PUT', '/sso/oidc', r.as.headOffice, settings);
  expect(saved.statusCode).toBe(200);
  return { r, settings };
}

describe('OpenID Connect sign-in against a local provider', () => {
  it('keeps the client secret encrypted and never shows it', async () => {
    const { r, settings } = await configured();
    const shown = (await apiAs(app, 'GET', '/sso/oidc', r.as.headOffice)).json();
    expect(shown).toMatchObject({ issuer, clientId: CLIENT_ID, hasClientSecret: true, allowedDomains: ['example.test'] });
    expect(JSON.stringify(shown)).not.toContain(CLIENT_SECRET);
    const [row] = await app.db.select({ s: oidcProviders.clientSecretEncrypted }).from(oidcProviders).where(eq(oidcProviders.legalEntityId, r.le.id));
    expect(row.s).not.toContain(CLIENT_SECRET);
    expect((await apiAs(app, 'GET', '/sso/oidc', r.as.associate)).statusCode).toBe(403);
    // A role of another legal entity can't be mapped.
    const other = await buildRetailer(app, app.db);
    const foreign = await apiAs(app, 'PUT', '/sso/oidc', r.as.headOffice, { ...settings, roleMapping: [{ value: 'x', roleId: other.le.roles['Head office'] }] });
    expect([foreign.statusCode, foreign.json().code]).toEqual([404, authErrors.role_not_found.code]);
  });

  it('signs in the associate whose address the provider vouches for, with roles from the groups claim', async () => {
    const { r } = await configured();
    const options = (await app.inject({ method: 'GET', url: `/api/v1/auth/sso/options?email=${encodeURIComponent(r.associate.email)}` })).json();
    expect(options.providers).toContainEqual({ legalEntityCode: r.le.code, legalEntityName: r.le.name, displayName: 'Aurelle staff', protocol: 'oidc' });
    accounts = { alice: { email: r.associate.email, groups: ['store-managers', 'unrelated'] } };
    signedInAs = 'alice';
    const back = await signInWithProvider(r.le.code);
    expect([back.statusCode, back.headers.location]).toEqual([302, '/']);
    const me = (await apiAs(app, 'GET', '/me', sessionOf(back)!)).json();
    expect(me.associateId).toBe(r.associate.id);
    // The directory says store manager: the associate's roles follow it.
    expect(me.permissions).toEqual((await apiAs(app, 'GET', '/me', r.as.manager)).json().permissions);
    const log = (await apiAs(app, 'GET', '/audit?entityType=session', r.as.headOffice)).json();
    expect(log.some((e: { action: string; detail: { method: string } }) => e.action === 'sign_in' && e.detail.method === 'openid')).toBe(true);
  });

  it('refuses a forged ID token, an expired one, a callback this browser did not start, and an address outside the domains', async () => {
    const { r } = await configured();
    accounts = { bob: { email: r.associate.email, groups: ['store-managers'] } };
    signedInAs = 'bob';
    const refused = async (code: string, opts?: { dropStateCookie?: boolean }) => {
      const back = await signInWithProvider(r.le.code, opts);
      expect([back.statusCode, back.headers.location, sessionOf(back)]).toEqual([302, `/?sso_error=${encodeURIComponent(code)}`, null]);
    };
    // Signed with a key that is not the provider's (same key id).
    const { privateKey: other } = await jose.generateKeyPair('RS256');
    tamper = async (idToken) => new jose.SignJWT(jose.decodeJwt(idToken)).setProtectedHeader({ alg: 'RS256', kid: 'idp-key' }).sign(other);
    await refused(authErrors.sso_token_invalid.code);
    // Signed by the provider's own key, but expired.
    tamper = async (idToken) => {
      const now = Math.floor(Date.now() / 1000);
      return new jose.SignJWT({ ...jose.decodeJwt(idToken), iat: now - 7200, exp: now - 3600 }).setProtectedHeader({ alg: 'RS256', kid: 'idp-key' }).sign(signingKey);
    };
    await refused(authErrors.sso_token_invalid.code);
    tamper = null;
    await refused(authErrors.sso_state_invalid.code, { dropStateCookie: true });
    accounts = { bob: { email: 'bob@elsewhere.example', groups: ['store-managers'] } };
    await refused(authErrors.sso_domain_not_allowed.code);
    accounts = { bob: { email: r.associate.email, groups: ['nothing-mapped'] } };
    await refused(authErrors.sso_no_role.code);
  });

  it('switches password sign-in off for the legal entity', async () => {
    const { r, settings } = await configured();
    const signIn = () => app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: r.associate.email, password: TEST_PASSWORD } });
    expect((await signIn()).statusCode).toBe(200);
    const { clientSecret: _s, ...withoutSecret } = settings;
    expect((await apiAs(app, 'PUT', '/sso/oidc', r.as.headOffice, { ...withoutSecret, passwordSignIn: false })).statusCode).toBe(200);
    const refused = await signIn();
    expect([refused.statusCode, refused.json().code]).toEqual([403, authErrors.password_sign_in_disabled.code]);
    // Single sign-on still works.
    accounts = { carol: { email: r.associate.email, groups: ['store-managers'] } };
    signedInAs = 'carol';
    expect(sessionOf(await signInWithProvider(r.le.code))).not.toBeNull();
    // Single sign-on switched off (settings kept): only with password sign-in on, and then the provider is not offered.
    const off = await apiAs(app, 'PUT', '/sso/oidc', r.as.headOffice, { ...withoutSecret, passwordSignIn: false, enabled: false });
    expect([off.statusCode, off.json().code, off.json().field]).toEqual([400, authErrors.sso_settings_invalid.code, 'passwordSignIn']);
    expect((await apiAs(app, 'PUT', '/sso/oidc', r.as.headOffice, { ...withoutSecret, passwordSignIn: true, enabled: false })).statusCode).toBe(200);
    expect((await apiAs(app, 'GET', '/sso/oidc', r.as.headOffice)).json()).toMatchObject({ enabled: false, passwordSignIn: true, hasClientSecret: true, issuer });
    const options = (await app.inject({ method: 'GET', url: `/api/v1/auth/sso/options?email=${encodeURIComponent(r.associate.email)}` })).json();
    expect(options.providers.some((p: { legalEntityCode: string }) => p.legalEntityCode === r.le.code)).toBe(false);
    const start = await app.inject({ method: 'GET', url: `/api/v1/auth/sso/${r.le.code}/start` });
    expect([start.statusCode, start.json().code]).toEqual([404, authErrors.sso_not_configured.code]);
    expect((await signIn()).statusCode).toBe(200);
  });
});

describe('head office signing in through the provider still uses a second factor', () => {
  /** Where the callback sent the browser when it asks for this app's second factor: the step and the pending token. */
  const pendingOf = (res: Awaited<ReturnType<typeof app.inject>>) => {
    const location = String(res.headers.location);
    expect(location, location).toMatch(/^\/#sso_step=/);
    const p = new URLSearchParams(location.slice('/#'.length));
    return { step: p.get('sso_step'), pendingToken: p.get('pending')! };
  };
  const methodsAudited = async (cookie: string) => ((await apiAs(app, 'GET', '/audit?entityType=session', cookie)).json() as { action: string; detail: { method: string } }[])
    .filter((e) => e.action === 'sign_in').map((e) => e.detail.method);

  it('reads the provider\'s amr: several factors only with mfa, otp, a key, or more than one method', () => {
    for (const amr of [['mfa'], ['pwd', 'otp'], ['hwk'], ['swk'], ['pwd', 'sms'], ['face', 'pin']]) expect(providerUsedMultiFactor(amr), amr.join()).toBe(true);
    for (const amr of [undefined, null, [], ['pwd'], ['pwd', 'pwd'], 'pwd', [42], ['']]) expect(providerUsedMultiFactor(amr), JSON.stringify(amr)).toBe(false);
  });

  it('with a password alone at the provider, head office is asked for this app\'s code (and enrols when it has none)', async () => {
    const { r } = await configured();
    // A new head office, never signed in: no authenticator yet.
    const newcomer = await buildAssociate(app.db, r.le, { role: 'Head office', storeIds: [r.store.id] });
    accounts = { dana: { email: newcomer.email, groups: ['head-office'] } };
    signedInAs = 'dana';
    signedInWith = ['pwd'];
    const back = await signInWithProvider(r.le.code);
    expect(back.statusCode).toBe(302);
    expect(sessionOf(back)).toBeNull();
    const enrol = pendingOf(back);
    expect(enrol.step).toBe('enrol');
    expect(String(back.headers.location)).not.toContain('lang='); // no language chosen: the browser's
    // The pending token is good for enrolling only, not for the code step.
    const wrongStep = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in/second-factor', payload: { pendingToken: enrol.pendingToken, recoveryCode: '00000-00000' }, remoteAddress: WRONG_FROM });
    expect([wrongStep.statusCode, wrongStep.json().code]).toEqual([401, authErrors.sign_in_pending_invalid.code]);
    const begun = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in/enrolment', payload: { pendingToken: enrol.pendingToken } });
    expect(begun.statusCode).toBe(200);
    const wrong = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in/enrolment/confirm', payload: { pendingToken: enrol.pendingToken, code: totpNow(begun.json().secret) === '000000' ? '111111' : '000000' }, remoteAddress: WRONG_FROM });
    expect([wrong.statusCode, sessionOf(wrong)]).toEqual([401, null]);
    const confirmed = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in/enrolment/confirm', payload: { pendingToken: enrol.pendingToken, code: totpNow(begun.json().secret) } });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({ associateId: newcomer.id });
    expect(confirmed.json().recoveryCodes).toHaveLength(10);
    const session = sessionOf(confirmed)!;
    expect((await apiAs(app, 'GET', '/me', session)).json().permissions).toContain('users.manage');
    expect(await methodsAudited(r.as.headOffice)).toContain('openid+enrolment');

    // Next time, with its authenticator: the code step, and no session without it; it speaks the account's language.
    await apiAs(app, 'PUT', '/me/language', session, { language: 'fr' });
    const again = await signInWithProvider(r.le.code);
    const verify = pendingOf(again);
    expect(new URLSearchParams(String(again.headers.location).slice('/#'.length)).get('lang')).toBe('fr');
    expect([verify.step, sessionOf(again)]).toEqual(['verify', null]);
    const bad = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in/second-factor', payload: { pendingToken: verify.pendingToken, recoveryCode: '00000-00000' }, remoteAddress: WRONG_FROM });
    expect([bad.statusCode, bad.json().code, sessionOf(bad)]).toEqual([401, authErrors.wrong_code.code, null]);
    const good = await app.inject({
      method: 'POST', url: '/api/v1/auth/sign-in/second-factor', payload: { pendingToken: verify.pendingToken, recoveryCode: confirmed.json().recoveryCodes[0] },
    });
    expect(good.statusCode, good.body).toBe(200);
    expect(good.json().associateId).toBe(newcomer.id);
    expect(sessionOf(good)).not.toBeNull();
    expect(await methodsAudited(r.as.headOffice)).toContain('openid+recovery_code');
    // The pending sign-in is spent.
    const reused = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in/second-factor', payload: { pendingToken: verify.pendingToken, recoveryCode: confirmed.json().recoveryCodes[1] } });
    expect(reused.statusCode).toBe(401);
  });

  it('without any amr from the provider, head office with an authenticator types its code', async () => {
    const { r } = await configured();
    accounts = { erin: { email: r.headOffice.email, groups: ['head-office'] } };
    signedInAs = 'erin';
    signedInWith = null;
    const verify = pendingOf(await signInWithProvider(r.le.code));
    expect(verify.step).toBe('verify');
    const done = await app.inject({
      method: 'POST', url: '/api/v1/auth/sign-in/second-factor', payload: { pendingToken: verify.pendingToken, recoveryCode: await nextRecoveryCode(app, r.headOffice.email) },
    });
    expect(done.statusCode, done.body).toBe(200);
    expect((await apiAs(app, 'GET', '/me', sessionOf(done)!)).json().associateId).toBe(r.headOffice.id);
  });

  it('takes the provider\'s word when its amr shows several factors', async () => {
    const { r } = await configured();
    accounts = { fay: { email: r.headOffice.email, groups: ['head-office'] } };
    signedInAs = 'fay';
    for (const amr of [['pwd', 'otp'], ['mfa'], ['hwk']]) {
      signedInWith = amr;
      const back = await signInWithProvider(r.le.code);
      expect([back.statusCode, back.headers.location], amr.join()).toEqual([302, '/']);
      expect((await apiAs(app, 'GET', '/me', sessionOf(back)!)).json().associateId).toBe(r.headOffice.id);
    }
    expect(await methodsAudited(r.as.headOffice)).toContain('openid+provider_mfa');
    // A new head office without an authenticator is not made to enrol either: the provider's factors stand.
    const newcomer = await buildAssociate(app.db, r.le, { role: 'Head office', storeIds: [r.store.id] });
    accounts = { gil: { email: newcomer.email, groups: ['head-office'] } };
    signedInAs = 'gil';
    signedInWith = ['pwd', 'otp'];
    expect(sessionOf(await signInWithProvider(r.le.code))).not.toBeNull();
    signedInWith = null;
  });

  it('an associate whose role needs no second factor signs in straight away, as with a password', async () => {
    const { r } = await configured();
    accounts = { hal: { email: r.associate.email, groups: ['store-managers'] } };
    signedInAs = 'hal';
    signedInWith = ['pwd'];
    const back = await signInWithProvider(r.le.code);
    expect([back.statusCode, back.headers.location]).toEqual([302, '/']);
    expect(sessionOf(back)).not.toBeNull();
    signedInWith = null;
  });
});
