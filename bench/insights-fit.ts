// Benchmark: fit and score BG/NBD on 1M synthetic customers (fixed seed).
// Run: npx tsx bench/insights-fit.ts [customers]

import { fitBgNbdWeighted, scoreBgNbd, type BgNbdParams } from '../src/modules/insights/bgnbd.ts';
import { simulateBgNbd } from '../src/modules/insights/simulate.ts';
import { compressSummaries } from '../src/modules/insights/summary.ts';

const n = Number(process.argv[2] ?? 1_000_000);
// CDNOW estimates converted to days (α scales with the time unit).
const truth: BgNbdParams = { r: 0.243, alpha: 4.414 * 7, a: 0.793, b: 2.426 };

function time<T>(label: string, fn: () => T): T {
  const t0 = performance.now();
  const out = fn();
  console.log(`${label.padEnd(34)} ${((performance.now() - t0) / 1000).toFixed(3)} s`);
  return out;
}

// Customers acquired uniformly over the last two years; order dates have day resolution.
const T = new Float64Array(n);
for (let i = 0; i < n; i++) T[i] = 1 + ((i * 7919) % 730);
const sim = time(`simulate ${n.toLocaleString('en')} customers`, () => simulateBgNbd(truth, T, 42, 1));

const t0 = performance.now();
const { weighted } = time('compress to unique (x, t_x, T)', () => compressSummaries(sim.x, sim.tx, sim.T));
const fit = time('fit BG/NBD (BFGS, analytic gradient)', () => fitBgNbdWeighted(weighted));
const fitSeconds = (performance.now() - t0) / 1000;
const scores = time('score P(alive) + E[purchases in 90 d]', () => scoreBgNbd(fit.params, sim.x, sim.tx, sim.T, 90));

let meanAlive = 0;
let meanExpected = 0;
for (let i = 0; i < n; i++) {
  meanAlive += scores.probabilityAlive[i] / n;
  meanExpected += scores.expectedPurchases[i] / n;
}
console.log(`unique rows: ${weighted.length.toLocaleString('en')}, BFGS iterations: ${fit.iterations}, converged: ${fit.converged}`);
console.log(`fit total (compress + fit): ${fitSeconds.toFixed(3)} s`);
console.log('true params:  ', JSON.stringify(truth));
console.log('fitted params:', JSON.stringify(fit.params, (_, v) => (typeof v === 'number' ? Number(v.toPrecision(5)) : v)));
console.log(`log-likelihood: ${fit.logLikelihood.toFixed(1)}; mean P(alive) ${meanAlive.toFixed(4)}; mean E[90 d] ${meanExpected.toFixed(4)}`);
