import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture } from '../../../test/fixtures.ts';
import { fitBgNbd, bgNbdConditionalExpectedPurchases } from './bgnbd.ts';
import {
  customerLifetimeValue,
  explainGammaGammaConditionalExpectedSpend,
  fitGammaGamma,
  gammaGammaConditionalExpectedSpend,
  gammaGammaLogLikelihood,
  gammaGammaPopulationMeanSpend,
} from './gamma-gamma.ts';

const CDNOW = fixture('cdnow');

function expectRelClose(actual: number, expected: number, rel: number) {
  expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThanOrEqual(rel);
}

// lifetimes' CDNOW summary with monetary value (ID, x, t_x, T, zbar; 2 decimals).
const rows = readFileSync(path.join(CDNOW, 'cdnow_customers_summary_with_transactions.csv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((r) => r.split(',').map(Number));
const x = rows.map((r) => r[1]);
const tx = rows.map((r) => r[2]);
const T = rows.map((r) => r[3]);
const m = rows.map((r) => r[4]);

describe('Gamma-Gamma on CDNOW', () => {
  const fit = fitGammaGamma(x, m);

  it('reproduces lifetimes: p = 6.2488, q = 3.7440, v = 15.4479 on the 946 repeat customers', () => {
    expect(fit.converged).toBe(true);
    expect(fit.customers).toBe(946);
    expectRelClose(fit.params.p, 6.2488, 1e-3);
    expectRelClose(fit.params.q, 3.744, 1e-3);
    expectRelClose(fit.params.v, 15.4479, 1e-3);
    // Rounded published figures p = 6.25, q = 3.74, v = 15.44 (3 significant digits).
    expectRelClose(fit.params.p, 6.25, 2e-3);
    expectRelClose(fit.params.q, 3.74, 2e-3);
    expectRelClose(fit.params.v, 15.44, 2e-3);
  });

  it('is a maximum: nearby parameters have a lower likelihood', () => {
    const ll = (p: typeof fit.params) => x.reduce((s, xi, i) => (xi > 0 ? s + gammaGammaLogLikelihood(p, xi, m[i]) : s), 0);
    expect(ll(fit.params)).toBeCloseTo(fit.logLikelihood, 8);
    for (const k of ['p', 'q', 'v'] as const) {
      expect(ll({ ...fit.params, [k]: fit.params[k] * 1.01 })).toBeLessThan(fit.logLikelihood);
      expect(ll({ ...fit.params, [k]: fit.params[k] * 0.99 })).toBeLessThan(fit.logLikelihood);
    }
  });

  it('conditional expected average spend matches the lifetimes documentation', () => {
    // lifetimes docs (customers 1, 2, 3, 6): 24.658619, 18.911489, 35.171002, 71.462851
    const expected = [24.658619, 18.911489, 35.171002, 0, 0, 71.462851];
    for (const i of [0, 1, 2, 5]) {
      expect(gammaGammaConditionalExpectedSpend(fit.params, x[i], m[i])).toBeCloseTo(expected[i], 3);
    }
    // No repeat purchase → the population mean p·v/(q−1).
    expect(gammaGammaPopulationMeanSpend(fit.params)).toBeCloseTo(35.171002, 3);
    const e = explainGammaGammaConditionalExpectedSpend(fit.params, 2, 22.35);
    expect(e.drivers.individualWeight).toBeCloseTo((2 * fit.params.p) / (2 * fit.params.p + fit.params.q - 1), 12);
    expect(e.drivers.populationMeanSpend).toBeCloseTo(35.171, 2);
  });

  it('customer lifetime value matches lifetimes (time=12, discount 1%, freq="D" i.e. 30 periods/month)', () => {
    const bg = fitBgNbd(x, tx, T).params;
    // lifetimes docs: 140.096211, 18.943467, 38.180574 for customers 1-3.
    const expected = [140.096211, 18.943467, 38.180574];
    for (let i = 0; i < 3; i++) {
      const spend = gammaGammaConditionalExpectedSpend(fit.params, x[i], m[i]);
      const clv = customerLifetimeValue((t) => bgNbdConditionalExpectedPurchases(bg, t, x[i], tx[i], T[i]), spend, {
        months: 12,
        discountRate: 0.01,
        periodsPerMonth: 30,
      });
      expectRelClose(clv.value, expected[i], 1e-4);
      expect(clv.drivers.expectedSpend).toBe(spend);
    }
  });

  it('undiscounted one-step CLV is spend × expected purchases', () => {
    const p = { r: 0.2426, alpha: 4.4136, a: 0.7929, b: 2.4259 };
    const clv = customerLifetimeValue((t) => bgNbdConditionalExpectedPurchases(p, t, 2, 30.43, 38.86), 20, {
      months: 1,
      discountRate: 0,
      periodsPerMonth: 39,
    });
    expect(clv.value).toBeCloseTo(20 * 1.2259, 3);
  });
});
