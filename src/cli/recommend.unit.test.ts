import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture } from '../../test/fixtures.ts';
import { recommendCommand } from './recommend.ts';

const GROCERIES = fixture('groceries_csv', 'groceries.csv');

async function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await recommendCommand(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe('recommend rules', () => {
  it('--json matches arules on Groceries (supp 0.01, conf 0.5)', async () => {
    const { code, stdout, stderr } = await run(['rules', '--baskets', GROCERIES, '--min-support', '0.01', '--min-confidence', '0.5', '--json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out).toMatchObject({ baskets: 9835, items: 169, minCount: 99, maxLen: 10, ruleCount: 15 });
    expect(out.rules[0]).toEqual({
      antecedent: ['citrus fruit', 'root vegetables'],
      consequent: ['other vegetables'],
      support: 102 / 9835,
      confidence: 102 / 174,
      lift: expect.closeTo(3.029608, 6),
      count: 102,
    });
  });

  it('--max-len and the plain table', async () => {
    const json = await run(['rules', '--baskets', GROCERIES, '--min-support', '0.001', '--min-confidence', '0.5', '--max-len', '3', '--json']);
    const rules = JSON.parse(json.stdout).rules as { antecedent: string[] }[];
    expect(rules.every((r) => r.antecedent.length <= 2)).toBe(true);
    const table = await run(['rules', '--baskets', GROCERIES, '--min-support', '0.01', '--min-confidence', '0.5', '--limit', '2']);
    expect(table.code).toBe(0);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^15 rules from 9835 baskets/);
    expect(lines[1]).toMatch(/^lhs\s+rhs\s+support\s+confidence\s+lift\s+count$/);
    expect(lines[2]).toMatch(/^\{citrus fruit,root vegetables\}\s+=>\s+\{other vegetables\}\s+0\.010371\s+0\.586207\s+3\.029608\s+102$/);
    expect(lines[4]).toBe('... 13 more (raise --limit)');
  });

  it('exit code 2 with a message for bad arguments and missing files', async () => {
    const missing = await run(['rules', '--baskets', '/nonexistent/baskets.csv']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/file not found: \/nonexistent\/baskets.csv/);
    expect((await run(['rules'])).stderr).toMatch(/missing required --baskets/);
    const bad = await run(['rules', '--baskets', GROCERIES, '--min-support', '1.5']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--min-support must be a number in \[0, 1\], got "1.5"/);
    expect((await run(['rules', '--baskets', GROCERIES, '--max-len', '0'])).code).toBe(2);
    expect((await run(['rules', '--nope'])).code).toBe(2);
    expect((await run(['frobnicate'])).code).toBe(2);
    expect((await run([])).code).toBe(2);
    expect((await run(['--help'])).code).toBe(0);
  });
});

describe('recommend evaluate', () => {
  it('reports hit rates from an orders CSV', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'recommend-cli-'));
    const lines = ['customer_id,date,product'];
    let id = 0;
    for (let i = 0; i < 30; i++) lines.push(`s${id},2024-01-05,A`, `s${id++},2024-01-05,B`);
    for (let p = 0; p < 12; p++) for (let i = 0; i < 50; i++) lines.push(`s${id++},2024-01-05,pop${p}`);
    // 10 customers buy A, then B (hidden); rules recommend B, popularity cannot (B is not top 10).
    for (let i = 0; i < 10; i++) lines.push(`e${i},2024-02-01,A`, `e${i},2024-03-01,B`);
    const file = join(dir, 'orders.csv');
    writeFileSync(file, lines.join('\n') + '\n');
    const { code, stdout } = await run(['evaluate', '--orders', file, '--k', '10', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      k: 10,
      customersEvaluated: 10,
      trainingBaskets: 640,
      ruleCount: 2,
      rules: { hits: 10, hitRate: 1 },
      popularity: { hits: 0, hitRate: 0 },
    });
    const text = await run(['evaluate', '--orders', file]);
    expect(text.stdout).toMatch(/hitRate@10 also-bought rules:\s+100\.00% \(10 hits/);

    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'customer_id,date,product\nx,yesterday-ish,A\nx,2024-01-01,B\n');
    const r = await run(['evaluate', '--orders', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/invalid basket date: yesterday-ish/);
    expect((await run(['evaluate', '--orders', file, '--k', '0'])).code).toBe(2);
  });
});
