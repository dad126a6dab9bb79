import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture } from '../../../test/fixtures.ts';
import {
  bgNbdChurnProbability,
  bgNbdConditionalExpectedPurchases,
  bgNbdExpectedPurchasesNewCustomer,
  bgNbdLogLikelihood,
  bgNbdProbabilityAlive,
  bgNbdTotalLogLikelihood,
  explainBgNbdProbabilityAlive,
  fitBgNbd,
  fitBgNbdWeighted,
  scoreBgNbd,
  type BgNbdParams,
} from './bgnbd.ts';
import { simulateBgNbd } from './simulate.ts';
import { compressSummaries } from './summary.ts';

const CDNOW = fixture('cdnow');

function readColumns(file: string, cols: number[]): number[][] {
  const rows = readFileSync(path.join(CDNOW, file), 'utf8').trim().split('\n').slice(1);
  return cols.map((c) => rows.map((r) => Number(r.split(',')[c])));
}

function expectRelClose(actual: number, expected: number, rel: number) {
  expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThanOrEqual(rel);
}

// lifetimes BetaGeoFitter on the CDNOW summary (weeks).
const LIFETIMES: BgNbdParams = { r: 0.2426, alpha: 4.4136, a: 0.7929, b: 2.4259 };

describe('BG/NBD on CDNOW (Fader, Hardie & Lee 2005)', () => {
  const [x, tx, T] = readColumns('derived_cdnow_cal_holdout.csv', [1, 2, 3]);

  it('reproduces the published maximum-likelihood estimates and log-likelihood', () => {
    const fit = fitBgNbd(x, tx, T);
    expect(fit.converged).toBe(true);
    expect(fit.customers).toBe(2357);
    // FHL 2005: r = 0.243, α = 4.414, a = 0.793, b = 2.426, LL = −9582.4 (3 decimals, so 2e-3).
    expectRelClose(fit.params.r, 0.243, 2e-3);
    expectRelClose(fit.params.alpha, 4.414, 1e-3);
    expectRelClose(fit.params.a, 0.793, 1e-3);
    expectRelClose(fit.params.b, 2.426, 1e-3);
    expect(Math.abs(fit.logLikelihood - -9582.4)).toBeLessThan(0.05);
    for (const k of ['r', 'alpha', 'a', 'b'] as const) expectRelClose(fit.params[k], LIFETIMES[k], 1e-3);
    // Log-likelihood at lifetimes' (4-digit) estimates is within 1e-2 of our optimum.
    const ll = bgNbdTotalLogLikelihood(LIFETIMES, compressSummaries(x, tx, T).weighted);
    expect(Math.abs(ll - fit.logLikelihood)).toBeLessThan(1e-2);
  });

  it('matches lifetimes on its own 2-decimal summary file', () => {
    const [fx, ftx, fT] = readColumns('cdnow_customers_summary.csv', [1, 2, 3]);
    const fit = fitBgNbd(fx, ftx, fT);
    for (const k of ['r', 'alpha', 'a', 'b'] as const) expectRelClose(fit.params[k], LIFETIMES[k], 1e-3);
  });

  it('total weighted log-likelihood equals the per-customer sum', () => {
    let sum = 0;
    for (let i = 0; i < x.length; i++) sum += bgNbdLogLikelihood(LIFETIMES, x[i], tx[i], T[i]);
    const weighted = compressSummaries(x, tx, T).weighted;
    expect(weighted.length).toBeLessThan(x.length); // compression actually happens
    expect(bgNbdTotalLogLikelihood(LIFETIMES, weighted)).toBeCloseTo(sum, 8);
  });
});

describe('BG/NBD customer-level quantities', () => {
  it('conditional expected purchases for x=2, t_x=30.43, T=38.86 over 39 weeks ≈ 1.226 (FHL, lifetimes)', () => {
    expect(bgNbdConditionalExpectedPurchases(LIFETIMES, 39, 2, 30.43, 38.86)).toBeCloseTo(1.226, 3);
  });

  it('P(alive) matches a hand computation and is 1 − churn', () => {
    // 1 / (1 + a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)) = 1 / (1 + 0.231443 · 1.625634) = 0.72662
    const p = bgNbdProbabilityAlive(LIFETIMES, 2, 30.43, 38.86);
    expect(p).toBeCloseTo(0.72662, 4);
    expect(bgNbdChurnProbability(LIFETIMES, 2, 30.43, 38.86)).toBeCloseTo(1 - p, 12);
    expect(bgNbdProbabilityAlive(LIFETIMES, 0, 0, 38.86)).toBe(1);
    // Recent buyers look more alive than customers silent for most of T.
    expect(bgNbdProbabilityAlive(LIFETIMES, 5, 38, 38.86)).toBeGreaterThan(bgNbdProbabilityAlive(LIFETIMES, 5, 10, 38.86));
  });

  it('P(alive) is the posterior share of the "still active" likelihood component', () => {
    const { r, alpha, a, b } = LIFETIMES;
    const [x, txx, T] = [3, 20, 38.86];
    const alive = Math.exp(bgNbdLogLikelihood(LIFETIMES, x, txx, T));
    // Dropped-out component: B(a+1, b+x−1)/B(a,b) · Γ(r+x)α^r/(Γ(r)(α+t_x)^(r+x)); ratio to alive term:
    const ratio = (a / (b + x - 1)) * Math.pow((alpha + T) / (alpha + txx), r + x);
    expect(bgNbdProbabilityAlive(LIFETIMES, x, txx, T)).toBeCloseTo(1 / (1 + ratio), 12);
    expect(alive).toBeGreaterThan(0);
  });

  it('explains P(alive) with its drivers', () => {
    const e = explainBgNbdProbabilityAlive(LIFETIMES, 2, 30.43, 38.86);
    expect(e.value).toBeCloseTo(0.72662, 4);
    expect(e.drivers.frequency).toBe(2);
    expect(e.drivers.recency).toBe(30.43);
    expect(e.drivers.T).toBe(38.86);
    expect(e.drivers.periodsSinceLastPurchase).toBeCloseTo(8.43, 10);
    expect(e.drivers.expectedPurchaseRate).toBeCloseTo(2.2426 / 43.2736, 10);
  });

  it('new-customer expectation equals the conditional one at x = t_x = T = 0 and starts at rate r/α', () => {
    for (const t of [1, 39, 78]) {
      expect(bgNbdExpectedPurchasesNewCustomer(LIFETIMES, t)).toBeCloseTo(
        bgNbdConditionalExpectedPurchases(LIFETIMES, t, 0, 0, 0),
        10,
      );
    }
    const h = 1e-4;
    expect(bgNbdExpectedPurchasesNewCustomer(LIFETIMES, h) / h).toBeCloseTo(LIFETIMES.r / LIFETIMES.alpha, 4);
  });

  it('new-customer expectation agrees with a Monte Carlo simulation of the process', () => {
    const n = 200_000;
    const sim = simulateBgNbd(LIFETIMES, new Float64Array(n).fill(39), 12345);
    let mean = 0;
    for (let i = 0; i < n; i++) mean += sim.x[i] / n;
    const exact = bgNbdExpectedPurchasesNewCustomer(LIFETIMES, 39);
    expect(exact).toBeCloseTo(1.195, 3);
    expect(Math.abs(mean - exact)).toBeLessThan(0.03); // ≈ 5 standard errors
  });

  it('scoreBgNbd equals the per-customer functions', () => {
    const x = [0, 2, 2, 7];
    const tx = [0, 30.43, 30.43, 29.43];
    const T = [38.86, 38.86, 38.86, 38.86];
    const s = scoreBgNbd(LIFETIMES, x, tx, T, 39);
    for (let i = 0; i < x.length; i++) {
      expect(s.probabilityAlive[i]).toBe(bgNbdProbabilityAlive(LIFETIMES, x[i], tx[i], T[i]));
      expect(s.expectedPurchases[i]).toBe(bgNbdConditionalExpectedPurchases(LIFETIMES, 39, x[i], tx[i], T[i]));
    }
  });
});

describe('BG/NBD parameter recovery', () => {
  it('recovers the generating parameters from 100k simulated customers', () => {
    const truth: BgNbdParams = { r: 0.5, alpha: 20, a: 0.8, b: 3 };
    const n = 100_000;
    const T = new Float64Array(n);
    for (let i = 0; i < n; i++) T[i] = 30 + (i % 336); // cohorts of ages 30..365 days
    const sim = simulateBgNbd(truth, T, 7);
    const fit = fitBgNbdWeighted(compressSummaries(sim.x, sim.tx, sim.T).weighted);
    expect(fit.converged).toBe(true);
    expectRelClose(fit.params.r, truth.r, 0.05);
    expectRelClose(fit.params.alpha, truth.alpha, 0.07);
    expectRelClose(fit.params.a, truth.a, 0.15);
    expectRelClose(fit.params.b, truth.b, 0.2);
  });
});
