import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startBrowser, signInThroughPage } from './browser.ts';
import { buildRetailer, buildCustomer, TEST_PASSWORD } from '../factories.ts';
import { buildBook } from '../../src/modules/insights/test-helpers.ts';

let b: Awaited<ReturnType<typeof startBrowser>>;
let provider: http.Server;
let providerUrl = '';
let account = '';

beforeAll(async () => {
  b = await startBrowser();
  // A local OAuth2 + measures provider on the loopback address.
  provider = http.createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.method === 'POST' && req.url === '/token') {
      const ok = req.headers.authorization === `Basic ${Buffer.from('ui-client:ui-secret').toString('base64')}`;
      res.statusCode = ok ? 200 : 401;
      return res.end(JSON.stringify(ok ? { access_token: 't', token_type: 'Bearer', expires_in: 60 } : { error: 'invalid_client' }));
    }
    res.end(JSON.stringify({ items: [{ customerId: account, values: { engagement: 0.7 } }], next: null }));
  });
  await new Promise<void>((r) => provider.listen(0, '127.0.0.1', () => r()));
  providerUrl = `http://127.0.0.1:${(provider.address() as AddressInfo).port}`;
});
afterAll(async () => { await b?.close(); await new Promise((r) => provider?.close(r)); });

describe('measures set-up in Chromium', () => {
  it('recomputes, shows freshness and the fitted model, validates SQL measures and warns of an expiring provider secret', async () => {
    const r = await buildRetailer(b.app, b.app.db);
    const ids = await buildBook(b.app.db, r.le.id, () => buildCustomer(b.app.db, r.le.id));
    account = (await buildCustomer(b.app.db, r.le.id)).accountNumber;
    const page = b.page;
    // The page's reads answer slowly, as on a loaded server: a confirmation must not show before the page has re-read
    // what the change affects (the "expires in" alert once failed this way under load).
    await page.route(/\/insights\/(alerts|measures|model|providers)$/, async (route) => {
      if (route.request().method() === 'GET') await new Promise((r) => setTimeout(r, 500));
      await route.continue();
    });
    await signInThroughPage(page, b.baseUrl, r.headOffice.email, TEST_PASSWORD);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Measures' }).click();
    await page.getByRole('heading', { name: 'Measures', exact: true }).waitFor();

    await page.getByRole('button', { name: 'Recompute now' }).click();
    await expect(page.getByRole('status').first().textContent()).resolves.toMatch(new RegExp(`Recomputed \\d+ customers \\(${ids.length} with orders\\)`));
    const row = page.getByRole('row', { name: /^Probability active/ });
    await expect(row.textContent()).resolves.toMatch(new RegExp(`${ids.length}just now`));
    await expect(page.getByRole('region', { name: 'Model' }).textContent()).resolves.toMatch(/BG\/NBD.*r = /);

    // A write statement is refused on Validate; a proper one validates and saves.
    const sql = page.getByLabel('SQL query');
    await sql.fill('delete from customers where legal_entity_id = :legal_entity_id');
    await page.getByRole('button', { name: 'Validate', exact: true }).first().click();
    await expect(page.getByRole('region', { name: 'SQL measures' }).getByRole('status').textContent()).resolves.toMatch(/Not valid/);
    await sql.fill(`select o.customer_id, count(*) as value from orders o where o.legal_entity_id = :legal_entity_id group by 1`);
    await page.getByRole('region', { name: 'SQL measures' }).getByRole('button', { name: 'Validate' }).click();
    await expect(page.getByRole('region', { name: 'SQL measures' }).getByRole('status').textContent()).resolves.toMatch(`Valid: ${ids.length} customers`);
    await page.getByLabel('Key', { exact: true }).fill('order_count');
    await page.getByLabel('Name', { exact: true }).fill('Orders placed');
    await page.getByRole('button', { name: 'Save measure' }).click();
    await page.getByRole('row').filter({ hasText: 'Orders placed' }).waitFor();

    // An external provider whose secret expires in 10 days: alert while typing, and on the page once saved.
    const providers = page.getByRole('region', { name: 'External providers' });
    await providers.getByLabel('Provider name').fill('Customer Insights');
    await providers.getByLabel('Token URL').fill(`${providerUrl}/token`);
    await providers.getByLabel('Client ID').fill('ui-client');
    await providers.getByLabel('Client secret').fill('wrong');
    const soon = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    await providers.getByLabel('Secret expires on').fill(soon);
    await providers.getByLabel('Measures URL').fill(`${providerUrl}/measures`);
    await providers.getByLabel('Provider field 1').fill('engagement');
    await providers.getByLabel('Measure key 1').fill('engagement');
    await providers.getByLabel('Measure name 1').fill('Engagement');
    await expect(providers.getByRole('alert').textContent()).resolves.toMatch(/expires within 30 days/);
    await providers.getByRole('button', { name: 'Validate', exact: true }).click();
    await expect(providers.getByRole('status').textContent()).resolves.toMatch(/Validation failed.*401/);
    await providers.getByLabel('Client secret').fill('ui-secret');
    await providers.getByRole('button', { name: 'Validate', exact: true }).click();
    await expect(providers.getByRole('status').textContent()).resolves.toMatch(/Connection works.*1 matched/);
    await providers.getByRole('button', { name: 'Save provider' }).click();
    await page.getByRole('alert').filter({ hasText: /"Customer Insights" expires in (9|10) days/ }).waitFor();
    await expect(providers.getByRole('row').filter({ hasText: 'Customer Insights' }).textContent()).resolves.toMatch(/(9|10) days left/);
    // The secret is never shown back.
    await expect(page.content()).resolves.not.toContain('ui-secret');

    // Replacing the secret with one valid for longer clears the alert.
    await providers.getByRole('button', { name: 'Replace the secret of Customer Insights' }).click();
    await page.getByLabel('New client secret').fill('ui-secret');
    await page.getByLabel('New secret expires on').fill(new Date(Date.now() + 200 * 86_400_000).toISOString().slice(0, 10));
    await page.getByRole('button', { name: 'Save secret' }).click();
    await page.getByRole('status').filter({ hasText: 'Client secret replaced.' }).waitFor();
    // Read at once, not waited for: the confirmation is shown beside the re-read alerts, never the stale ones.
    await expect(page.getByRole('alert').filter({ hasText: /expires in/ }).count()).resolves.toBe(0);
  });
});
