import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { eq } from 'drizzle-orm';
import { testApp, apiAs } from '../../../test/app.ts';
import { buildAssociate, buildRetailer, signInAs, TEST_PASSWORD } from '../../../test/factories.ts';
import { authErrors } from './errors.ts';
import { secondFactors, users } from './schema.ts';
import { SIGN_IN_BACKOFF } from './sign-in-throttle.ts';
import { base32Decode, hotp, stepAt } from './totp.ts';

let app: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  app = await testApp();
});
afterAll(async () => { await app?.close(); });

const newAddress = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
const post = (a: typeof app, url: string, payload: object, address: string, cookie?: string) =>
  a.inject({ method: 'POST', url: `/api/v1${url}`, payload, remoteAddress: address, headers: cookie ? { cookie } : {} });
/** The code the app shows `offset` steps from now. */
const codeOf = (secret: string, offset = 0) => hotp(base32Decode(secret), stepAt(Date.now()) + offset);

/** Signs in, turns the authenticator on through /me, and returns its secret and recovery codes. */
async function enrol(email: string, address: string) {
  const { cookie } = await signInAs(app, email);
  const begun = await post(app, '/me/second-factor', {}, address, cookie);
  expect(begun.statusCode).toBe(200);
  const { secret, otpauthUri } = begun.json();
  expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/Clienteling:.+\?secret=[A-Z2-7]+&issuer=Clienteling/);
  // Not on before the first code confirms it: a password alone still signs in.
  expect((await post(app, '/auth/sign-in', { email, password: TEST_PASSWORD }, address)).statusCode).toBe(200);
  expect((await post(app, '/me/second-factor/confirm', { code: '000000' === codeOf(secret, -1) ? '111111' : '000000' }, address, cookie)).json().code)
    .toBe(authErrors.wrong_code.code);
  const confirmed = await post(app, '/me/second-factor/confirm', { code: codeOf(secret, -1) }, address, cookie);
  expect(confirmed.statusCode).toBe(200);
  const recoveryCodes: string[] = confirmed.json().recoveryCodes;
  expect(new Set(recoveryCodes).size).toBe(10);
  return { secret, recoveryCodes, cookie };
}

async function passwordStep(a: typeof app, email: string, address: string) {
  const res = await post(a, '/auth/sign-in', { email, password: TEST_PASSWORD }, address);
  expect(res.statusCode).toBe(202);
  expect(res.cookies).toHaveLength(0);
  return res.json() as { secondFactor: 'verify' | 'enrol'; pendingToken: string; expiresAt: string };
}

describe('password sign-in with a TOTP second factor', () => {
  it('signs in with the password alone when there is no factor, and keeps the secret encrypted', async () => {
    const r = await buildRetailer(app, app.db);
    const address = newAddress();
    const res = await post(app, '/auth/sign-in', { email: r.associate.email, password: TEST_PASSWORD }, address);
    expect(res.statusCode).toBe(200);
    expect(res.json().associateId).toBe(r.associate.id);
    const status = await apiAs(app, 'GET', '/me/second-factor', r.as.associate);
    expect(status.json()).toEqual({ enabled: false, required: false, recoveryCodesLeft: 0 });

    const { secret } = await enrol(r.associate.email, address);
    const [stored] = await app.db.select({ secretEncrypted: secondFactors.secretEncrypted }).from(secondFactors)
      .innerJoin(users, eq(users.id, secondFactors.userId)).where(eq(users.email, r.associate.email));
    expect(stored.secretEncrypted).not.toContain(secret);
    expect(stored.secretEncrypted.startsWith('v1.')).toBe(true);
  });

  it('asks for the code after the password, signs in with a right one, and refuses a wrong one and a reused one', async () => {
    const r = await buildRetailer(app, app.db);
    const address = newAddress();
    const { secret, cookie } = await enrol(r.manager.email, address);
    expect((await apiAs(app, 'GET', '/me/second-factor', cookie)).json()).toEqual({ enabled: true, required: false, recoveryCodesLeft: 10 });

    const pending = await passwordStep(app, r.manager.email, address);
    expect(pending.secondFactor).toBe('verify');
    // The pending token is no session.
    expect((await app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: `clt_session=${pending.pendingToken}` } })).statusCode).toBe(401);

    const wrong = await post(app, '/auth/sign-in/second-factor', { pendingToken: pending.pendingToken, code: codeOf(secret, -1) === '123456' ? '654321' : '123456' }, address);
    expect({ status: wrong.statusCode, code: wrong.json().code, type: wrong.headers['content-type'] })
      .toEqual({ status: 401, code: authErrors.wrong_code.code, type: expect.stringMatching(/^application\/problem\+json/) });

    const code = codeOf(secret, 1);
    const ok = await post(app, '/auth/sign-in/second-factor', { pendingToken: pending.pendingToken, code }, address);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().associateId).toBe(r.manager.id);
    const session = ok.cookies.find((c) => c.name === 'clt_session')!;
    expect((await apiAs(app, 'GET', '/me', `clt_session=${session.value}`)).statusCode).toBe(200);

    // The pending token worked once.
    const again = await post(app, '/auth/sign-in/second-factor', { pendingToken: pending.pendingToken, code: codeOf(secret, 1) }, address);
    expect(again.json().code).toBe(authErrors.sign_in_pending_invalid.code);

    // The same code, within its window, on a new sign-in: refused.
    const next = await passwordStep(app, r.manager.email, address);
    const reused = await post(app, '/auth/sign-in/second-factor', { pendingToken: next.pendingToken, code }, address);
    expect({ status: reused.statusCode, code: reused.json().code }).toEqual({ status: 401, code: authErrors.code_already_used.code });
    // So is an earlier step's code, once a later one was taken.
    const earlier = await post(app, '/auth/sign-in/second-factor', { pendingToken: next.pendingToken, code: codeOf(secret, 0) }, address);
    expect(earlier.json().code).toBe(authErrors.code_already_used.code);
  });

  it('takes each recovery code once only', async () => {
    const r = await buildRetailer(app, app.db);
    const address = newAddress();
    const { recoveryCodes, cookie } = await enrol(r.associate.email, address);

    const first = await passwordStep(app, r.associate.email, address);
    const ok = await post(app, '/auth/sign-in/second-factor', { pendingToken: first.pendingToken, recoveryCode: recoveryCodes[3].toUpperCase() }, address);
    expect(ok.statusCode).toBe(200);
    expect((await apiAs(app, 'GET', '/me/second-factor', cookie)).json().recoveryCodesLeft).toBe(9);

    const second = await passwordStep(app, r.associate.email, address);
    const used = await post(app, '/auth/sign-in/second-factor', { pendingToken: second.pendingToken, recoveryCode: recoveryCodes[3] }, address);
    expect({ status: used.statusCode, code: used.json().code }).toEqual({ status: 401, code: authErrors.wrong_code.code });
    const other = await post(app, '/auth/sign-in/second-factor', { pendingToken: second.pendingToken, recoveryCode: recoveryCodes[4] }, address);
    expect(other.statusCode).toBe(200);
  });

  it('slows wrong codes down per account, whatever the address', async () => {
    const r = await buildRetailer(app, app.db);
    const { secret } = await enrol(r.associate.email, newAddress());
    const pending = await passwordStep(app, r.associate.email, newAddress());
    const bad = codeOf(secret, -1) === '999999' ? '888888' : '999999';
    for (let i = 0; i < SIGN_IN_BACKOFF.code.free; i++) {
      const res = await post(app, '/auth/sign-in/second-factor', { pendingToken: pending.pendingToken, code: bad }, newAddress());
      expect(res.json().code).toBe(authErrors.wrong_code.code);
    }
    // Even the right code waits now: a guesser can't tell.
    const throttled = await post(app, '/auth/sign-in/second-factor', { pendingToken: pending.pendingToken, code: codeOf(secret, 1) }, newAddress());
    expect({ status: throttled.statusCode, code: throttled.json().code }).toEqual({ status: 429, code: authErrors.sign_in_throttled.code });
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('makes an associate of a role that requires a factor enrol before anything else', async () => {
    const r = await buildRetailer(app, app.db);
    const address = newAddress();
    // Only users.manage may set the rule, for its own legal entity's roles.
    const roleId = r.le.roles['Sales associate'];
    expect((await apiAs(app, 'PUT', `/second-factor/roles/${roleId}`, r.as.manager, { required: true })).statusCode).toBe(403);
    const other = await buildRetailer(app, app.db);
    expect((await apiAs(app, 'PUT', `/second-factor/roles/${other.le.roles['Sales associate']}`, r.as.headOffice, { required: true })).json().code)
      .toBe(authErrors.role_not_found.code);
    expect((await apiAs(app, 'PUT', `/second-factor/roles/${roleId}`, r.as.headOffice, { required: true })).statusCode).toBe(200);
    // Head office always requires one; the sales associate role now too.
    expect((await apiAs(app, 'GET', '/second-factor/roles', r.as.headOffice)).json().roleIds.sort()).toEqual([roleId, r.le.roles['Head office']].sort());

    const pending = await passwordStep(app, r.associate.email, address);
    expect(pending.secondFactor).toBe('enrol');
    // The enrolment token is good for enrolling only.
    expect((await post(app, '/auth/sign-in/second-factor', { pendingToken: pending.pendingToken, code: '123456' }, address)).json().code)
      .toBe(authErrors.sign_in_pending_invalid.code);
    const begun = await post(app, '/auth/sign-in/enrolment', { pendingToken: pending.pendingToken }, address);
    const { secret } = begun.json();
    const confirmed = await post(app, '/auth/sign-in/enrolment/confirm', { pendingToken: pending.pendingToken, code: codeOf(secret) }, address);
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json().associateId).toBe(r.associate.id);
    expect(confirmed.json().recoveryCodes).toHaveLength(10);
    const cookie = `clt_session=${confirmed.cookies.find((c) => c.name === 'clt_session')!.value}`;
    expect((await apiAs(app, 'GET', '/me/second-factor', cookie)).json()).toMatchObject({ enabled: true, required: true });
    // Required: it can't be turned off.
    expect((await apiAs(app, 'POST', '/me/second-factor/remove', cookie, { code: codeOf(secret, 1) })).json().code)
      .toBe(authErrors.second_factor_required.code);
    // From now on, the code step.
    expect((await passwordStep(app, r.associate.email, address)).secondFactor).toBe('verify');
  });

  it('always leads head office to enrol at sign-in (never locked out), and asks their code from then on', async () => {
    const r = await buildRetailer(app, app.db);
    const fresh = await buildAssociate(app.db, r.le, { role: 'Head office', storeIds: [r.store.id] });
    const address = newAddress();
    const pending = await passwordStep(app, fresh.email, address);
    expect(pending.secondFactor).toBe('enrol');
    // The enrolment token is no session, nor good for the code step.
    expect((await app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: `clt_session=${pending.pendingToken}` } })).statusCode).toBe(401);
    expect((await post(app, '/auth/sign-in/second-factor', { pendingToken: pending.pendingToken, code: '123456' }, address)).json().code)
      .toBe(authErrors.sign_in_pending_invalid.code);
    const { secret } = (await post(app, '/auth/sign-in/enrolment', { pendingToken: pending.pendingToken }, address)).json();
    const confirmed = await post(app, '/auth/sign-in/enrolment/confirm', { pendingToken: pending.pendingToken, code: codeOf(secret) }, address);
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json().permissions).toContain('users.manage');
    expect((await passwordStep(app, fresh.email, address)).secondFactor).toBe('verify');
    // Other roles are not asked unless set to require it.
    expect((await post(app, '/auth/sign-in', { email: r.associate.email, password: TEST_PASSWORD }, address)).statusCode).toBe(200);
  });

  it('turns the factor off with a current code when no role requires it', async () => {
    const r = await buildRetailer(app, app.db);
    const address = newAddress();
    const { secret, cookie } = await enrol(r.associate.email, address);
    expect((await apiAs(app, 'POST', '/me/second-factor/remove', cookie, { code: '12345x' })).statusCode).toBeGreaterThanOrEqual(400);
    expect((await apiAs(app, 'POST', '/me/second-factor/remove', cookie, { code: codeOf(secret, 1) })).statusCode).toBe(200);
    expect((await post(app, '/auth/sign-in', { email: r.associate.email, password: TEST_PASSWORD }, address)).statusCode).toBe(200);
  });
});
