// BG/NBD model (Fader, Hardie & Lee 2005, "Counting your customers the easy way").
// Transactions while alive ~ Poisson(λ), λ ~ Gamma(r, α); after each purchase the customer
// drops out with probability p, p ~ Beta(a, b). Time unit is whatever the summaries use.

import { bfgs } from './optimize.ts';
import { digamma, hyp2f1, logAddExp, logGamma } from './special-functions.ts';
import { compressSummaries, type WeightedSummaries } from './summary.ts';

export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

export interface FitResult<P> {
  params: P;
  logLikelihood: number;
  /** Total weight (number of customers) used in the fit. */
  customers: number;
  /** Distinct (x, t_x, T) rows the likelihood was evaluated on. */
  uniqueRows: number;
  iterations: number;
  /** Objective evaluations used by the optimiser. */
  evaluations: number;
  converged: boolean;
}

/** Plain-object explanation so the UI can show why a figure is what it is. */
export interface Explained {
  value: number;
  drivers: Record<string, number>;
}

/** Log-likelihood of one customer's (x, t_x, T). */
export function bgNbdLogLikelihood(params: BgNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = params;
  const a1 = logGamma(r + x) - logGamma(r) + r * Math.log(alpha);
  const a2 = logGamma(a + b) + logGamma(b + x) - logGamma(b) - logGamma(a + b + x);
  const a3 = -(r + x) * Math.log(alpha + T);
  const a4 = x > 0 ? Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx) : -Infinity;
  return a1 + a2 + logAddExp(a3, a4);
}

/** Sum of weighted log-likelihoods over compressed summaries. */
export function bgNbdTotalLogLikelihood(params: BgNbdParams, data: WeightedSummaries): number {
  const objective = makeObjective(data);
  const grad = [0, 0, 0, 0];
  const u = [Math.log(params.r), Math.log(params.alpha), Math.log(params.a), Math.log(params.b)];
  return -objective(u, grad) * objective.totalWeight;
}

/** Index of each value among the distinct values of `values` (which holds few in practice). */
function distinctIndex(values: Float64Array): { distinct: Float64Array; index: Int32Array } {
  const map = new Map<number, number>();
  const index = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    let k = map.get(values[i]);
    if (k === undefined) map.set(values[i], (k = map.size));
    index[i] = k;
  }
  return { distinct: Float64Array.from(map.keys()), index };
}

/**
 * Mean negative log-likelihood over log-params and its analytic gradient. Gamma-function terms
 * depend on x only, and log(α + T), log(α + t_x) on one column each; dates have day resolution,
 * so these take a few thousand distinct values and are computed once per evaluation, leaving
 * one exp and one log1p per row.
 */
function makeObjective(data: WeightedSummaries) {
  const n = data.length;
  const { x, weight } = data;
  const { distinct: xs, index: xIndex } = distinctIndex(x);
  const { distinct: Ts, index: TIndex } = distinctIndex(data.T);
  const { distinct: txs, index: txIndex } = distinctIndex(data.tx);
  const m = xs.length;
  const cA = new Float64Array(m); // lnΓ(r+x) − lnΓ(r) + A2
  const cDr = new Float64Array(m);
  const cDa = new Float64Array(m);
  const cDb = new Float64Array(m);
  const cLogTerm = new Float64Array(m); // ln a − ln(b+x−1), or −∞ when x = 0
  const cInvBx1 = new Float64Array(m);
  const logAT = new Float64Array(Ts.length);
  const invAT = new Float64Array(Ts.length);
  const logATx = new Float64Array(txs.length);
  const invATx = new Float64Array(txs.length);
  let totalWeight = 0;
  for (let i = 0; i < n; i++) totalWeight += weight[i];

  const f = (u: number[], grad: number[]): number => {
    const r = Math.exp(u[0]);
    const alpha = Math.exp(u[1]);
    const a = Math.exp(u[2]);
    const b = Math.exp(u[3]);
    const lgR = logGamma(r);
    const dgR = digamma(r);
    const lgAB = logGamma(a + b);
    const dgAB = digamma(a + b);
    const lgB = logGamma(b);
    const dgB = digamma(b);
    const logA = Math.log(a);
    const logAlpha = Math.log(alpha);
    for (let k = 0; k < m; k++) {
      const xk = xs[k];
      const abx = a + b + xk;
      cA[k] = logGamma(r + xk) - lgR + lgAB + logGamma(b + xk) - lgB - logGamma(abx);
      cDr[k] = digamma(r + xk) - dgR;
      const dgABX = digamma(abx);
      cDa[k] = dgAB - dgABX;
      cDb[k] = dgAB + digamma(b + xk) - dgB - dgABX;
      if (xk > 0) {
        cLogTerm[k] = logA - Math.log(b + xk - 1);
        cInvBx1[k] = 1 / (b + xk - 1);
      } else {
        cLogTerm[k] = -Infinity;
        cInvBx1[k] = 0;
      }
    }
    for (let j = 0; j < Ts.length; j++) {
      logAT[j] = Math.log(alpha + Ts[j]);
      invAT[j] = 1 / (alpha + Ts[j]);
    }
    for (let j = 0; j < txs.length; j++) {
      logATx[j] = Math.log(alpha + txs[j]);
      invATx[j] = 1 / (alpha + txs[j]);
    }
    let ll = 0;
    let gr = 0;
    let gAlpha = 0;
    let ga = 0;
    let gb = 0;
    for (let i = 0; i < n; i++) {
      const k = xIndex[i];
      const ti = TIndex[i];
      const w = weight[i];
      const rx = r + x[i];
      const a3 = -rx * logAT[ti];
      let li = cA[k];
      if (x[i] > 0) {
        const si = txIndex[i];
        const a4 = cLogTerm[k] - rx * logATx[si];
        // w4: posterior weight of "dropped out after the last purchase" vs "still alive".
        const d = a3 - a4;
        let w4: number;
        if (d > 0) {
          const e = Math.exp(-d);
          li += a3 + Math.log1p(e);
          w4 = e / (1 + e);
        } else {
          const e = Math.exp(d);
          li += a4 + Math.log1p(e);
          w4 = 1 / (1 + e);
        }
        const w3 = 1 - w4;
        gr += w * (cDr[k] - w3 * logAT[ti] - w4 * logATx[si]);
        gAlpha += w * rx * (w3 * invAT[ti] + w4 * invATx[si]);
        ga += w * (cDa[k] + w4 / a);
        gb += w * (cDb[k] - w4 * cInvBx1[k]);
      } else {
        li += a3;
        gr += w * (cDr[k] - logAT[ti]);
        gAlpha += w * rx * invAT[ti];
        ga += w * cDa[k];
        gb += w * cDb[k];
      }
      ll += w * li;
    }
    // Terms shared by every row: r·ln α in the value, ln α in ∂/∂r and r/α in ∂/∂α.
    ll += totalWeight * r * logAlpha;
    gr += totalWeight * logAlpha;
    gAlpha = totalWeight * (r / alpha) - gAlpha;
    // Chain rule to log-params, negated and averaged (keeps the scale independent of n).
    grad[0] = (-gr * r) / totalWeight;
    grad[1] = (-gAlpha * alpha) / totalWeight;
    grad[2] = (-ga * a) / totalWeight;
    grad[3] = (-gb * b) / totalWeight;
    return -ll / totalWeight;
  };
  return Object.assign(f, { totalWeight });
}

export interface FitOptions {
  initial?: Partial<BgNbdParams>;
  maxIterations?: number;
}

/** Maximum-likelihood fit on compressed (weighted) summaries — the fast path. */
export function fitBgNbdWeighted(data: WeightedSummaries, options: FitOptions = {}): FitResult<BgNbdParams> {
  if (data.length === 0) throw new Error('fitBgNbd: no customers');
  const objective = makeObjective(data);
  let meanT = 0;
  for (let i = 0; i < data.length; i++) meanT += (data.weight[i] * data.T[i]) / objective.totalWeight;
  // α is in time units, so start it at the typical customer age to be unit-independent.
  const init = { r: 1, alpha: Math.max(meanT, 1e-3), a: 1, b: 1, ...options.initial };
  const u0 = [init.r, init.alpha, init.a, init.b].map(Math.log);
  const res = bfgs(objective, u0, { maxIterations: options.maxIterations ?? 1000, gradientTolerance: 1e-9 });
  const [r, alpha, a, b] = res.x.map(Math.exp);
  return {
    params: { r, alpha, a, b },
    logLikelihood: -res.fx * objective.totalWeight,
    customers: objective.totalWeight,
    uniqueRows: data.length,
    iterations: res.iterations,
    evaluations: res.evaluations,
    converged: res.converged,
  };
}

/** Fit from per-customer arrays (compressed internally). */
export function fitBgNbd(
  x: ArrayLike<number>,
  tx: ArrayLike<number>,
  T: ArrayLike<number>,
  options: FitOptions = {},
): FitResult<BgNbdParams> {
  return fitBgNbdWeighted(compressSummaries(x, tx, T).weighted, options);
}

/** P(alive at T | x, t_x, T). Customers with no repeat purchase are alive by assumption. */
export function bgNbdProbabilityAlive(params: BgNbdParams, x: number, tx: number, T: number): number {
  if (x <= 0) return 1;
  const { r, alpha, a, b } = params;
  const logRatio = Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
  return 1 / (1 + Math.exp(logRatio));
}

export function bgNbdChurnProbability(params: BgNbdParams, x: number, tx: number, T: number): number {
  return 1 - bgNbdProbabilityAlive(params, x, tx, T);
}

/** E[Y(t) | x, t_x, T]: expected purchases in the next t periods given the history (FHL eq. 10). */
export function bgNbdConditionalExpectedPurchases(
  params: BgNbdParams,
  t: number,
  x: number,
  tx: number,
  T: number,
): number {
  if (t <= 0) return 0;
  const { r, alpha, b } = params;
  const a = nudgeA(params.a);
  const z = t / (alpha + T + t);
  const hyp = hyp2f1(r + x, b + x, a + b + x - 1, z);
  const lead = (a + b + x - 1) / (a - 1);
  const second = 1 - hyp * Math.exp((r + x) * Math.log((alpha + T) / (alpha + T + t)));
  const denom =
    1 + (x > 0 ? (a / (b + x - 1)) * Math.exp((r + x) * Math.log((alpha + T) / (alpha + tx))) : 0);
  return (lead * second) / denom;
}

/** E[X(t)]: expected purchases in a new customer's first t periods (FHL eq. 9). */
export function bgNbdExpectedPurchasesNewCustomer(params: BgNbdParams, t: number): number {
  if (t <= 0) return 0;
  const { r, alpha, b } = params;
  const a = nudgeA(params.a);
  const hyp = hyp2f1(r, b, a + b - 1, t / (alpha + t));
  return ((a + b - 1) / (a - 1)) * (1 - Math.exp(r * Math.log(alpha / (alpha + t))) * hyp);
}

// The closed forms have a removable singularity at a = 1; step just off it.
function nudgeA(a: number): number {
  return Math.abs(a - 1) < 1e-7 ? 1 + 1e-7 : a;
}

function historyDrivers(params: BgNbdParams, x: number, tx: number, T: number): Record<string, number> {
  // Posterior mean purchase rate if alive: λ | data ~ Gamma(r + x, α + T).
  const rate = (params.r + x) / (params.alpha + T);
  return {
    frequency: x,
    recency: tx,
    T,
    periodsSinceLastPurchase: T - tx,
    expectedPurchaseRate: rate,
    typicalPeriodsBetweenPurchases: 1 / rate,
  };
}

export function explainBgNbdProbabilityAlive(params: BgNbdParams, x: number, tx: number, T: number): Explained {
  return { value: bgNbdProbabilityAlive(params, x, tx, T), drivers: historyDrivers(params, x, tx, T) };
}

export function explainBgNbdChurnProbability(params: BgNbdParams, x: number, tx: number, T: number): Explained {
  const pAlive = bgNbdProbabilityAlive(params, x, tx, T);
  return { value: 1 - pAlive, drivers: { ...historyDrivers(params, x, tx, T), probabilityAlive: pAlive } };
}

export function explainBgNbdConditionalExpectedPurchases(
  params: BgNbdParams,
  t: number,
  x: number,
  tx: number,
  T: number,
): Explained {
  return {
    value: bgNbdConditionalExpectedPurchases(params, t, x, tx, T),
    drivers: { ...historyDrivers(params, x, tx, T), horizon: t, probabilityAlive: bgNbdProbabilityAlive(params, x, tx, T) },
  };
}

export interface Scores {
  probabilityAlive: Float64Array;
  expectedPurchases: Float64Array;
}

/** Score many customers: each distinct (x, t_x, T) is evaluated once then scattered back. */
export function scoreBgNbd(
  params: BgNbdParams,
  x: ArrayLike<number>,
  tx: ArrayLike<number>,
  T: ArrayLike<number>,
  horizon: number,
): Scores {
  const { weighted, index } = compressSummaries(x, tx, T);
  const pa = new Float64Array(weighted.length);
  const ep = new Float64Array(weighted.length);
  for (let i = 0; i < weighted.length; i++) {
    pa[i] = bgNbdProbabilityAlive(params, weighted.x[i], weighted.tx[i], weighted.T[i]);
    ep[i] = bgNbdConditionalExpectedPurchases(params, horizon, weighted.x[i], weighted.tx[i], weighted.T[i]);
  }
  const n = index.length;
  const probabilityAlive = new Float64Array(n);
  const expectedPurchases = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    probabilityAlive[i] = pa[index[i]];
    expectedPurchases[i] = ep[index[i]];
  }
  return { probabilityAlive, expectedPurchases };
}
