import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Config } from '../../config.ts';
import { outreachErrors } from './errors.ts';
import { outreachProviders } from './schema.ts';
import { decryptSecret, encryptSecret, secretKey, sign, verifySigned } from '../../db/secret-key.ts';

export type ProviderChannel = 'sms' | 'whatsapp';

export interface ProviderInput { baseUrl: string; apiKey: string; sender: string }

/** Providers are reached over HTTPS; plain HTTP only to this machine (a local gateway or a test stand-in). */
export function checkBaseUrl(raw: string): string {
  let u: URL;
  try { u = new URL(raw); } catch { throw outreachErrors.provider_address_invalid('Enter the provider\'s address, e.g. https://api.example.com/v1.', { field: 'baseUrl' }); }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && loopback)) throw outreachErrors.provider_not_https('The provider must be reached over HTTPS.', { field: 'baseUrl' });
  return u.toString().replace(/\/$/, '');
}

export async function saveProvider(db: Db, config: Config, legalEntityId: string, channel: ProviderChannel, input: ProviderInput) {
  const baseUrl = checkBaseUrl(input.baseUrl);
  const key = await secretKey(db, config.secretKey);
  const row = { legalEntityId, channel, baseUrl, apiKeyEncrypted: encryptSecret(key, input.apiKey), sender: input.sender, updatedAt: sql`now()` };
  await db.insert(outreachProviders).values(row)
    .onConflictDoUpdate({ target: [outreachProviders.legalEntityId, outreachProviders.channel], set: { baseUrl, apiKeyEncrypted: row.apiKeyEncrypted, sender: input.sender, updatedAt: sql`now()` } });
  return (await listProviders(db, config, legalEntityId)).find((p) => p.channel === channel)!;
}

/** Provider settings without the key, with the address to give the provider for inbound messages (STOP). */
export async function listProviders(db: Db, config: Config, legalEntityId: string) {
  const key = await secretKey(db, config.secretKey);
  const p = outreachProviders;
  const rows = await db.select({ channel: p.channel, baseUrl: p.baseUrl, sender: p.sender, updatedAt: sql<string>`${p.updatedAt}::text` })
    .from(p).where(eq(p.legalEntityId, legalEntityId)).orderBy(asc(p.channel));
  return rows.map((r) => ({ ...r, inboundWebhookUrl: `${config.publicBaseUrl}/api/v1/outreach/webhooks/${r.channel}/${legalEntityId}/${webhookSignature(key, legalEntityId, r.channel)}` }));
}

export const webhookSignature = (key: string, legalEntityId: string, channel: string) => sign(key, `outreach-webhook:${legalEntityId}:${channel}`);

export async function verifyWebhook(db: Db, config: Config, legalEntityId: string, channel: string, signature: string): Promise<boolean> {
  return verifySigned(await secretKey(db, config.secretKey), `outreach-webhook:${legalEntityId}:${channel}`, signature);
}

export async function loadProvider(db: Db, config: Config, legalEntityId: string, channel: ProviderChannel): Promise<ProviderInput | null> {
  const p = outreachProviders;
  const rows = await db.select({ baseUrl: p.baseUrl, apiKeyEncrypted: p.apiKeyEncrypted, sender: p.sender })
    .from(p).where(and(eq(p.legalEntityId, legalEntityId), eq(p.channel, channel)));
  if (!rows[0]) return null;
  return { baseUrl: rows[0].baseUrl, sender: rows[0].sender, apiKey: decryptSecret(await secretKey(db, config.secretKey), rows[0].apiKeyEncrypted) };
}
