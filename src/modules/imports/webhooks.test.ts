import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { testApp } from '../../../test/app.ts';
import { buildRetailer } from '../../../test/factories.ts';
import { query } from '../../db/client.ts';
import { signWebhook } from './webhooks.ts';
import { importsErrors } from './errors.ts';
import { readCsv } from './parse.ts';

let app: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => { app = await testApp(); });
afterAll(async () => { await app.close(); });

describe('signed webhooks', () => {
  it('accepts a correctly signed event once, refuses a bad signature, a stale timestamp and a replay', async () => {
    const r = await buildRetailer(app, app.db);
    const denied = await app.inject({ method: 'POST', url: '/api/v1/webhook-secret/rotate', headers: { cookie: r.as.associate } });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().code).toBe('forbidden');
    const rotated = await app.inject({ method: 'POST', url: '/api/v1/webhook-secret/rotate', headers: { cookie: r.as.headOffice } });
    const { secret } = rotated.json();
    const [stored] = await query<{ s: string }>(app.db, sql`select secret_encrypted as s from webhook_secrets where legal_entity_id = ${r.le.id}`);
    expect(stored.s).not.toContain(secret);

    const body = JSON.stringify({ externalId: 'CRM-W1', firstName: 'Zoé', lastName: 'Roux' });
    const ts = String(Math.floor(Date.now() / 1000));
    const send = (headers: Record<string, string>, payload = body) => app.inject({ method: 'POST', url: '/api/v1/webhooks/customers', headers: { 'content-type': 'application/json', ...headers }, payload });
    const good = { 'x-clienteling-legal-entity': r.le.code, 'x-clienteling-timestamp': ts, 'x-clienteling-signature': signWebhook(secret, ts, body) };
    const refusal = async (sent: ReturnType<typeof send>) => { const res = await sent; return { status: res.statusCode, code: res.json().code }; };
    const MISMATCH = { status: 401, code: importsErrors.webhook_signature_invalid.code };

    const { 'x-clienteling-signature': _unsigned, ...unsigned } = good;
    expect(await refusal(send(unsigned))).toEqual({ status: 401, code: importsErrors.webhook_headers_missing.code });
    expect(await refusal(send({ ...good, 'x-clienteling-signature': signWebhook('wrong', ts, body) }))).toEqual(MISMATCH);
    expect(await refusal(send(good, body.replace('Zoé', 'Eve')))).toEqual(MISMATCH);
    // An unknown legal entity is answered as a bad signature: the code tells nothing about which legal entities exist.
    expect(await refusal(send({ ...good, 'x-clienteling-legal-entity': `${r.le.code}-none` }))).toEqual(MISMATCH);
    const old = String(Math.floor(Date.now() / 1000) - 3600);
    expect(await refusal(send({ ...good, 'x-clienteling-timestamp': old, 'x-clienteling-signature': signWebhook(secret, old, body) })))
      .toEqual({ status: 401, code: importsErrors.webhook_timestamp_stale.code });
    const ok = await send(good);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ inserted: 1 });
    expect(await refusal(send(good))).toEqual({ status: 409, code: importsErrors.webhook_replayed.code });
    expect(await query(app.db, sql`select 1 from customers where legal_entity_id = ${r.le.id} and external_id = 'CRM-W1'`)).toHaveLength(1);

    // After rotation the old secret no longer works.
    const fresh = (await app.inject({ method: 'POST', url: '/api/v1/webhook-secret/rotate', headers: { cookie: r.as.headOffice } })).json().secret;
    const ts2 = String(Math.floor(Date.now() / 1000) + 1);
    expect(await refusal(send({ ...good, 'x-clienteling-timestamp': ts2, 'x-clienteling-signature': signWebhook(secret, ts2, body) }))).toEqual(MISMATCH);
    expect((await send({ ...good, 'x-clienteling-timestamp': ts2, 'x-clienteling-signature': signWebhook(fresh, ts2, body) })).statusCode).toBe(200);
  });
});

describe('CSV reader', () => {
  it('keeps quoted commas, quotes and line breaks, and reports the line each record starts on', async () => {
    const chunks = ['a,b\n1,"x, ""y""', '\nz"\n', '2,plain\n3\n'];
    const out = [];
    for await (const block of readCsv((async function* () { for (const c of chunks) yield c; })())) out.push(...block);
    expect(out).toEqual([
      { line: 2, record: { a: '1', b: 'x, "y"\nz' } },
      { line: 4, record: { a: '2', b: 'plain' } },
      { line: 5, error: 'Expected 2 columns as in the header, found 1.' },
    ]);
  });
});

describe('import command', () => {
  it('imports a file, prints bad rows, exits 0; exits 2 on usage errors', async () => {
    const { importCommand } = await import('../../cli/import.ts');
    expect(await importCommand([])).toBe(2);
    expect(await importCommand(['planets', 'x.csv'])).toBe(2);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clt-import-'));
    const file = path.join(dir, 'customers.csv');
    fs.writeFileSync(file, 'externalId,firstName,lastName\nC1,Ada,Lovelace\nC2,,Nobody\n');
    const logs: string[] = [];
    // In the PGlite run the command must open the PGlite --data-dir, not a server the environment names.
    const onPostgres = process.env.CLIENTELING_TEST_DB === 'postgres';
    const databaseUrl = process.env.DATABASE_URL;
    if (!onPostgres) delete process.env.DATABASE_URL;
    const origErr = console.error; const origLog = console.log;
    console.error = (m: string) => logs.push(m); console.log = (m: string) => logs.push(m);
    try {
      // Without --legal-entity on a database with several: a usage error, nothing imported.
      const dataDir = path.join(dir, 'db');
      const { openDatabase, runMigrations } = await import('../../db/client.ts');
      // The command opens the configured database: PostgreSQL when DATABASE_URL is set, else PGlite in --data-dir.
      const d = await openDatabase(process.env.CLIENTELING_TEST_DB === 'postgres' && process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : { dataDir });
      await runMigrations(d);
      const { createLegalEntity } = await import('../organisation/service.ts');
      const code = `CLI-${Date.now().toString(36)}`;
      await createLegalEntity(d.db, { code: `${code}-A`, name: 'A', currency: 'EUR', timeZone: 'Europe/Paris' });
      await createLegalEntity(d.db, { code: `${code}-B`, name: 'B', currency: 'EUR', timeZone: 'Europe/Paris' });
      await d.close();
      expect(await importCommand(['customers', file, '--data-dir', dataDir])).toBe(2);
      expect(await importCommand(['customers', file, '--data-dir', dataDir, '--legal-entity', `${code}-B`])).toBe(0);
      expect(logs.join('\n')).toMatch(/line 3: firstName is required/);
      expect(logs.join('\n')).toMatch(/1 inserted, 0 updated, 0 unchanged, 1 rejected/);
      expect(await importCommand(['customers', file, '--data-dir', dataDir, '--legal-entity', `${code}-B`])).toBe(0);
      expect(logs.at(-1)).toMatch(/0 inserted, 0 updated, 1 unchanged/);
    } finally {
      console.error = origErr; console.log = origLog;
      if (databaseUrl !== undefined) process.env.DATABASE_URL = databaseUrl;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
