import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from './fixtures.ts';

// `npx clienteling` and `npm start` run the compiled JavaScript (scripts/build.mjs); every other test runs the
// TypeScript sources. This one builds aside, in a temporary folder, and runs what it built.
const ROOT = path.resolve(import.meta.dirname, '..');
let work = '';
let dist = '';
let env: NodeJS.ProcessEnv = {};
const mainUrl = () => pathToFileURL(path.join(dist, 'src/cli/main.js')).href;
const runner = (args: string[]) => `const { main } = await import(${JSON.stringify(mainUrl())}); process.exitCode = await main(${JSON.stringify(args)});`;
const cli = (args: string[]) => spawnSync(process.execPath, ['--input-type=module', '-e', runner(args)], { cwd: work, env, encoding: 'utf8' });

function* files(dir: string): Generator<string> {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* files(p);
    else yield p;
  }
}

describe.skipIf(process.env.CLIENTELING_TEST_DB === 'postgres')('compiled CLI and server (dist/)', () => {
  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'clt-build-'));
    dist = path.join(work, 'dist');
    // The build's package imports resolve as from the repository.
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(work, 'node_modules'), 'dir');
    // No DATABASE_URL: the compiled server on its own embedded database.
    env = { ...process.env, DATABASE_URL: '', HOST: '127.0.0.1', LOG_LEVEL: 'silent', CLIENTELING_DATA_DIR: path.join(work, 'data') };
    const { build } = await import(pathToFileURL(path.join(ROOT, 'scripts/build.mjs')).href);
    await build({ outDir: dist, quiet: true });
  });
  afterAll(() => { if (work) fs.rmSync(work, { recursive: true, force: true }); });

  it('is JavaScript only, importing compiled siblings, never a .ts file and never a test', () => {
    const all = [...files(dist)];
    expect(all.filter((f) => f.endsWith('.ts'))).toEqual([]);
    expect(all.some((f) => /test-helpers|\.test\./.test(f))).toBe(false);
    expect(all).toContain(path.join(dist, 'src/modules/customers/routes.js'));
    const tsImports = all.filter((f) => f.endsWith('.js')).filter((f) => /(from|import\()\s*["']\.{1,2}\/[^"']*\.ts["']/.test(fs.readFileSync(f, 'utf8')));
    expect(tsImports).toEqual([]);
  });

  it('answers --help and mines the arules figures on Groceries', () => {
    const help = cli(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^clienteling <command>/);
    const rules = cli(['recommend', 'rules', '--baskets', fixture('groceries_csv', 'groceries.csv'), '--min-support', '0.01', '--min-confidence', '0.5', '--json']);
    expect(rules.stderr).toBe('');
    expect(JSON.parse(rules.stdout).rules).toHaveLength(15);
  });

  it('serves /health with every migration applied and registers the capabilities\' routes', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => { const p = (s.address() as net.AddressInfo).port; s.close(() => resolve(p)); });
    });
    const child = spawn(process.execPath, ['--input-type=module', '-e', runner(['serve', '--port', String(port)])], { cwd: work, env });
    let output = '';
    child.stdout.on('data', (d) => { output += d; });
    child.stderr.on('data', (d) => { output += d; });
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', () => { if (output.includes('is serving on')) resolve(); });
        child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${output}`)));
      });
      const health = await (await fetch(`http://127.0.0.1:${port}/health`)).json();
      const journal = JSON.parse(fs.readFileSync(path.join(ROOT, 'src/db/migrations/meta/_journal.json'), 'utf8'));
      expect(health).toMatchObject({ status: 'ok', database: 'pglite', migrations: { applied: journal.entries.length } });
      // A discovered route asks for a sign-in; a missing one would be a 404.
      const customers = await fetch(`http://127.0.0.1:${port}/api/v1/customers?q=a`);
      expect(customers.status).toBe(401);
    } finally {
      const exited = new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
      child.kill('SIGTERM');
      await exited;
    }
  });
});
