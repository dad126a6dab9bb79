// Conversation starters for the associate: what to show a customer next, each with the reason
// the associate can say out loud ("Because Ada bought the Lina tote bag on 3 March").
import type { Db } from '../../db/client.ts';
import { recommendationsErrors } from './errors.ts';
import { audit } from '../audit/service.ts';
import type { AuthContext } from '../auth/context.ts';
import type { KeyedTextValue } from '../../http/schemas.ts';
import type { Recommendation, RecommendationKind } from './recommendation-schemas.ts';
import { replenishmentDue } from './replenishment.ts';
import { wishlistProductIds } from '../customer-profile/queries.ts';
import { customerSlice, type ProductRow, type Scope } from './queries.ts';
import { allowedByPreferences, preferenceBoost, type PreferenceIndex, indexPreferences } from './preference-filter.ts';

export type { Recommendation, RecommendationKind };

/** Reasons the web translates by key (reco.reason.<key> in its catalogue), each with the customer's first name as `name`. */
export const RECOMMENDATION_REASON_KEYS = [
  'addedToBasket', 'viewed', 'viewedTimes', 'goesWith', 'alsoBought', 'complementsTopSeller', 'complementsFrom', 'replenishmentDue', 'replenishmentOverdue',
] as const;
export type RecommendationReasonKey = (typeof RECOMMENDATION_REASON_KEYS)[number];

export interface RecommendOptions {
  limit?: number;
  /** Show products not on hand at the associate's store too (they can be ordered in). */
  includeOutOfStock?: boolean;
  /** Reference time; tests and evaluations pin it. */
  now?: Date;
}

const DAY_MS = 86_400_000;
export const BROWSED_WITHIN_DAYS = 30;
/** Purchases this recent drive category cross-sell; older ones have had their accessories. */
export const CROSS_SELL_WITHIN_DAYS = 365;
/** Replenishment shows when due within this many days (or overdue). */
export const REPLENISH_HORIZON_DAYS = 30;
const RULES_PER_PRODUCT = 10;
const TOP_SELLERS_PER_CATEGORY = 5;

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "3 March", with the year when it is not this year: what an associate would say. */
export function spokenDate(iso: string, now: Date): string {
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  const base = `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
  return d.getUTCFullYear() === now.getUTCFullYear() ? base : `${base} ${d.getUTCFullYear()}`;
}

function product(row: ProductRow, scope: Scope) {
  return {
    productId: row.productId, sku: row.sku, name: row.name, category: row.category, brand: row.brand,
    priceMinor: Number(row.priceMinor), onHand: row.onHand, inStockAtStore: scope.storeId !== null && row.onHand > 0,
  };
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

/**
 * Recommendations for one customer, best first, one per product with its strongest reason.
 * Throws not_found when the customer is not in the legal entity.
 */
export async function recommendForCustomer(db: Db, scope: Scope, customerId: string, options: RecommendOptions = {}): Promise<Recommendation[]> {
  const limit = Math.max(1, Math.min(options.limit ?? 10, 50));
  const includeOutOfStock = options.includeOutOfStock ?? false;
  const now = options.now ?? new Date();
  const browsedSince = new Date(now.getTime() - BROWSED_WITHIN_DAYS * DAY_MS);
  const recentSince = new Date(now.getTime() - CROSS_SELL_WITHIN_DAYS * DAY_MS);

  const slice = await customerSlice(db, scope, customerId, {
    includeOutOfStock, browsedSince, recentSince, rulesPerProduct: RULES_PER_PRODUCT, topSellersPerCategory: TOP_SELLERS_PER_CATEGORY,
  });
  const { customer: who, purchases: bought, browsed, rules, complements } = slice;
  if (!who) throw recommendationsErrors.customer_not_found('Customer was not found.');
  // Reasons name the customer (no guessed pronoun); an erased customer has no name to use.
  const named = !who.erased && !!who.firstName.trim();
  const name = named ? who.firstName : 'the customer';
  // The reason by key for the web to translate (reco.reason.<key>); without a name to give, the English only.
  const keyed = (key: RecommendationReasonKey, params: KeyedTextValue['params']) => (named ? { reasonText: { key, params: { name, ...params } } } : {});
  const day = (iso: string) => iso.slice(0, 10);
  const prefs: PreferenceIndex = indexPreferences(slice.preferences);
  const boughtById = new Map(bought.map((b) => [b.productId, b]));

  // What is already on her wishlist is something she chose, not something that "goes with" a purchase.
  const wishlist = new Set(await wishlistProductIds(db, scope.legalEntityId, customerId));
  const best = new Map<string, Recommendation>();
  const offer = (rec: Recommendation, row: ProductRow, checkPreferences: boolean) => {
    if (checkPreferences && !allowedByPreferences(row, prefs)) return;
    if ((rec.kind === 'cross-sell' || rec.kind === 'also-bought') && wishlist.has(rec.productId)) return;
    rec.score = Math.round((rec.score + preferenceBoost(row, prefs)) * 1000) / 1000;
    const cur = best.get(rec.productId);
    if (!cur || rec.score > cur.score) best.set(rec.productId, rec);
  };

  for (const b of browsed) {
    const ageDays = Math.max(0, (now.getTime() - Date.parse(b.lastViewedAt)) / DAY_MS);
    const when = spokenDate(b.lastViewedAt, now);
    const reason = b.addedToCart
      ? `${name} added it to the online basket on ${when} and has not bought it`
      : `${name} viewed it online on ${when}${b.views > 1 ? ` (${b.views} times)` : ''} and has not bought it`;
    const score = 0.55 + 0.25 * (1 - Math.min(1, ageDays / BROWSED_WITHIN_DAYS)) + (b.addedToCart ? 0.1 : 0) + 0.05 * Math.min(b.views - 1, 3) / 3;
    const viewed = b.addedToCart ? keyed('addedToBasket', { when: day(b.lastViewedAt) })
      : b.views > 1 ? keyed('viewedTimes', { when: day(b.lastViewedAt), count: b.views }) : keyed('viewed', { when: day(b.lastViewedAt) });
    offer({ ...product(b, scope), kind: 'browsed-not-bought', reason, ...viewed, score }, b, true);
  }

  for (const r of rules) {
    const from = boughtById.get(r.antecedentProductId);
    if (!from) continue;
    const when = spokenDate(from.lastAt, now);
    if (r.complement) {
      offer({
        ...product(r, scope), kind: 'cross-sell', becauseProductId: from.productId,
        reason: `Goes with the ${from.name} ${name} bought on ${when} (${pct(r.confidence)} of its buyers also took this)`,
        ...keyed('goesWith', { product: from.name, when: day(from.lastAt), share: r.confidence }),
        score: 0.4 + 0.5 * r.confidence,
      }, r, true);
    } else {
      offer({
        ...product(r, scope), kind: 'also-bought', becauseProductId: from.productId,
        reason: `Because ${name} bought ${from.name} on ${when}: ${pct(r.confidence)} of customers who bought it also bought this`,
        ...keyed('alsoBought', { product: from.name, when: day(from.lastAt), share: r.confidence }),
        score: 0.3 + 0.5 * r.confidence + 0.05 * Math.min(1, Math.log10(r.lift)),
      }, r, true);
    }
  }

  // Head-office complements: the best sellers of the complementary category, from her latest purchase there.
  const latestInCategory = new Map<string, (typeof bought)[number]>();
  for (const b of bought) {
    const cur = latestInCategory.get(b.category);
    if (!cur || b.lastAt > cur.lastAt) latestInCategory.set(b.category, b);
  }
  const rankInCategory = new Map<string, number>();
  for (const c of [...complements].sort((a, b) => b.baskets - a.baskets)) {
    const from = latestInCategory.get(c.fromCategory);
    if (!from) continue;
    const rank = rankInCategory.get(`${c.fromCategory}>${c.category}`) ?? 0;
    rankInCategory.set(`${c.fromCategory}>${c.category}`, rank + 1);
    const note = c.note ? ` ${c.note.replace(/\.?$/, '.')}` : '';
    offer({
      ...product(c, scope), kind: 'cross-sell', becauseProductId: from.productId,
      reason: `Complements the ${from.name} ${name} bought on ${spokenDate(from.lastAt, now)}: ${c.baskets > 0 ? 'a top seller in' : 'from'} ${c.category}.${note}`,
      // Head office's note is its own words, in its language: it follows the sentence as written.
      ...keyed(c.baskets > 0 ? 'complementsTopSeller' : 'complementsFrom', { product: from.name, when: day(from.lastAt), category: c.category, note }),
      score: 0.35 - 0.03 * rank,
    }, c, true);
  }

  // Replenishment: her own rhythm on products bought on three or more days; already-bought is the point here.
  const dates = new Map<string, string[]>();
  for (const b of bought) if (b.active) dates.set(b.productId, b.days.split(','));
  for (const due of replenishmentDue(dates, { minPurchases: 3 })) {
    const b = boughtById.get(due.product)!;
    if (!includeOutOfStock && scope.storeId && b.onHand <= 0) continue;
    const daysUntil = Math.round((due.dueDate.getTime() - now.getTime()) / DAY_MS);
    if (daysUntil > REPLENISH_HORIZON_DAYS) continue;
    const overdue = -daysUntil;
    // Long overdue means she may have switched product: keep it, but lower.
    const score = daysUntil >= 0 ? 0.7 + 0.3 * (1 - daysUntil / REPLENISH_HORIZON_DAYS) : Math.max(0.4, 1 - (0.6 * overdue) / (2 * due.medianIntervalDays));
    const dueDate = due.dueDate.toISOString().slice(0, 10);
    const interval = Math.round(due.medianIntervalDays);
    offer({
      ...product(b, scope), kind: 'replenishment', dueDate, becauseProductId: b.productId,
      reason: `${name} buys it about every ${interval} days (${due.purchases} times, last on ${spokenDate(due.lastPurchase.toISOString(), now)}); ${daysUntil >= 0 ? `due ${spokenDate(dueDate, now)}` : `due since ${spokenDate(dueDate, now)}`}`,
      ...keyed(daysUntil >= 0 ? 'replenishmentDue' : 'replenishmentOverdue', { interval, count: due.purchases, last: day(due.lastPurchase.toISOString()), due: dueDate }),
      score,
    }, b, false);
  }

  return varied([...best.values()].sort((a, b) => b.score - a.score || a.name.localeCompare(b.name)), limit);
}

/** At most this many suggestions grown from one purchase for one kind: ten "Goes with the same bag" say one thing. */
export const PER_REASON = 3;

/**
 * Best first, but varied: at most PER_REASON suggestions of one kind from the same purchase (the rest would repeat
 * the same sentence), and no kind taking more than half the list while other kinds have something to offer; what a
 * kind's share left out fills the list only when it would otherwise be short.
 */
export function varied(ranked: Recommendation[], limit: number): Recommendation[] {
  const perKindCap = Math.max(2, Math.ceil(limit / 2));
  const kinds = new Set(ranked.map((r) => r.kind));
  const out: Recommendation[] = [];
  const held: Recommendation[] = [];
  const byReason = new Map<string, number>();
  const byKind = new Map<string, number>();
  for (const r of ranked) {
    if (out.length >= limit) break;
    const reasonKey = `${r.kind}|${r.becauseProductId ?? r.productId}`;
    const sameReason = byReason.get(reasonKey) ?? 0;
    const sameKind = byKind.get(r.kind) ?? 0;
    if (sameReason >= PER_REASON) continue;
    if (kinds.size > 1 && sameKind >= perKindCap) { held.push(r); continue; }
    byReason.set(reasonKey, sameReason + 1);
    byKind.set(r.kind, sameKind + 1);
    out.push(r);
  }
  for (const r of held) { if (out.length >= limit) break; out.push(r); }
  return out.sort((a, b) => b.score - a.score || a.name.localeCompare(b.name));
}

/** The API's read: recommendations for the associate's store, recorded in the audit log. */
export async function viewRecommendations(db: Db, auth: AuthContext, customerId: string, options: RecommendOptions): Promise<Recommendation[]> {
  const recs = await recommendForCustomer(db, { legalEntityId: auth.legalEntityId, storeId: auth.storeId }, customerId, options);
  await audit(db, auth, 'read', 'customer', customerId, { view: 'recommendations', count: recs.length });
  return recs;
}
