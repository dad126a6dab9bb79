import { i18next } from '../../../web/src/i18n/i18n.ts';
import { serverTexts } from '../../../web/src/i18n/server-text.ts';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { testApp } from '../../../test/app.ts';
import { buildRetailer, buildCustomer } from '../../../test/factories.ts';
import { query } from '../../db/client.ts';
import { decryptSecret, secretKey } from '../../db/secret-key.ts';
import { insightsErrors } from './errors.ts';
import { render } from '../../../test/server-text.ts';

const CLIENT_ID = 'clienteling-test';
const SECRET = 's3cret-value-never-shown';

/** A local stand-in for a Customer Insights product: OAuth2 client credentials, then paged measure values. */
function startProvider(accounts: () => string[]) {
  const seen = { tokenRequests: 0, measureRequests: 0, lastGrant: '' };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      const json = (status: number, value: unknown) => { res.writeHead(status, { 'content-type': 'application/json' }); res.end(JSON.stringify(value)); };
      if (req.method === 'POST' && req.url === '/oauth/token') {
        seen.tokenRequests++;
        const form = new URLSearchParams(body);
        seen.lastGrant = form.get('grant_type') ?? '';
        const [id, secret] = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString().split(':').map(decodeURIComponent);
        if (form.get('grant_type') !== 'client_credentials' || id !== CLIENT_ID || secret !== SECRET) return json(401, { error: 'invalid_client' });
        return json(200, { access_token: 'token-abc', token_type: 'Bearer', expires_in: 3600 });
      }
      if (req.method === 'GET' && req.url?.startsWith('/measures')) {
        seen.measureRequests++;
        if (req.headers.authorization !== 'Bearer token-abc') return json(401, { error: 'invalid_token' });
        const [a, b] = accounts();
        if (req.url === '/measures') {
          return json(200, { items: [{ customerId: a, values: { engagement: 0.81, tier: 'Gold' } }, { customerId: 'UNKNOWN-1', values: { engagement: 0.5 } }], next: '/measures?page=2' });
        }
        return json(200, { items: [{ customerId: b, values: { engagement: 0.12, tier: 'Silver' } }], next: null });
      }
      json(404, {});
    });
  });
  return new Promise<{ url: string; seen: typeof seen; close(): Promise<void> }>((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}`, seen, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}

let app: Awaited<ReturnType<typeof testApp>>;
let provider: Awaited<ReturnType<typeof startProvider>>;
let accounts: string[] = ['none', 'none'];
beforeAll(async () => { app = await testApp(); provider = await startProvider(() => accounts); });
afterAll(async () => { await provider?.close(); await app?.close(); });

const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);
const body = (over: Record<string, unknown> = {}) => ({
  name: 'Customer Insights', tokenUrl: `${provider.url}/oauth/token`, clientId: CLIENT_ID, clientSecret: SECRET, secretExpiresAt: inDays(200),
  baseUrl: `${provider.url}/measures`, customerKey: 'accountNumber',
  measures: [{ field: 'engagement', key: 'engagement_score', name: 'Engagement', format: 'percent' }, { field: 'tier', key: 'ci_tier', name: 'Insights tier', format: 'text' }],
  ...over,
});

describe('external measure providers over OAuth2 client credentials', () => {
  it('validates, stores the secret encrypted and write-only, and pulls every page of values for matching customers', async () => {
    const r = await buildRetailer(app, app.db);
    const a = await buildCustomer(app.db, r.le.id);
    const b = await buildCustomer(app.db, r.le.id);
    accounts = [a.accountNumber, b.accountNumber];

    const wrong = await app.inject({ method: 'POST', url: '/api/v1/insights/providers/validate', headers: { cookie: r.as.headOffice }, payload: body({ clientSecret: 'wrong' }) });
    expect(wrong.json()).toMatchObject({ ok: false, tokenObtained: false });
    expect(wrong.json().errors.join(' ')).toMatch(/401/);
    const refused = await app.inject({ method: 'POST', url: '/api/v1/insights/providers', headers: { cookie: r.as.headOffice }, payload: body({ clientSecret: 'wrong' }) });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: insightsErrors.provider_validation_failed.code, field: 'tokenUrl', validation: { ok: false, tokenObtained: false } });

    const ok = await app.inject({ method: 'POST', url: '/api/v1/insights/providers/validate', headers: { cookie: r.as.headOffice }, payload: body() });
    expect(ok.json()).toMatchObject({ ok: true, tokenObtained: true, items: 2, matchedCustomers: 1, fieldsSeen: ['engagement', 'tier'] });
    expect(provider.seen.lastGrant).toBe('client_credentials');
    const missingField = await app.inject({ method: 'POST', url: '/api/v1/insights/providers/validate', headers: { cookie: r.as.headOffice },
      payload: body({ measures: [{ field: 'loyalty', key: 'x_loyalty', name: 'Loyalty', format: 'number' }] }) });
    expect(missingField.json().errors.join(' ')).toMatch(/"loyalty"/);
    // The same by key for the reader's language, worded in French from the web's catalogue.
    expect(missingField.json().notes).toEqual([{ key: 'providerFieldsMissing', params: { missing: '"loyalty"', sent: '"engagement", "tier"' } }]);
    expect(serverTexts(i18next.getFixedT('fr'), 'measureNote', missingField.json().notes, '')).toBe('Le fournisseur n’envoie pas "loyalty"\u202f; il envoie "engagement", "tier".');
    expect(wrong.json().notes).toHaveLength(1);

    const created = await app.inject({ method: 'POST', url: '/api/v1/insights/providers', headers: { cookie: r.as.headOffice }, payload: body() });
    expect(created.statusCode).toBe(201);
    const p = created.json();
    const twice = await app.inject({ method: 'POST', url: '/api/v1/insights/providers', headers: { cookie: r.as.headOffice }, payload: body() });
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ code: insightsErrors.provider_name_taken.code, field: 'name' });
    expect(p).toMatchObject({ hasSecret: true, clientId: CLIENT_ID });
    expect(JSON.stringify(p)).not.toContain(SECRET);
    const [stored] = await query<{ secret: string }>(app.db, sql`select secret_encrypted as secret from measure_providers where id = ${p.id}`);
    expect(stored.secret).not.toContain(SECRET);
    expect(decryptSecret(await secretKey(app.db, app.config.secretKey), stored.secret)).toBe(SECRET);
    const list = await app.inject({ method: 'GET', url: '/api/v1/insights/providers', headers: { cookie: r.as.headOffice } });
    expect(list.body).not.toContain(SECRET);

    const sync = await app.inject({ method: 'POST', url: `/api/v1/insights/providers/${p.id}/sync`, headers: { cookie: r.as.headOffice }, payload: {} });
    expect(sync.json()).toMatchObject({ customers: 2, values: 4, error: null });
    const ma = (await app.inject({ method: 'GET', url: `/api/v1/customers/${a.id}/measures`, headers: { cookie: r.as.associate } })).json().measures;
    expect(ma.find((m: any) => m.key === 'engagement_score')).toMatchObject({ valueNumber: 0.81, source: 'external', format: 'percent' });
    expect(ma.find((m: any) => m.key === 'ci_tier')).toMatchObject({ valueText: 'Gold' });
    const mb = (await app.inject({ method: 'GET', url: `/api/v1/customers/${b.id}/measures`, headers: { cookie: r.as.associate } })).json().measures;
    expect(mb.find((m: any) => m.key === 'engagement_score').valueNumber).toBe(0.12);

    // Changing the provider without a secret keeps the stored one (it still validates).
    const patch = await app.inject({ method: 'PATCH', url: `/api/v1/insights/providers/${p.id}`, headers: { cookie: r.as.headOffice }, payload: { name: 'CI production' } });
    expect(patch.statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: `/api/v1/insights/providers/${p.id}/validate`, headers: { cookie: r.as.headOffice }, payload: {} })).json().ok).toBe(true);
    // The recompute job pulls providers too.
    const before = provider.seen.measureRequests;
    await app.inject({ method: 'POST', url: '/api/v1/insights/recompute', headers: { cookie: r.as.headOffice }, payload: {} });
    expect(provider.seen.measureRequests).toBe(before + 2);
  });

  it('only talks HTTPS (or loopback) and only to head office', async () => {
    const r = await buildRetailer(app, app.db);
    const res = await app.inject({ method: 'POST', url: '/api/v1/insights/providers', headers: { cookie: r.as.headOffice }, payload: body({ tokenUrl: 'http://insights.example.com/token' }) });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: insightsErrors.provider_url_not_https.code, field: 'tokenUrl' });
    const refusal = async (payload: object) => {
      const answer = await app.inject({ method: 'POST', url: '/api/v1/insights/providers', headers: { cookie: r.as.headOffice }, payload });
      return { status: answer.statusCode, code: answer.json().code, field: answer.json().field };
    };
    expect(await refusal(body({ baseUrl: 'not a url' }))).toEqual({ status: 400, code: insightsErrors.provider_url_invalid.code, field: 'baseUrl' });
    expect(await refusal(body({ tokenUrl: 'https://user:pw@insights.example.com/token' }))).toEqual({ status: 400, code: insightsErrors.provider_url_has_credentials.code, field: 'tokenUrl' });
    const measure = { field: 'engagement', key: 'engagement_score', name: 'Engagement', format: 'percent' };
    expect(await refusal(body({ measures: [measure, measure] }))).toEqual({ status: 400, code: insightsErrors.measure_key_repeated.code, field: 'measures/1/key' });
    expect(await refusal(body({ measures: [{ ...measure, key: 'p_alive' }] }))).toEqual({ status: 409, code: insightsErrors.builtin_measure_key.code, field: 'measures/0/key' });
    const unknown = await app.inject({ method: 'GET', url: '/api/v1/insights/providers/00000000-0000-4000-8000-000000000000', headers: { cookie: r.as.headOffice } });
    expect({ status: unknown.statusCode, code: unknown.json().code }).toEqual({ status: 404, code: insightsErrors.provider_not_found.code });
    const denied = await app.inject({ method: 'GET', url: '/api/v1/insights/providers', headers: { cookie: r.as.associate } });
    expect({ status: denied.statusCode, code: denied.json().code }).toEqual({ status: 403, code: 'forbidden' });
  });

  it('alerts when a client secret expires within 30 days or has expired', async () => {
    const r = await buildRetailer(app, app.db);
    const c = await buildCustomer(app.db, r.le.id);
    accounts = [c.accountNumber, c.accountNumber];
    for (const [name, days] of [['Soon', 10], ['Later', 90], ['Gone', -3]] as const) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/insights/providers', headers: { cookie: r.as.headOffice },
        payload: body({ name, secretExpiresAt: inDays(days), measures: [{ field: 'engagement', key: `eng_${name.toLowerCase()}`, name, format: 'number' }] }) });
      expect(res.statusCode).toBe(201);
    }
    const alerts = (await app.inject({ method: 'GET', url: '/api/v1/insights/alerts', headers: { cookie: r.as.headOffice } })).json();
    const secretAlerts = alerts.filter((a: any) => a.kind.startsWith('secret'));
    expect(secretAlerts).toHaveLength(2);
    const soon = secretAlerts.find((a: any) => a.kind === 'secret-expiring');
    expect(soon.daysLeft).toBeGreaterThanOrEqual(8);
    expect(soon.daysLeft).toBeLessThanOrEqual(10);
    expect(soon.message).toMatch(/"Soon" expires in/);
    expect(secretAlerts.find((a: any) => a.kind === 'secret-expired').message).toMatch(/"Gone" expired/);
    // Named by key for the web: the reader's language and date format.
    expect(render('en', 'insightAlert', soon.messageText)).toMatch(new RegExp(`^The client secret of "Soon" expires in ${soon.daysLeft} days \\(\\d{1,2} \\w+( \\d{4})?\\)\\. Create`));
    expect(render('fr', 'insightAlert', secretAlerts.find((a: any) => a.kind === 'secret-expired').messageText))
      .toMatch(/^Le secret client de «\u00a0Gone\u00a0» a expiré le \d{1,2} \S+( \d{4})?\u00a0: ses indicateurs/);
  });

  it('names a failed pull by key: the alert and the measure\'s note read in the reader\'s language', async () => {
    const r = await buildRetailer(app, app.db);
    const c = await buildCustomer(app.db, r.le.id);
    accounts = [c.accountNumber, c.accountNumber];
    const res = await app.inject({ method: 'POST', url: '/api/v1/insights/providers', headers: { cookie: r.as.headOffice }, payload: body({ measures: [{ field: 'engagement', key: 'eng_broken', name: 'Engagement', format: 'number' }] }) });
    expect(res.statusCode).toBe(201);
    // The provider moves its measures: the next pull gets a 404.
    await app.db.execute(sql`update measure_providers set base_url = ${`${provider.url}/moved`} where id = ${res.json().id}`);
    const sync = (await app.inject({ method: 'POST', url: `/api/v1/insights/providers/${res.json().id}/sync`, headers: { cookie: r.as.headOffice }, payload: {} })).json();
    expect(sync.error).toBe('Measures request: the provider answered 404 ({})');
    expect(sync.errorNote).toEqual({ key: 'providerAnswered', params: { request: 'measures', status: 404, answer: '{}' } });
    const defs = (await app.inject({ method: 'GET', url: '/api/v1/insights/measures', headers: { cookie: r.as.headOffice } })).json();
    expect(defs.find((d: any) => d.key === 'eng_broken')).toMatchObject({ lastError: sync.error, lastErrorNotes: [sync.errorNote] });
    const alert = (await app.inject({ method: 'GET', url: '/api/v1/insights/alerts', headers: { cookie: r.as.headOffice } })).json().find((a: any) => a.kind === 'measure-failed');
    expect(alert).toMatchObject({ measureKey: 'eng_broken', message: `Engagement: ${sync.error}`, messageText: { key: 'measureFailed', params: { measure: 'Engagement' } }, notes: [sync.errorNote] });
    expect(`${render('fr', 'insightAlert', alert.messageText)} ${render('fr', 'measureNote', alert.notes[0])}`)
      .toBe('Dernier calcul de «\u00a0Engagement\u00a0»\u00a0: Demande des indicateurs\u00a0: le fournisseur a répondu 404 ({}).');
  });
});
