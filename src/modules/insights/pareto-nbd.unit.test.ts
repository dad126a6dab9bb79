import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture } from '../../../test/fixtures.ts';
import {
  explainParetoNbdProbabilityAlive,
  fitParetoNbd,
  paretoNbdChurnProbability,
  paretoNbdConditionalExpectedPurchases,
  paretoNbdExpectedPurchasesNewCustomer,
  paretoNbdLogLikelihood,
  paretoNbdProbabilityAlive,
  paretoNbdTotalLogLikelihood,
  scoreParetoNbd,
  type ParetoNbdParams,
} from './pareto-nbd.ts';
import { logGamma } from './special-functions.ts';
import { compressSummaries } from './summary.ts';

const CDNOW = fixture('cdnow');
const PUBLISHED: ParetoNbdParams = { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 };

function expectRelClose(actual: number, expected: number, rel: number) {
  expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThanOrEqual(rel);
}

/**
 * Independent check of the 2F1 closed form: the likelihood as "alive at T" plus the integral
 * over the drop-out time τ in (t_x, T], evaluated with composite Simpson's rule.
 */
function likelihoodByQuadrature(p: ParetoNbdParams, x: number, tx: number, T: number) {
  const { r, alpha, s, beta } = p;
  const c = Math.exp(logGamma(r + x) - logGamma(r) + r * Math.log(alpha) + s * Math.log(beta));
  const alive = c * Math.pow(alpha + T, -(r + x)) * Math.pow(beta + T, -s);
  const f = (tau: number) => c * s * Math.pow(alpha + tau, -(r + x)) * Math.pow(beta + tau, -(s + 1));
  const m = 4000;
  const h = (T - tx) / m;
  let sum = f(tx) + f(T);
  for (let k = 1; k < m; k++) sum += (k % 2 ? 4 : 2) * f(tx + k * h);
  const dead = (sum * h) / 3;
  return { alive, dead };
}

describe('Pareto/NBD on CDNOW (Fader & Hardie note)', () => {
  const rows = readFileSync(path.join(CDNOW, 'derived_cdnow_cal_holdout.csv'), 'utf8').trim().split('\n').slice(1);
  const cols = [1, 2, 3].map((c) => rows.map((r) => Number(r.split(',')[c])));

  it('reproduces the published estimates r=0.553, α=10.578, s=0.606, β=11.669, LL=−9595.0', () => {
    const fit = fitParetoNbd(cols[0], cols[1], cols[2]);
    expect(fit.converged).toBe(true);
    for (const k of ['r', 'alpha', 's', 'beta'] as const) expectRelClose(fit.params[k], PUBLISHED[k], 1e-3);
    expect(Math.abs(fit.logLikelihood - -9595.0)).toBeLessThan(0.05);
    // The published (3-decimal) estimates sit within 1e-3 log-likelihood units of our optimum.
    const llPublished = paretoNbdTotalLogLikelihood(PUBLISHED, compressSummaries(cols[0], cols[1], cols[2]).weighted);
    expect(llPublished).toBeLessThanOrEqual(fit.logLikelihood + 1e-9);
    expect(fit.logLikelihood - llPublished).toBeLessThan(1e-3);
  });
});

describe('Pareto/NBD closed forms', () => {
  // Both branches of the 2F1 formulation (α < β and α > β), plus a repeat-heavy customer.
  const cases: [ParetoNbdParams, number, number, number][] = [
    [PUBLISHED, 2, 30.43, 38.86],
    [PUBLISHED, 0, 0, 38.86],
    [{ r: 0.8, alpha: 25, s: 1.3, beta: 6 }, 4, 12.5, 52],
    [{ r: 2.1, alpha: 3, s: 0.4, beta: 40 }, 15, 50, 52],
  ];

  it.each(cases)('likelihood and P(alive) agree with numerical integration (%o, x=%d)', (p, x, tx, T) => {
    const { alive, dead } = likelihoodByQuadrature(p, x, tx, T);
    expect(paretoNbdLogLikelihood(p, x, tx, T)).toBeCloseTo(Math.log(alive + dead), 9);
    expect(paretoNbdProbabilityAlive(p, x, tx, T)).toBeCloseTo(alive / (alive + dead), 9);
    expect(paretoNbdChurnProbability(p, x, tx, T)).toBeCloseTo(dead / (alive + dead), 9);
  });

  it('conditional expectation = P(alive) · E[λ | alive] · expected remaining lifetime within t', () => {
    const { r, alpha, s, beta } = PUBLISHED;
    const [x, tx, T, t] = [2, 30.43, 38.86, 39];
    const pAlive = paretoNbdProbabilityAlive(PUBLISHED, x, tx, T);
    const expected =
      pAlive * ((r + x) / (alpha + T)) * ((beta + T) / (s - 1)) * (1 - Math.pow((beta + T) / (beta + T + t), s - 1));
    expect(paretoNbdConditionalExpectedPurchases(PUBLISHED, t, x, tx, T)).toBeCloseTo(expected, 10);
    expect(expected).toBeCloseTo(1.4551, 3);
  });

  it('new-customer expectation matches rβ/(α(s−1))·[1 − (β/(β+t))^(s−1)] and the x=t_x=T=0 case', () => {
    const { r, alpha, s, beta } = PUBLISHED;
    const direct = ((r * beta) / (alpha * (s - 1))) * (1 - Math.pow(beta / (beta + 39), s - 1));
    expect(paretoNbdExpectedPurchasesNewCustomer(PUBLISHED, 39)).toBeCloseTo(direct, 12);
    expect(paretoNbdConditionalExpectedPurchases(PUBLISHED, 39, 0, 0, 0)).toBeCloseTo(direct, 10);
    // s = 1 uses the logarithmic limit instead of dividing by zero.
    const p1 = { ...PUBLISHED, s: 1 };
    expect(paretoNbdExpectedPurchasesNewCustomer(p1, 39)).toBeCloseTo((r * beta / alpha) * Math.log((beta + 39) / beta), 10);
  });

  it('scores many customers and explains P(alive)', () => {
    const s = scoreParetoNbd(PUBLISHED, [2, 0, 2], [30.43, 0, 30.43], [38.86, 38.86, 38.86], 39);
    expect(s.probabilityAlive[0]).toBe(s.probabilityAlive[2]);
    expect(s.expectedPurchases[0]).toBe(paretoNbdConditionalExpectedPurchases(PUBLISHED, 39, 2, 30.43, 38.86));
    const e = explainParetoNbdProbabilityAlive(PUBLISHED, 2, 30.43, 38.86);
    expect(e.value).toBe(s.probabilityAlive[0]);
    expect(e.drivers).toMatchObject({ frequency: 2, recency: 30.43, T: 38.86 });
  });
});
