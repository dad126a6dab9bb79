import { sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';
import type { Config } from '../../config.ts';
import { outreachErrors } from './errors.ts';
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
  await db.execute(sql`
    insert into outreach_providers (legal_entity_id, channel, base_url, api_key_encrypted, sender, updated_at)
    values (${legalEntityId}, ${channel}, ${baseUrl}, ${encryptSecret(key, input.apiKey)}, ${input.sender}, now())
    on conflict (legal_entity_id, channel) do update set base_url = excluded.base_url, api_key_encrypted = excluded.api_key_encrypted,
      sender = excluded.sender, updated_at = now()`);
  return (await listProviders(db, config, legalEntityId)).find((p) => p.channel === channel)!;
}

/** Provider settings without the key, with the address to give the provider for inbound messages (STOP). */
export async function listProviders(db: Db, config: Config, legalEntityId: string) {
  const key = await secretKey(db, config.secretKey);
  const rows = await query<{ channel: ProviderChannel; baseUrl: string; sender: string; updatedAt: string }>(db, sql`
    select channel, base_url as "baseUrl", sender, updated_at::text as "updatedAt" from outreach_providers where legal_entity_id = ${legalEntityId} order by channel`);
  return rows.map((r) => ({ ...r, inboundWebhookUrl: `${config.publicBaseUrl}/api/v1/outreach/webhooks/${r.channel}/${legalEntityId}/${webhookSignature(key, legalEntityId, r.channel)}` }));
}

export const webhookSignature = (key: string, legalEntityId: string, channel: string) => sign(key, `outreach-webhook:${legalEntityId}:${channel}`);

export async function verifyWebhook(db: Db, config: Config, legalEntityId: string, channel: string, signature: string): Promise<boolean> {
  return verifySigned(await secretKey(db, config.secretKey), `outreach-webhook:${legalEntityId}:${channel}`, signature);
}

export async function loadProvider(db: Db, config: Config, legalEntityId: string, channel: ProviderChannel): Promise<ProviderInput | null> {
  const rows = await query<{ baseUrl: string; apiKeyEncrypted: string; sender: string }>(db, sql`
    select base_url as "baseUrl", api_key_encrypted as "apiKeyEncrypted", sender from outreach_providers
    where legal_entity_id = ${legalEntityId} and channel = ${channel}`);
  if (!rows[0]) return null;
  return { baseUrl: rows[0].baseUrl, sender: rows[0].sender, apiKey: decryptSecret(await secretKey(db, config.secretKey), rows[0].apiKeyEncrypted) };
}
