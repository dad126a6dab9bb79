import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { testApp } from '../../../test/app.ts';
import { buildRetailer, buildLegalEntity, buildStore, buildAssociate, TEST_PASSWORD } from '../../../test/factories.ts';
import { query } from '../../db/client.ts';
import { passwordChecks } from './passwords.ts';
import { SIGN_IN_BACKOFF } from './sign-in-throttle.ts';
import { authErrors } from './errors.ts';

let app: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => { app = await testApp(); });
afterAll(async () => { await app?.close(); });

// Every test signs in from its own made-up client addresses: the back-off is per address, and app.inject's default
// address is shared by every test of the run.
const newAddress = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
const attempt = (email: string, password: string, address: string, extra: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email, password, ...extra }, remoteAddress: address });

/** The status and code of a refusal. */
const refusal = (res: Awaited<ReturnType<typeof attempt>>) => ({ status: res.statusCode, code: res.json().code });
const WRONG = { status: 401, code: authErrors.wrong_credentials.code };
const THROTTLED = { status: 429, code: authErrors.sign_in_throttled.code };

/** Moves a back-off streak's last failure into the past, as if the client had waited that long. */
async function waitOut(bucket: string, seconds: number) {
  await app.db.execute(sql`update rate_limit_hits set last_hit_at = last_hit_at - make_interval(secs => ${seconds}::float8) where bucket = ${bucket}`);
}

const shape = (res: Awaited<ReturnType<typeof attempt>>) => ({
  status: res.statusCode, type: res.headers['content-type'], retryAfter: res.headers['retry-after'] ?? null,
  code: res.json().code, detail: res.json().detail, keys: Object.keys(res.json()).sort(), cookie: res.cookies.length > 0,
});

describe('failed sign-ins are slowed, never locked, alike for known and unknown addresses', () => {
  it('answers an account and an unknown address identically, with the same password work, and the waits grow', async () => {
    const r = await buildRetailer(app, app.db);
    const unknown = `nobody-${randomUUID()}@example.test`;
    const runs = [];
    for (const email of [r.associate.email, unknown]) {
      const address = newAddress();
      const answers = [];
      const checks = [];
      for (let i = 0; i < SIGN_IN_BACKOFF.address.free + 1; i++) {
        const before = passwordChecks.count;
        answers.push(shape(await attempt(email, 'not the password', address)));
        checks.push(passwordChecks.count - before);
      }
      // Each further failure, once the wait is over, doubles the next wait.
      const waits = [Number(answers[answers.length - 1].retryAfter)];
      for (let i = 0; i < 2; i++) {
        await waitOut(`${SIGN_IN_BACKOFF.address.name}:${address}`, waits[waits.length - 1]);
        const before = passwordChecks.count;
        const failed = await attempt(email, 'not the password', address);
        checks.push(passwordChecks.count - before);
        expect(refusal(failed)).toEqual(WRONG);
        const refused = await attempt(email, 'not the password', address);
        expect(refusal(refused)).toEqual(THROTTLED);
        waits.push(Number(refused.headers['retry-after']));
      }
      runs.push({ answers, checks, waits });
    }
    const [known, notKnown] = runs;
    // Five failures answered 401 with one message, then 429 with Retry-After; no cookie; the same for both addresses.
    expect(known.answers.slice(0, 5).map((a) => ({ status: a.status, code: a.code }))).toEqual(Array(5).fill(WRONG));
    expect(known.answers[5]).toMatchObject({ ...THROTTLED, retryAfter: '1', cookie: false });
    expect(known.answers[5].detail).toBe('Too many failed sign-ins; try again in 1 seconds.');
    expect(known.answers[0].detail).toBe('The email or password is not right.');
    expect(notKnown.answers).toEqual(known.answers);
    // One password hash checked per attempt that was let through (a dummy hash for the unknown address), none when refused.
    expect(known.checks).toEqual([1, 1, 1, 1, 1, 0, 1, 1]);
    expect(notKnown.checks).toEqual(known.checks);
    expect(known.waits).toEqual([1, 2, 4]);
    expect(notKnown.waits).toEqual(known.waits);
  });

  it('lets a burst of parallel guesses from one address in no further than one at a time would', async () => {
    const r = await buildRetailer(app, app.db);
    const address = newAddress();
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => attempt(r.associate.email, `parallel guess ${i}`, address)));
    const refusals = answers.map(refusal);
    expect(refusals.filter((r) => r.status === 401)).toEqual(Array(SIGN_IN_BACKOFF.address.free).fill(WRONG));
    expect(refusals.filter((r) => r.status !== 401)).toEqual(Array(12 - SIGN_IN_BACKOFF.address.free).fill(THROTTLED));
  });

  it('keeps a back-off streak through the hourly clean-up until it has been quiet for a day', async () => {
    const { deleteOldRateLimitWindows } = await import('../../http/rate-limit.ts');
    const address = newAddress();
    for (let i = 0; i < SIGN_IN_BACKOFF.address.free; i++) await attempt(`nobody-${randomUUID()}@example.test`, 'guess', address);
    const bucket = `${SIGN_IN_BACKOFF.address.name}:${address}`;
    const rows = async () => (await query<{ n: number }>(app.db, sql`select count(*)::int as n from rate_limit_hits where bucket = ${bucket}`))[0].n;
    await deleteOldRateLimitWindows(app.db);
    expect(await rows()).toBe(1);
    expect(refusal(await attempt(`nobody-${randomUUID()}@example.test`, 'guess', address))).toEqual(THROTTLED);
    await waitOut(bucket, 25 * 3600);
    await deleteOldRateLimitWindows(app.db);
    expect(await rows()).toBe(0);
  });

  it('hashes unknown addresses at the work factor of real accounts', async () => {
    const { dummyHash, hashPassword } = await import('./passwords.ts');
    const params = (h: string) => h.split('$').slice(0, 4).join('$');
    expect(params(await dummyHash())).toBe(params(await hashPassword('anything at all')));
  });

  it('lets the owner in from another address while the attacker\'s address waits, even with the right password', async () => {
    const r = await buildRetailer(app, app.db);
    const attacker = newAddress();
    for (let i = 0; i < SIGN_IN_BACKOFF.address.free; i++) expect(refusal(await attempt(r.associate.email, `guess ${i}`, attacker))).toEqual(WRONG);
    expect(refusal(await attempt(r.associate.email, TEST_PASSWORD, attacker))).toEqual(THROTTLED);
    const owner = await attempt(r.associate.email, TEST_PASSWORD, newAddress());
    expect(owner.statusCode).toBe(200);
    expect(owner.json().associateId).toBe(r.associate.id);
  });

  it('slows an account attacked from many addresses only briefly, and alike for an unknown address', async () => {
    const r = await buildRetailer(app, app.db);
    const unknown = `nobody-${randomUUID()}@example.test`;
    for (const email of [r.associate.email, unknown]) {
      for (let i = 0; i < SIGN_IN_BACKOFF.account.free; i++) expect(refusal(await attempt(email, `guess ${i}`, newAddress()))).toEqual(WRONG);
      const refused = await attempt(email, 'another guess', newAddress());
      expect(refusal(refused)).toEqual(THROTTLED);
      expect(refused.json().detail).toBe('Too many failed sign-ins; try again in 1 seconds.');
    }
    // However long the attack, the account's wait is capped at half a minute.
    await app.db.execute(sql`update rate_limit_hits set hits = 500 where bucket = ${`${SIGN_IN_BACKOFF.account.name}:${r.associate.email}`}`);
    const capped = await attempt(r.associate.email, TEST_PASSWORD, newAddress());
    expect(refusal(capped)).toEqual(THROTTLED);
    expect(Number(capped.headers['retry-after'])).toBeLessThanOrEqual(SIGN_IN_BACKOFF.account.maxMs / 1000);
    // The owner gets in once the wait is over, and that ends the account's streak.
    await waitOut(`${SIGN_IN_BACKOFF.account.name}:${r.associate.email}`, 30);
    expect((await attempt(r.associate.email, TEST_PASSWORD, newAddress())).statusCode).toBe(200);
    const [left] = await query<{ n: number }>(app.db, sql`select count(*)::int as n from rate_limit_hits where bucket = ${`${SIGN_IN_BACKOFF.account.name}:${r.associate.email}`}`);
    expect(left.n).toBe(0);
    expect(refusal(await attempt(r.associate.email, 'wrong again', newAddress()))).toEqual(WRONG);
  });
});

describe('which legal entity a sign-in lands in', () => {
  it('goes to the only legal entity, and makes a user of several choose one', async () => {
    const uk = await buildLegalEntity(app.db, { name: `UK ${randomUUID().slice(0, 6)}`, currency: 'GBP', timeZone: 'Europe/London' });
    const fr = await buildLegalEntity(app.db, { name: `France ${randomUUID().slice(0, 6)}` });
    const frStore = await buildStore(app.db, fr.id);
    const ukStore = await buildStore(app.db, uk.id);
    const person = await buildAssociate(app.db, fr, { storeIds: [frStore.id] });
    const only = await attempt(person.email, TEST_PASSWORD, newAddress());
    expect(only.statusCode).toBe(200);
    expect(only.json().legalEntity.id).toBe(fr.id);

    await buildAssociate(app.db, uk, { email: person.email, role: 'Store manager', storeIds: [ukStore.id] });
    for (let i = 0; i < 3; i++) {
      const choose = await attempt(person.email, TEST_PASSWORD, newAddress());
      expect(choose.statusCode).toBe(409);
      expect(choose.json()).toMatchObject({ code: authErrors.choose_legal_entity.code, field: 'legalEntityId' });
      // Listed by name, the same every time; no session is started.
      expect(choose.json().legalEntities).toEqual([
        { id: fr.id, code: fr.code, name: fr.name },
        { id: uk.id, code: uk.code, name: uk.name },
      ]);
      expect(choose.cookies).toHaveLength(0);
    }
    const inUk = await attempt(person.email, TEST_PASSWORD, newAddress(), { legalEntityId: uk.id });
    expect(inUk.statusCode).toBe(200);
    expect(inUk.json().legalEntity.id).toBe(uk.id);
    expect(inUk.json().permissions).toContain('client-book.reassign');
    // The list is only for whoever knows the password.
    const wrong = await attempt(person.email, 'not the password', newAddress());
    expect(refusal(wrong)).toEqual(WRONG);
    expect(wrong.json().legalEntities).toBeUndefined();
  });
});
