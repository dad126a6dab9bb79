import type { OutreachChannel } from './schema.ts';

const CHANNEL: Record<OutreachChannel, string> = { email: 'email', sms: 'text message', whatsapp: 'WhatsApp', mail: 'post' };

const SUPPRESSED: Record<string, (ch: string) => string> = {
  'no-consent': (ch) => `Not sent: the customer has not agreed to receive messages by ${ch}.`,
  'opted-out': (ch) => `Not sent: the customer asked to receive no more messages by ${ch}.`,
  'topic-opted-out': () => 'Not sent: the customer asked to receive no messages about this subject.',
  'contact-budget': () => 'Not sent: the customer already received the most messages allowed this week.',
  'customer-erased': () => 'Not sent: the customer\'s data was erased.',
  'unknown-customer': () => 'Not sent: the customer record no longer exists.',
};

// Provider refusal codes worth telling apart (Twilio error codes; WhatsApp Cloud API error codes).
const PROVIDER_CODES: [RegExp, string][] = [
  [/\b21211\b/, 'the mobile number is not a valid phone number'],
  [/\b21614\b/, 'the number is not a mobile number and cannot receive text messages'],
  [/\b21610\b/, 'the customer replied STOP to our text messages'],
  [/\b21408\b/, 'text messages to this country are not enabled on the SMS account'],
  [/\b(20003|20404)\b/, 'the SMS account\'s credentials are wrong or the account is suspended'],
  [/\b131047\b/, 'more than 24 hours passed since the customer last wrote: only an approved WhatsApp template may be sent'],
  [/\b131026\b/, 'WhatsApp could not deliver to this number (not on WhatsApp, or an old app version)'],
  [/\b132000\b/, 'the WhatsApp template\'s fields do not match the template WhatsApp approved'],
  [/\b132001\b/, 'WhatsApp does not know this template in this language'],
  [/\b(190|131005)\b/, 'the WhatsApp access token expired or lacks permission'],
];

/**
 * Why a message was not delivered, in words an associate can act on: the stored suppression reason, the provider's
 * refusal code or the mail server's answer turned into a sentence, with the technical text kept for head office.
 * Null while a message is on its way or once it is sent.
 */
export function deliveryReason(m: { status: string; channel: OutreachChannel; suppressedReason: string | null; lastError: string | null }): string | null {
  const ch = CHANNEL[m.channel] ?? m.channel;
  if (m.status === 'suppressed') return (SUPPRESSED[m.suppressedReason ?? ''] ?? (() => `Not sent (${(m.suppressedReason ?? 'no reason given').replace(/-/g, ' ')}).`))(ch);
  if (m.status !== 'failed' && !(m.status === 'queued' && m.lastError)) return null;
  const err = m.lastError ?? '';
  const retrying = m.status === 'queued' ? ' It will be tried again.' : '';
  if (/SMTP_URL|Email is not configured/i.test(err)) return `Not sent: no mail server is set up, so no email can go out. Head office must configure one.${retrying}`;
  if (/No SMS provider/i.test(err)) return 'Not sent: no SMS provider is set up. Head office can add one in Outreach set-up.';
  if (/No WhatsApp Business provider/i.test(err)) return 'Not sent: WhatsApp is not set up. Head office can add it in Outreach set-up.';
  if (/printed in a batch/i.test(err)) return 'Letters are printed in a batch by the store, not sent.';
  for (const [re, words] of PROVIDER_CODES) if (re.test(err)) return `Not delivered: ${words}.${retrying}`;
  if (/\b55[0-4]\b|mailbox|user unknown|no such user/i.test(err)) return `Not delivered: the customer's mail server refused the address (mailbox unknown or full).${retrying}`;
  if (/unreachable|ECONNREFUSED|ETIMEDOUT|ENOTFOUND/i.test(err)) return `Not sent yet: the ${ch} service could not be reached.${retrying || ' It was given up after repeated attempts.'}`;
  if (/gave up after repeated attempts/i.test(err)) return 'Not sent: it was given up after repeated attempts.';
  return err ? `Not delivered: the ${ch} service refused it (${err.slice(0, 160)}).${retrying}` : `Not delivered.${retrying}`;
}
