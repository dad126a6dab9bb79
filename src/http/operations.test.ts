import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { testApp, testDatabase } from '../../test/app.ts';
import { buildAssociate, buildLegalEntity, buildOutreachMessage } from '../../test/factories.ts';
import { openDatabase } from '../db/client.ts';
import { loadConfig } from '../config.ts';
import { buildApp } from './app.ts';
import { JobQueue, runJobNow, type ScheduledJob } from '../jobs/scheduler.ts';
import type { App } from './types.ts';

const TOKEN = 'metrics-token-0123456789abcdef';
let app: Awaited<ReturnType<typeof testApp>>;
let withMetrics: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  app = await testApp();
  withMetrics = await testApp({ metricsToken: TOKEN });
});
afterAll(async () => { await app.close(); await withMetrics.close(); });

/** An app on a database of its own, logging to `lines`: for states the shared test database must not be put in. */
async function appOn(database: Awaited<ReturnType<typeof openDatabase>>, lines: string[] = []) {
  const config = loadConfig({ logLevel: 'info', secretKey: 'test-secret-key-test-secret-key-0123456789' }, {});
  const a = await buildApp(database, config, { logStream: { write: (line: string) => { lines.push(line); } } });
  await a.ready();
  return a;
}

describe('health', () => {
  it('answers live and ready on a migrated database, and keeps /health', async () => {
    expect((await app.inject({ method: 'GET', url: '/health/live' })).json()).toEqual({ status: 'ok' });
    const ready = await app.inject({ method: 'GET', url: '/health/ready' });
    expect([ready.statusCode, ready.json()]).toEqual([200, { status: 'ready' }]);
    const health = await app.inject({ method: 'GET', url: '/health' });
    expect(health.json()).toMatchObject({ status: 'ok', database: app.database.kind });
  });

  describe('on a database of its own', () => {
    // A fresh, unmigrated database, closed half-way: states the shared test database must not be put in.
    const lines: string[] = [];
    let database: Awaited<ReturnType<typeof openDatabase>>;
    let bare: App;
    beforeAll(async () => {
      database = await openDatabase({ dataDir: 'memory://' });
      bare = await appOn(database, lines);
    });
    // Its change-feed listener cannot unlisten on a closed database; that is not what these tests are about.
    afterAll(async () => { await bare.close().catch(() => {}); });

    it('is not ready while migrations are missing, though alive', async () => {
      expect((await bare.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
      const res = await bare.inject({ method: 'GET', url: '/health/ready' });
      expect(res.statusCode).toBe(503);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().code).toBe('health.migrations_pending');
    });

    it('is not ready when the database does not answer, and logs why under the request id', async () => {
      await database.close();
      const res = await bare.inject({ method: 'GET', url: '/health/ready', headers: { 'x-request-id': 'lb-probe.42' } });
      expect([res.statusCode, res.json().code, res.json().requestId]).toEqual([503, 'health.database_unreachable', 'lb-probe.42']);
      expect((await bare.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
      // Every line logged while serving the request (received, the warning, completed) carries its id.
      const logged = lines.map((l) => JSON.parse(l));
      expect(logged.filter((l) => l.requestId === 'lb-probe.42').map((l) => l.msg)).toEqual(['incoming request', 'readiness: database unreachable', 'request completed']);
      expect(logged.filter((l) => l.req?.url === '/health/ready' && !l.requestId)).toEqual([]);
    });
  });

  it('documents live and ready in OpenAPI as public', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(doc.paths['/health/live'].get.security).toEqual([]);
    expect(doc.paths['/health/ready'].get.security).toEqual([]);
    expect(Object.keys(doc.paths['/health/ready'].get.responses)).toEqual(['200', '503']);
  });
});

describe('request ids', () => {
  it('keeps a sane X-Request-Id and echoes it, in problem bodies too', async () => {
    const ok = await app.inject({ method: 'GET', url: '/health/live', headers: { 'x-request-id': 'abc-123_X.y' } });
    expect(ok.headers['x-request-id']).toBe('abc-123_X.y');
    const notFound = await app.inject({ method: 'GET', url: '/api/v1/no-such-thing', headers: { 'x-request-id': 'trace.7' } });
    expect([notFound.statusCode, notFound.headers['x-request-id'], notFound.json().requestId]).toEqual([404, 'trace.7', 'trace.7']);
    const unauth = await app.inject({ method: 'GET', url: '/api/v1/customers', headers: { 'x-request-id': 'trace.8' } });
    expect([unauth.statusCode, unauth.json().requestId]).toEqual([401, 'trace.8']);
  });

  it('replaces an unsafe or over-long id with a random one, different each time', async () => {
    const ids: string[] = [];
    for (const given of ['a'.repeat(129), 'has space', 'new\\nline', 'é', '']) {
      const res = await app.inject({ method: 'GET', url: '/health/live', headers: { 'x-request-id': given } });
      const id = res.headers['x-request-id'] as string;
      expect(id).not.toBe(given);
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      ids.push(id);
    }
    const plain = await app.inject({ method: 'GET', url: '/health/live' });
    ids.push(plain.headers['x-request-id'] as string);
    expect(new Set(ids).size).toBe(ids.length);
    expect((await app.inject({ method: 'GET', url: '/health/live', headers: { 'x-request-id': 'a'.repeat(128) } })).headers['x-request-id']).toBe('a'.repeat(128));
  });
});

describe('metrics', () => {
  const scrape = (a: App, authorization?: string) => a.inject({ method: 'GET', url: '/metrics', headers: authorization ? { authorization } : {} });
  const value = (text: string, series: string) => {
    const line = text.split('\n').find((l) => l.startsWith(series + ' '));
    return line ? Number(line.slice(series.length + 1)) : undefined;
  };

  it('are not served without METRICS_TOKEN, and need the token when it is set', async () => {
    // Without a token the path is no route of the API (the web app's page fallback answers it), and no figures leak.
    expect((await scrape(app, `Bearer ${TOKEN}`)).body).not.toContain('http_request_duration_seconds');
    expect((await scrape(withMetrics)).statusCode).toBe(401);
    const wrong = await scrape(withMetrics, `Bearer ${TOKEN.slice(0, -1)}x`);
    expect([wrong.statusCode, wrong.json().code]).toEqual([401, 'unauthenticated']);
    expect((await scrape(withMetrics, `Bearer ${TOKEN}`)).statusCode).toBe(200);
  });

  it('count request latency by route pattern and status class', async () => {
    await withMetrics.inject({ method: 'GET', url: '/health/live' });
    await withMetrics.inject({ method: 'GET', url: '/api/v1/customers/0191a0a0-0000-7000-8000-000000000001' });
    const text = (await scrape(withMetrics, `Bearer ${TOKEN}`)).body;
    expect(value(text, 'http_request_duration_seconds_count{method="GET",route="/health/live",status_class="2xx"}')).toBeGreaterThanOrEqual(1);
    // The pattern, not the id: one series for every customer.
    expect(text).toContain('route="/api/v1/customers/:id",status_class="4xx"');
    expect(text).not.toContain('0191a0a0-0000-7000-8000-000000000001');
  });

  it('count job runs and their duration by outcome', async () => {
    const name = `test.metrics-${Date.now()}`;
    await runJobNow(withMetrics, { name, cron: '0 0 1 1 *', run: async () => {} });
    await runJobNow(withMetrics, { name, cron: '0 0 1 1 *', run: async () => { throw new Error('no stock file'); } });
    await runJobNow(withMetrics, { name, cron: '0 0 1 1 *', run: async () => {} });
    const text = (await scrape(withMetrics, `Bearer ${TOKEN}`)).body;
    expect(value(text, `clienteling_job_runs_total{job="${name}",outcome="ok"}`)).toBe(2);
    expect(value(text, `clienteling_job_runs_total{job="${name}",outcome="failed"}`)).toBe(1);
    expect(value(text, `clienteling_job_duration_seconds_count{job="${name}",outcome="failed"}`)).toBe(1);
  });

  it('read the outbox depth when scraped', async () => {
    const series = 'clienteling_outbox_messages{status="failed",channel="email"}';
    const before = value((await scrape(withMetrics, `Bearer ${TOKEN}`)).body, series);
    expect(before).toBeGreaterThanOrEqual(0);
    const db = (await testDatabase()).db;
    const le = await buildLegalEntity(db);
    const associate = await buildAssociate(db, le);
    await buildOutreachMessage(db, le.id, { associateId: associate.id, status: 'failed' });
    await buildOutreachMessage(db, le.id, { associateId: associate.id, status: 'failed' });
    expect(value((await scrape(withMetrics, `Bearer ${TOKEN}`)).body, series)).toBe(before! + 2);
  });

  it('report the PostgreSQL pool, and no pool on PGlite', async () => {
    const text = (await scrape(withMetrics, `Bearer ${TOKEN}`)).body;
    const total = value(text, 'clienteling_db_pool_connections');
    if (withMetrics.database.kind === 'postgres') {
      expect(total).toBeGreaterThanOrEqual(1);
      expect(value(text, 'clienteling_db_pool_waiting')).toBe(0);
    } else {
      expect(total).toBeUndefined();
    }
  });
});

describe('background jobs on shutdown', () => {
  it('stop() waits for a run in progress and starts no other', async () => {
    let release!: () => void;
    let started!: () => void;
    const isStarted = new Promise<void>((r) => { started = r; });
    let runs = 0;
    const job: ScheduledJob = {
      name: `test.slow-${Date.now()}`, cron: '0 0 1 1 *',
      run: () => { runs++; started(); return new Promise<void>((r) => { release = r; }); },
    };
    const jobs = new JobQueue(app.database, [job], { ...app.config, jobPollSeconds: 0.5 });
    await jobs.startWorking(app, []);
    await jobs.send(job, null, 'manual');
    await jobs.send(job, null, 'manual');
    await isStarted;
    let stopped = false;
    const stopping = jobs.stop().then(() => { stopped = true; });
    await new Promise((r) => setTimeout(r, 300));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect([stopped, runs]).toEqual([true, 1]);
  });
});
