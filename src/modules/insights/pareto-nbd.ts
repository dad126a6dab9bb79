// Pareto/NBD (Schmittlein, Morrison & Colombo 1987), in the formulation of Fader & Hardie (2005),
// "A note on deriving the Pareto/NBD model and related expressions". Purchases ~ Poisson(λ),
// λ ~ Gamma(r, α); lifetime ~ Exponential(μ), μ ~ Gamma(s, β).

import type { Explained, FitResult } from './bgnbd.ts';
import { bfgs, nelderMeadRestarts, withNumericGradient } from './optimize.ts';
import { hyp2f1, logAddExp, logGamma, logSubExp } from './special-functions.ts';
import { compressSummaries, type WeightedSummaries } from './summary.ts';

export interface ParetoNbdParams {
  r: number;
  alpha: number;
  s: number;
  beta: number;
}

/**
 * log A0 from the note (eq. 19/20), in log space. The 2F1 argument is always in [0, 1) because we
 * branch on which of α, β is larger, and the difference of the two terms is formed with
 * logSubExp so neither power underflows on its own.
 */
function logA0(r: number, alpha: number, s: number, beta: number, x: number, tx: number, T: number): number {
  let maxAB: number;
  let bParam: number;
  if (alpha < beta) {
    maxAB = beta;
    bParam = r + x;
  } else {
    maxAB = alpha;
    bParam = s + 1;
  }
  const diff = Math.abs(alpha - beta);
  const rsx = r + s + x;
  const q1 = maxAB + tx;
  const q2 = maxAB + T;
  const p1 = hyp2f1(rsx, bParam, rsx + 1, diff / q1);
  const p2 = hyp2f1(rsx, bParam, rsx + 1, diff / q2);
  const l1 = Math.log(p1) - rsx * Math.log(q1);
  const l2 = Math.log(p2) - rsx * Math.log(q2);
  if (!(l1 > l2)) return -Infinity; // t_x = T (or round-off): the integral is empty
  return logSubExp(l1, l2);
}

function rowLogLikelihood(
  lgTerm: number,
  r: number,
  alpha: number,
  s: number,
  beta: number,
  x: number,
  tx: number,
  T: number,
): number {
  const aliveTerm = -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
  const deadTerm = Math.log(s) + logA0(r, alpha, s, beta, x, tx, T) - Math.log(r + s + x);
  return lgTerm + r * Math.log(alpha) + s * Math.log(beta) + logAddExp(aliveTerm, deadTerm);
}

/** Log-likelihood of one customer's (x, t_x, T). */
export function paretoNbdLogLikelihood(params: ParetoNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, s, beta } = params;
  return rowLogLikelihood(logGamma(r + x) - logGamma(r), r, alpha, s, beta, x, tx, T);
}

export function paretoNbdTotalLogLikelihood(params: ParetoNbdParams, data: WeightedSummaries): number {
  let ll = 0;
  for (let i = 0; i < data.length; i++) {
    ll += data.weight[i] * paretoNbdLogLikelihood(params, data.x[i], data.tx[i], data.T[i]);
  }
  return ll;
}

export interface ParetoFitOptions {
  initial?: Partial<ParetoNbdParams>;
}

/**
 * ML fit over log-params: BFGS with central-difference gradients (the 2F1 terms make analytic
 * gradients messy), falling back to restarted Nelder-Mead if BFGS fails.
 */
export function fitParetoNbdWeighted(
  data: WeightedSummaries,
  options: ParetoFitOptions = {},
): FitResult<ParetoNbdParams> {
  const n = data.length;
  if (n === 0) throw new Error('fitParetoNbd: no customers');
  const { x, tx, T, weight } = data;
  let totalWeight = 0;
  let meanT = 0;
  for (let i = 0; i < n; i++) totalWeight += weight[i];
  for (let i = 0; i < n; i++) meanT += (weight[i] * T[i]) / totalWeight;
  // Every per-row term depends on (x, t_x) or (x, T) only, and with day-resolution dates these
  // pairs repeat a lot, so each evaluation computes the 2F1 terms once per distinct pair.
  const pairs = new Map<number, Map<number, number>>();
  const pairX: number[] = [];
  const pairT: number[] = [];
  const pairOf = (xi: number, t: number): number => {
    let byT = pairs.get(xi);
    if (!byT) pairs.set(xi, (byT = new Map()));
    let k = byT.get(t);
    if (k === undefined) {
      byT.set(t, (k = pairX.length));
      pairX.push(xi);
      pairT.push(t);
    }
    return k;
  };
  const txPair = new Int32Array(n);
  const TPair = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    txPair[i] = pairOf(x[i], tx[i]);
    TPair[i] = pairOf(x[i], T[i]);
  }
  const np = pairX.length;
  const lgx = new Float64Array(np); // lnΓ(r+x) − lnΓ(r)
  const logTerm = new Float64Array(np); // ln 2F1(...) − (r+s+x)·ln(max(α,β) + t)
  const aliveTerm = new Float64Array(np); // −(r+x)·ln(α+t) − s·ln(β+t)
  const lgCache = new Map<number, number>();

  const objective = (u: number[]): number => {
    const [r, alpha, s, beta] = u.map(Math.exp);
    // Keep the optimiser out of regions where the params are numerically meaningless.
    if (![r, alpha, s, beta].every((v) => v > 1e-8 && v < 1e8)) return Infinity;
    const lgR = logGamma(r);
    lgCache.clear();
    const maxAB = Math.max(alpha, beta);
    const diff = Math.abs(alpha - beta);
    const logS = Math.log(s);
    for (let k = 0; k < np; k++) {
      const xk = pairX[k];
      const t = pairT[k];
      let lg = lgCache.get(xk);
      if (lg === undefined) lgCache.set(xk, (lg = logGamma(r + xk) - lgR));
      lgx[k] = lg;
      const rsx = r + s + xk;
      const q = maxAB + t;
      logTerm[k] = Math.log(hyp2f1(rsx, alpha < beta ? r + xk : s + 1, rsx + 1, diff / q)) - rsx * Math.log(q);
      aliveTerm[k] = -(r + xk) * Math.log(alpha + t) - s * Math.log(beta + t);
    }
    let ll = 0;
    for (let i = 0; i < n; i++) {
      const kT = TPair[i];
      const l1 = logTerm[txPair[i]];
      const l2 = logTerm[kT];
      const logA0 = l1 > l2 ? logSubExp(l1, l2) : -Infinity;
      const dead = logS + logA0 - Math.log(r + s + x[i]);
      ll += weight[i] * (lgx[kT] + logAddExp(aliveTerm[kT], dead));
    }
    return -ll / totalWeight - r * Math.log(alpha) - s * Math.log(beta);
  };
  const scale = Math.max(meanT, 1e-3);
  const init = { r: 1, alpha: scale, s: 1, beta: scale, ...options.initial };
  const u0 = [init.r, init.alpha, init.s, init.beta].map(Math.log);
  let res = bfgs(withNumericGradient(objective), u0, { gradientTolerance: 1e-8 });
  if (!res.converged || !Number.isFinite(res.fx)) {
    // Fall back to the derivative-free simplex if BFGS wandered into an invalid region.
    const nm = nelderMeadRestarts(objective, Number.isFinite(res.fx) ? res.x : u0, {
      fTolerance: 1e-13,
      xTolerance: 1e-8,
      maxIterations: 4000,
    });
    if (!(nm.fx > res.fx)) res = { ...nm, evaluations: nm.evaluations + res.evaluations };
  }
  const [r, alpha, s, beta] = res.x.map(Math.exp);
  return {
    params: { r, alpha, s, beta },
    logLikelihood: -res.fx * totalWeight,
    customers: totalWeight,
    uniqueRows: n,
    iterations: res.iterations,
    evaluations: res.evaluations,
    converged: res.converged,
  };
}

export function fitParetoNbd(
  x: ArrayLike<number>,
  tx: ArrayLike<number>,
  T: ArrayLike<number>,
  options: ParetoFitOptions = {},
): FitResult<ParetoNbdParams> {
  return fitParetoNbdWeighted(compressSummaries(x, tx, T).weighted, options);
}

/** P(alive at T | x, t_x, T) (note eq. 18). */
export function paretoNbdProbabilityAlive(params: ParetoNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, s, beta } = params;
  const la0 = logA0(r, alpha, s, beta, x, tx, T);
  if (la0 === -Infinity) return 1;
  const logRatio =
    Math.log(s) - Math.log(r + s + x) + (r + x) * Math.log(alpha + T) + s * Math.log(beta + T) + la0;
  return 1 / (1 + Math.exp(logRatio));
}

export function paretoNbdChurnProbability(params: ParetoNbdParams, x: number, tx: number, T: number): number {
  return 1 - paretoNbdProbabilityAlive(params, x, tx, T);
}

/** E[Y(t) | x, t_x, T] (note eq. 21). */
export function paretoNbdConditionalExpectedPurchases(
  params: ParetoNbdParams,
  t: number,
  x: number,
  tx: number,
  T: number,
): number {
  if (t <= 0) return 0;
  const { r, alpha, s, beta } = params;
  const ll = paretoNbdLogLikelihood(params, x, tx, T);
  const logAlivePart =
    logGamma(r + x) - logGamma(r) + r * Math.log(alpha) + s * Math.log(beta) -
    (r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
  const logRate = Math.log(r + x) + Math.log(beta + T) - Math.log(alpha + T);
  return Math.exp(logAlivePart + logRate - ll) * survivalIntegral(s, beta + T, t);
}

/** E[X(t)] for a new customer: rβ/(α(s−1)) · [1 − (β/(β+t))^(s−1)]. */
export function paretoNbdExpectedPurchasesNewCustomer(params: ParetoNbdParams, t: number): number {
  if (t <= 0) return 0;
  const { r, alpha, s, beta } = params;
  return ((r * beta) / alpha) * survivalIntegral(s, beta, t);
}

// [1 − (B/(B+t))^(s−1)] / (s−1), with its s → 1 limit ln((B+t)/B).
function survivalIntegral(s: number, B: number, t: number): number {
  const logRatio = Math.log(B / (B + t));
  if (Math.abs(s - 1) < 1e-9) return -logRatio;
  return -Math.expm1((s - 1) * logRatio) / (s - 1);
}

function historyDrivers(params: ParetoNbdParams, x: number, tx: number, T: number): Record<string, number> {
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

export function explainParetoNbdProbabilityAlive(
  params: ParetoNbdParams,
  x: number,
  tx: number,
  T: number,
): Explained {
  return { value: paretoNbdProbabilityAlive(params, x, tx, T), drivers: historyDrivers(params, x, tx, T) };
}

export function explainParetoNbdConditionalExpectedPurchases(
  params: ParetoNbdParams,
  t: number,
  x: number,
  tx: number,
  T: number,
): Explained {
  return {
    value: paretoNbdConditionalExpectedPurchases(params, t, x, tx, T),
    drivers: {
      ...historyDrivers(params, x, tx, T),
      horizon: t,
      probabilityAlive: paretoNbdProbabilityAlive(params, x, tx, T),
    },
  };
}

/** Score many customers, evaluating each distinct (x, t_x, T) once. */
export function scoreParetoNbd(
  params: ParetoNbdParams,
  x: ArrayLike<number>,
  tx: ArrayLike<number>,
  T: ArrayLike<number>,
  horizon: number,
): { probabilityAlive: Float64Array; expectedPurchases: Float64Array } {
  const { weighted, index } = compressSummaries(x, tx, T);
  const pa = new Float64Array(weighted.length);
  const ep = new Float64Array(weighted.length);
  for (let i = 0; i < weighted.length; i++) {
    pa[i] = paretoNbdProbabilityAlive(params, weighted.x[i], weighted.tx[i], weighted.T[i]);
    ep[i] = paretoNbdConditionalExpectedPurchases(params, horizon, weighted.x[i], weighted.tx[i], weighted.T[i]);
  }
  const probabilityAlive = new Float64Array(index.length);
  const expectedPurchases = new Float64Array(index.length);
  for (let i = 0; i < index.length; i++) {
    probabilityAlive[i] = pa[index[i]];
    expectedPurchases[i] = ep[index[i]];
  }
  return { probabilityAlive, expectedPurchases };
}
