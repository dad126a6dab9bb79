import { eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { query, type Db } from '../../db/client.ts';
import { customers } from '../customers/schema.ts';
import { customerConsents } from '../customer-profile/schema.ts';
import { outreachMessages as om } from './schema.ts';
import { quietHoursEnd, type OutreachSettings } from './settings.ts';
import { topicAllows } from '../preferences/service.ts';

/** Consent sources that mean the customer opted out of the channel itself; even transactional messages respect them. */
export const OPT_OUT_SOURCES = ['sms-stop', 'whatsapp-stop', 'unsubscribe', 'customer-request'];

export type PolicyDecision =
  | { action: 'send' }
  | { action: 'suppress'; reason: string }
  | { action: 'defer'; until: Date };

export interface PolicyInput {
  id: string | null;
  legalEntityId: string;
  customerId: string | null;
  channel: string;
  transactional: boolean;
  /** Already passed the budget once (a retry): it keeps its place in the budget. */
  cleared: boolean;
  /** What the message is for: a topic the customer turned off on their preference page stops it. */
  purpose?: string;
}

/** Consent for the channel as recorded for the customer (customer-profile owns the table). */
export async function consentDecision(db: Db, m: Pick<PolicyInput, 'legalEntityId' | 'customerId' | 'channel' | 'transactional' | 'purpose'>): Promise<PolicyDecision> {
  if (!m.customerId) return m.transactional ? { action: 'send' } : { action: 'suppress', reason: 'no-consent' };
  const c = alias(customers, 'c');
  const cc = alias(customerConsents, 'cc');
  const rows = await query<{ granted: boolean | null; source: string | null; erasedAt: string | null }>(db, sql`
    select ${cc.granted}, ${cc.source}, ${c.erasedAt} as "erasedAt"
    from ${customers} as ${c} left join ${customerConsents} as ${cc} on ${cc.customerId} = ${c.id} and ${cc.channel} = ${m.channel}
    where ${c.id} = ${m.customerId} and ${c.legalEntityId} = ${m.legalEntityId}`);
  const r = rows[0];
  if (!r) return { action: 'suppress', reason: 'unknown-customer' };
  if (r.erasedAt) return { action: 'suppress', reason: 'customer-erased' };
  if (r.granted === false && OPT_OUT_SOURCES.includes(r.source ?? '')) return { action: 'suppress', reason: 'opted-out' };
  if (m.transactional) return { action: 'send' };
  if (r.granted !== true) return { action: 'suppress', reason: 'no-consent' };
  if (m.purpose && !(await topicAllows(db, m.legalEntityId, m.customerId, m.purpose))) return { action: 'suppress', reason: 'topic-opted-out' };
  return { action: 'send' };
}

/** Non-transactional messages sent, in flight or cleared to a customer in the rolling 7 days before `now`. */
export async function budgetUsed(db: Db, customerId: string, now: Date, excludeId: string | null): Promise<number> {
  const since = new Date(now.getTime() - 7 * 86_400_000).toISOString();
  const rows = await query<{ n: number }>(db, sql`
    select count(*)::int as n from ${om}
    where ${om.customerId} = ${customerId} and not ${om.transactional} and ${om.clearedAt} is not null
      and (${excludeId}::uuid is null or ${om.id} <> ${excludeId}::uuid)
      and ((${om.status} = 'sent' and ${om.sentAt} > ${since}::timestamptz) or ${om.status} in ('queued', 'sending'))`);
  return rows[0].n;
}

/**
 * Consent, quiet hours and the contact budget, checked at send time. The budget check and the reservation
 * (cleared_at) happen under a per-customer lock, so two processes cannot both take the last place.
 */
export async function decideAndReserve(db: Db, m: PolicyInput & { id: string }, settings: OutreachSettings, timeZone: string, now: Date): Promise<PolicyDecision> {
  const consent = await consentDecision(db, m);
  if (consent.action !== 'send' || m.transactional) return consent;
  const quietEnd = quietHoursEnd(now, timeZone, settings.quietHours);
  if (quietEnd) return { action: 'defer', until: quietEnd };
  if (m.cleared || !m.customerId) return { action: 'send' };
  const customerId = m.customerId;
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${customerId}))`);
    const used = await budgetUsed(tx, customerId, now, m.id);
    if (used >= settings.frequencyCapPerWeek) return { action: 'suppress', reason: 'contact-budget' } as const;
    await tx.update(om).set({ clearedAt: now.toISOString() }).where(eq(om.id, m.id));
    return { action: 'send' } as const;
  });
}
