import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { testApp } from '../app.ts';
import { buildRetailer, buildCustomer } from '../factories.ts';
import { enableClienteling } from '../../src/modules/client-book/test-helpers.ts';
import { operationsOf, malformedRequests, unknownRecordRequest, recordsFor, type Send } from './malformed.ts';

// Walks every operation of /openapi.json as a head-office user (every permission) and sends it malformed input made
// from its own schemas. No answer may be a 5xx; every 4xx is problem+json with a detail; no answer shows internals.

let app: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => { app = await testApp(); });
afterAll(async () => { await app?.close(); });

// Internals an error answer must never show: SQL, driver messages, stack frames, file paths.
const LEAK = /Failed query|\bselect\b[\s\S]*\bfrom\b|\binsert into\b|violates .* constraint|\n\s+at .+\(|node_modules|\.ts:\d+|\bpg_[a-z_]+\b|SQLSTATE/i;

describe('route sweep', () => {
  it('answers malformed input on every route with 4xx problem+json, never 5xx, never internals', async () => {
    const r = await buildRetailer(app, app.db);
    await enableClienteling(app, r.as.headOffice);
    // Real records for routes about a customer, a store or an associate, so malformed bodies get past the lookups.
    const customer = await buildCustomer(app.db, r.le.id);
    const ids = { customer: customer.id, store: r.store.id, associate: r.associate.id };
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const ops = operationsOf(doc);
    // Its own client address, so the public routes' rate limits count apart from other test files on the same database.
    const remoteAddress = `10.201.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

    const failures: string[] = [];
    let requests = 0, serverErrors = 0, notProblem = 0, leaks = 0, accepted = 0;
    const statuses: Record<string, number> = {};
    const check = async (send: Send) => {
      requests++;
      const res = await app.inject({
        method: send.method as 'GET', url: send.url, payload: send.payload, remoteAddress,
        headers: { cookie: r.as.headOffice, ...send.headers },
      });
      const klass = `${Math.floor(res.statusCode / 100)}xx`;
      statuses[klass] = (statuses[klass] ?? 0) + 1;
      const where = `${send.method} ${send.url.slice(0, 120)} [${send.what}] → ${res.statusCode}`;
      if (res.statusCode < 400 && !send.mayPass) { accepted++; failures.push(`${where}: malformed input was taken`); return; }
      if (res.statusCode >= 500) { serverErrors++; failures.push(`${where}: ${res.body.slice(0, 200)}`); return; }
      if (res.statusCode >= 400) {
        const type = String(res.headers['content-type'] ?? '');
        let detail: unknown;
        try { detail = res.json().detail; } catch { detail = undefined; }
        if (!type.startsWith('application/problem+json') || typeof detail !== 'string' || !detail) {
          notProblem++; failures.push(`${where}: not problem+json (${type}) ${res.body.slice(0, 200)}`);
        }
        if (LEAK.test(res.body)) { leaks++; failures.push(`${where}: shows internals: ${res.body.slice(0, 300)}`); }
      }
    };

    for (const op of ops) {
      for (const send of malformedRequests(op)) await check(send);
      const records = recordsFor(op, ids);
      if (records) for (const send of malformedRequests(op, records)) await check({ ...send, what: `${send.what} (existing record)` });
      const unknown = unknownRecordRequest(op);
      if (unknown) await check(unknown);
    }

    console.log(`route sweep (${process.env.CLIENTELING_TEST_DB}): ${ops.length} routes, ${requests} requests, ${serverErrors} 5xx, ${notProblem} non-problem 4xx, ${leaks} leaks, ${accepted} malformed taken; by class ${JSON.stringify(statuses)}`);
    expect(ops.length).toBeGreaterThan(100);
    expect(failures).toEqual([]);
    // None of it may have taken effect: the session that sent it all (sign-out included) is still signed in.
    expect((await app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: r.as.headOffice } })).statusCode).toBe(200);
  }, 600_000);
});
