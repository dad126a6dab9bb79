import { sql, type Column } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';
import { browsingEvents, CONSENT_CHANNELS, customerConsents } from '../customer-profile/schema.ts';
import { openCasesOf, wishlistInStockOf } from '../customer-profile/queries.ts';
import { customers } from '../customers/schema.ts';
import { products } from '../catalogue/schema.ts';
import { orders, orderLines } from '../orders/schema.ts';
import type { ContactChannel, NbaSignals } from './next-best-action.ts';

export type ModelSignals = Pick<NbaSignals, 'probabilityAlive' | 'clv12mMinor' | 'clvBookPercentile' | 'rfmSegment' | 'daysSinceLastPurchase' | 'purchaseDays'>;

export const NO_MODEL_SIGNALS: ModelSignals = {
  probabilityAlive: null, clv12mMinor: null, clvBookPercentile: null, rfmSegment: null, daysSinceLastPurchase: null, purchaseDays: 0,
};

/**
 * The non-model signals of next best action for the customers of a legal entity (all of them, one, or those whose id
 * lies in an inclusive range: the recompute's chunk): important dates, consents, open cases, wishlist items in stock
 * and recent browsing. Bulk queries, one per signal.
 */
export async function loadNbaSignals(db: Db, legalEntityId: string, customerId: string | null | { from: string; to: string }): Promise<Map<string, Omit<NbaSignals, keyof ModelSignals>>> {
  const only = (col: Column) => (customerId === null ? sql``
    : typeof customerId === 'string' ? sql`and ${col} = ${customerId}`
    : sql`and ${col} between ${customerId.from}::uuid and ${customerId.to}::uuid`);
  const c = customers;
  const base = await query<{ id: string; birthDate: string | null; anniversaryDate: string | null; preferredChannel: string | null; isVip: boolean }>(db, sql`
    select ${c.id} as "id", ${c.birthDate}::text as "birthDate", ${c.anniversaryDate}::text as "anniversaryDate",
           ${c.preferredChannel} as "preferredChannel", ${c.isVip} as "isVip"
    from ${c} where ${c.legalEntityId} = ${legalEntityId} and ${c.erasedAt} is null and ${c.mergedIntoId} is null ${only(c.id)}`);
  const out = new Map<string, Omit<NbaSignals, keyof ModelSignals>>();
  for (const c of base) {
    out.set(c.id, { ...c, consents: [], openCases: [], wishlistInStock: [], recentlyViewed: [], recommended: [] });
  }
  if (!out.size) return out;

  const cc = customerConsents;
  const consents = await query<{ customerId: string; channel: string }>(db, sql`
    select ${cc.customerId} as "customerId", ${cc.channel} as "channel" from ${cc}
    where ${cc.legalEntityId} = ${legalEntityId} and ${cc.granted} ${only(cc.customerId)}`);
  for (const r of consents) {
    if ((CONSENT_CHANNELS as readonly string[]).includes(r.channel)) out.get(r.customerId)?.consents.push(r.channel as ContactChannel);
  }

  const cases = await openCasesOf(db, legalEntityId, customerId);
  for (const r of cases) out.get(r.customerId)?.openCases.push({ subject: r.subject, kind: r.kind, occurredAt: new Date(r.occurredAt).toISOString() });

  const wishlist = await wishlistInStockOf(db, legalEntityId, customerId);
  for (const r of wishlist) out.get(r.customerId)?.wishlistInStock.push(r.name);

  // Products looked at online in the last 14 days that the customer has not bought since.
  const b = browsingEvents, o = orders, ol = orderLines, p = products;
  const browsing = await query<{ customerId: string; name: string }>(db, sql`
    select ${b.customerId} as "customerId", ${p.name} as "name", max(${b.occurredAt}) as last_seen from ${b} join ${p} on ${p.id} = ${b.productId}
    where ${b.legalEntityId} = ${legalEntityId} and ${b.event} in ('view', 'add-to-cart') and ${b.occurredAt} > now() - interval '14 days' ${only(b.customerId)}
      and not exists (select 1 from ${o} join ${ol} on ${ol.orderId} = ${o.id}
        where ${o.customerId} = ${b.customerId} and ${ol.productId} = ${b.productId} and ${o.orderedAt} >= ${b.occurredAt} and ${o.status} <> 'cancelled')
    group by ${b.customerId}, ${p.name} order by last_seen desc`);
  for (const r of browsing) out.get(r.customerId)?.recentlyViewed.push(r.name);
  return out;
}
