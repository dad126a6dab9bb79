import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startBrowser, signInThroughPage } from './browser.ts';
import { buildRetailer, buildCustomer, buildProduct, TEST_PASSWORD } from '../factories.ts';
import { setConsent } from '../../src/modules/outreach/test-helpers.ts';

let b: Awaited<ReturnType<typeof startBrowser>>;
beforeAll(async () => { b = await startBrowser(); });
afterAll(async () => { await b?.close(); });

describe('product shares in Chromium', () => {
  it('the associate shares a look from a product search; the customer opens it, sees the products and clicks one; the click is on the timeline', async () => {
    const r = await buildRetailer(b.app, b.app.db);
    const c = await buildCustomer(b.app.db, r.le.id, { firstName: 'Hélène', lastName: 'Share', homeStoreId: r.store.id });
    await setConsent(b.app.db, r.le.id, c.id, 'email', true);
    await buildProduct(b.app.db, r.le.id, { name: 'Escarpin Velours', priceMinor: 69_000, stock: [{ storeId: r.store.id, onHand: 3 }] });
    await buildProduct(b.app.db, r.le.id, { name: 'Escarpin Cuir', priceMinor: 59_000, stock: [{ storeId: r.store.id, onHand: 0 }] });

    const page = b.page;
    await signInThroughPage(page, b.baseUrl, r.associate.email, TEST_PASSWORD);
    await page.goto(`${b.baseUrl}/customers/${c.id}`);
    const looks = page.getByRole('region', { name: 'Looks' });
    await looks.getByRole('button', { name: 'Share a look' }).click();
    const dialog = page.getByRole('dialog', { name: 'Share a look' });
    await dialog.getByLabel('Search products').check();
    await dialog.getByLabel('Product', { exact: true }).fill('Escarpin');
    await dialog.getByLabel('Escarpin Velours').check();
    await dialog.getByLabel('Escarpin Cuir').check();
    await dialog.getByLabel('Title', { exact: true }).fill('Pour la soirée');
    await dialog.getByLabel('Note to the customer').fill('Les deux tailles 38 vous attendent.');
    await dialog.getByRole('button', { name: 'Send the look' }).click();
    await looks.getByRole('status').getByText('Look sent.').waitFor();
    await looks.getByRole('cell', { name: 'Pour la soirée' }).waitFor();
    const href = await looks.getByRole('link', { name: 'Open it' }).getAttribute('href');
    expect(href).toMatch(/\/look\/look_/);

    // The customer's side: signed out, as the customer is.
    await page.context().clearCookies();
    await page.goto(b.baseUrl + new URL(href!, b.baseUrl).pathname);
    await page.getByRole('heading', { name: 'Pour la soirée' }).waitFor();
    const velours = page.getByRole('button', { name: 'Escarpin Velours' });
    await expect(velours.textContent()).resolves.toContain('In stock at your store');
    await expect(page.getByRole('button', { name: 'Escarpin Cuir' }).textContent()).resolves.toContain('Not in stock');
    await expect(velours.textContent()).resolves.toMatch(/€690\.00/);
    await velours.click();
    await page.getByRole('status').waitFor();

    await signInThroughPage(page, b.baseUrl, r.associate.email, TEST_PASSWORD);
    await page.goto(`${b.baseUrl}/customers/${c.id}`);
    const timeline = page.getByRole('list', { name: 'Timeline' });
    await timeline.getByText('Clicked Escarpin Velours in "Pour la soirée"').waitFor();
    await timeline.getByText('Opened the look "Pour la soirée"').waitFor();
  });
});
