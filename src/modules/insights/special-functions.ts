// Special functions needed by the probability models. Pure JS, no dependencies.

// Lanczos approximation (g = 7, n = 9): ~15 significant digits for x > 0.
const LANCZOS_G = 7;
const LANCZOS_COEF = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
];
const HALF_LOG_2PI = 0.9189385332046728;

/** Natural log of the gamma function for x > 0 (reflection used for x < 0.5). */
export function logGamma(x: number): number {
  if (x < 0.5) {
    // Reflection keeps accuracy for small arguments (shape params often < 1).
    return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  }
  if (x > 1e6) {
    // Stirling is exact enough and avoids cancellation for huge arguments.
    return (x - 0.5) * Math.log(x) - x + HALF_LOG_2PI + 1 / (12 * x);
  }
  const z = x - 1;
  let sum = LANCZOS_COEF[0];
  const t = z + LANCZOS_G + 0.5;
  for (let i = 1; i < LANCZOS_G + 2; i++) sum += LANCZOS_COEF[i] / (z + i);
  return HALF_LOG_2PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** log B(a, b) = lnΓ(a) + lnΓ(b) − lnΓ(a + b). */
export function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

/** Digamma ψ(x) for x > 0: recurrence up to x ≥ 10 (error < 1e-13) then the asymptotic series. */
export function digamma(x: number): number {
  let result = 0;
  while (x < 10) {
    result -= 1 / x;
    x += 1;
  }
  const inv = 1 / x;
  const inv2 = inv * inv;
  result +=
    Math.log(x) -
    0.5 * inv -
    inv2 * (1 / 12 - inv2 * (1 / 120 - inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 * (1 / 132)))));
  return result;
}

/**
 * Gauss hypergeometric 2F1(a, b; c; z) for 0 ≤ z < 1 by its power series.
 * The models only ever need z in [0, 1) with positive a, b, c, where the series converges;
 * the term ratio tends to z so we iterate until the relative increment is negligible.
 */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  if (z === 0) return 1;
  if (!(z < 1) || z < -1) {
    throw new RangeError(`hyp2f1: z must be in (-1, 1), got ${z}`);
  }
  let term = 1;
  let sum = 1;
  const maxIter = 1_000_000;
  for (let n = 0; n < maxIter; n++) {
    term *= ((a + n) * (b + n)) / ((c + n) * (n + 1)) * z;
    sum += term;
    // Stop once terms are tiny and already shrinking geometrically.
    if (Math.abs(term) <= 1e-16 * Math.abs(sum) && n > 2) return sum;
    if (!Number.isFinite(sum)) return sum;
  }
  return sum;
}

/** log(exp(x) + exp(y)) without overflow. */
export function logAddExp(x: number, y: number): number {
  if (x === -Infinity) return y;
  if (y === -Infinity) return x;
  return x > y ? x + Math.log1p(Math.exp(y - x)) : y + Math.log1p(Math.exp(x - y));
}

/** log(exp(x) − exp(y)) for x ≥ y. */
export function logSubExp(x: number, y: number): number {
  if (y === -Infinity) return x;
  return x + Math.log1p(-Math.exp(y - x));
}
