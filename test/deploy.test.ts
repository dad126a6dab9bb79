import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// No container engine runs where the tests run: these check what can be checked without one. compose.yaml parses (with
// YAML merge keys, as Compose reads it) and wires PostgreSQL, two web processes with jobs off and a worker; the
// Dockerfile builds with the README's commands and runs as a non-root user; and the files its runtime stage copies,
// laid out as in the image, run the CLI and migrate.
const ROOT = path.resolve(import.meta.dirname, '..');
const read = (f: string) => fs.readFileSync(path.join(ROOT, f), 'utf8');

describe('compose.yaml', () => {
  const compose = parse(read('compose.yaml'), { merge: true }) as { services: Record<string, any> };
  const s = compose.services;

  it('runs PostgreSQL 15, two web processes with jobs off and one worker, all after the migrations', () => {
    expect(s.postgres.image).toMatch(/^postgres:15/);
    const webs = Object.entries(s).filter(([, v]) => JSON.stringify(v.command) === JSON.stringify(['serve', '--no-jobs']));
    expect(webs.map(([k]) => k).sort()).toEqual(['web-1', 'web-2']);
    const workers = Object.entries(s).filter(([, v]) => JSON.stringify(v.command) === JSON.stringify(['worker']));
    expect(workers.map(([k]) => k)).toEqual(['worker']);
    expect(s.migrate.command).toEqual(['migrate']);
    expect(s.migrate.depends_on.postgres.condition).toBe('service_healthy');
    for (const name of ['web-1', 'web-2', 'worker']) {
      expect(s[name].depends_on.migrate.condition).toBe('service_completed_successfully');
      const url = new URL(s[name].environment.DATABASE_URL);
      expect([url.hostname, url.pathname]).toEqual(['postgres', `/${s.postgres.environment.POSTGRES_DB}`]);
      expect(s[name].build).toBe('.');
    }
    // The two web processes publish different host ports (each reachable for a health check behind a balancer).
    expect(new Set([...s['web-1'].ports, ...s['web-2'].ports]).size).toBe(2);
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  const stages = dockerfile.split(/^FROM /m).slice(1);
  const runtime = stages[stages.length - 1];

  it('builds with the commands the README gives, and runs compiled JavaScript as a non-root user', () => {
    const readme = read('README.md');
    for (const command of ['npm run build', 'npm run build:web']) {
      expect(dockerfile).toContain(command);
      expect(readme).toContain(command);
    }
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toContain('ENTRYPOINT ["node", "bin/clienteling.mjs"]');
    // The runtime stage has production dependencies only and no TypeScript sources.
    expect(runtime).not.toMatch(/COPY .*\/src\b/);
    expect(dockerfile).toContain('--omit=dev');
  });

  it.skipIf(process.env.CLIENTELING_TEST_DB === 'postgres')('the runtime stage\'s files, laid out as in the image, run the CLI and apply the migrations', async () => {
    const image = fs.mkdtempSync(path.join(os.tmpdir(), 'clt-image-'));
    try {
      // dist/ as the build stage makes it (built aside, like test/compiled-build.test.ts); the rest from the checkout.
      const { build } = await import(path.join(ROOT, 'scripts/build.mjs'));
      await build({ outDir: path.join(image, 'dist'), quiet: true });
      for (const line of runtime.split('\n').filter((l) => l.startsWith('COPY --from='))) {
        const [, , from, to] = line.split(/\s+/);
        const rel = from.replace(/^\/app\/?/, '');
        const dest = path.join(image, to.replace(/^\.\/?/, ''));
        if (rel === 'dist') continue;
        if (rel === 'node_modules') { fs.symlinkSync(path.join(ROOT, 'node_modules'), dest); continue; }
        if (rel === 'web/dist') { fs.mkdirSync(dest, { recursive: true }); continue; } // built by `npm run build:web`
        fs.mkdirSync(path.dirname(dest), { recursive: true });
        fs.cpSync(path.join(ROOT, rel), to.endsWith('/') ? path.join(dest, path.basename(rel)) : dest, { recursive: true });
      }
      expect(fs.existsSync(path.join(image, 'src'))).toBe(false);
      const { DATABASE_URL: _server, ...rest } = process.env; // PGlite in the image's /data, as without DATABASE_URL
      const env = { ...rest, CLIENTELING_DATA_DIR: path.join(image, 'data') };
      const run = (args: string[]) => spawnSync(process.execPath, ['bin/clienteling.mjs', ...args], { cwd: image, env, encoding: 'utf8' });
      const help = run(['help']);
      expect(help.status, help.stderr).toBe(0);
      expect(help.stdout).toContain('serve');
      const migrate = run(['migrate']);
      expect(migrate.status, migrate.stderr).toBe(0);
      expect(migrate.stdout).toMatch(/Migrations applied on pglite: \d+/);
    } finally {
      fs.rmSync(image, { recursive: true, force: true });
    }
  }, 300_000);
});
