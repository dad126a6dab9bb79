import { scrypt, randomBytes, timingSafeEqual, createHash } from 'node:crypto';
import { promisify } from 'node:util';

const scryptAsync = promisify(scrypt) as (pw: string, salt: Buffer, len: number, opts: object) => Promise<Buffer>;
const PARAMS = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

/**
 * Test suites create hundreds of accounts; they may lower the work factor for new hashes.
 * Each hash records its own parameters, so verification never depends on this setting.
 */
export function setPasswordHashCost(n: number) {
  if (!Number.isInteger(Math.log2(n)) || n < 1024) throw new Error('scrypt cost must be a power of two, at least 1024');
  PARAMS.N = n;
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, 32, PARAMS);
  return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** How many password hashes were checked: lets a test see that an unknown address costs the same work as a known one. */
export const passwordChecks = { count: 0 };

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  passwordChecks.count++;
  const [kind, n, r, p, saltB64, keyB64] = stored.split('$');
  if (kind !== 'scrypt' || !saltB64 || !keyB64) return false;
  const expected = Buffer.from(keyB64, 'base64');
  const key = await scryptAsync(password, Buffer.from(saltB64, 'base64'), expected.length, {
    N: Number(n), r: Number(r), p: Number(p), maxmem: 64 * 1024 * 1024,
  });
  return timingSafeEqual(key, expected);
}

const dummies = new Map<number, Promise<string>>();

/** A hash of a random password at the current work factor, made once: what an unknown address is checked against. */
export function dummyHash(): Promise<string> {
  let d = dummies.get(PARAMS.N);
  if (!d) {
    d = hashPassword(randomBytes(16).toString('base64'));
    dummies.set(PARAMS.N, d);
  }
  return d;
}

/** Spends the time of a real check, so the response time doesn't tell whether an account exists. Always false. */
export async function verifyAgainstNothing(password: string): Promise<false> {
  await verifyPassword(password, await dummyHash());
  return false;
}

export function newToken(prefix: string): string {
  return `${prefix}_${randomBytes(24).toString('base64url')}`;
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
