// Offline evaluation: leave-last-basket-out hit rate of "also bought" recommendations
// against a popularity baseline.
import { mineRules } from './association-rules.ts';
import { BasketEncoder, type OrderLine } from './baskets.ts';
import { itemToItemAlsoBought, type AlsoBought } from './item-cooccurrence.ts';

export interface CustomerHistory {
  customerId: string;
  baskets: { date: string | Date; items: string[] }[];
}

export interface EvaluationOptions {
  k?: number;
  minSupport?: number;
  minConfidence?: number;
  /** Itemset length bound for mining; 2 = item-to-item rules as used by the product. */
  maxLen?: number;
}

export interface MethodResult {
  hits: number;
  hitRate: number;
}

export interface EvaluationResult {
  k: number;
  customersEvaluated: number;
  trainingBaskets: number;
  ruleCount: number;
  rules: MethodResult;
  popularity: MethodResult;
  /** Rules first, remaining slots filled with popular items: what a product would ship. */
  rulesWithPopularityFallback: MethodResult;
  /** Customers for whom the rules produced at least one recommendation. */
  rulesCoverage: number;
}

function dateKey(d: string | Date): number {
  const ms = d instanceof Date ? d.getTime() : Date.parse(d);
  if (Number.isNaN(ms)) throw new RangeError(`invalid basket date: ${String(d)}`);
  return ms;
}

/** Groups order lines into customers' baskets (a basket = one customer's lines on one date). */
export function ordersToCustomers(lines: readonly OrderLine[]): CustomerHistory[] {
  const byCustomer = new Map<string, Map<string, Set<string>>>();
  for (const l of lines) {
    let dates = byCustomer.get(l.customerId);
    if (!dates) byCustomer.set(l.customerId, (dates = new Map()));
    let items = dates.get(l.date);
    if (!items) dates.set(l.date, (items = new Set()));
    items.add(l.product);
  }
  return [...byCustomer].map(([customerId, dates]) => ({
    customerId,
    baskets: [...dates].map(([date, items]) => ({ date, items: [...items] })),
  }));
}

/**
 * Hides each customer's last basket (by date) and checks whether any of the top-k
 * recommendations appears in it. Rules are mined once on the training set: every basket
 * except the hidden ones. Customers with a single basket have no history, so they are not
 * evaluated, and their basket stays in training (it cannot leak into their own evaluation).
 *
 * Rules method: candidates are consequents of `{h} => {x}` for items h the customer bought
 * before, scored by the best confidence (then lift, then popularity), excluding items
 * already bought. Popularity baseline: the k most frequent training items not already
 * bought. Both exclude past purchases, so only discovery of new items is measured.
 */
export function evaluateHitRate(customers: readonly CustomerHistory[], k = 10, options: EvaluationOptions = {}): EvaluationResult {
  if (!Number.isInteger(k) || k < 1) throw new RangeError('k must be an integer >= 1');
  const minSupport = options.minSupport ?? 0.001;
  const minConfidence = options.minConfidence ?? 0.1;
  const maxLen = options.maxLen ?? 2;

  const enc = new BasketEncoder();
  const evaluated: { history: Set<string>; hidden: Set<string> }[] = [];
  for (const c of customers) {
    const sorted = c.baskets
      .filter((b) => b.items.length > 0)
      .map((b) => ({ t: dateKey(b.date), items: b.items }))
      .sort((a, b) => a.t - b.t);
    if (sorted.length < 2) {
      for (const b of sorted) enc.add(b.items);
      continue;
    }
    const history = new Set<string>();
    for (let i = 0; i < sorted.length - 1; i++) {
      enc.add(sorted[i].items);
      for (const it of sorted[i].items) history.add(it);
    }
    evaluated.push({ history, hidden: new Set(sorted[sorted.length - 1].items) });
  }
  const train = enc.finish();
  const labels = train.labels;

  const popularityCount = new Map<string, number>();
  for (let b = 0; b + 1 < train.offsets.length; b++) {
    for (let p = train.offsets[b]; p < train.offsets[b + 1]; p++) {
      const name = labels[train.items[p]];
      popularityCount.set(name, (popularityCount.get(name) ?? 0) + 1);
    }
  }
  const popular = [...popularityCount].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([n]) => n);

  const rules = train.offsets.length > 1 ? mineRules(train, { minSupport, minConfidence, maxLen }) : [];
  const named = rules.map((r) => ({ ...r, antecedent: r.antecedent.map((i) => labels[i]), consequent: r.consequent.map((i) => labels[i]) }));
  const alsoBought = itemToItemAlsoBought(named, { rankBy: 'confidence' });

  let ruleHits = 0;
  let popHits = 0;
  let mixHits = 0;
  let covered = 0;
  for (const { history, hidden } of evaluated) {
    const ruleRecs = recommendFromHistory(history, alsoBought, popularityCount, k);
    const popRecs = topPopular(popular, history, new Set(), k);
    const mixRecs = ruleRecs.length < k ? [...ruleRecs, ...topPopular(popular, history, new Set(ruleRecs), k - ruleRecs.length)] : ruleRecs;
    if (ruleRecs.length > 0) covered++;
    if (ruleRecs.some((x) => hidden.has(x))) ruleHits++;
    if (popRecs.some((x) => hidden.has(x))) popHits++;
    if (mixRecs.some((x) => hidden.has(x))) mixHits++;
  }
  const n = evaluated.length;
  const rate = (h: number): MethodResult => ({ hits: h, hitRate: n === 0 ? 0 : h / n });
  return {
    k,
    customersEvaluated: n,
    trainingBaskets: train.offsets.length - 1,
    ruleCount: rules.length,
    rules: rate(ruleHits),
    popularity: rate(popHits),
    rulesWithPopularityFallback: rate(mixHits),
    rulesCoverage: covered,
  };
}

/** Top-k also-bought items for a purchase history (best confidence over history items). */
export function recommendFromHistory(
  history: ReadonlySet<string>,
  alsoBought: Map<string, AlsoBought<string>[]>,
  popularity: Map<string, number>,
  k: number,
): string[] {
  const best = new Map<string, { confidence: number; lift: number }>();
  for (const h of history) {
    for (const e of alsoBought.get(h) ?? []) {
      if (history.has(e.item)) continue;
      const cur = best.get(e.item);
      if (!cur || e.confidence > cur.confidence || (e.confidence === cur.confidence && e.lift > cur.lift)) {
        best.set(e.item, { confidence: e.confidence, lift: e.lift });
      }
    }
  }
  return [...best]
    .sort(
      (a, b) =>
        b[1].confidence - a[1].confidence ||
        b[1].lift - a[1].lift ||
        (popularity.get(b[0]) ?? 0) - (popularity.get(a[0]) ?? 0) ||
        (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0),
    )
    .slice(0, k)
    .map(([item]) => item);
}

function topPopular(popular: readonly string[], exclude: ReadonlySet<string>, alsoExclude: ReadonlySet<string>, k: number): string[] {
  const out: string[] = [];
  for (const item of popular) {
    if (out.length >= k) break;
    if (!exclude.has(item) && !alsoExclude.has(item)) out.push(item);
  }
  return out;
}
