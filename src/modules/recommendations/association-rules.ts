// Frequent itemset mining and rule generation with arules (R) apriori semantics:
// support = count / N, itemsets kept when count >= ceil(minSupport * N), confidence
// inclusive, one item on the right-hand side, minlen 1 (so `{} => {x}` rules appear
// when supp(x) >= minConfidence), maxlen bounds the itemset (lhs + rhs) length.
//
// Algorithm: depth-first pattern growth over a projected database (H-mine / FP-growth
// style without the tree). Items are relabelled by ascending frequency and each basket
// is stored sorted with a -1 sentinel in one flat Int32Array; a projection is just a list
// of positions into that array ("the rest of this basket after the prefix"), so counting
// extensions is a tight scan over typed arrays and memory is bounded by depth x DB size.
import { toBasketMatrix, type BasketMatrix } from './baskets.ts';

export interface MiningOptions {
  minSupport: number;
  minConfidence: number;
  /** Maximum itemset length (lhs + rhs), arules default 10. */
  maxLen?: number;
  /** Minimum itemset length (lhs + rhs), arules default 1. */
  minLen?: number;
}

export interface FrequentItemsets {
  basketCount: number;
  minCount: number;
  /** Per original item id: number of baskets containing it. */
  itemCounts: Int32Array;
  /** Itemsets as sorted original item ids, with their basket counts. */
  itemsets: { items: number[]; count: number }[];
}

export interface Rule<T = number> {
  antecedent: T[];
  consequent: T[];
  support: number;
  confidence: number;
  lift: number;
  /** Baskets containing antecedent ∪ consequent. */
  count: number;
}

/** arules: keep itemsets with count >= ceil(minSupport * N). The epsilon absorbs float noise like 0.002 * 10000 = 20.000000000000004. */
export function minCountFor(minSupport: number, basketCount: number): number {
  return Math.max(1, Math.ceil(minSupport * basketCount - 1e-9));
}

function validate(o: MiningOptions): Required<MiningOptions> {
  const maxLen = o.maxLen ?? 10;
  const minLen = o.minLen ?? 1;
  if (!(o.minSupport >= 0 && o.minSupport <= 1)) throw new RangeError('minSupport must be in [0, 1]');
  if (!(o.minConfidence >= 0 && o.minConfidence <= 1)) throw new RangeError('minConfidence must be in [0, 1]');
  if (!Number.isInteger(maxLen) || maxLen < 1) throw new RangeError('maxLen must be an integer >= 1');
  if (!Number.isInteger(minLen) || minLen < 1 || minLen > maxLen) throw new RangeError('minLen must be an integer in [1, maxLen]');
  return { minSupport: o.minSupport, minConfidence: o.minConfidence, maxLen, minLen };
}

function asMatrix(baskets: BasketMatrix | readonly (readonly number[])[]): BasketMatrix {
  return Array.isArray(baskets) ? toBasketMatrix(baskets) : (baskets as BasketMatrix);
}

/** Internal result in rank space (ranks = frequent items relabelled by ascending count). */
interface RankedItemsets {
  n: number;
  minCount: number;
  itemCounts: Int32Array;
  rankToItem: Int32Array;
  /** Itemsets flattened: items of itemset i are flatItems[starts[i] .. starts[i+1]), sorted by rank. */
  flatItems: number[];
  starts: number[];
  counts: number[];
}

function mineRanked(db: BasketMatrix, maxLen: number, minSupport: number): RankedItemsets {
  const { items, offsets } = db;
  const n = offsets.length - 1;
  const minCount = minCountFor(minSupport, n);

  // Pass 1: item counts, deduplicating within a basket via a last-seen stamp.
  let maxId = -1;
  for (let i = 0; i < items.length; i++) {
    if (items[i] < 0) throw new RangeError('item ids must be non-negative integers');
    if (items[i] > maxId) maxId = items[i];
  }
  const itemCounts = new Int32Array(maxId + 1);
  const stamp = new Int32Array(maxId + 1).fill(-1);
  for (let b = 0; b < n; b++) {
    for (let p = offsets[b]; p < offsets[b + 1]; p++) {
      const it = items[p];
      if (stamp[it] !== b) {
        stamp[it] = b;
        itemCounts[it]++;
      }
    }
  }

  // Relabel frequent items by ascending count so extensions go towards frequent items
  // and the projections of rare prefixes stay small.
  const frequent: number[] = [];
  for (let it = 0; it <= maxId; it++) if (itemCounts[it] >= minCount) frequent.push(it);
  frequent.sort((a, b) => itemCounts[a] - itemCounts[b] || a - b);
  const F = frequent.length;
  const rankToItem = Int32Array.from(frequent);
  const itemToRank = new Int32Array(maxId + 1).fill(-1);
  for (let r = 0; r < F; r++) itemToRank[rankToItem[r]] = r;

  const out: RankedItemsets = { n, minCount, itemCounts, rankToItem, flatItems: [], starts: [0], counts: [] };
  const emit = (prefix: Int32Array, len: number, last: number, count: number) => {
    for (let i = 0; i < len; i++) out.flatItems.push(prefix[i]);
    out.flatItems.push(last);
    out.starts.push(out.flatItems.length);
    out.counts.push(count);
  };
  const prefix = new Int32Array(Math.max(1, maxLen));
  for (let r = 0; r < F; r++) emit(prefix, 0, r, itemCounts[rankToItem[r]]);
  if (maxLen < 2 || F < 2) return out;

  // Flat database of frequent items per basket, sorted by rank, -1 terminated; baskets
  // with fewer than two frequent items cannot contribute to longer itemsets.
  stamp.fill(-1);
  const flat = new Int32Array(items.length + n);
  const rankCount = new Int32Array(F);
  let fp = 0;
  for (let b = 0; b < n; b++) {
    // Insertion sort straight into `flat`: baskets are short, and this avoids a
    // comparator-based Array.sort per basket (the hot spot on millions of baskets).
    const begin = fp;
    for (let p = offsets[b]; p < offsets[b + 1]; p++) {
      const it = items[p];
      const r = itemToRank[it];
      if (r < 0 || stamp[it] === b) continue;
      stamp[it] = b;
      let j = fp++;
      while (j > begin && flat[j - 1] > r) {
        flat[j] = flat[j - 1];
        j--;
      }
      flat[j] = r;
    }
    if (fp - begin < 2) {
      fp = begin;
      continue;
    }
    for (let q = begin; q < fp; q++) rankCount[flat[q]]++;
    flat[fp++] = -1;
  }

  // Root projections via counting sort: for each rank, the positions right after it.
  const rootStart = new Int32Array(F + 1);
  for (let r = 0; r < F; r++) rootStart[r + 1] = rootStart[r] + rankCount[r];
  const rootPos = new Int32Array(rootStart[F]);
  const fill = rootStart.slice(0, F);
  for (let q = 0; q < fp; q++) {
    const r = flat[q];
    if (r >= 0 && flat[q + 1] !== -1) rootPos[fill[r]++] = q + 1;
  }

  // Per-depth scratch: extension counters, touched lists, slot map for child projections.
  const counters: Int32Array[] = [];
  const touched: Int32Array[] = [];
  for (let d = 0; d < maxLen; d++) {
    counters.push(new Int32Array(F));
    touched.push(new Int32Array(F));
  }
  const slotOf = new Int32Array(F).fill(-1);

  // prefix[0..depth) is the current itemset; proj[start..end) its projection.
  const grow = (depth: number, proj: Int32Array, start: number, end: number) => {
    const cnt = counters[depth];
    const tl = touched[depth];
    let nt = 0;
    for (let i = start; i < end; i++) {
      for (let q = proj[i]; ; q++) {
        const r = flat[q];
        if (r < 0) break;
        if (cnt[r]++ === 0) tl[nt++] = r;
      }
    }
    const ext: number[] = [];
    for (let i = 0; i < nt; i++) {
      const r = tl[i];
      if (cnt[r] >= minCount) ext.push(r);
    }
    ext.sort((x, y) => x - y);
    for (const r of ext) emit(prefix, depth, r, cnt[r]);
    const deeper = depth + 1 < maxLen && ext.length > 0;
    if (!deeper) {
      for (let i = 0; i < nt; i++) cnt[tl[i]] = 0;
      return;
    }
    // Build all child projections in one scan (only entries that still have a tail).
    const childStart = new Int32Array(ext.length + 1);
    for (let j = 0; j < ext.length; j++) {
      childStart[j + 1] = childStart[j] + cnt[ext[j]];
      slotOf[ext[j]] = j;
    }
    for (let i = 0; i < nt; i++) cnt[tl[i]] = 0;
    const child = new Int32Array(childStart[ext.length]);
    const cfill = childStart.slice(0, ext.length);
    for (let i = start; i < end; i++) {
      for (let q = proj[i]; ; q++) {
        const r = flat[q];
        if (r < 0) break;
        const s = slotOf[r];
        if (s >= 0 && flat[q + 1] !== -1) child[cfill[s]++] = q + 1;
      }
    }
    for (const r of ext) slotOf[r] = -1;
    for (let j = 0; j < ext.length; j++) {
      if (cfill[j] === childStart[j]) continue;
      prefix[depth] = ext[j];
      grow(depth + 1, child, childStart[j], cfill[j]);
    }
  };

  for (let r = 0; r < F; r++) {
    if (rootStart[r + 1] === rootStart[r] || fill[r] === rootStart[r]) continue;
    prefix[0] = r;
    grow(1, rootPos, rootStart[r], fill[r]);
  }
  return out;
}

/** Mines frequent itemsets (arules target "frequent itemsets" semantics, minlen 1). */
export function mineFrequentItemsets(
  baskets: BasketMatrix | readonly (readonly number[])[],
  options: { minSupport: number; maxLen?: number },
): FrequentItemsets {
  const maxLen = options.maxLen ?? 10;
  validate({ minSupport: options.minSupport, minConfidence: 0, maxLen });
  const m = mineRanked(asMatrix(baskets), maxLen, options.minSupport);
  const itemsets: { items: number[]; count: number }[] = [];
  for (let i = 0; i < m.counts.length; i++) {
    const ids: number[] = [];
    for (let p = m.starts[i]; p < m.starts[i + 1]; p++) ids.push(m.rankToItem[m.flatItems[p]]);
    ids.sort((a, b) => a - b);
    itemsets.push({ items: ids, count: m.counts[i] });
  }
  return { basketCount: m.n, minCount: m.minCount, itemCounts: m.itemCounts, itemsets };
}

/**
 * Mines association rules with one item on the right-hand side. Rules are sorted by
 * lift, then confidence, then count (descending), then item ids for determinism.
 */
export function mineRules(baskets: BasketMatrix | readonly (readonly number[])[], options: MiningOptions): Rule[] {
  const o = validate(options);
  const m = mineRanked(asMatrix(baskets), o.maxLen, o.minSupport);
  const { n, counts, starts, flatItems, rankToItem, itemCounts } = m;

  // Counts of itemsets that can be antecedents (2..maxLen-1 items), keyed by ranks in
  // emission order. Emission order is ascending rank, matching how subsets are built below.
  const index = new Map<string, number>();
  if (o.maxLen >= 3) {
    for (let i = 0; i < counts.length; i++) {
      const len = starts[i + 1] - starts[i];
      if (len >= 2 && len < o.maxLen) index.set(flatItems.slice(starts[i], starts[i + 1]).join(','), counts[i]);
    }
  }
  const countOfRank = (r: number) => itemCounts[rankToItem[r]];

  const rules: Rule[] = [];
  const sub: number[] = [];
  for (let i = 0; i < counts.length; i++) {
    const s = starts[i];
    const len = starts[i + 1] - s;
    if (len < o.minLen) continue;
    const c = counts[i];
    if (len === 1) {
      // Empty antecedent: confidence = support(rhs), lift = 1 by definition.
      const conf = c / n;
      if (conf >= o.minConfidence) {
        rules.push({ antecedent: [], consequent: [rankToItem[flatItems[s]]], support: c / n, confidence: conf, lift: conf / (c / n), count: c });
      }
      continue;
    }
    for (let k = 0; k < len; k++) {
      const rhs = flatItems[s + k];
      let anteCount: number;
      if (len === 2) anteCount = countOfRank(flatItems[s + 1 - k]);
      else {
        sub.length = 0;
        for (let j = 0; j < len; j++) if (j !== k) sub.push(flatItems[s + j]);
        const got = index.get(sub.join(','));
        if (got === undefined) throw new Error('internal: missing antecedent count');
        anteCount = got;
      }
      const conf = c / anteCount;
      if (conf < o.minConfidence) continue;
      const antecedent: number[] = [];
      for (let j = 0; j < len; j++) if (j !== k) antecedent.push(rankToItem[flatItems[s + j]]);
      antecedent.sort((a, b) => a - b);
      rules.push({
        antecedent,
        consequent: [rankToItem[rhs]],
        support: c / n,
        confidence: conf,
        // As arules: lift = confidence / support(rhs).
        lift: conf / (countOfRank(rhs) / n),
        count: c,
      });
    }
  }
  rules.sort(compareRules);
  return rules;
}

function compareRules(a: Rule, b: Rule): number {
  if (a.lift !== b.lift) return b.lift - a.lift;
  if (a.confidence !== b.confidence) return b.confidence - a.confidence;
  if (a.count !== b.count) return b.count - a.count;
  if (a.consequent[0] !== b.consequent[0]) return a.consequent[0] - b.consequent[0];
  const l = Math.min(a.antecedent.length, b.antecedent.length);
  for (let i = 0; i < l; i++) if (a.antecedent[i] !== b.antecedent[i]) return a.antecedent[i] - b.antecedent[i];
  return a.antecedent.length - b.antecedent.length;
}

/** String-item wrapper: mines rules over named items; antecedents are sorted by name. */
export function mineRulesByName(
  baskets: readonly (readonly string[])[] | { items: Int32Array; offsets: Int32Array; labels: string[] },
  options: MiningOptions,
): Rule<string>[] {
  let matrix: BasketMatrix;
  let labels: string[];
  if (Array.isArray(baskets)) {
    const ids = new Map<string, number>();
    labels = [];
    const encoded = (baskets as readonly (readonly string[])[]).map((b) =>
      b.filter((x) => x !== '').map((name) => {
        let id = ids.get(name);
        if (id === undefined) {
          id = labels.length;
          ids.set(name, id);
          labels.push(name);
        }
        return id;
      }),
    );
    matrix = toBasketMatrix(encoded);
  } else {
    const e = baskets as { items: Int32Array; offsets: Int32Array; labels: string[] };
    matrix = e;
    labels = e.labels;
  }
  return mineRules(matrix, options).map((r) => ({
    ...r,
    antecedent: r.antecedent.map((id) => labels[id]).sort(),
    consequent: r.consequent.map((id) => labels[id]),
  }));
}
