import { describe, expect, it } from 'vitest';
import { fixture } from '../../../test/fixtures.ts';
import { mineFrequentItemsets, minCountFor, mineRules, mineRulesByName, type Rule } from './association-rules.ts';
import { readBasketFile } from './baskets.ts';
import { itemToItemAlsoBought } from './item-cooccurrence.ts';

const N = 9835;
const db = await readBasketFile(fixture('groceries_csv', 'groceries.csv'));
const baskets: Set<string>[] = [];
for (let b = 0; b < N; b++) baskets.push(new Set([...db.items.subarray(db.offsets[b], db.offsets[b + 1])].map((i) => db.labels[i])));
const countOf = (items: string[]) => baskets.reduce((s, b) => s + (items.every((x) => b.has(x)) ? 1 : 0), 0);
const find = (rules: Rule<string>[], lhs: string[], rhs: string) =>
  rules.find((r) => r.consequent[0] === rhs && r.antecedent.join('|') === [...lhs].sort().join('|'));

describe('minCountFor', () => {
  it('is ceil(minSupport * N) as arules, robust to float noise', () => {
    expect(minCountFor(0.001, N)).toBe(10);
    expect(minCountFor(0.01, N)).toBe(99);
    expect(minCountFor(0.005, N)).toBe(50);
    expect(minCountFor(0.002, 10000)).toBe(20); // 0.002 * 10000 = 20.000000000000004 in floating point
    expect(minCountFor(0, 100)).toBe(1);
  });
});

describe('Groceries vs arules apriori (published figures)', () => {
  const r001 = mineRulesByName(db, { minSupport: 0.001, minConfidence: 0.5 });
  const r01 = mineRulesByName(db, { minSupport: 0.01, minConfidence: 0.5 });

  it('supp 0.001 conf 0.5 gives 5668 rules; top lift {Instant food products, soda} => {hamburger meat}', () => {
    expect(r001.length).toBe(5668);
    expect(r001[0]).toMatchObject({ antecedent: ['Instant food products', 'soda'], consequent: ['hamburger meat'], count: 12 });
    expect(r001[0].support).toBeCloseTo(0.001220132, 9);
    expect(r001[0].confidence).toBeCloseTo(0.6315789, 7);
    expect(r001[0].lift).toBeCloseTo(18.99565, 5);
  });

  it('supp 0.01 conf 0.5 gives 15 rules; top lift {citrus fruit, root vegetables} => {other vegetables}', () => {
    expect(r01.length).toBe(15);
    expect(r01[0]).toMatchObject({ antecedent: ['citrus fruit', 'root vegetables'], consequent: ['other vegetables'], count: 102 });
    expect(r01[0].support).toBeCloseTo(0.01037112, 8);
    expect(r01[0].confidence).toBeCloseTo(0.5862069, 7);
    expect(r01[0].lift).toBeCloseTo(3.029608, 6);
    // All 15 have a two-item lhs and rhs whole milk or other vegetables.
    expect(new Set(r01.map((r) => r.consequent[0]))).toEqual(new Set(['whole milk', 'other vegetables']));
    expect(r01.every((r) => r.antecedent.length === 2)).toBe(true);
  });

  it('supp 0.005 conf 0.5 gives 120 rules, none with empty lhs', () => {
    const r = mineRulesByName(db, { minSupport: 0.005, minConfidence: 0.5 });
    expect(r.length).toBe(120);
    expect(r.some((x) => x.antecedent.length === 0)).toBe(false);
  });

  it('supp 0.001 conf 0.8 gives 410 rules incl. {liquor, red/blush wine} => {bottled beer}', () => {
    const r = mineRulesByName(db, { minSupport: 0.001, minConfidence: 0.8 });
    expect(r.length).toBe(410);
    const rule = find(r, ['liquor', 'red/blush wine'], 'bottled beer')!;
    expect(rule.count).toBe(19);
    expect(rule.support).toBeCloseTo(0.001931876, 9);
    expect(rule.confidence).toBeCloseTo(0.9047619, 7);
    expect(rule.lift).toBeCloseTo(11.235269, 6);
    const rice = find(r, ['rice', 'sugar'], 'whole milk')!;
    expect(rice).toMatchObject({ confidence: 1, count: 12 });
    expect(rice.lift).toBeCloseTo(3.913649, 6);
  });

  it('{herbs} => {root vegetables} at supp 0.005 conf 0.4', () => {
    const rule = find(mineRulesByName(db, { minSupport: 0.005, minConfidence: 0.4 }), ['herbs'], 'root vegetables')!;
    expect(rule.count).toBe(69);
    expect(rule.support).toBeCloseTo(0.00701576, 8);
    expect(rule.confidence).toBe(0.43125);
    expect(rule.lift).toBeCloseTo(3.956477, 6);
  });

  it('minlen 1 yields {} => {whole milk} once confidence <= supp(whole milk) = 2513/9835', () => {
    const r = mineRulesByName(db, { minSupport: 0.001, minConfidence: 0.2 });
    const empty = r.filter((x) => x.antecedent.length === 0);
    expect(empty).toEqual([{ antecedent: [], consequent: ['whole milk'], support: 2513 / N, confidence: 2513 / N, lift: 1, count: 2513 }]);
    // minLen 2 drops it; other vegetables (1903/9835 = 0.1935) stays below 0.2.
    expect(mineRulesByName(db, { minSupport: 0.001, minConfidence: 0.2, minLen: 2 }).length).toBe(r.length - 1);
    expect(mineRulesByName(db, { minSupport: 0.001, minConfidence: 0.19 }).filter((x) => x.antecedent.length === 0).length).toBe(2);
  });
});

describe('Groceries self-consistency', () => {
  const rules = mineRulesByName(db, { minSupport: 0.005, minConfidence: 0.3 });
  const itemCount = new Map(db.labels.map((l) => [l, countOf([l])]));

  it('every rule: count recounted from baskets, support = count/N, confidence inclusive, lift = conf/supp(rhs)', () => {
    expect(rules.length).toBeGreaterThan(100);
    for (const r of rules) {
      const union = [...r.antecedent, ...r.consequent];
      expect(countOf(union)).toBe(r.count);
      expect(r.count).toBeGreaterThanOrEqual(50);
      expect(r.support * N).toBeCloseTo(r.count, 9);
      expect(r.support).toBe(r.count / N);
      expect(r.confidence).toBe(r.count / (r.antecedent.length ? countOf(r.antecedent) : N));
      expect(r.confidence).toBeGreaterThanOrEqual(0.3);
      expect(r.lift).toBeCloseTo(r.confidence / (itemCount.get(r.consequent[0])! / N), 12);
    }
  });

  it('maxLen bounds the itemset length (lhs + rhs)', () => {
    const two = mineRulesByName(db, { minSupport: 0.001, minConfidence: 0.5, maxLen: 2 });
    expect(two.every((r) => r.antecedent.length <= 1)).toBe(true);
    const three = mineRulesByName(db, { minSupport: 0.001, minConfidence: 0.5, maxLen: 3 });
    expect(three.every((r) => r.antecedent.length <= 2)).toBe(true);
    const all = mineRulesByName(db, { minSupport: 0.001, minConfidence: 0.5 });
    // Restricting maxLen is exactly a filter on the full result.
    expect(three.length).toBe(all.filter((r) => r.antecedent.length <= 2).length);
    expect(two.length).toBe(all.filter((r) => r.antecedent.length <= 1).length);
  });

  // 333 and 88 come from this implementation (completeness is checked by the exhaustive test below); counts are recounted.
  it('frequent itemsets at supp 0.01: 333 itemsets with counts matching a recount', () => {
    const fi = mineFrequentItemsets(db, { minSupport: 0.01 });
    expect(fi.minCount).toBe(99);
    expect(fi.itemsets.length).toBe(333);
    expect(fi.itemsets.filter((s) => s.items.length === 1).length).toBe(88);
    for (const s of fi.itemsets) expect(countOf(s.items.map((i) => db.labels[i]))).toBe(s.count);
  });
});

// Exhaustive reference: enumerate every itemset over a small alphabet by bitmask.
function bruteForce(data: number[][], nItems: number, minSupport: number, minConfidence: number, maxLen: number) {
  const n = data.length;
  const minCount = Math.ceil(minSupport * n - 1e-9);
  const masks = data.map((b) => b.reduce((m, i) => m | (1 << i), 0));
  const count = new Map<number, number>();
  for (let s = 1; s < 1 << nItems; s++) {
    let c = 0;
    for (const m of masks) if ((m & s) === s) c++;
    count.set(s, c);
  }
  const bits = (s: number) => [...Array(nItems).keys()].filter((i) => s & (1 << i));
  const out: string[] = [];
  for (let s = 1; s < 1 << nItems; s++) {
    const items = bits(s);
    const c = count.get(s)!;
    if (items.length > maxLen || c < Math.max(1, minCount)) continue;
    for (const rhs of items) {
      const ante = s & ~(1 << rhs);
      const conf = c / (ante === 0 ? n : count.get(ante)!);
      if (conf >= minConfidence) out.push(`${bits(ante).join(',')}=>${rhs}:${c}:${conf}`);
    }
  }
  return out.sort();
}

describe('mineRules vs exhaustive enumeration', () => {
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (const [minSupport, minConfidence, maxLen] of [
    [0.05, 0.3, 10],
    [0.02, 0.6, 3],
    [0.1, 0.0, 2],
    [0.03, 0.5, 1],
  ] as const) {
    it(`random baskets, supp ${minSupport} conf ${minConfidence} maxLen ${maxLen}`, () => {
      const nItems = 11;
      const data: number[][] = [];
      for (let b = 0; b < 300; b++) {
        const basket: number[] = [];
        // Skewed item probabilities plus duplicates, which must be ignored.
        for (let i = 0; i < nItems; i++) if (rand() < 0.55 / (1 + i * 0.3)) basket.push(i);
        if (basket.length && rand() < 0.2) basket.push(basket[0]);
        data.push(basket);
      }
      const got = mineRules(data, { minSupport, minConfidence, maxLen })
        .map((r) => `${r.antecedent.join(',')}=>${r.consequent[0]}:${r.count}:${r.confidence}`)
        .sort();
      const want = bruteForce(data, nItems, minSupport, minConfidence, maxLen);
      expect(want.length).toBeGreaterThan(0);
      expect(got).toEqual(want);
    });
  }

  it('rejects bad options', () => {
    expect(() => mineRules([[1]], { minSupport: 2, minConfidence: 0.5 })).toThrow(RangeError);
    expect(() => mineRules([[1]], { minSupport: 0.1, minConfidence: 0.5, maxLen: 0 })).toThrow(RangeError);
    expect(() => mineRules([[-1]], { minSupport: 0.1, minConfidence: 0.5 })).toThrow(RangeError);
  });
});

describe('itemToItemAlsoBought', () => {
  const rules = mineRulesByName(db, { minSupport: 0.001, minConfidence: 0.1, maxLen: 2 });
  it('indexes single-item antecedents, sorted by lift then confidence', () => {
    const index = itemToItemAlsoBought(rules);
    const herbs = index.get('herbs')!;
    expect(herbs.length).toBeGreaterThan(3);
    for (let i = 1; i < herbs.length; i++) expect(herbs[i - 1].lift).toBeGreaterThanOrEqual(herbs[i].lift);
    const root = herbs.find((e) => e.item === 'root vegetables')!;
    expect(root).toMatchObject({ count: 69, confidence: 0.43125 });
    const byConf = itemToItemAlsoBought(rules, { rankBy: 'confidence', limit: 2 }).get('herbs')!;
    expect(byConf.map((e) => e.item)).toEqual(['other vegetables', 'whole milk']); // both 76/160 = 0.475, lift breaks the tie
    expect(byConf[0].confidence).toBe(0.475);
  });
});
