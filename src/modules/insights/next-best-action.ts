// Next best action: ranked, explained suggestions for one customer, drawn from measures, important dates, open
// service cases, wishlist and browsing signals, and consent. Pure ranking here; signals are loaded in nba-signals.ts.

import type { CONTACT_CHANNELS, NextBestAction } from './insight-schemas.ts';
import type { KeyedTextValue } from '../../http/schemas.ts';
import { rfmSegmentKey } from './rfm.ts';

export type { NextBestAction };
export type ContactChannel = typeof CONTACT_CHANNELS[number];
/** "in-store" means: raise it in person at the next visit — the only channel that needs no consent. */
export type SuggestedChannel = NextBestAction['channel'];

export interface NbaSignals {
  /** Model measures, when the customer has orders. */
  probabilityAlive: number | null;
  clv12mMinor: number | null;
  /** Share of the book with a lower 12-month CLV, 0-1. */
  clvBookPercentile: number | null;
  rfmSegment: string | null;
  daysSinceLastPurchase: number | null;
  purchaseDays: number;
  isVip: boolean;
  birthDate: string | null;
  anniversaryDate: string | null;
  preferredChannel: string | null;
  /** Channels the customer granted consent for. */
  consents: ContactChannel[];
  openCases: { subject: string; kind: string; occurredAt: string }[];
  wishlistInStock: string[];
  recentlyViewed: string[];
  /** Product names from the recommendations capability, when it provides them. */
  recommended: string[];
}

const DAY_MS = 86_400_000;
const ALL_CHANNELS: ContactChannel[] = ['phone', 'email', 'sms', 'whatsapp', 'mail'];

/** Days from today until the next yearly occurrence of a YYYY-MM-DD date (0 = today). Feb 29 falls on Mar 1. */
export function daysUntilNextOccurrence(date: string, today: Date): number {
  const [, m, d] = date.split('-').map(Number);
  const t = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  for (const year of [today.getUTCFullYear(), today.getUTCFullYear() + 1]) {
    const occurrence = Date.UTC(year, m - 1, d);
    if (occurrence >= t) return Math.round((occurrence - t) / DAY_MS);
  }
  return 366;
}

/**
 * The channel to use: the first of the preferences the customer consented to. Never a channel without consent —
 * without any, the suggestion is made for the next store visit.
 */
export function consentedChannel(s: Pick<NbaSignals, 'consents' | 'preferredChannel'>, prefer: ContactChannel[]): { channel: SuggestedChannel; reason: Reason } {
  const granted = new Set(s.consents);
  const order = [...prefer];
  if (s.preferredChannel && ALL_CHANNELS.includes(s.preferredChannel as ContactChannel)) order.unshift(s.preferredChannel as ContactChannel);
  for (const c of [...order, ...ALL_CHANNELS]) {
    if (granted.has(c)) {
      return { channel: c, reason: c === s.preferredChannel ? reason('prefersConsented', { channel: c }, `Prefers ${label(c)} and consented to it`) : reason('consented', { channel: c }, `Consented to ${label(c)}`) };
    }
  }
  return { channel: 'in-store', reason: reason('noConsent', {}, 'No consent to contact on any channel: raise it at the next store visit') };
}

/** A reason in English (reasons, for API clients) and by key (reasonTexts, nba.reason.<key> in the web's catalogue). */
interface Reason { text: KeyedTextValue; english: string }
const reason = (key: NbaReasonKey, params: KeyedTextValue['params'], english: string): Reason => ({ text: { key, params }, english });

/** Reasons the web translates by key (nba.reason.<key>); the suggestions' titles are nba.title.<action key>. */
export const NBA_REASON_KEYS = [
  'prefersConsented', 'consented', 'noConsent', 'openCases', 'churn', 'lastPurchase', 'vip', 'higherValueThan', 'birthdayToday', 'birthdayIn',
  'anniversaryToday', 'anniversaryIn', 'inStock', 'inStockMore', 'recommended', 'viewedOnline', 'firstPurchase', 'rfmSegment', 'probabilityActive',
] as const;
export type NbaReasonKey = (typeof NBA_REASON_KEYS)[number];
export const NBA_ACTION_KEYS = [
  'follow-up-open-case', 'win-back-call', 'retention-check-in', 'birthday-outreach', 'anniversary-outreach', 'wishlist-in-stock',
  'recommend-products', 'follow-up-browsing', 'welcome-follow-up', 'invite-private-preview',
] as const;

function label(c: ContactChannel) {
  return { phone: 'phone calls', email: 'email', sms: 'SMS', whatsapp: 'WhatsApp', mail: 'post' }[c];
}

const pct = (v: number) => `${Math.round(v * 100)}%`;

/** Ranks the suggestions, best first; each carries the reasons an associate can read on the card. */
export function rankNextBestActions(s: NbaSignals, today: Date): NextBestAction[] {
  const out: NextBestAction[] = [];
  const add = (key: (typeof NBA_ACTION_KEYS)[number], title: string, score: number, prefer: ContactChannel[], why: Reason[]) => {
    const ch = consentedChannel(s, prefer);
    const reasons = [...why, ch.reason];
    // Outreach the customer cannot be reached for ranks lower than the same suggestion on a consented channel.
    out.push({ key, title, score: ch.channel === 'in-store' ? score * 0.6 : score, channel: ch.channel, reasons: reasons.map((r) => r.english), reasonTexts: reasons.map((r) => r.text) });
  };

  // An open complaint comes first: offering anything before acknowledging it would jar.
  if (s.openCases.length) {
    const oldest = s.openCases.reduce((a, b) => (a.occurredAt < b.occurredAt ? a : b));
    const ageDays = Math.max(0, Math.floor((today.getTime() - Date.parse(oldest.occurredAt)) / DAY_MS));
    add('follow-up-open-case', 'Follow up on the open case first', 100 + Math.min(ageDays, 30), ['phone', 'email'], [
      reason('openCases', { count: s.openCases.length, subject: oldest.subject, kind: oldest.kind, days: ageDays },
        `${s.openCases.length} open ${s.openCases.length === 1 ? 'case' : 'cases'}: "${oldest.subject}" (${oldest.kind}, opened ${ageDays} days ago)`),
    ]);
  }

  const highValue = s.isVip || (s.clvBookPercentile !== null && s.clvBookPercentile >= 0.7);
  const churn = s.probabilityAlive !== null ? 1 - s.probabilityAlive : null;
  if (churn !== null && churn >= 0.5 && s.purchaseDays > 0) {
    const why = [reason('churn', { share: churn }, `Churn probability ${pct(churn)}`)];
    if (s.daysSinceLastPurchase !== null) why.push(reason('lastPurchase', { count: s.daysSinceLastPurchase }, `Last purchase ${s.daysSinceLastPurchase} days ago`));
    if (highValue) {
      if (s.isVip) why.push(reason('vip', {}, 'VIP customer'));
      if (s.clvBookPercentile !== null && s.clvBookPercentile >= 0.7) why.push(reason('higherValueThan', { share: s.clvBookPercentile }, `Higher expected value than ${pct(s.clvBookPercentile)} of customers`));
      add('win-back-call', 'Win-back call', 60 + 30 * churn, ['phone', 'whatsapp'], why);
    } else {
      add('retention-check-in', 'Check in with a personal message', 25 + 10 * churn, ['email', 'sms', 'whatsapp'], why);
    }
  }

  for (const [date, what, key, k] of [[s.birthDate, 'Birthday', 'birthday-outreach', 'birthday'], [s.anniversaryDate, 'Anniversary', 'anniversary-outreach', 'anniversary']] as const) {
    if (!date) continue;
    const days = daysUntilNextOccurrence(date, today);
    if (days <= 14) {
      add(key, `${what} outreach`, 70 - 2 * days, ['email', 'sms', 'whatsapp', 'phone', 'mail'], [
        days === 0 ? reason(`${k}Today`, {}, `${what} is today`) : reason(`${k}In`, { count: days }, `${what} in ${days} ${days === 1 ? 'day' : 'days'}`),
      ]);
    }
  }

  if (s.wishlistInStock.length) {
    add('wishlist-in-stock', 'Tell them a wishlist item is in stock', 45 + Math.min(s.wishlistInStock.length, 3), ['email', 'sms', 'whatsapp'], [
      s.wishlistInStock.length > 3
        ? reason('inStockMore', { products: s.wishlistInStock.slice(0, 3).join(', '), count: s.wishlistInStock.length - 3 }, `In stock now: ${s.wishlistInStock.slice(0, 3).join(', ')} and ${s.wishlistInStock.length - 3} more`)
        : reason('inStock', { products: s.wishlistInStock.join(', ') }, `In stock now: ${s.wishlistInStock.join(', ')}`),
    ]);
  }
  if (s.recommended.length) {
    add('recommend-products', 'Suggest products picked for them', 38, ['email', 'whatsapp', 'sms'], [reason('recommended', { products: s.recommended.slice(0, 3).join(', ') }, `Recommended: ${s.recommended.slice(0, 3).join(', ')}`)]);
  } else if (s.recentlyViewed.length) {
    add('follow-up-browsing', 'Follow up on products they looked at', 35, ['email', 'whatsapp', 'sms'], [
      reason('viewedOnline', { products: s.recentlyViewed.slice(0, 3).join(', ') }, `Viewed online in the last 14 days without buying: ${s.recentlyViewed.slice(0, 3).join(', ')}`),
    ]);
  }

  if (s.purchaseDays === 1 && s.daysSinceLastPurchase !== null && s.daysSinceLastPurchase <= 30) {
    add('welcome-follow-up', 'Welcome follow-up after the first purchase', 40, ['email', 'phone'], [reason('firstPurchase', { count: s.daysSinceLastPurchase }, `First purchase ${s.daysSinceLastPurchase} days ago`)]);
  }
  if (s.probabilityAlive !== null && s.probabilityAlive >= 0.7 && (s.rfmSegment === 'Champions' || s.rfmSegment === 'Loyal')) {
    add('invite-private-preview', 'Invite to a private preview', 20 + (highValue ? 10 : 0), ['email', 'phone', 'whatsapp'], [
      reason('rfmSegment', { segment: rfmSegmentKey(s.rfmSegment) ?? s.rfmSegment }, `RFM segment ${s.rfmSegment}`),
      reason('probabilityActive', { share: s.probabilityAlive }, `Probability active ${pct(s.probabilityAlive)}`),
    ]);
  }

  out.sort((a, b) => b.score - a.score || a.key.localeCompare(b.key));
  for (const a of out) a.score = Math.round(a.score * 10) / 10;
  return out;
}
