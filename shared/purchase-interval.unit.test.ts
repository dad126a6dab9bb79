import { describe, it, expect } from 'vitest';
import { daysBetweenPurchases } from './purchase-interval.ts';

describe('days between purchases', () => {
  it('is the mean gap between purchase days, and unknown with a single one', () => {
    expect(daysBetweenPurchases(100, 300, 3)).toBe(100);
    expect(daysBetweenPurchases(100, 167, 2)).toBe(67);
    expect(daysBetweenPurchases(100, 100, 1)).toBeNull();
  });
});
