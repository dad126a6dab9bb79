import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { randomUUID } from 'node:crypto';
import { testDatabase, apiAs, problemOf } from '../../../test/app.ts';
import { buildLegalEntity, buildRetailer } from '../../../test/factories.ts';
import { loadConfig } from '../../config.ts';
import { buildApp } from '../../http/app.ts';
import type { App } from '../../http/types.ts';
import type { ScheduledJob } from '../../jobs/scheduler.ts';
import { jobErrors } from './errors.ts';

// Jobs run through pg-boss on the test database (PGlite, or PostgreSQL): a worker in this process takes them.
const suffix = randomUUID().slice(0, 8);
let failing = true;
const failures: string[] = [];
const flaky: ScheduledJob = {
  name: `test.flaky-${suffix}`, cron: '0 0 1 1 *', perLegalEntity: true, attempts: 2, retryDelaySeconds: 1,
  async run(_app, { legalEntityId }) {
    if (failing) { failures.push(legalEntityId!); throw new Error('the stock file is not there yet'); }
  },
};
const nightly: ScheduledJob = { name: `test.nightly-${suffix}`, cron: '0 2 * * *', perLegalEntity: true, run: async () => {} };

let app: App;
beforeAll(async () => {
  const config = loadConfig({ logLevel: 'silent', signInRateLimit: 10_000, secretKey: 'test-secret-key-test-secret-key-0123456789', jobPollSeconds: 0.5 }, {});
  app = await buildApp(await testDatabase(), config, { jobs: [flaky, nightly] });
  await app.ready();
});
afterAll(async () => { await app.close(); });

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 45_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 300));
  }
}

describe('background jobs', () => {
  it('schedule a per-legal-entity job at its cron time in each legal entity\'s time zone', async () => {
    const paris = await buildLegalEntity(app.db, { timeZone: 'Europe/Paris' });
    const newYork = await buildLegalEntity(app.db, { timeZone: 'America/New_York' });
    await app.jobs.startWorking(app, [], { onlyLegalEntities: [paris.id, newYork.id] });
    const mine = (await app.jobs.schedules()).filter((s) => s.name.startsWith(nightly.name)).map((s) => [s.name, s.cron, s.timezone]).sort();
    expect(mine).toEqual([[`${nightly.name}/${newYork.id}`, '0 2 * * *', 'America/New_York'], [`${nightly.name}/${paris.id}`, '0 2 * * *', 'Europe/Paris']].sort());
  });

  it('retry a failing job with back-off, dead-letter it after the last attempt, and let head office retry it from set-up', async () => {
    const r = await buildRetailer(app, app.db);
    const other = await buildRetailer(app, app.db);
    await app.jobs.send(flaky, r.le.id, 'manual');
    const runs = () => apiAs(app, 'GET', `/setup/jobs/runs?job=${flaky.name}`, r.as.headOffice).then((res) => res.json() as { id: string; outcome: string; attempt: number; trigger: string; error: string | null }[]);
    const failed = await until(runs, (rs) => rs.some((x) => x.outcome === 'dead'));
    // Two attempts, the first retried after a pause, the second the last: it waits in the dead letters.
    expect(failed.map((x) => [x.attempt, x.outcome, x.error])).toEqual([[2, 'dead', 'the stock file is not there yet'], [1, 'failed', 'the stock file is not there yet']]);
    expect(failures).toEqual([r.le.id, r.le.id]);

    // Another legal entity's head office neither sees nor retries it; an associate may not look at all.
    const dead = failed[0];
    expect((await apiAs(app, 'GET', `/setup/jobs/runs?job=${flaky.name}`, other.as.headOffice)).json()).toEqual([]);
    expect(await problemOf(apiAs(app, 'POST', `/setup/jobs/runs/${dead.id}/retry`, other.as.headOffice))).toEqual([404, jobErrors.run_not_found.code, undefined]);
    expect((await apiAs(app, 'GET', '/setup/jobs/runs', r.as.associate)).statusCode).toBe(403);

    failing = false;
    const retried = await apiAs(app, 'POST', `/setup/jobs/runs/${dead.id}/retry`, r.as.headOffice);
    expect([retried.statusCode, retried.json()]).toEqual([202, { queued: true }]);
    const after = await until(runs, (rs) => rs.some((x) => x.trigger === 'retry' && x.outcome === 'ok'));
    expect(after[0]).toMatchObject({ trigger: 'retry', outcome: 'ok', attempt: 1 });
    // A run that did not fail is not retried.
    expect(await problemOf(apiAs(app, 'POST', `/setup/jobs/runs/${after[0].id}/retry`, r.as.headOffice))).toEqual([409, jobErrors.job_not_retryable.code, undefined]);

    const jobs = (await apiAs(app, 'GET', '/setup/jobs', r.as.headOffice)).json();
    expect(jobs).toContainEqual({ name: nightly.name, cron: '0 2 * * *', timeZone: 'Europe/Paris', perLegalEntity: true, attempts: 3 });
  }, 120_000);
});
