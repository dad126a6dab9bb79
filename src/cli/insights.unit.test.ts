import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fixture } from '../../test/fixtures.ts';
import { insightsCommand } from './insights.ts';

const CDNOW = fixture('cdnow');
let dir: string;
let txIso: string;
let txCompact: string;

// Convert CDNOW_sample.txt (master_id sample_id YYYYMMDD cds dollars, whitespace separated)
// into the CSV the CLI accepts, once with ISO dates and once with YYYYMMDD.
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'insights-cli-'));
  const lines = readFileSync(path.join(CDNOW, 'CDNOW_sample.txt'), 'utf8').trim().split('\n');
  const iso = ['customer_id,date,amount'];
  const compact = ['customer_id,date,amount'];
  for (const line of lines) {
    const [, sampleId, d, , dollars] = line.trim().split(/\s+/);
    iso.push(`${Number(sampleId)},${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6)},${dollars}`);
    compact.push(`${Number(sampleId)},${d},${dollars}`);
  }
  txIso = path.join(dir, 'cdnow-iso.csv');
  txCompact = path.join(dir, 'cdnow-compact.csv');
  writeFileSync(txIso, iso.join('\n') + '\n');
  writeFileSync(txCompact, compact.join('\n') + '\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  const code = await insightsCommand(args);
  vi.restoreAllMocks();
  return { code, stdout, stderr };
}

function relClose(actual: number, expected: number, rel: number) {
  expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThanOrEqual(rel);
}

const BGNBD = { r: 0.2426, alpha: 4.4136, a: 0.7929, b: 2.4259 };
const PARETO = { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 };

describe('insights fit --transactions (CDNOW sample, FHL preparation)', () => {
  it('BG/NBD reproduces r=0.243, α=4.414, a=0.793, b=2.426, LL=−9582.4', async () => {
    const res = await run(['fit', '--model', 'bgnbd', '--transactions', txIso, '--calibration-end', '1997-09-30', '--period', 'week', '--json']);
    expect(res.code).toBe(0);
    const out = JSON.parse(res.stdout);
    expect(out.model).toBe('bgnbd');
    expect(out.customers).toBe(2357);
    for (const k of Object.keys(BGNBD) as (keyof typeof BGNBD)[]) relClose(out.params[k], BGNBD[k], 1e-3);
    expect(Math.abs(out.logLikelihood - -9582.4)).toBeLessThan(0.05);
  });

  it('Pareto/NBD reproduces r=0.553, α=10.578, s=0.606, β=11.669, LL=−9595.0 (YYYYMMDD dates)', async () => {
    const res = await run(['fit', '--model', 'pareto-nbd', '--transactions', txCompact, '--calibration-end', '19970930', '--json']);
    expect(res.code).toBe(0);
    const out = JSON.parse(res.stdout);
    for (const k of Object.keys(PARETO) as (keyof typeof PARETO)[]) relClose(out.params[k], PARETO[k], 1e-3);
    expect(Math.abs(out.logLikelihood - -9595.0)).toBeLessThan(0.05);
  });

  it('Gamma-Gamma on repeat spend gives p≈6.25, q≈3.74, v≈15.44', async () => {
    const res = await run(['fit', '--model', 'gamma-gamma', '--transactions', txIso, '--calibration-end', '1997-09-30', '--json']);
    const out = JSON.parse(res.stdout);
    expect(out.customers).toBe(946);
    // Full-precision spends; lifetimes' 2-decimal file gives 6.2488 / 3.7446 / 15.4477.
    relClose(out.params.p, 6.25, 2e-3);
    relClose(out.params.q, 3.744, 1e-3);
    relClose(out.params.v, 15.44, 1e-3);
  });

  it('--period day rescales α by 7 and leaves the shape parameters unchanged', async () => {
    const res = await run(['fit', '--model', 'bgnbd', '--transactions', txIso, '--calibration-end', '1997-09-30', '--period', 'day', '--json']);
    const out = JSON.parse(res.stdout);
    relClose(out.params.alpha, 4.4136 * 7, 1e-3);
    relClose(out.params.r, 0.2426, 1e-3);
    relClose(out.params.b, 2.4259, 1e-3);
  });
});

describe('insights fit --summary', () => {
  it('accepts lifetimes x,t_x,T headers with extra columns (derived file)', async () => {
    const res = await run(['fit', '--model', 'bgnbd', '--summary', path.join(CDNOW, 'derived_cdnow_cal_holdout.csv'), '--json']);
    expect(res.code).toBe(0);
    const out = JSON.parse(res.stdout);
    for (const k of Object.keys(BGNBD) as (keyof typeof BGNBD)[]) relClose(out.params[k], BGNBD[k], 1e-3);
    expect(Math.abs(out.logLikelihood - -9582.4)).toBeLessThan(0.05);
  });

  it('accepts frequency,recency,T headers (lifetimes summary)', async () => {
    const res = await run(['fit', '--model', 'pareto-nbd', '--summary', path.join(CDNOW, 'cdnow_customers_summary.csv'), '--json']);
    const out = JSON.parse(res.stdout);
    for (const k of Object.keys(PARETO) as (keyof typeof PARETO)[]) relClose(out.params[k], PARETO[k], 1e-3);
    expect(Math.abs(out.logLikelihood - -9595.0)).toBeLessThan(0.05);
  });

  it('fits Gamma-Gamma from a zbar column: lifetimes p=6.2488, q=3.7440, v=15.4479', async () => {
    const res = await run(['fit', '--model', 'gamma-gamma', '--summary', path.join(CDNOW, 'cdnow_customers_summary_with_transactions.csv'), '--json']);
    const out = JSON.parse(res.stdout);
    expect(out).toMatchObject({ model: 'gamma-gamma', customers: 946 });
    relClose(out.params.p, 6.2488, 1e-3);
    relClose(out.params.q, 3.744, 1e-3);
    relClose(out.params.v, 15.4479, 1e-3);
  });

  it('prints a readable summary without --json', async () => {
    const res = await run(['fit', '--model', 'bgnbd', '--summary', path.join(CDNOW, 'cdnow_customers_summary.csv')]);
    expect(res.stdout).toMatch(/alpha = 4\.41/);
    expect(res.stdout).toMatch(/log-likelihood: -9582\.4/);
  });
});

describe('insights score', () => {
  it('prints P(alive) and expected purchases per customer', async () => {
    const res = await run([
      'score', '--model', 'bgnbd', '--params', JSON.stringify(BGNBD),
      '--summary', path.join(CDNOW, 'cdnow_customers_summary.csv'), '--horizon', '39', '--json',
    ]);
    expect(res.code).toBe(0);
    const out = JSON.parse(res.stdout);
    expect(out.customers).toHaveLength(2357);
    expect(out.customers[0].customer_id).toBe('1');
    expect(out.customers[0].p_alive).toBeCloseTo(0.72662, 4);
    expect(out.customers[0].expected_purchases).toBeCloseTo(1.226, 3);
    expect(out.customers[2].p_alive).toBe(1); // no repeat purchase
  });

  it('adds expected spend and CLV with --spend-params, and scores RFM segments', async () => {
    const file = path.join(CDNOW, 'cdnow_customers_summary_with_transactions.csv');
    const res = await run([
      'score', '--model', 'bgnbd', '--params', JSON.stringify({ params: BGNBD }), '--spend-params',
      '{"p":6.2488,"q":3.7440,"v":15.4479}', '--summary', file, '--horizon', '39', '--json',
    ]);
    const first = JSON.parse(res.stdout).customers[0];
    expect(first.expected_spend).toBeCloseTo(24.6586, 2);
    expect(first.clv).toBeGreaterThan(30);
    const rfm = await run(['score', '--model', 'rfm', '--summary', file, '--json']);
    const segs = JSON.parse(rfm.stdout).customers;
    expect(segs[0]).toMatchObject({ customer_id: '1', r: 5, f: 4, segment: 'Champions' }); // x=2 beats 78% of the book
  });
});

describe('insights errors', () => {
  it('exits 2 with a message for unknown flags, missing files and bad models', async () => {
    const unknown = await run(['fit', '--model', 'bgnbd', '--summary', 'x.csv', '--bogus']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown flag --bogus/);
    const missing = await run(['fit', '--model', 'bgnbd', '--summary', path.join(dir, 'nope.csv')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read .*nope\.csv/);
    const model = await run(['fit', '--model', 'foo', '--summary', txIso]);
    expect(model.code).toBe(2);
    expect(model.stderr).toMatch(/--model must be one of/);
    const noCols = await run(['fit', '--model', 'gamma-gamma', '--summary', path.join(CDNOW, 'cdnow_customers_summary.csv')]);
    expect(noCols.code).toBe(2);
    expect(noCols.stderr).toMatch(/monetary/);
    const horizon = await run(['score', '--model', 'bgnbd', '--params', JSON.stringify(BGNBD), '--summary', txIso]);
    expect(horizon.code).toBe(2);
    expect(horizon.stdout).toBe('');
  });
});
