import type { Db } from '../../db/client.ts';
import { createBackoff } from '../../http/rate-limit.ts';
import { authErrors } from './errors.ts';

/**
 * Password guessing is slowed, never locked: failures are counted per client address (strict: 5 free, then waits
 * doubling from 1 s up to 15 minutes) and per account (generous and short: 10 free, then waits doubling up to 30 s).
 * The account key is the address as typed, whether or not an account has it, so known and unknown addresses are
 * treated alike; and an attacker's failures only cost the real owner, signing in from elsewhere, a short wait.
 */
export const SIGN_IN_BACKOFF = {
  address: { name: 'sign-in-fail-ip', free: 5, baseMs: 1_000, maxMs: 15 * 60_000, quietMs: 60 * 60_000 },
  account: { name: 'sign-in-fail-account', free: 10, baseMs: 1_000, maxMs: 30_000, quietMs: 15 * 60_000 },
  /**
   * Second-factor codes, per account (the password was right, so the account is the one under attack): a million
   * codes, so stricter than passwords: 5 free, then waits doubling from 1 s up to 15 minutes.
   */
  code: { name: 'second-factor-fail', free: 5, baseMs: 1_000, maxMs: 15 * 60_000, quietMs: 60 * 60_000 },
} as const;

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export function createSignInThrottle(db: Db) {
  const byAddress = createBackoff(db, SIGN_IN_BACKOFF.address);
  const byAccount = createBackoff(db, SIGN_IN_BACKOFF.account);
  const refuse = (retryAfter: number) =>
    authErrors.sign_in_throttled(`Too many failed sign-ins; try again in ${retryAfter} seconds.`, { extra: { retryAfter } });
  return {
    /**
     * Lets a password attempt in, counted as a failure until `succeeded`; refuses (429, the same words whichever limit
     * applies) while the address or the account must wait.
     */
    async admit(ip: string, account: string) {
      const addressWait = await byAddress.admit(ip);
      if (addressWait > 0) throw refuse(addressWait);
      const accountWait = await byAccount.admit(normaliseEmail(account));
      if (accountWait > 0) {
        await byAddress.refund(ip);
        throw refuse(accountWait);
      }
    },
    /**
     * The password was right (or never checked): the account's streak ends; the address only gets this attempt back
     * (one good account must not wash an address's failures away).
     */
    async succeeded(ip: string, account: string) {
      await Promise.all([byAddress.refund(ip), byAccount.clear(normaliseEmail(account))]);
    },
  };
}

/** The same back-off for second-factor and recovery codes: per client address as for passwords, and per user. */
export function createCodeThrottle(db: Db) {
  const byAddress = createBackoff(db, SIGN_IN_BACKOFF.address);
  const byUser = createBackoff(db, SIGN_IN_BACKOFF.code);
  const refuse = (retryAfter: number) =>
    authErrors.sign_in_throttled(`Too many wrong codes; try again in ${retryAfter} seconds.`, { extra: { retryAfter } });
  return {
    async admit(ip: string, userId: string) {
      const addressWait = await byAddress.admit(ip);
      if (addressWait > 0) throw refuse(addressWait);
      const userWait = await byUser.admit(userId);
      if (userWait > 0) {
        await byAddress.refund(ip);
        throw refuse(userWait);
      }
    },
    async succeeded(ip: string, userId: string) {
      await Promise.all([byAddress.refund(ip), byUser.clear(userId)]);
    },
  };
}
