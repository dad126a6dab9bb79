import { describe, expect, it } from 'vitest';
import { replenishmentDue } from './replenishment.ts';

describe('replenishmentDue', () => {
  it('keeps regular products bought >= 3 times, due = last + median interval, sorted by due date', () => {
    const due = replenishmentDue({
      // 30-day cycle (2024 is a leap year: Jan 31 -> Mar 1 is 30 days); same-day repeat counts once.
      coffee: ['2024-01-01', '2024-01-31', '2024-03-01', '2024-03-01T18:00:00Z'],
      // Intervals 10, 12, 14, 20: median 13, mean 14, sd sqrt(14), cv 0.267.
      serum: ['2024-01-01', '2024-01-11', '2024-01-23', '2024-02-06', '2024-02-26'],
      // Intervals 2 and 89: cv 0.956, irregular.
      shampoo: ['2024-01-01', '2024-01-03', '2024-04-01'],
      // Only two purchases.
      tea: ['2024-01-01', '2024-02-01'],
    });
    expect(due.map((d) => d.product)).toEqual(['serum', 'coffee']);
    const [serum, coffee] = due;
    expect(coffee).toMatchObject({ medianIntervalDays: 30, purchases: 3, intervalCv: 0 });
    expect(coffee.dueDate.toISOString()).toBe('2024-03-31T00:00:00.000Z');
    expect(coffee.lastPurchase.toISOString()).toBe('2024-03-01T00:00:00.000Z');
    expect(serum).toMatchObject({ medianIntervalDays: 13, purchases: 5 });
    expect(serum.intervalCv).toBeCloseTo(Math.sqrt(14) / 14, 12);
    expect(serum.dueDate.toISOString()).toBe('2024-03-10T00:00:00.000Z');
  });

  it('honours thresholds and accepts a Map with Date values', () => {
    const m = new Map([[42, [new Date('2024-01-01'), new Date('2024-01-03'), new Date('2024-04-01')]]]);
    expect(replenishmentDue(m)).toEqual([]);
    const loose = replenishmentDue(m, { maxCv: 1 });
    expect(loose).toHaveLength(1);
    expect(loose[0]).toMatchObject({ product: 42, medianIntervalDays: 45.5, purchases: 3 });
    expect(replenishmentDue({ tea: ['2024-01-01', '2024-02-01'] }, { minPurchases: 2 })[0].dueDate.toISOString()).toBe('2024-03-03T00:00:00.000Z');
    expect(() => replenishmentDue({ x: ['not a date'] })).toThrow(RangeError);
  });
});
