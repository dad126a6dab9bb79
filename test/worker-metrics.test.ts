import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';

// `clienteling worker --metrics-port`: the real CLI, as an operator runs it beside `serve --no-jobs`, scraped and probed
// over HTTP like Prometheus and an orchestrator would. On a temporary PGlite directory, or DATABASE_URL's PostgreSQL
// in the postgres project (where the pool's gauges are there too), in a database of its own: on the database every test
// file shares, the worker took up their queued jobs and its SIGTERM waited for them (174 s of a 180 s timeout in CI).
const ROOT = path.resolve(import.meta.dirname, '..');
const TOKEN = 'worker-metrics-token-0123456789';
let work = '';
let child: ChildProcess | null = null;
let ownDatabase = '';
afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  if (work) fs.rmSync(work, { recursive: true, force: true });
  if (ownDatabase) await adminQuery(`drop database if exists ${ownDatabase} with (force)`).catch(() => {});
});

async function adminQuery(text: string) {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try { await client.query(text); } finally { await client.end(); }
}

const postgres = process.env.CLIENTELING_TEST_DB === 'postgres' && !!process.env.DATABASE_URL;

/** DATABASE_URL's server, on a new empty database (the worker migrates it), or '' for PGlite. */
async function workerDatabaseUrl(): Promise<string> {
  if (!postgres) return '';
  const url = new URL(process.env.DATABASE_URL!);
  ownDatabase = `${url.pathname.slice(1)}_worker_metrics`;
  await adminQuery(`drop database if exists ${ownDatabase} with (force)`);
  await adminQuery(`create database ${ownDatabase}`);
  url.pathname = `/${ownDatabase}`;
  return url.toString();
}

async function startWorker(): Promise<{ base: string; output: () => string; exited: Promise<number | null> }> {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'clt-worker-'));
  const env = { ...process.env, DATABASE_URL: await workerDatabaseUrl(), HOST: '127.0.0.1', LOG_LEVEL: 'warn', METRICS_TOKEN: TOKEN,
    CLIENTELING_DATA_DIR: path.join(work, 'data'), CLIENTELING_SECRET_KEY: 'test-secret-key-test-secret-key-0123456789' };
  // Port 0 through the flag (WORKER_METRICS_PORT is the same setting): the worker prints the port it got.
  child = spawn(process.execPath, [path.join(ROOT, 'bin/clienteling.mjs'), 'worker', '--metrics-port', '0'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /Worker health on (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m) resolve({ base: m[1], output: () => out, exited });
    };
    child!.stdout!.on('data', onData);
    child!.stderr!.on('data', onData);
    void exited.then((code) => reject(new Error(`worker exited (${code}) before listening:\n${out}`)));
  });
}

describe('worker metrics listener', () => {
  it('serves /metrics to the token holder, answers the probes, nothing else, and still stops cleanly', async () => {
    const worker = await startWorker();
    expect(worker.output()).toContain('metrics on /metrics');

    const scrape = await fetch(`${worker.base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(scrape.status).toBe(200);
    expect(scrape.headers.get('content-type')).toContain('text/plain');
    const text = await scrape.text();
    expect(text).toContain('# TYPE clienteling_job_runs_total counter');
    expect(text).toContain('# TYPE clienteling_job_duration_seconds histogram');
    // Read from the database at the scrape: an empty outbox still shows its email series at 0.
    expect(text).toMatch(/clienteling_outbox_messages\{status="queued",channel="email"\} 0/);
    expect(text).toMatch(/process_cpu_seconds_total \d/);
    if (postgres) expect(text).toMatch(/clienteling_db_pool_connections \d+/);

    const anonymous = await fetch(`${worker.base}/metrics`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toContain('application/problem+json');
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer');

    const live = await fetch(`${worker.base}/health/live`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${worker.base}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });

    // The worker serves no API: not the routes, not the web app.
    const api = await fetch(`${worker.base}/api/v1/customers`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(api.status).toBe(404);
    expect((await api.json()).code).toBe('not_found');
    expect((await fetch(`${worker.base}/metrics`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(405);

    child!.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
  }, 180_000);
});
