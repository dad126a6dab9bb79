// Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV: using iso-value curves";
// Fader & Hardie note "The Gamma-Gamma model of monetary value"). Each transaction value
// z ~ Gamma(p, ν), ν ~ Gamma(q, v). Fitted on repeat customers using the mean repeat spend.

import type { Explained, FitResult } from './bgnbd.ts';
import { bfgs } from './optimize.ts';
import { digamma, logGamma } from './special-functions.ts';

export interface GammaGammaParams {
  p: number;
  q: number;
  v: number;
}

/** Log-likelihood of one customer's mean spend m over x transactions (x > 0, m > 0). */
export function gammaGammaLogLikelihood(params: GammaGammaParams, x: number, m: number): number {
  const { p, q, v } = params;
  const px = p * x;
  return (
    logGamma(px + q) - logGamma(px) - logGamma(q) + q * Math.log(v) + (px - 1) * Math.log(m) +
    px * Math.log(x) - (px + q) * Math.log(x * m + v)
  );
}

export interface GammaGammaFitOptions {
  initial?: Partial<GammaGammaParams>;
  /** Optional per-customer weights (e.g. counts of identical rows). */
  weights?: ArrayLike<number>;
}

/**
 * ML fit. Customers with frequency 0 or non-positive spend carry no spend information and are
 * skipped, so callers may pass the whole book.
 */
export function fitGammaGamma(
  frequency: ArrayLike<number>,
  monetaryValue: ArrayLike<number>,
  options: GammaGammaFitOptions = {},
): FitResult<GammaGammaParams> {
  const xs: number[] = [];
  const ms: number[] = [];
  const ws: number[] = [];
  for (let i = 0; i < frequency.length; i++) {
    if (frequency[i] > 0 && monetaryValue[i] > 0) {
      xs.push(frequency[i]);
      ms.push(monetaryValue[i]);
      ws.push(options.weights ? options.weights[i] : 1);
    }
  }
  const n = xs.length;
  if (n === 0) throw new Error('fitGammaGamma: no customers with frequency > 0 and positive spend');
  const x = Float64Array.from(xs);
  const m = Float64Array.from(ms);
  const w = Float64Array.from(ws);
  const logM = m.map(Math.log);
  const logX = x.map(Math.log);
  let totalWeight = 0;
  let meanM = 0;
  for (let i = 0; i < n; i++) totalWeight += w[i];
  for (let i = 0; i < n; i++) meanM += (w[i] * m[i]) / totalWeight;

  const objective = (u: number[], grad: number[]): number => {
    const p = Math.exp(u[0]);
    const q = Math.exp(u[1]);
    const v = Math.exp(u[2]);
    const lgQ = logGamma(q);
    const dgQ = digamma(q);
    const logV = Math.log(v);
    let ll = 0;
    let gp = 0;
    let gq = 0;
    let gv = 0;
    for (let i = 0; i < n; i++) {
      const px = p * x[i];
      const logXmV = Math.log(x[i] * m[i] + v);
      const dgPxQ = digamma(px + q);
      ll += w[i] * (logGamma(px + q) - logGamma(px) - lgQ + q * logV + (px - 1) * logM[i] + px * logX[i] - (px + q) * logXmV);
      gp += w[i] * x[i] * (dgPxQ - digamma(px) + logM[i] + logX[i] - logXmV);
      gq += w[i] * (dgPxQ - dgQ + logV - logXmV);
      gv += w[i] * (q / v - (px + q) / (x[i] * m[i] + v));
    }
    grad[0] = (-gp * p) / totalWeight;
    grad[1] = (-gq * q) / totalWeight;
    grad[2] = (-gv * v) / totalWeight;
    return -ll / totalWeight;
  };
  // v has the units of money, so start it near the average spend.
  const init = { p: 1, q: 1, v: Math.max(meanM, 1e-6), ...options.initial };
  const res = bfgs(objective, [init.p, init.q, init.v].map(Math.log), { gradientTolerance: 1e-10 });
  const [p, q, v] = res.x.map(Math.exp);
  return {
    params: { p, q, v },
    logLikelihood: -res.fx * totalWeight,
    customers: totalWeight,
    uniqueRows: n,
    iterations: res.iterations,
    evaluations: res.evaluations,
    converged: res.converged,
  };
}

/** Population mean spend per transaction, E[Z] = p·v / (q − 1) (finite only for q > 1). */
export function gammaGammaPopulationMeanSpend(params: GammaGammaParams): number {
  const { p, q, v } = params;
  return q > 1 ? (p * v) / (q - 1) : Infinity;
}

/**
 * E[Z | x, m̄]: a credibility-weighted blend of the population mean and the customer's own mean,
 * the customer's weight growing with their number of repeat purchases.
 */
export function gammaGammaConditionalExpectedSpend(params: GammaGammaParams, x: number, m: number): number {
  return explainGammaGammaConditionalExpectedSpend(params, x, m).value;
}

export function explainGammaGammaConditionalExpectedSpend(
  params: GammaGammaParams,
  x: number,
  m: number,
): Explained {
  const { p, q } = params;
  const populationMean = gammaGammaPopulationMeanSpend(params);
  const individualWeight = x > 0 ? (p * x) / (p * x + q - 1) : 0;
  const value = x > 0 ? (1 - individualWeight) * populationMean + individualWeight * m : populationMean;
  return {
    value,
    drivers: { frequency: x, averageSpend: m, populationMeanSpend: populationMean, individualWeight },
  };
}

export interface LifetimeValueOptions {
  /** Months to project (lifetimes default: 12). */
  months?: number;
  /** Monthly discount rate (lifetimes default: 0.01). */
  discountRate?: number;
  /** Model periods per month, e.g. 30.4375 / 7 when the model is fitted in weeks. */
  periodsPerMonth: number;
}

/**
 * Discounted CLV as in lifetimes: Σ_i spend · (E[Y(i·f)] − E[Y((i−1)·f)]) / (1 + d)^i over months i,
 * where E[Y(t)] is the transaction model's cumulative conditional expectation.
 */
export function customerLifetimeValue(
  expectedPurchasesUpTo: (t: number) => number,
  expectedSpend: number,
  options: LifetimeValueOptions,
): Explained {
  const months = options.months ?? 12;
  const d = options.discountRate ?? 0.01;
  const f = options.periodsPerMonth;
  let clv = 0;
  let totalPurchases = 0;
  let previous = 0;
  for (let i = 1; i <= months; i++) {
    const cumulative = expectedPurchasesUpTo(i * f);
    const inMonth = cumulative - previous;
    previous = cumulative;
    totalPurchases += inMonth;
    clv += (expectedSpend * inMonth) / Math.pow(1 + d, i);
  }
  return {
    value: clv,
    drivers: { expectedPurchases: totalPurchases, expectedSpend, months, monthlyDiscountRate: d },
  };
}
