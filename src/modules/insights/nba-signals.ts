import { sql, type SQL } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';
import { CONSENT_CHANNELS } from '../customer-profile/schema.ts';
import type { ContactChannel, NbaSignals } from './next-best-action.ts';

export type ModelSignals = Pick<NbaSignals, 'probabilityAlive' | 'clv12mMinor' | 'clvBookPercentile' | 'rfmSegment' | 'daysSinceLastPurchase' | 'purchaseDays'>;

export const NO_MODEL_SIGNALS: ModelSignals = {
  probabilityAlive: null, clv12mMinor: null, clvBookPercentile: null, rfmSegment: null, daysSinceLastPurchase: null, purchaseDays: 0,
};

/**
 * The non-model signals of next best action for the customers of a legal entity (all of them, or one):
 * important dates, consents, open cases, wishlist items in stock and recent browsing. Bulk queries, one per signal.
 */
export async function loadNbaSignals(db: Db, legalEntityId: string, customerId: string | null): Promise<Map<string, Omit<NbaSignals, keyof ModelSignals>>> {
  const only = (col: SQL) => (customerId ? sql`and ${col} = ${customerId}` : sql``);
  const base = await query<{ id: string; birthDate: string | null; anniversaryDate: string | null; preferredChannel: string | null; isVip: boolean }>(db, sql`
    select c.id, c.birth_date::text as "birthDate", c.anniversary_date::text as "anniversaryDate",
           c.preferred_channel as "preferredChannel", c.is_vip as "isVip"
    from customers c where c.legal_entity_id = ${legalEntityId} and c.erased_at is null and c.merged_into_id is null ${only(sql`c.id`)}`);
  const out = new Map<string, Omit<NbaSignals, keyof ModelSignals>>();
  for (const c of base) {
    out.set(c.id, { ...c, consents: [], openCases: [], wishlistInStock: [], recentlyViewed: [], recommended: [] });
  }
  if (!out.size) return out;

  const consents = await query<{ customerId: string; channel: string }>(db, sql`
    select customer_id as "customerId", channel from customer_consents
    where legal_entity_id = ${legalEntityId} and granted ${only(sql`customer_id`)}`);
  for (const r of consents) {
    if ((CONSENT_CHANNELS as readonly string[]).includes(r.channel)) out.get(r.customerId)?.consents.push(r.channel as ContactChannel);
  }

  const cases = await query<{ customerId: string; subject: string; kind: string; occurredAt: string }>(db, sql`
    select customer_id as "customerId", subject, kind, occurred_at::text as "occurredAt" from interactions
    where legal_entity_id = ${legalEntityId} and kind in ('service-case', 'complaint') and status in ('open', 'pending') ${only(sql`customer_id`)}`);
  for (const r of cases) out.get(r.customerId)?.openCases.push({ subject: r.subject, kind: r.kind, occurredAt: new Date(r.occurredAt).toISOString() });

  const wishlist = await query<{ customerId: string; name: string }>(db, sql`
    select w.customer_id as "customerId", p.name from wishlist_items w join products p on p.id = w.product_id
    where w.legal_entity_id = ${legalEntityId} and p.active ${only(sql`w.customer_id`)}
      and exists (select 1 from product_stock s where s.product_id = p.id and s.on_hand > 0)
    order by w.added_at desc`);
  for (const r of wishlist) out.get(r.customerId)?.wishlistInStock.push(r.name);

  // Products looked at online in the last 14 days that the customer has not bought since.
  const browsing = await query<{ customerId: string; name: string }>(db, sql`
    select b.customer_id as "customerId", p.name, max(b.occurred_at) as last_seen from browsing_events b join products p on p.id = b.product_id
    where b.legal_entity_id = ${legalEntityId} and b.event in ('view', 'add-to-cart') and b.occurred_at > now() - interval '14 days' ${only(sql`b.customer_id`)}
      and not exists (select 1 from orders o join order_lines ol on ol.order_id = o.id
        where o.customer_id = b.customer_id and ol.product_id = b.product_id and o.ordered_at >= b.occurred_at and o.status <> 'cancelled')
    group by b.customer_id, p.name order by last_seen desc`);
  for (const r of browsing) out.get(r.customerId)?.recentlyViewed.push(r.name);
  return out;
}
