import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { e164FromDigits, normalisePhone } from '../customers/phone.ts';
import { applyKeyword } from './opt-out.ts';
import { applyProviderStatus, customersByPhone, recordInbound } from './conversations.ts';
import type { ProviderChannel } from './providers.ts';
import type { ThreadStatus } from './schema.ts';

const sameText = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** Twilio's X-Twilio-Signature: base64 HMAC-SHA1 (Auth Token) of the full URL followed by each POST parameter, sorted by name, as name+value. */
export function twilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  const data = url + Object.keys(params).sort().map((k) => k + params[k]).join('');
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

export const verifyTwilio = (authToken: string, url: string, params: Record<string, string>, header: string | undefined) =>
  !!header && sameText(twilioSignature(authToken, url, params), header);

/** Meta's X-Hub-Signature-256: "sha256=" + hex HMAC-SHA256 (app secret) of the raw body. */
export const verifyMeta = (appSecret: string, raw: Buffer, header: string | undefined) =>
  !!header && sameText(`sha256=${createHmac('sha256', appSecret).update(raw).digest('hex')}`, header);

export interface InboundResult { stored: boolean; optedOut: number; optedIn: number }

/**
 * A customer's SMS or WhatsApp message: matched on the exact E.164 number, stored once in their thread (a duplicate
 * delivery or replay stops here, so a keyword is not applied twice), then STOP/START applied to every customer with the number.
 */
export async function receiveMessage(db: Db, legalEntityId: string, channel: ProviderChannel, m: { from: string; providerMessageId: string; body: string }): Promise<InboundResult> {
  const from = channel === 'whatsapp' ? e164FromDigits(m.from) : (normalisePhone(m.from).ok ? (normalisePhone(m.from) as { e164: string }).e164 : null);
  if (!from) return { stored: false, optedOut: 0, optedIn: 0 };
  return db.transaction(async (tx) => {
    const t: Db = tx;
    const ids = await customersByPhone(t, legalEntityId, from);
    if (!ids.length) return { stored: false, optedOut: 0, optedIn: 0 };
    const stored = await recordInbound(t, { legalEntityId, customerId: ids[0], channel, providerMessageId: m.providerMessageId, address: from, body: m.body });
    if (!stored) return { stored: false, optedOut: 0, optedIn: 0 };
    return { stored, ...(await applyKeyword(t, legalEntityId, channel, ids, m.body)) };
  });
}

const TWILIO_STATUS: Record<string, ThreadStatus> = { queued: 'queued', accepted: 'queued', sending: 'sending', sent: 'sent', delivered: 'delivered', read: 'read', undelivered: 'failed', failed: 'failed' };
const WHATSAPP_STATUS: Record<string, ThreadStatus> = { sent: 'sent', delivered: 'delivered', read: 'read', failed: 'failed' };

export function twilioStatus(s: string): ThreadStatus | null { return TWILIO_STATUS[s] ?? null; }

export async function receiveStatus(db: Db, legalEntityId: string, channel: ProviderChannel, providerMessageId: string, status: ThreadStatus | null): Promise<number> {
  return status ? applyProviderStatus(db, legalEntityId, channel, providerMessageId, status) : 0;
}

/** The parts of a WhatsApp Cloud API webhook this server acts on. */
interface WhatsAppWebhook {
  object?: string;
  entry?: { changes?: { field?: string; value?: {
    metadata?: { phone_number_id?: string };
    messages?: { from?: string; id?: string; type?: string; text?: { body?: string }; button?: { text?: string }; interactive?: { button_reply?: { title?: string }; list_reply?: { title?: string } } }[];
    statuses?: { id?: string; status?: string }[];
  } }[] }[];
}

export async function receiveWhatsApp(db: Db, legalEntityId: string, phoneNumberId: string, payload: WhatsAppWebhook) {
  let stored = 0, ignored = 0, statuses = 0;
  for (const entry of payload.entry ?? []) {
    for (const change of entry.changes ?? []) {
      const v = change.value;
      // Only events for this legal entity's number: a webhook of another number of the same app is not ours.
      if (change.field !== 'messages' || !v || v.metadata?.phone_number_id !== phoneNumberId) continue;
      for (const m of v.messages ?? []) {
        if (!m.from || !m.id) continue;
        const body = m.text?.body ?? m.button?.text ?? m.interactive?.button_reply?.title ?? m.interactive?.list_reply?.title ?? `[${m.type ?? 'message'}]`;
        const r = await receiveMessage(db, legalEntityId, 'whatsapp', { from: m.from, providerMessageId: m.id, body });
        if (r.stored) stored++; else ignored++;
      }
      for (const s of v.statuses ?? []) {
        if (s.id && s.status) statuses += await receiveStatus(db, legalEntityId, 'whatsapp', s.id, WHATSAPP_STATUS[s.status] ?? null);
      }
    }
  }
  return { stored, ignored, statuses };
}
