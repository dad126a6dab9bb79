import type { Db } from '../../db/client.ts';
import type { Config } from '../../config.ts';
import { secretKey } from '../../db/secret-key.ts';
import { audit } from '../audit/service.ts';
import type { AuthContext } from '../auth/context.ts';
import { getCustomer, type Customer } from '../customers/service.ts';
import { ownersOf } from '../client-book/books.ts';
import { preferencesErrors } from './errors.ts';
import * as q from './queries.ts';
import { newPreferenceId, preferencePageToken, preferencePageUrl, verifyPreferencePageToken, verifyUnsubscribeToken } from './links.ts';
import { currentConsents, recordCustomerConsent, recordCustomerLanguage, type ConsentSource } from './consent.ts';
import { PAGE_CHANNELS, TOPICS, isPageChannel, isTopic, pageLanguage, topicConsentName, topicOfPurpose, type PageLanguage } from './topics.ts';
import type { PreferenceChange, PreferencePage, Revoked } from './preference-schemas.ts';
import { SYSTEM_ACTORS } from '../../../shared/system-actors.ts';

/** A link lives six months; an email reuses the customer's link while it has two months left. */
const LINK_DAYS = 183;
const REUSE_MIN_DAYS = 60;

const publicName = (name: string) => { const p = name.trim().split(/\s+/); return p.length > 1 ? `${p[0]} ${p[p.length - 1][0]}.` : p[0]; };

export async function linkKey(db: Db, config: Pick<Config, 'secretKey'>) {
  return secretKey(db, config.secretKey);
}

/** The customer's current preference link (reused, or made), as a page token. */
export async function issuePreferenceToken(db: Db, key: string, legalEntityId: string, customerId: string): Promise<{ publicId: string; token: string; expiresAt: string }> {
  const link = await q.reusableLink(db, legalEntityId, customerId, REUSE_MIN_DAYS)
    ?? await q.insertLink(db, { publicId: newPreferenceId(), legalEntityId, customerId, expiresAt: new Date(Date.now() + LINK_DAYS * 86_400_000).toISOString() });
  return { publicId: link.publicId, token: preferencePageToken(key, link.publicId), expiresAt: new Date(link.expiresAt).toISOString() };
}

/** A link is refused alike whether the signature is wrong or the id unknown; an expired or revoked one says so. */
async function liveLink(db: Db, publicId: string | null) {
  const link = publicId ? await q.findLink(db, publicId) : undefined;
  if (!link) throw preferencesErrors.link_invalid('This link is not valid. Use the link in your most recent email.');
  if (link.revokedAt || Date.parse(link.expiresAt) <= Date.now()) {
    throw preferencesErrors.link_expired('This link has expired. Use the link in your most recent email.');
  }
  const customer = await getCustomer(db, link.legalEntityId, link.customerId).catch(() => null);
  if (!customer) throw preferencesErrors.link_invalid('This link is not valid. Use the link in your most recent email.');
  if (customer.erasedAt || customer.mergedIntoId) throw preferencesErrors.link_invalid('This link is not valid. Use the link in your most recent email.');
  return { link, customer };
}

export type { PreferencePage, PreferenceChange };

const reachable = (c: Customer, channel: string) =>
  channel === 'email' ? !!c.email : channel === 'mail' ? !!(c.addressLine && c.city) : !!c.phone;

async function pageOf(db: Db, link: q.PreferenceLinkRow, c: Customer): Promise<PreferencePage> {
  const consents = await currentConsents(db, link.legalEntityId, c.id);
  const [owner] = await ownersOf(db, link.legalEntityId, [c.id]);
  const request = await q.latestAssociateRequest(db, link.legalEntityId, c.id);
  return {
    firstName: c.firstName,
    language: pageLanguage(c.language),
    channels: PAGE_CHANNELS.map((channel) => ({ channel, granted: consents.get(channel) === true, reachable: reachable(c, channel) })),
    // A topic is on until the customer turns it off: the channel's consent is what lets marketing through at all.
    topics: TOPICS.map((topic) => ({ topic, granted: consents.get(topicConsentName(topic)) !== false })),
    associate: owner ? { name: publicName(owner.associateName) } : null,
    // A request made for an earlier associate no longer stands once the customer was reassigned.
    associateChangeRequestedAt: request && (!owner || request.associateId === owner.associateId) ? new Date(request.requestedAt).toISOString() : null,
    expiresAt: new Date(link.expiresAt).toISOString(),
  };
}

export async function preferencePage(db: Db, key: string, token: string): Promise<PreferencePage> {
  const { link, customer } = await liveLink(db, verifyPreferencePageToken(key, token));
  return pageOf(db, link, customer);
}


/** Records what the customer changed (only what differs), each consent with the preference page as its source. */
export async function updatePreferences(db: Db, key: string, token: string, change: PreferenceChange): Promise<PreferencePage> {
  const { link, customer } = await liveLink(db, verifyPreferencePageToken(key, token));
  for (const ch of Object.keys(change.channels ?? {})) if (!isPageChannel(ch)) throw preferencesErrors.unknown_channel(`Unknown channel ${ch}.`, { field: 'channels' });
  for (const t of Object.keys(change.topics ?? {})) if (!isTopic(t)) throw preferencesErrors.unknown_topic(`Unknown topic ${t}.`, { field: 'topics' });
  if (change.language !== undefined && !['en', 'fr'].includes(change.language)) throw preferencesErrors.unknown_language('Choose English or French.', { field: 'language' });
  const before = await pageOf(db, link, customer);
  await db.transaction(async (tx) => {
    const t: Db = tx;
    for (const [channel, granted] of Object.entries(change.channels ?? {})) {
      if (granted !== undefined && isPageChannel(channel) && before.channels.find((c) => c.channel === channel)?.granted !== granted) await recordCustomerConsent(t, link.legalEntityId, customer.id, channel, granted, 'preference-page');
    }
    for (const [topic, granted] of Object.entries(change.topics ?? {})) {
      if (granted !== undefined && before.topics.find((c) => c.topic === topic)?.granted !== granted && isTopic(topic)) {
        await recordCustomerConsent(t, link.legalEntityId, customer.id, topicConsentName(topic), granted, 'preference-page');
      }
    }
    if (change.language && change.language !== pageLanguage(customer.language)) await recordCustomerLanguage(t, link.legalEntityId, customer.id, change.language);
  });
  return pageOf(db, link, await getCustomer(db, link.legalEntityId, customer.id));
}

/** The customer asks for another associate: kept for the store (timeline) once per associate, however often they ask. */
export async function requestAnotherAssociate(db: Db, key: string, token: string, message: string | null): Promise<PreferencePage> {
  const { link, customer } = await liveLink(db, verifyPreferencePageToken(key, token));
  const [owner] = await ownersOf(db, link.legalEntityId, [customer.id]);
  const last = await q.latestAssociateRequest(db, link.legalEntityId, customer.id);
  if (!last || last.associateId !== (owner?.associateId ?? null)) {
    await q.insertAssociateRequest(db, { legalEntityId: link.legalEntityId, customerId: customer.id, associateId: owner?.associateId ?? null, message: message?.trim() || null });
    await audit(db, { legalEntityId: link.legalEntityId, associateId: null, associateName: SYSTEM_ACTORS.preferencePage }, 'update', 'customer', customer.id, { associateChangeRequested: true });
  }
  return pageOf(db, link, customer);
}

/**
 * RFC 8058 one-click: withdraws the topic the email was about (or the channel, for an email without one). Idempotent:
 * a second POST (mail providers may send it again) records nothing new.
 */
export async function oneClickUnsubscribe(db: Db, key: string, token: string, source: ConsentSource = 'one-click'): Promise<{ channel: string; topic: string | null }> {
  const u = verifyUnsubscribeToken(key, token);
  const { link, customer } = await liveLink(db, u?.publicId ?? null);
  if (!u || !isPageChannel(u.channel) || (u.topic !== null && !isTopic(u.topic))) throw preferencesErrors.link_invalid('This link is not valid.');
  const name = u.topic !== null && isTopic(u.topic) ? topicConsentName(u.topic) : u.channel;
  const current = (await currentConsents(db, link.legalEntityId, customer.id)).get(name);
  if (current !== false) await recordCustomerConsent(db, link.legalEntityId, customer.id, name, false, source);
  return { channel: u.channel, topic: u.topic };
}

/** Revokes every preference link of the customer (a forwarded email); the next email carries a new one. */
export async function revokePreferenceLinks(db: Db, auth: AuthContext, customerId: string): Promise<Revoked> {
  await getCustomer(db, auth.legalEntityId, customerId);
  const revoked = await q.revokeLinks(db, auth.legalEntityId, customerId);
  await audit(db, auth, 'update', 'customer', customerId, { preferenceLinksRevoked: revoked });
  return { revoked };
}

/** The preference page's address, for an associate to pass on (it is the customer's own page). */
export async function preferenceLinkFor(db: Db, config: Pick<Config, 'secretKey' | 'publicBaseUrl'>, auth: AuthContext, customerId: string) {
  const c = await getCustomer(db, auth.legalEntityId, customerId);
  if (c.erasedAt) throw preferencesErrors.customer_erased('This customer was erased on request.');
  const { token, expiresAt } = await issuePreferenceToken(db, await linkKey(db, config), auth.legalEntityId, customerId);
  await audit(db, auth, 'read', 'customer', customerId, { purpose: 'preference-link' });
  return { url: preferencePageUrl(config.publicBaseUrl, token), expiresAt };
}

/** Whether marketing of this purpose may go to the customer: false once they turned its topic off. */
export async function topicAllows(db: Db, legalEntityId: string, customerId: string, purpose: string): Promise<boolean> {
  const topic = topicOfPurpose(purpose);
  if (!topic) return true;
  return (await currentConsents(db, legalEntityId, customerId)).get(topicConsentName(topic)) !== false;
}
