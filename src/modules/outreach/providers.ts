import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Config } from '../../config.ts';
import { outreachErrors } from './errors.ts';
import { outreachProviders, type ProviderKind } from './schema.ts';
import { decryptSecret, encryptSecret, secretKey } from '../../db/secret-key.ts';

export type ProviderChannel = 'sms' | 'whatsapp';

/** What head office enters in set-up. SMS: Twilio; WhatsApp: the Business Cloud API. */
export interface ProviderInput {
  /** Defaults to the provider's public API; a local address for a gateway or a test server. */
  baseUrl?: string;
  /** Twilio AccountSid, or the WhatsApp phone-number id. */
  accountId: string;
  /** Twilio Auth Token, or the WhatsApp access token. */
  apiKey: string;
  /** Twilio: the E.164 From number or a MessagingServiceSid (MG…). WhatsApp: the business number shown to customers. */
  sender: string;
  /** WhatsApp: the app secret that signs webhooks (X-Hub-Signature-256). */
  appSecret?: string;
  /** WhatsApp: the token Meta echoes in the hub.challenge verification. */
  verifyToken?: string;
  /** WhatsApp: the Graph API version, e.g. v21.0. */
  apiVersion?: string;
}

export interface Provider {
  kind: ProviderKind; baseUrl: string; accountId: string; apiKey: string; sender: string;
  appSecret: string | null; verifyToken: string | null; apiVersion: string | null;
}

const DEFAULT_BASE: Record<ProviderChannel, string> = { sms: 'https://api.twilio.com', whatsapp: 'https://graph.facebook.com' };
const KIND: Record<ProviderChannel, ProviderKind> = { sms: 'twilio', whatsapp: 'whatsapp-cloud' };

/** Providers are reached over HTTPS; plain HTTP only to this machine (a local gateway or a test server). */
export function checkBaseUrl(raw: string): string {
  let u: URL;
  try { u = new URL(raw); } catch { throw outreachErrors.provider_address_invalid('Enter the provider\'s address, e.g. https://api.twilio.com.', { field: 'baseUrl' }); }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && loopback)) throw outreachErrors.provider_not_https('The provider must be reached over HTTPS.', { field: 'baseUrl' });
  return u.toString().replace(/\/$/, '');
}

function checkInput(channel: ProviderChannel, input: ProviderInput) {
  if (channel === 'sms') {
    if (!/^AC[0-9a-fA-F]{32}$/.test(input.accountId)) throw outreachErrors.provider_setting_invalid('Enter the Twilio Account SID (AC followed by 32 hexadecimal characters).', { field: 'accountId' });
    if (!/^(\+[1-9][0-9]{6,14}|MG[0-9a-fA-F]{32})$/.test(input.sender)) {
      throw outreachErrors.provider_setting_invalid('Enter the sending number in E.164 (+33…) or a Messaging Service SID (MG…).', { field: 'sender' });
    }
    return;
  }
  if (!/^[0-9]{5,30}$/.test(input.accountId)) throw outreachErrors.provider_setting_invalid('Enter the WhatsApp phone number ID (digits).', { field: 'accountId' });
  if (!input.appSecret) throw outreachErrors.provider_setting_invalid('Enter the app secret that signs WhatsApp webhooks.', { field: 'appSecret' });
  if (!input.verifyToken) throw outreachErrors.provider_setting_invalid('Enter a verify token for the webhook subscription.', { field: 'verifyToken' });
  if (input.apiVersion && !/^v[0-9]{1,3}\.[0-9]$/.test(input.apiVersion)) throw outreachErrors.provider_setting_invalid('Enter the Graph API version, e.g. v21.0.', { field: 'apiVersion' });
}

export async function saveProvider(db: Db, config: Config, legalEntityId: string, channel: ProviderChannel, input: ProviderInput) {
  checkInput(channel, input);
  const baseUrl = checkBaseUrl(input.baseUrl ?? DEFAULT_BASE[channel]);
  const key = await secretKey(db, config.secretKey);
  const enc = (v: string | undefined) => (v ? encryptSecret(key, v) : null);
  const values = {
    kind: KIND[channel], baseUrl, accountId: input.accountId, apiKeyEncrypted: encryptSecret(key, input.apiKey), sender: input.sender,
    webhookSecretEncrypted: enc(input.appSecret), verifyTokenEncrypted: enc(input.verifyToken),
    apiVersion: channel === 'whatsapp' ? input.apiVersion ?? 'v21.0' : null, updatedAt: sql`now()`,
  };
  await db.insert(outreachProviders).values({ legalEntityId, channel, ...values })
    .onConflictDoUpdate({ target: [outreachProviders.legalEntityId, outreachProviders.channel], set: values });
  return (await listProviders(db, config, legalEntityId)).find((p) => p.channel === channel)!;
}

/** The addresses to give the provider: Twilio's inbound and status callbacks, WhatsApp's webhook (verification and events). */
export function webhookUrls(config: Config, legalEntityId: string, channel: ProviderChannel) {
  const base = `${config.publicBaseUrl}/api/v1/outreach/webhooks`;
  return channel === 'sms'
    ? { inboundWebhookUrl: `${base}/twilio/${legalEntityId}/inbound`, statusCallbackUrl: `${base}/twilio/${legalEntityId}/status` }
    : { inboundWebhookUrl: `${base}/whatsapp/${legalEntityId}`, statusCallbackUrl: `${base}/whatsapp/${legalEntityId}` };
}

/** Provider settings without secrets, with the webhook addresses to enter at the provider. */
export async function listProviders(db: Db, config: Config, legalEntityId: string) {
  const p = outreachProviders;
  const rows = await db.select({
    channel: p.channel, kind: p.kind, baseUrl: p.baseUrl, accountId: p.accountId, sender: p.sender, apiVersion: p.apiVersion,
    updatedAt: sql<string>`${p.updatedAt}::text`,
  }).from(p).where(eq(p.legalEntityId, legalEntityId)).orderBy(asc(p.channel));
  return rows.map((r) => ({ ...r, ...webhookUrls(config, legalEntityId, r.channel) }));
}

export async function loadProvider(db: Db, config: Config, legalEntityId: string, channel: ProviderChannel): Promise<Provider | null> {
  const p = outreachProviders;
  const [row] = await db.select().from(p).where(and(eq(p.legalEntityId, legalEntityId), eq(p.channel, channel)));
  // A row saved before the real adapters has no kind: it cannot be used until head office enters it again.
  if (!row?.kind || !row.accountId) return null;
  const key = await secretKey(db, config.secretKey);
  const dec = (v: string | null) => (v ? decryptSecret(key, v) : null);
  return {
    kind: row.kind, baseUrl: row.baseUrl, accountId: row.accountId, apiKey: decryptSecret(key, row.apiKeyEncrypted), sender: row.sender,
    appSecret: dec(row.webhookSecretEncrypted), verifyToken: dec(row.verifyTokenEncrypted), apiVersion: row.apiVersion,
  };
}
