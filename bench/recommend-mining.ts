// Benchmark: mine item-to-item ("also bought") pair rules on a synthetic 20M-order-line
// basket set. Target: under 60 s end to end for the mining step.
// Baskets are generated until --lines order lines exist (mean basket size ~5 => ~4M baskets).
// Run: npx tsx bench/recommend-mining.ts [--lines 20000000] [--products 20000] [--min-support 0.00002]
//      [--min-confidence 0.05] [--max-len 2] [--seed 42] [--via-file /tmp/baskets.csv]
// --via-file also writes the baskets as a CSV of product names and times the CLI path
// (streaming parse + encoding) before mining.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { mineRules } from '../src/modules/recommendations/association-rules.ts';
import { readBasketFile, type BasketMatrix } from '../src/modules/recommendations/baskets.ts';
import { itemToItemAlsoBought } from '../src/modules/recommendations/item-cooccurrence.ts';

const { values } = parseArgs({
  options: {
    lines: { type: 'string', default: '20000000' },
    products: { type: 'string', default: '20000' },
    'min-support': { type: 'string', default: '0.00002' },
    'min-confidence': { type: 'string', default: '0.05' },
    'max-len': { type: 'string', default: '2' },
    seed: { type: 'string', default: '42' },
    'via-file': { type: 'string' },
  },
});
const targetLines = Number(values.lines);
const nProducts = Number(values.products);
const minSupport = Number(values['min-support']);
const minConfidence = Number(values['min-confidence']);
const maxLen = Number(values['max-len']);

// mulberry32: small, fast, seedable PRNG so runs are reproducible.
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generate(seed: number) {
  const rand = rng(seed);
  // Zipf-like popularity (s = 1.0) via a cumulative table and binary search.
  const cdf = new Float64Array(nProducts);
  let acc = 0;
  for (let i = 0; i < nProducts; i++) {
    acc += 1 / (i + 1);
    cdf[i] = acc;
  }
  for (let i = 0; i < nProducts; i++) cdf[i] /= acc;
  const draw = () => {
    const u = rand();
    let lo = 0;
    let hi = nProducts - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  // Planted complements: product p's partner is bought alongside it 30% of the time,
  // so the miner has real structure to find.
  const partner = new Int32Array(nProducts);
  for (let i = 0; i < nProducts; i++) partner[i] = Math.floor(rand() * nProducts);

  const items = new Int32Array(targetLines);
  let offsets = new Int32Array(1 << 20);
  let p = 0;
  let b = 0;
  while (p < targetLines) {
    // Basket size 1..20, mean ~5 (1 + truncated geometric).
    let size = 1;
    while (size < 20 && rand() < 0.8) size++;
    const start = p;
    for (let k = 0; k < size && p < targetLines; k++) {
      let it = k > 0 && rand() < 0.3 ? partner[items[p - 1]] : draw();
      // Redraw duplicates so basket sizes keep their intended distribution.
      for (let tries = 0; tries < 10 && items.subarray(start, p).includes(it); tries++) it = draw();
      if (items.subarray(start, p).includes(it)) continue;
      items[p++] = it;
    }
    if (b + 2 > offsets.length) {
      const bigger = new Int32Array(offsets.length * 2);
      bigger.set(offsets);
      offsets = bigger;
    }
    offsets[++b] = p;
  }
  return { items, offsets: offsets.slice(0, b + 1) };
}

const mem = () => `${Math.round(process.memoryUsage().rss / 1e6)} MB rss`;
let t = performance.now();
let db: BasketMatrix = generate(Number(values.seed));
const genMs = performance.now() - t;
console.log(`generated ${(db.offsets.length - 1).toLocaleString()} baskets, ${db.items.length.toLocaleString()} order lines, ${nProducts.toLocaleString()} products in ${(genMs / 1000).toFixed(1)} s (${mem()})`);

const viaFile = values['via-file'];
if (viaFile) {
  const out = createWriteStream(viaFile);
  const parts: string[] = [];
  for (let b = 0; b + 1 < db.offsets.length; b++) {
    const names: string[] = [];
    for (let p = db.offsets[b]; p < db.offsets[b + 1]; p++) names.push(`product ${db.items[p]}`);
    parts.push(names.join(','));
    if (parts.length === 10_000) {
      if (!out.write(parts.join('\n') + '\n')) await once(out, 'drain');
      parts.length = 0;
    }
  }
  out.end(parts.length ? parts.join('\n') + '\n' : '');
  await once(out, 'finish');
  t = performance.now();
  db = await readBasketFile(viaFile);
  console.log(`parsed ${viaFile}: ${(db.offsets.length - 1).toLocaleString()} baskets, ${db.items.length.toLocaleString()} lines in ${((performance.now() - t) / 1000).toFixed(2)} s (${mem()})`);
}

t = performance.now();
const nBaskets = db.offsets.length - 1;
const rules = mineRules(db, { minSupport, minConfidence, maxLen });
const mineMs = performance.now() - t;
console.log(`mined ${rules.length.toLocaleString()} rules (minSupport ${minSupport} = count >= ${Math.ceil(minSupport * nBaskets - 1e-9)}, minConfidence ${minConfidence}, maxLen ${maxLen}) in ${(mineMs / 1000).toFixed(2)} s (${mem()})`);

t = performance.now();
const index = itemToItemAlsoBought(rules);
const indexMs = performance.now() - t;
console.log(`built also-bought index for ${index.size.toLocaleString()} products in ${(indexMs / 1000).toFixed(2)} s`);
console.log(`total mining + index: ${((mineMs + indexMs) / 1000).toFixed(2)} s ${mineMs + indexMs < 60_000 ? '(< 60 s target)' : '(OVER 60 s target)'}`);
