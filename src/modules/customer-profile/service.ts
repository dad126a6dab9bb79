import { daysBetweenPurchases } from '../../../shared/purchase-interval.ts';
import type { Db } from '../../db/client.ts';
import { customerProfileErrors } from './errors.ts';
import { audit } from '../audit/service.ts';
import type { AuthContext } from '../auth/context.ts';
import { getCustomer } from '../customers/service.ts';
import * as q from './queries.ts';
import type { ConsentChannel, ConsentName } from './schema.ts';
import type { ConsentInput, PreferenceInput } from './profile-schemas.ts';

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
  t: q.SpendingTotals, monthly: q.MonthlySpendRow[],
  categories: { name: string; spendMinor: number; quantity: number }[], brands: { name: string; spendMinor: number; quantity: number }[],
) {
  return {
    orderCount: t.orderCount,
    totalMinor: t.totalMinor,
    spendThisYearMinor: t.thisYearMinor,
    spendLastYearMinor: t.lastYearMinor,
    spendLast12MonthsMinor: t.last12MonthsMinor,
    ordersLast12Months: t.ordersLast12Months,
    averageOrderValueMinor: t.orderCount ? Math.round(t.totalMinor / t.orderCount) : 0,
    // Mean days between purchase days, as the insight explanations say it; null until there are two.
    purchaseIntervalDays: t.firstPurchaseDay === null || t.lastPurchaseDay === null ? null : daysBetweenPurchases(t.firstPurchaseDay, t.lastPurchaseDay, t.purchaseDays),
    firstPurchaseAt: t.firstPurchaseAt,
    lastPurchaseAt: t.lastPurchaseAt,
    daysSinceLastPurchase: t.lastPurchaseAt ? Math.floor((Date.now() - Date.parse(t.lastPurchaseAt)) / 86_400_000) : null,
    returnedMinor: t.returnedMinor,
    otherCurrencyOrders: t.otherCurrencyOrders,
    otherCurrencies: t.otherCurrencies,
    favouriteCategories: categories,
    favouriteBrands: brands,
    monthly: monthly.map((m) => ({ month: m.month, spendMinor: m.spendMinor, orders: m.orderCount })),
  };
}

async function liveCustomer(db: Db, auth: AuthContext, customerId: string) {
  const c = await getCustomer(db, auth.legalEntityId, customerId);
  if (c.erasedAt) throw customerProfileErrors.customer_erased('This customer was erased on request; their profile can no longer be changed.');
  if (c.mergedIntoId) throw customerProfileErrors.customer_merged('This customer was merged into another record; change the surviving record instead.');
  return c;
}

export async function addPreference(db: Db, auth: AuthContext, customerId: string, input: PreferenceInput) {
  await liveCustomer(db, auth, customerId);
  const rows = await q.upsertPreference(db, auth.legalEntityId, customerId, {
    kind: input.kind, qualifier: input.qualifier?.trim() ?? '', value: input.value.trim(), source: input.source ?? 'associate',
  });
  await audit(db, auth, 'update', 'customer-preference', customerId, { kind: input.kind, qualifier: input.qualifier ?? '' });
  return rows[0];
}

export async function removePreference(db: Db, auth: AuthContext, customerId: string, preferenceId: string) {
  await liveCustomer(db, auth, customerId);
  const rows = await q.deletePreference(db, auth.legalEntityId, customerId, preferenceId);
  if (!rows.length) throw customerProfileErrors.preference_not_found('Preference was not found.');
  await audit(db, auth, 'delete', 'customer-preference', customerId, { preferenceId });
}

/** Records a consent decision an associate took down (in store, on the phone, from a paper form). */
export async function setConsent(db: Db, auth: AuthContext, customerId: string, channel: ConsentChannel, input: ConsentInput) {
  await liveCustomer(db, auth, customerId);
  return changeConsent(db, auth.legalEntityId, customerId, { channel, ...input }, auth);
}

export interface ConsentChange {
  channel: ConsentName;
  granted: boolean;
  /** Where the decision was given: 'in store', 'preference-page', 'sms-stop', 'email-one-click-unsubscribe'… */
  source: string;
  /** When the customer decided; now when left out. Never in the future. */
  recordedAt?: string;
  /** Kept in the history beside the source: the keyword received, the message unsubscribed from. */
  note?: string | null;
}

/** Who the audit log names for a change: an associate, or a system (the SMS provider, the preference page). */
export type ConsentActor = { associateId: string; associateName: string } | { associateId: null; associateName: string };

/**
 * The one way to change a customer's consent, for every capability that takes a decision (preference page, STOP
 * keyword, one-click unsubscribe): the current value and the history row are written in one transaction, with an audit
 * entry naming `actor` when given. A decision older than the current one goes to the history only. The customer must
 * belong to the legal entity (else customers.customer_not_found) and not be erased; the caller checks permissions.
 */
export async function recordConsentChange(db: Db, legalEntityId: string, customerId: string, change: ConsentChange, actor?: ConsentActor) {
  const c = await getCustomer(db, legalEntityId, customerId);
  if (c.erasedAt) throw customerProfileErrors.customer_erased('This customer was erased on request; their consents can no longer be changed.');
  return changeConsent(db, legalEntityId, customerId, change, actor);
}

async function changeConsent(db: Db, legalEntityId: string, customerId: string, change: ConsentChange, actor?: ConsentActor) {
  const at = change.recordedAt ?? new Date().toISOString();
  if (Date.parse(at) > Date.now() + 60_000) throw customerProfileErrors.consent_in_future('A consent cannot be recorded in the future.', { field: 'recordedAt' });
  return db.transaction(async (tx) => {
    const t: Db = tx;
    await q.writeConsent(t, legalEntityId, customerId, { channel: change.channel, granted: change.granted, source: change.source, recordedAt: at, note: change.note ?? null });
    if (actor) await audit(t, { legalEntityId, ...actor }, 'update', 'customer-consent', customerId, { channel: change.channel, granted: change.granted, source: change.source });
    return (await q.currentConsent(t, legalEntityId, customerId, change.channel))!;
  });
}

export async function listConsentHistory(db: Db, auth: AuthContext, customerId: string) {
  await getCustomer(db, auth.legalEntityId, customerId);
  return q.consentHistory(db, auth.legalEntityId, customerId);
}
