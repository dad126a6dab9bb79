import { describe, expect, it } from 'vitest';
import { evaluateHitRate, ordersToCustomers, type CustomerHistory } from './evaluation.ts';

// Known by construction (see expectations below):
// - 40 one-basket shoppers buy {A, B}, 40 buy {C, D}: the co-occurrence the rules learn.
// - pop01..pop12 are each bought alone by 100 one-basket shoppers: the popularity ranking.
// - 20 evaluated customers buy A, then (hidden) B; 20 buy C, then (hidden) D.
// - 10 evaluated customers buy pop11, then (hidden) pop01: no rule applies, popularity hits.
function syntheticCustomers(): CustomerHistory[] {
  const customers: CustomerHistory[] = [];
  let id = 0;
  const one = (items: string[]) => customers.push({ customerId: `c${id++}`, baskets: [{ date: '2024-01-05', items }] });
  for (let i = 0; i < 40; i++) one(['A', 'B']);
  for (let i = 0; i < 40; i++) one(['C', 'D']);
  for (let p = 1; p <= 12; p++) for (let i = 0; i < 100; i++) one([`pop${String(p).padStart(2, '0')}`]);
  const two = (first: string, last: string) =>
    customers.push({
      customerId: `c${id++}`,
      // Deliberately out of order: the evaluator must sort by date.
      baskets: [
        { date: '2024-03-01', items: [last] },
        { date: '2024-02-01', items: [first] },
      ],
    });
  for (let i = 0; i < 20; i++) two('A', 'B');
  for (let i = 0; i < 20; i++) two('C', 'D');
  for (let i = 0; i < 10; i++) two('pop11', 'pop01');
  return customers;
}

describe('evaluateHitRate', () => {
  it('rules beat popularity on complement purchases; figures exact by construction', () => {
    const r = evaluateHitRate(syntheticCustomers(), 10);
    expect(r.customersEvaluated).toBe(50);
    // 80 pair baskets + 1200 popular baskets + 50 history baskets.
    expect(r.trainingBaskets).toBe(1330);
    // A=>B (40/60), B=>A (40/40), C=>D, D=>C; no single item reaches 10% support.
    expect(r.ruleCount).toBe(4);
    expect(r.rules).toEqual({ hits: 40, hitRate: 0.8 });
    expect(r.popularity).toEqual({ hits: 10, hitRate: 0.2 });
    expect(r.rulesWithPopularityFallback).toEqual({ hits: 50, hitRate: 1 });
    expect(r.rulesCoverage).toBe(40);
  });

  it('k matters for the popularity baseline; high confidence threshold removes A=>B', () => {
    // With k = 1 the popular pick for pop11 buyers is pop01 (ties broken by name), still a hit.
    expect(evaluateHitRate(syntheticCustomers(), 1).popularity.hits).toBe(10);
    const strict = evaluateHitRate(syntheticCustomers(), 10, { minConfidence: 0.9 });
    expect(strict.ruleCount).toBe(2); // only B=>A and D=>C (confidence 1)
    expect(strict.rules.hits).toBe(0);
  });

  it('ordersToCustomers groups lines into per-date baskets', () => {
    const c = ordersToCustomers([
      { customerId: 'x', date: '2024-01-01', product: 'a' },
      { customerId: 'x', date: '2024-01-01', product: 'b' },
      { customerId: 'x', date: '2024-01-01', product: 'a' },
      { customerId: 'x', date: '2024-02-01', product: 'c' },
      { customerId: 'y', date: '2024-01-01', product: 'a' },
    ]);
    expect(c).toEqual([
      { customerId: 'x', baskets: [{ date: '2024-01-01', items: ['a', 'b'] }, { date: '2024-02-01', items: ['c'] }] },
      { customerId: 'y', baskets: [{ date: '2024-01-01', items: ['a'] }] },
    ]);
  });
});
