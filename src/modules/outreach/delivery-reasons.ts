import type { KeyedTextValue } from '../../http/schemas.ts';
import type { OutreachChannel } from './schema.ts';

// Each reason is named by key (delivery.reason.<key> in the web's catalogue, with the channel as a code and provider
// refusals as delivery.provider.<key>); ENGLISH below writes the same sentences for API clients. A reason with
// params.retrying is followed by "It will be tried again." (delivery.willRetry).
const ENGLISH = {
  noConsent: 'Not sent: the customer has not agreed to receive messages by {{channel}}.',
  optedOut: 'Not sent: the customer asked to receive no more messages by {{channel}}.',
  topicOptedOut: 'Not sent: the customer asked to receive no messages about this subject.',
  contactBudget: 'Not sent: the customer already received the most messages allowed this week.',
  customerErased: 'Not sent: the customer\'s data was erased.',
  unknownCustomer: 'Not sent: the customer record no longer exists.',
  notSentBecause: 'Not sent ({{why}}).',
  noMailServer: 'Not sent: no mail server is set up, so no email can go out. Head office must configure one.',
  noSmsProvider: 'Not sent: no SMS provider is set up. Head office can add one in Outreach set-up.',
  noWhatsApp: 'Not sent: WhatsApp is not set up. Head office can add it in Outreach set-up.',
  letterPrinted: 'Letters are printed in a batch by the store, not sent.',
  providerRefused: 'Not delivered: {{provider}}.',
  mailboxRefused: 'Not delivered: the customer\'s mail server refused the address (mailbox unknown or full).',
  unreachable: 'Not sent yet: the {{channel}} service could not be reached.',
  unreachableGaveUp: 'Not sent yet: the {{channel}} service could not be reached. It was given up after repeated attempts.',
  gaveUp: 'Not sent: it was given up after repeated attempts.',
  refused: 'Not delivered: the {{channel}} service refused it ({{error}}).',
  notDelivered: 'Not delivered.',
} as const;
export type DeliveryReasonKey = keyof typeof ENGLISH;
/** Failures tried again while the message is still queued. */
const RETRIED = new Set<DeliveryReasonKey>(['noMailServer', 'providerRefused', 'mailboxRefused', 'unreachable', 'refused', 'notDelivered']);
export const DELIVERY_REASON_KEYS = Object.keys(ENGLISH) as DeliveryReasonKey[];

const CHANNEL: Record<OutreachChannel, string> = { email: 'email', sms: 'text message', whatsapp: 'WhatsApp', mail: 'post' };

const SUPPRESSED: Record<string, DeliveryReasonKey> = {
  'no-consent': 'noConsent', 'opted-out': 'optedOut', 'topic-opted-out': 'topicOptedOut', 'contact-budget': 'contactBudget',
  'customer-erased': 'customerErased', 'unknown-customer': 'unknownCustomer',
};

// Provider refusal codes worth telling apart (Twilio error codes; WhatsApp Cloud API error codes).
const PROVIDER_CODES: [RegExp, string, string][] = [
  [/\b21211\b/, 'invalidNumber', 'the mobile number is not a valid phone number'],
  [/\b21614\b/, 'notMobile', 'the number is not a mobile number and cannot receive text messages'],
  [/\b21610\b/, 'repliedStop', 'the customer replied STOP to our text messages'],
  [/\b21408\b/, 'countryDisabled', 'text messages to this country are not enabled on the SMS account'],
  [/\b(20003|20404)\b/, 'smsCredentials', 'the SMS account\'s credentials are wrong or the account is suspended'],
  [/\b131047\b/, 'whatsappWindow', 'more than 24 hours passed since the customer last wrote: only an approved WhatsApp template may be sent'],
  [/\b131026\b/, 'whatsappUndeliverable', 'WhatsApp could not deliver to this number (not on WhatsApp, or an old app version)'],
  [/\b132000\b/, 'whatsappTemplateFields', 'the WhatsApp template\'s fields do not match the template WhatsApp approved'],
  [/\b132001\b/, 'whatsappTemplateLanguage', 'WhatsApp does not know this template in this language'],
  [/\b(190|131005)\b/, 'whatsappToken', 'the WhatsApp access token expired or lacks permission'],
];
export const PROVIDER_REFUSAL_KEYS = PROVIDER_CODES.map(([, key]) => key);

/**
 * Why a message was not delivered, by key: the stored suppression reason, the provider's refusal code or the mail
 * server's answer named for the associate to act on (the technical text stays in lastError for head office).
 * Null while a message is on its way or once it is sent.
 */
export function deliveryReasonText(m: { status: string; channel: OutreachChannel; suppressedReason: string | null; lastError: string | null }): KeyedTextValue | null {
  // params.retrying: a queued message that failed once, to be followed by "It will be tried again."
  const r = (key: DeliveryReasonKey, params: Record<string, string> = {}) =>
    ({ key, params: m.status === 'queued' && RETRIED.has(key) ? { ...params, retrying: 'yes' } : params });
  const channel = m.channel;
  if (m.status === 'suppressed') {
    const key = SUPPRESSED[m.suppressedReason ?? ''];
    return key ? r(key, { channel }) : r('notSentBecause', { why: (m.suppressedReason ?? 'no reason given').replace(/-/g, ' ') });
  }
  if (m.status !== 'failed' && !(m.status === 'queued' && m.lastError)) return null;
  const err = m.lastError ?? '';
  if (/SMTP_URL|Email is not configured/i.test(err)) return r('noMailServer');
  if (/No SMS provider/i.test(err)) return r('noSmsProvider');
  if (/No WhatsApp Business provider/i.test(err)) return r('noWhatsApp');
  if (/printed in a batch/i.test(err)) return r('letterPrinted');
  for (const [re, provider] of PROVIDER_CODES) if (re.test(err)) return r('providerRefused', { provider });
  if (/\b55[0-4]\b|mailbox|user unknown|no such user/i.test(err)) return r('mailboxRefused');
  if (/unreachable|ECONNREFUSED|ETIMEDOUT|ENOTFOUND/i.test(err)) return r(m.status === 'queued' ? 'unreachable' : 'unreachableGaveUp', { channel });
  if (/gave up after repeated attempts/i.test(err)) return r('gaveUp');
  return err ? r('refused', { channel, error: err.slice(0, 160) }) : r('notDelivered');
}

/** The same reason in English, for API clients (reason beside reasonText). */
export function deliveryReason(m: { status: string; channel: OutreachChannel; suppressedReason: string | null; lastError: string | null }): string | null {
  const text = deliveryReasonText(m);
  if (!text) return null;
  const words = (name: string, v: string | number) =>
    name === 'channel' ? CHANNEL[v as OutreachChannel] ?? String(v) : name === 'provider' ? PROVIDER_CODES.find(([, k]) => k === v)?.[2] ?? String(v) : String(v);
  const sentence = ENGLISH[text.key as DeliveryReasonKey].replace(/\{\{(\w+)\}\}/g, (_, name: string) => words(name, text.params[name] ?? ''));
  return text.params.retrying ? `${sentence} It will be tried again.` : sentence;
}
