import type { Db } from '../../db/client.ts';
import type { Config } from '../../config.ts';
import { getCustomer } from '../customers/service.ts';
import { issuePreferenceToken, linkKey } from './service.ts';
import { preferencePageUrl, unsubscribeToken, unsubscribeUrl } from './links.ts';
import { pageLanguage, topicOfPurpose } from './topics.ts';

export interface MailExtras { headers: Record<string, string>; text: string; html: string }

const FOOTER = {
  en: { manage: 'Manage your preferences', line: 'Choose what we send you and how:' },
  fr: { manage: 'Gérer vos préférences', line: 'Choisissez ce que nous vous envoyons et comment :' },
};

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The mailbox the List-Unsubscribe mailto names: unsubscribe@ the inbound mail domain, whose SMTP listener
 * (outreach/inbound-mail.ts) reads it. Without an inbound domain nobody would read that mailbox, so there is no mailto.
 */
export const UNSUBSCRIBE_LOCAL_PART = 'unsubscribe';
const unsubscribeMailbox = (inboundMailDomain: string) => `${UNSUBSCRIBE_LOCAL_PART}@${inboundMailDomain}`;

/** The one-click token in an unsubscribe email's subject ("unsubscribe <token>"), as the mailto link wrote it. */
export function unsubscribeTokenOfSubject(subject: string | null | undefined): string | null {
  return /^\s*unsubscribe\s+(\S+)\s*$/i.exec(subject ?? '')?.[1] ?? null;
}

/**
 * What every email to a known customer carries: a footer linking to their preference page (in their language), and on
 * marketing email the RFC 2369 List-Unsubscribe header (https, and mailto when replies are received) with RFC 8058 one-click. Transactional email
 * (appointment confirmations) gets the footer only: a marketing opt-out does not stop it, so there is nothing to
 * unsubscribe from.
 */
export async function preferenceMailExtras(
  db: Db, config: Pick<Config, 'secretKey' | 'publicBaseUrl' | 'inboundMailDomain'>,
  m: { legalEntityId: string; customerId: string; transactional: boolean; purpose: string | null },
): Promise<MailExtras | null> {
  const c = await getCustomer(db, m.legalEntityId, m.customerId).catch(() => null);
  if (!c || c.erasedAt) return null;
  const key = await linkKey(db, config);
  const { publicId, token } = await issuePreferenceToken(db, key, m.legalEntityId, m.customerId);
  const pageUrl = preferencePageUrl(config.publicBaseUrl, token);
  const words = FOOTER[pageLanguage(c.language)];
  const extras: MailExtras = {
    headers: {},
    text: `\n\n--\n${words.line}\n${pageUrl}\n`,
    html: `<hr><p style="font-size:12px;color:#666">${escape(words.line)} <a href="${escape(pageUrl)}">${escape(words.manage)}</a></p>`,
  };
  if (!m.transactional) {
    const oneClick = unsubscribeToken(key, { publicId, channel: 'email', topic: topicOfPurpose(m.purpose) });
    const https = `<${unsubscribeUrl(config.publicBaseUrl, oneClick)}>`;
    const mailto = config.inboundMailDomain ? `, <mailto:${unsubscribeMailbox(config.inboundMailDomain)}?subject=${encodeURIComponent(`unsubscribe ${oneClick}`)}>` : '';
    extras.headers['List-Unsubscribe'] = https + mailto;
    extras.headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
  }
  return extras;
}
