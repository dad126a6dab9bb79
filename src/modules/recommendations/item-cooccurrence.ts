// Item-to-item "customers also bought" index built from mined rules with a single-item
// antecedent (what maxLen 2 mining produces).
import type { Rule } from './association-rules.ts';

export interface AlsoBought<T> {
  item: T;
  lift: number;
  confidence: number;
  support: number;
  count: number;
}

export type AlsoBoughtRank = 'lift' | 'confidence';

/**
 * For each product, the consequents of rules `{product} => {x}`, best first: by lift then
 * confidence (default), or by confidence then lift. Rules with empty or multi-item
 * antecedents are ignored because they do not describe a single product's neighbours.
 */
export function itemToItemAlsoBought<T>(
  rules: readonly Rule<T>[],
  options: { rankBy?: AlsoBoughtRank; limit?: number } = {},
): Map<T, AlsoBought<T>[]> {
  const rankBy = options.rankBy ?? 'lift';
  const index = new Map<T, AlsoBought<T>[]>();
  for (const r of rules) {
    if (r.antecedent.length !== 1 || r.consequent.length !== 1) continue;
    const key = r.antecedent[0];
    let list = index.get(key);
    if (!list) index.set(key, (list = []));
    list.push({ item: r.consequent[0], lift: r.lift, confidence: r.confidence, support: r.support, count: r.count });
  }
  const primary = rankBy === 'lift' ? 'lift' : 'confidence';
  const secondary = rankBy === 'lift' ? 'confidence' : 'lift';
  for (const [key, list] of index) {
    list.sort((a, b) => b[primary] - a[primary] || b[secondary] - a[secondary] || b.count - a.count || cmp(a.item, b.item));
    if (options.limit !== undefined && list.length > options.limit) index.set(key, list.slice(0, options.limit));
  }
  return index;
}

function cmp<T>(a: T, b: T): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
