// Seeded random draws and a BG/NBD process simulator, for tests and benchmarks.

import type { BgNbdParams } from './bgnbd.ts';

/** Mulberry32: tiny, fast, good enough for simulation; returns a uniform in [0, 1). */
export function createRng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(rng: () => number): number {
  // Box-Muller; 1 − u avoids log(0).
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

/** Gamma(shape, rate) by Marsaglia & Tsang, boosted for shape < 1. */
export function sampleGamma(rng: () => number, shape: number, rate: number): number {
  if (shape < 1) return sampleGamma(rng, shape + 1, rate) * Math.pow(1 - rng(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - rng();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return (d * v) / rate;
  }
}

export function sampleBeta(rng: () => number, a: number, b: number): number {
  const x = sampleGamma(rng, a, 1);
  return x / (x + sampleGamma(rng, b, 1));
}

export interface SimulatedSummaries {
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
}

/**
 * Draw customers from the BG/NBD process observed for T[i] periods after their first purchase:
 * Poisson(λ) purchases, and after each repeat purchase a drop-out with probability p.
 * `resolution` rounds recency to a grid (e.g. 1 = whole days), as real order dates are.
 */
export function simulateBgNbd(
  params: BgNbdParams,
  T: ArrayLike<number>,
  seed: number,
  resolution = 0,
): SimulatedSummaries {
  const rng = createRng(seed);
  const n = T.length;
  const x = new Float64Array(n);
  const tx = new Float64Array(n);
  const Tout = Float64Array.from(T);
  for (let i = 0; i < n; i++) {
    const lambda = sampleGamma(rng, params.r, params.alpha);
    const p = sampleBeta(rng, params.a, params.b);
    let t = 0;
    let count = 0;
    let last = 0;
    for (;;) {
      t += -Math.log(1 - rng()) / lambda;
      if (t > Tout[i]) break;
      count++;
      last = t;
      if (rng() < p) break;
    }
    x[i] = count;
    tx[i] = resolution > 0 ? Math.min(Tout[i], Math.round(last / resolution) * resolution) : last;
  }
  return { x, tx, T: Tout };
}
