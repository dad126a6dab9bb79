import { randomBytes, createHmac, createCipheriv, createDecipheriv, createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { query, type Db } from './client.ts';

const cache = new WeakMap<object, string>();

/**
 * The installation's secret: CLIENTELING_SECRET_KEY when configured, otherwise generated once and kept
 * in the database, so no default secret ever ships and every server of one database agrees on it.
 */
export async function secretKey(db: Db, configured?: string): Promise<string> {
  if (configured) return configured;
  const hit = cache.get(db);
  if (hit) return hit;
  await db.execute(sql`insert into instance_settings (key, value) values ('secret_key', ${randomBytes(32).toString('base64url')}) on conflict (key) do nothing`);
  const rows = await query<{ value: string }>(db, sql`select value from instance_settings where key = 'secret_key'`);
  cache.set(db, rows[0].value);
  return rows[0].value;
}

/** Signs a value for a public link (booking confirmations); verify with `verifySigned`. */
export function sign(key: string, value: string): string {
  return createHmac('sha256', key).update(value).digest('base64url');
}

export function verifySigned(key: string, value: string, signature: string): boolean {
  const expected = sign(key, value);
  return expected.length === signature.length && createHash('sha256').update(expected).digest().equals(createHash('sha256').update(signature).digest());
}

/** AES-256-GCM for secrets stored in the database (external measure providers' client secrets). */
export function encryptSecret(key: string, plain: string): string {
  const k = createHash('sha256').update(key).digest();
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', k, iv);
  const enc = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
  return ['v1', iv.toString('base64url'), c.getAuthTag().toString('base64url'), enc.toString('base64url')].join('.');
}

export function decryptSecret(key: string, stored: string): string {
  const [v, iv, tag, data] = stored.split('.');
  if (v !== 'v1') throw new Error('Unknown secret format');
  const d = createDecipheriv('aes-256-gcm', createHash('sha256').update(key).digest(), Buffer.from(iv, 'base64url'));
  d.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([d.update(Buffer.from(data, 'base64url')), d.final()]).toString('utf8');
}
