import type { FastifyInstance } from 'fastify';
import { eq } from 'drizzle-orm';
import type { App } from '../../src/http/types.ts';
import { users } from '../../src/modules/auth/schema.ts';
import { newRecoveryCodes } from '../../src/modules/auth/second-factor.ts';
import { base32Decode, stepAt, hotp } from '../../src/modules/auth/totp.ts';
import { normaliseEmail } from '../../src/modules/auth/sign-in-throttle.ts';

/*
 * Head office always signs in with a second factor. Tests sign in as head office through the real steps: the first
 * sign-in enrols an authenticator (the code computed from the secret the server gave), later ones spend one of the
 * recovery codes kept here, since a TOTP code can be used once per 30 seconds.
 */
const kept = new Map<string, { secret: string; recoveryCodes: string[] }>();

export const totpNow = (secret: string) => hotp(base32Decode(secret), stepAt(Date.now()));

/** Remembers what a test enrolled outside these helpers (e.g. through a browser page). */
export function keepAuthenticator(email: string, secret: string, recoveryCodes: string[]) {
  kept.set(normaliseEmail(email), { secret, recoveryCodes: [...recoveryCodes] });
}

/** A recovery code for the user's next sign-in; new ones are made (as enrolment does) when the kept ones are spent. */
export async function nextRecoveryCode(app: FastifyInstance | undefined, email: string): Promise<string> {
  const key = normaliseEmail(email);
  const entry = kept.get(key);
  if (entry?.recoveryCodes.length) return entry.recoveryCodes.shift()!;
  if (!app) throw new Error(`no recovery code kept for ${email}: pass the app to make new ones`);
  const [user] = await (app as unknown as App).db.select({ id: users.id }).from(users).where(eq(users.email, key));
  const codes = await newRecoveryCodes((app as unknown as App).db, user.id);
  kept.set(key, { secret: entry?.secret ?? '', recoveryCodes: codes.slice(1) });
  return codes[0];
}

/** Completes a 202 sign-in answer (enrol or verify) the way a person would, and returns the session's response. */
export async function passSecondFactor(app: FastifyInstance, email: string, pending: { secondFactor: 'enrol' | 'verify'; pendingToken: string }) {
  const { pendingToken } = pending;
  if (pending.secondFactor === 'enrol') {
    const begun = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in/enrolment', payload: { pendingToken } });
    if (begun.statusCode !== 200) throw new Error(`enrolment failed: ${begun.statusCode} ${begun.body}`);
    const { secret } = begun.json() as { secret: string };
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in/enrolment/confirm', payload: { pendingToken, code: totpNow(secret) } });
    if (res.statusCode === 200) keepAuthenticator(email, secret, (res.json() as { recoveryCodes: string[] }).recoveryCodes);
    return res;
  }
  return app.inject({ method: 'POST', url: '/api/v1/auth/sign-in/second-factor', payload: { pendingToken, recoveryCode: await nextRecoveryCode(app, email) } });
}
