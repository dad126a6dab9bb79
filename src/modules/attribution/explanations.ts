import type { KeyedTextValue } from '../../http/schemas.ts';
import { minorToDecimal } from '../../../shared/money.ts';
import { ORDER_CHANNELS } from '../orders/schema.ts';
import { OUTREACH_CHANNELS } from '../outreach/schema.ts';

// Why a ledger entry credits whom, twice: the English the ledger always kept (API clients, the CSV statement) and the
// same by key and parameters (attributionWhy.<key> in the web catalogues) so My sales reads in the associate's language.
// Dates go as YYYY-MM-DD and money as minor units with its currency, formatted by the reader's catalogue.

/** The sentences the engine names by key; `shared` wraps one of the others (params.base) with the group's split. */
export const ATTRIBUTION_WHY_KEYS = [
  'till', 'tillNoStore', 'remoteOrder', 'outreach', 'outreachSameDay', 'outreachOpened', 'outreachOpenedSameDay', 'shared', 'return',
] as const;
export type AttributionWhyKey = (typeof ATTRIBUTION_WHY_KEYS)[number];

export interface Explained { english: string; text: KeyedTextValue & { key: AttributionWhyKey } }

const money = (minor: number, currency: string) => `${minorToDecimal(minor, currency)} ${currency}`;
const ENGLISH_ORDER_CHANNEL: Record<string, string> = { online: 'Online', 'call-center': 'Call-center', store: 'Store', remote: 'Remote' };

export interface SaleFacts {
  orderRef: string; lineNumber: number; localDate: string; storeName: string | null; channel: string;
  associateName: string | null;
}

export function tillWhy(f: SaleFacts): Explained {
  const params = { associate: f.associateName ?? '', date: f.localDate, order: f.orderRef, line: f.lineNumber };
  return {
    english: `Sold at the till by ${f.associateName}${f.storeName ? ` at ${f.storeName}` : ''} on ${f.localDate} (order ${f.orderRef}, line ${f.lineNumber}).`,
    text: f.storeName ? { key: 'till', params: { ...params, store: f.storeName } } : { key: 'tillNoStore', params },
  };
}

export function remoteOrderWhy(f: SaleFacts): Explained {
  return {
    english: `Remote order ${f.orderRef} created by ${f.associateName} for the customer on ${f.localDate} (order from home, line ${f.lineNumber}).`,
    text: { key: 'remoteOrder', params: { order: f.orderRef, associate: f.associateName ?? '', date: f.localDate, line: f.lineNumber } },
  };
}

export interface OutreachFacts { days: number; outreachChannel: string | null; sentDate: string | null; engagedDate: string | null; windowDays: number }

export function outreachWhy(f: SaleFacts, o: OutreachFacts): Explained {
  const days = o.days;
  const english = `${ENGLISH_ORDER_CHANNEL[f.channel] ?? 'Remote'} order ${f.orderRef} on ${f.localDate} came ${days === 0 ? 'the same day as' : `${days} day${days === 1 ? '' : 's'} after`} `
    + `${f.associateName}'s ${o.outreachChannel ?? ''} outreach of ${o.sentDate}`
    + `${o.engagedDate ? `, which the customer opened on ${o.engagedDate}` : ''} (within the ${o.windowDays}-day window; line ${f.lineNumber}).`;
  // Channels the catalogue does not name (none today) fall back to a neutral word rather than a missing key.
  const channel = (ORDER_CHANNELS as readonly string[]).includes(f.channel) ? f.channel : 'remote';
  const outreachChannel = o.outreachChannel && (OUTREACH_CHANNELS as readonly string[]).includes(o.outreachChannel) ? o.outreachChannel : 'other';
  const params: Record<string, string | number> = {
    channel, order: f.orderRef, date: f.localDate, associate: f.associateName ?? '', outreachChannel, sent: o.sentDate ?? '', window: o.windowDays, line: f.lineNumber,
  };
  if (o.engagedDate) params.opened = o.engagedDate;
  // The day count goes as `count` so the catalogue picks "1 day" / "3 days" in each language.
  if (days !== 0) params.count = days;
  const key = o.engagedDate ? (days === 0 ? 'outreachOpenedSameDay' : 'outreachOpened') : (days === 0 ? 'outreachSameDay' : 'outreach');
  return { english, text: { key, params } };
}

/** A sales group member's part of a credit: the base sentence with the group, the member's share (0-1) and amount. */
export function sharedWhy(base: Explained, group: string, shareBp: number, member: string, amountMinor: number, currency: string): Explained {
  return {
    english: `${base.english} Shared in sales group "${group}": ${shareBp / 100}% to ${member} (${money(amountMinor, currency)}).`,
    text: { key: 'shared', params: { ...base.text.params, base: base.text.key, group, share: shareBp / 10_000, member, amount: amountMinor, currency } },
  };
}

export function returnWhy(ref: string, localDate: string, refundMinor: number, associateName: string, amountMinor: number, currency: string): Explained {
  return {
    english: `Return ${ref} on ${localDate} refunded ${money(refundMinor, currency)}: reverses ${associateName}'s credit on this line by ${money(-amountMinor, currency)}.`,
    // amount is the (positive) part of the credit taken back.
    text: { key: 'return', params: { return: ref, date: localDate, refund: refundMinor, associate: associateName, amount: -amountMinor, currency } },
  };
}
