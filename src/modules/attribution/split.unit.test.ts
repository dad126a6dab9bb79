import { describe, it, expect } from 'vitest';
import { splitByShares, commissionOf, pickRate, periodStart } from './split.ts';

describe('splitByShares', () => {
  it('adds up to the amount exactly and gives the remainder to the first member', () => {
    expect(splitByShares(1001, [3334, 3333, 3333])).toEqual([335, 333, 333]);
    expect(splitByShares(1001, [3334, 3333, 3333]).reduce((a, b) => a + b, 0)).toBe(1001);
    expect(splitByShares(100, [5000, 5000])).toEqual([50, 50]);
  });

  it('splits negative amounts (returns) symmetrically', () => {
    expect(splitByShares(-1001, [3334, 3333, 3333])).toEqual([-335, -333, -333]);
  });

  it('keeps every total for many odd amounts', () => {
    for (const amount of [1, 7, 99, 12_345, 987_654_321]) {
      const parts = splitByShares(amount, [6000, 2500, 1500]);
      expect(parts.reduce((a, b) => a + b, 0)).toBe(amount);
    }
  });
});

describe('commissionOf', () => {
  it('rounds half away from zero so a sale and its full return cancel out', () => {
    expect(commissionOf(1050, 500)).toBe(53);
    expect(commissionOf(-1050, 500)).toBe(-53);
    expect(commissionOf(10_000, 300)).toBe(300);
  });
});

describe('pickRate', () => {
  const rates = [
    { storeId: 's1', category: 'Jewellery', rateBp: 700 },
    { storeId: null, category: 'Jewellery', rateBp: 500 },
    { storeId: 's1', category: null, rateBp: 400 },
  ];
  it('prefers store and category, then category, then store, then the default', () => {
    expect(pickRate(rates, 300, 's1', 'Jewellery')).toEqual({ rateBp: 700, source: 'store-and-category' });
    expect(pickRate(rates, 300, 's2', 'Jewellery')).toEqual({ rateBp: 500, source: 'category' });
    expect(pickRate(rates, 300, 's1', 'Shoes')).toEqual({ rateBp: 400, source: 'store' });
    expect(pickRate(rates, 300, 's2', 'Shoes')).toEqual({ rateBp: 300, source: 'default' });
    expect(pickRate(rates, 300, null, 'Shoes')).toEqual({ rateBp: 300, source: 'default' });
  });
});

describe('periodStart', () => {
  it('accepts months only', () => {
    expect(periodStart('2024-05')).toBe('2024-05-01');
    expect(periodStart('2024-13')).toBeNull();
    expect(periodStart('2024-5')).toBeNull();
  });
});
