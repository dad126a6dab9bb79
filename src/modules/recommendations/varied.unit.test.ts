import { describe, it, expect } from 'vitest';
import { varied, type Recommendation } from './service.ts';

const rec = (productId: string, kind: Recommendation['kind'], score: number, becauseProductId?: string): Recommendation => ({
  productId, sku: productId, name: productId, category: 'c', brand: null, priceMinor: 100, inStockAtStore: true, onHand: 1, kind, reason: '', score, becauseProductId,
});

describe('a varied list of recommendations', () => {
  it('keeps at most three from one purchase of one kind and no kind over half the list while others have some', () => {
    const ranked = [
      ...Array.from({ length: 8 }, (_, i) => rec(`goes${i}`, 'cross-sell', 0.9 - i * 0.01, 'bag')),
      rec('browsed', 'browsed-not-bought', 0.5), rec('refill', 'replenishment', 0.45, 'refill'),
      ...Array.from({ length: 4 }, (_, i) => rec(`also${i}`, 'also-bought', 0.4 - i * 0.01, `p${i}`)),
    ];
    const out = varied(ranked, 6);
    expect(out.filter((r) => r.kind === 'cross-sell')).toHaveLength(3);
    expect(new Set(out.map((r) => r.kind)).size).toBe(4);
    expect(out.map((r) => r.score)).toEqual([...out.map((r) => r.score)].sort((a, b) => b - a));
  });
  it('fills a short list with what a kind\'s share held back, never with repeats of one purchase', () => {
    const ranked = [rec('a', 'also-bought', 0.9, 'x'), rec('b', 'also-bought', 0.8, 'y'), rec('c', 'also-bought', 0.7, 'z'), rec('d', 'browsed-not-bought', 0.5)];
    expect(varied(ranked, 4).map((r) => r.productId)).toEqual(['a', 'b', 'c', 'd']);
    expect(varied([1, 2, 3, 4, 5].map((i) => rec(`s${i}`, 'cross-sell', 1 - i / 10, 'bag')), 10)).toHaveLength(3);
  });
});
