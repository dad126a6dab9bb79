import type { Db } from '../../db/client.ts';
import { createBackoff } from '../../http/rate-limit.ts';
import { AppError } from '../../http/errors.ts';

/**
 * Password guessing is slowed, never locked: failures are counted per client address (strict: 5 free, then waits
 * doubling from 1 s up to 15 minutes) and per account (generous and short: 10 free, then waits doubling up to 30 s).
 * The account key is the address as typed, whether or not an account has it, so known and unknown addresses are
 * treated alike; and an attacker's failures only cost the real owner, signing in from elsewhere, a short wait.
 */
export const SIGN_IN_BACKOFF = {
  address: { name: 'sign-in-fail-ip', free: 5, baseMs: 1_000, maxMs: 15 * 60_000, quietMs: 60 * 60_000 },
  account: { name: 'sign-in-fail-account', free: 10, baseMs: 1_000, maxMs: 30_000, quietMs: 15 * 60_000 },
} as const;

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export function createSignInThrottle(db: Db) {
  const byAddress = createBackoff(db, SIGN_IN_BACKOFF.address);
  const byAccount = createBackoff(db, SIGN_IN_BACKOFF.account);
  return {
    /** Refuses (429, the same words whichever limit applies) while either the address or the account must wait. */
    async check(ip: string, account: string) {
      const [a, b] = await Promise.all([byAddress.secondsToWait(ip), byAccount.secondsToWait(normaliseEmail(account))]);
      const retryAfter = Math.max(a, b);
      if (retryAfter > 0) {
        throw new AppError('rate_limited', `Too many failed sign-ins; try again in ${retryAfter} seconds.`, { extra: { retryAfter } });
      }
    },
    async failed(ip: string, account: string) {
      await Promise.all([byAddress.failed(ip), byAccount.failed(normaliseEmail(account))]);
    },
    /** The right password ends the account's streak; the address's stays (one good account must not wash an address). */
    async succeeded(account: string) {
      await byAccount.clear(normaliseEmail(account));
    },
  };
}
