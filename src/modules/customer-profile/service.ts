import { sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';
import { customerProfileErrors } from './errors.ts';
import { audit } from '../audit/service.ts';
import type { AuthContext } from '../auth/context.ts';
import { getCustomer } from '../customers/service.ts';
import * as q from './queries.ts';

export async function customerProfile(db: Db, auth: AuthContext, customerId: string) {
  const le = auth.legalEntityId;
  const customer = await getCustomer(db, le, customerId);
  // The read is recorded while the profile is read (the audit commit and the query overlap on PostgreSQL's pool).
  const [d] = await Promise.all([q.profileData(db, le, customerId, auth.storeId), audit(db, auth, 'read', 'customer-profile', customerId)]);
  return {
    customer: { ...customer, homeStoreName: d.extra?.homeStoreName ?? null },
    currency: d.extra?.currency ?? 'EUR',
    recentPurchases: d.recentPurchases,
    openOrders: d.openOrders,
    returns: d.returns,
    loyalty: d.loyalty,
    wishlist: d.wishlist,
    preferences: d.preferences,
    consents: d.consents,
    recentInteractions: d.recentInteractions,
    openCases: d.openCases,
    marketingTouches: d.marketingTouches,
    recentBrowsing: d.recentBrowsing,
    spending: spendingPatterns(d.totals, d.monthly, d.categories, d.brands),
  };
}

export function spendingPatterns(
  t: q.SpendingTotals, monthly: { month: string; spendMinor: number; orders: number }[],
  categories: { name: string; spendMinor: number; quantity: number }[], brands: { name: string; spendMinor: number; quantity: number }[],
) {
  const days = t.firstPurchaseAt && t.lastPurchaseAt ? (Date.parse(t.lastPurchaseAt) - Date.parse(t.firstPurchaseAt)) / 86_400_000 : 0;
  return {
    orderCount: t.orderCount,
    totalMinor: t.totalMinor,
    spendThisYearMinor: t.thisYearMinor,
    spendLastYearMinor: t.lastYearMinor,
    spendLast12MonthsMinor: t.last12MonthsMinor,
    ordersLast12Months: t.ordersLast12Months,
    averageOrderValueMinor: t.orderCount ? Math.round(t.totalMinor / t.orderCount) : 0,
    // Mean days between purchases; null until there are two purchases to measure from.
    purchaseIntervalDays: t.orderCount > 1 ? Math.round(days / (t.orderCount - 1)) : null,
    firstPurchaseAt: t.firstPurchaseAt,
    lastPurchaseAt: t.lastPurchaseAt,
    daysSinceLastPurchase: t.lastPurchaseAt ? Math.floor((Date.now() - Date.parse(t.lastPurchaseAt)) / 86_400_000) : null,
    returnedMinor: t.returnedMinor,
    otherCurrencyOrders: t.otherCurrencyOrders,
    otherCurrencies: t.otherCurrencies,
    favouriteCategories: categories,
    favouriteBrands: brands,
    monthly,
  };
}

async function liveCustomer(db: Db, auth: AuthContext, customerId: string) {
  const c = await getCustomer(db, auth.legalEntityId, customerId);
  if (c.erasedAt) throw customerProfileErrors.customer_erased('This customer was erased on request; their profile can no longer be changed.');
  if (c.mergedIntoId) throw customerProfileErrors.customer_merged('This customer was merged into another record; change the surviving record instead.');
  return c;
}

export async function addPreference(db: Db, auth: AuthContext, customerId: string, input: { kind: string; qualifier?: string; value: string; source?: string }) {
  await liveCustomer(db, auth, customerId);
  const rows = await query<q.PreferenceView>(db, sql`insert into customer_preferences (legal_entity_id, customer_id, kind, qualifier, value, source)
    values (${auth.legalEntityId}, ${customerId}, ${input.kind}, ${input.qualifier?.trim() ?? ''}, ${input.value.trim()}, ${input.source ?? 'associate'})
    on conflict (customer_id, kind, qualifier, value) do update set source = excluded.source, updated_at = now()
    returning id, kind, qualifier, value, source, ${q.iso(sql`updated_at`)} as "updatedAt"`);
  await audit(db, auth, 'update', 'customer-preference', customerId, { kind: input.kind, qualifier: input.qualifier ?? '' });
  return rows[0];
}

export async function removePreference(db: Db, auth: AuthContext, customerId: string, preferenceId: string) {
  await liveCustomer(db, auth, customerId);
  const rows = await query(db, sql`delete from customer_preferences where id = ${preferenceId} and customer_id = ${customerId}
    and legal_entity_id = ${auth.legalEntityId} returning id`);
  if (!rows.length) throw customerProfileErrors.preference_not_found('Preference was not found.');
  await audit(db, auth, 'delete', 'customer-preference', customerId, { preferenceId });
}

/** Records a consent decision for one channel: the current value changes and the history keeps every decision. */
export async function setConsent(db: Db, auth: AuthContext, customerId: string, channel: string, input: { granted: boolean; source: string; recordedAt?: string }) {
  await liveCustomer(db, auth, customerId);
  const at = input.recordedAt ?? new Date().toISOString();
  if (Date.parse(at) > Date.now() + 60_000) throw customerProfileErrors.consent_in_future('A consent cannot be recorded in the future.', { field: 'recordedAt' });
  return db.transaction(async (tx) => {
    const t: Db = tx;
    // An older decision arriving late goes to the history but does not override a newer current value.
    await t.execute(sql`insert into customer_consents (customer_id, channel, legal_entity_id, granted, source, recorded_at)
      values (${customerId}, ${channel}, ${auth.legalEntityId}, ${input.granted}, ${input.source}, ${at})
      on conflict (customer_id, channel) do update set granted = excluded.granted, source = excluded.source, recorded_at = excluded.recorded_at
      where customer_consents.recorded_at <= excluded.recorded_at`);
    await t.execute(sql`insert into consent_history (customer_id, channel, granted, source, recorded_at)
      values (${customerId}, ${channel}, ${input.granted}, ${input.source}, ${at})`);
    await audit(t, auth, 'update', 'customer-consent', customerId, { channel, granted: input.granted, source: input.source });
    return (await q.consents(t, auth.legalEntityId, customerId)).find((c) => c.channel === channel)!;
  });
}

export async function listConsentHistory(db: Db, auth: AuthContext, customerId: string) {
  await getCustomer(db, auth.legalEntityId, customerId);
  return q.consentHistory(db, auth.legalEntityId, customerId);
}
