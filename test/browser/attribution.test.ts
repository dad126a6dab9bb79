import fs from 'node:fs';
import { describe, it, expect, beforeAll, afterAll, beforeEach } from 'vitest';
import { sql } from 'drizzle-orm';
import { startBrowser, signInThroughPage } from './browser.ts';
import { buildRetailer, buildCustomer, TEST_PASSWORD, buildProduct, buildOrder } from '../factories.ts';
import { runAttribution } from '../../src/modules/attribution/engine.ts';
import { savePlan, listPlans } from '../../src/modules/attribution/commission-plans.ts';
import { listSalesGroups } from '../../src/modules/attribution/sales-groups.ts';

let b: Awaited<ReturnType<typeof startBrowser>>;
beforeAll(async () => { b = await startBrowser(); });
afterAll(async () => { await b?.close(); });
// Each test signs in afresh, whatever the previous one left behind.
beforeEach(async () => { await b.context.clearCookies(); });

async function retailerWithSales() {
  const r = await buildRetailer(b.app, b.app.db);
  const customer = await buildCustomer(b.app.db, r.le.id, { firstName: 'Margaux', lastName: 'Petit' });
  const ring = await buildProduct(b.app.db, r.le.id, { category: 'Jewellery', name: 'Pearl earrings' });
  await savePlan(b.app.db, r.le.id, null, { name: 'Plan 2024', validFrom: '2024-01', validTo: null, defaultRatePercent: 3, rates: [{ storeId: null, category: 'Jewellery', ratePercent: 5 }] });
  await buildOrder(b.app.db, r.le.id, { storeId: r.store.id, customerId: customer.id, orderedAt: '2024-09-12T10:00:00Z', lines: [{ productId: ring.id, netMinor: 240_000, associateId: r.associate.id }] });
  await buildOrder(b.app.db, r.le.id, { storeId: r.store.id, customerId: customer.id, orderedAt: '2024-10-03T10:00:00Z', lines: [{ productId: ring.id, netMinor: 60_000, associateId: r.manager.id }] });
  await runAttribution(b.app.db, r.le.id);
  return r;
}

describe('sales attribution screens', () => {
  it('shows an associate their attributed sales with explanations, commission, and the CSV statement', async () => {
    const r = await retailerWithSales();
    await signInThroughPage(b.page, b.baseUrl, r.associate.email, TEST_PASSWORD);
    await b.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My sales' }).click();
    await b.page.getByLabel('Month').fill('2024-09');
    const sales = b.page.getByRole('list', { name: 'Attributed sales' });
    await sales.waitFor();
    await expect(sales.textContent()).resolves.toContain('Pearl earrings');
    await expect(sales.textContent()).resolves.toContain('Sold at the till by');
    await expect(sales.textContent()).resolves.toContain('Margaux Petit');
    // 5 % of 2,400.00 is 120.00.
    await expect(b.page.getByTestId('commission-total').textContent()).resolves.toMatch(/120[.,]00/);
    const statement = b.page.getByRole('table', { name: 'Commission statement' });
    await expect(statement.textContent()).resolves.toContain('5%');

    const [download] = await Promise.all([b.page.waitForEvent('download'), b.page.getByRole('link', { name: 'Download statement (CSV)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^commission-.*-2024-09\.csv$/);
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    expect(csv).toContain('Pearl earrings');
    expect(csv).toContain(',2400.00,5,120.00,');

    await b.page.getByLabel('Month').fill('2024-10');
    await b.page.getByText('No sales were credited to you this month.').waitFor();
    await b.page.getByRole('button', { name: 'Sign out' }).click();
  });

  it('words each explanation in the associate\'s French with fr-FR dates; an entry kept from before shows its stored text', async () => {
    const r = await retailerWithSales();
    // An entry written before explanations were kept by key has its English alone.
    const ring = await buildProduct(b.app.db, r.le.id, { category: 'Jewellery', name: 'Gold ring' });
    const older = await buildOrder(b.app.db, r.le.id, { storeId: r.store.id, customerId: null, orderedAt: '2024-09-20T10:00:00Z', lines: [{ productId: ring.id, netMinor: 10_000, associateId: r.associate.id }] });
    await runAttribution(b.app.db, r.le.id);
    await b.app.db.execute(sql`update attribution_ledger set explanation = 'Recorded before keys.', explanation_key = null, explanation_params = null where order_line_id = ${older.lines[0].id}`);
    await signInThroughPage(b.page, b.baseUrl, r.associate.email, TEST_PASSWORD);
    await b.page.getByLabel('Language').selectOption('fr');
    await b.page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Mes ventes' }).click();
    await b.page.getByLabel('Mois').fill('2024-09');
    const sales = b.page.getByRole('list', { name: 'Ventes attribuées' });
    await sales.getByText(`Vendu en caisse par ${r.associate.displayName} à ${r.store.name} le 12 septembre 2024 (commande `).waitFor();
    await sales.getByText('Recorded before keys.').waitFor();
    await expect(sales.textContent()).resolves.not.toContain('Sold at the till');
    await b.page.getByLabel('Langue').selectOption('en');
  });

  it('lists the first 30 credited lines of a busy month and the rest on request', async () => {
    const r = await buildRetailer(b.app, b.app.db);
    const scarf = await buildProduct(b.app.db, r.le.id, { category: 'Accessories', name: 'Silk scarf' });
    for (let day = 1; day <= 35; day++) {
      await buildOrder(b.app.db, r.le.id, { customerId: null, storeId: r.store.id, orderedAt: `2024-05-${String(Math.min(day, 28)).padStart(2, '0')}T10:${String(day).padStart(2, '0')}:00Z`,
        lines: [{ productId: scarf.id, netMinor: 10_000, associateId: r.associate.id }] });
    }
    await runAttribution(b.app.db, r.le.id);
    await signInThroughPage(b.page, b.baseUrl, r.associate.email, TEST_PASSWORD);
    await b.page.goto(`${b.baseUrl}/my-sales?period=2024-05`);
    const sales = b.page.getByRole('list', { name: 'Attributed sales' });
    await sales.waitFor();
    await expect(sales.getByRole('listitem').count()).resolves.toBe(30);
    await b.page.getByRole('button', { name: 'Show all 35 credited lines' }).click();
    await expect.poll(() => sales.getByRole('listitem').count()).toBe(35);
    await b.page.getByRole('button', { name: 'Sign out' }).click();
  });

  it('shows the store manager KPI tiles, charts and the leaderboard', async () => {
    const r = await retailerWithSales();
    await signInThroughPage(b.page, b.baseUrl, r.manager.email, TEST_PASSWORD);
    await b.page.goto(`${b.baseUrl}/store-performance`);
    await b.page.getByLabel('From date', { exact: true }).fill('2024-09-01');
    await b.page.getByLabel('To date', { exact: true }).fill('2024-10-31');
    const board = b.page.getByRole('table', { name: 'Leaderboard' });
    await board.waitFor();
    const rows = await board.getByRole('row').allTextContents();
    expect(rows[1]).toContain(r.associate.displayName);
    expect(rows[2]).toContain(r.manager.displayName);
    const tiles = await b.page.getByLabel('Key figures').textContent();
    expect(tiles).toMatch(/3[,.\s\u202f]?000[.,]00/);
    expect(tiles).toContain('Repeat-customer revenue');
    await expect(b.page.getByRole('img', { name: 'Monthly revenue: repeat and new customers' }).count()).resolves.toBe(1);
    await expect(b.page.getByRole('img', { name: 'Outreach and appointment conversion' }).count()).resolves.toBe(1);
    await expect(b.page.getByRole('img', { name: 'Client book growth: customers added per month' }).count()).resolves.toBe(1);

    await board.getByRole('link', { name: r.associate.displayName }).click();
    await b.page.getByRole('heading', { name: `Sales of ${r.associate.displayName}` }).waitFor();
    await b.page.getByRole('button', { name: 'Sign out' }).click();
  });

  it('lets head office set the window, a commission plan and a sales group', async () => {
    const r = await buildRetailer(b.app, b.app.db);
    await signInThroughPage(b.page, b.baseUrl, r.headOffice.email, TEST_PASSWORD);
    await b.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Commission' }).click();
    await b.page.getByLabel('Window in days').fill('21');
    await b.page.getByRole('button', { name: 'Save window' }).click();
    await b.page.getByText('Attribution window saved.').waitFor();

    await b.page.getByRole('button', { name: 'New plan' }).click();
    await b.page.getByLabel('Plan name').fill('Spring plan');
    await b.page.getByLabel('First month').fill('2025-03');
    await b.page.getByLabel('Default rate %').fill('2.5');
    await b.page.getByRole('button', { name: 'Add rate' }).click();
    await b.page.getByLabel('Rate 1 category').fill('Handbags');
    await b.page.getByLabel('Rate 1 %').fill('4');
    await b.page.getByRole('button', { name: 'Save plan' }).click();
    await b.page.getByText('Commission plan saved.').waitFor();
    const plans = await listPlans(b.app.db, r.le.id);
    expect(plans).toMatchObject([{ name: 'Spring plan', validFrom: '2025-03', validTo: null, defaultRatePercent: 2.5, rates: [{ storeId: null, category: 'Handbags', ratePercent: 4 }] }]);

    await b.page.getByRole('button', { name: 'New sales group' }).click();
    await b.page.getByLabel('Group name').fill('Counter duo');
    await b.page.getByRole('button', { name: 'Add member' }).click();
    await b.page.getByLabel('Member 1', { exact: true }).selectOption(r.associate.id);
    await b.page.getByLabel('Member 1 share %').fill('50');
    await b.page.getByRole('button', { name: 'Add member' }).click();
    await b.page.getByLabel('Member 2', { exact: true }).selectOption(r.manager.id);
    await b.page.getByLabel('Member 2 share %').fill('40');
    await b.page.getByRole('button', { name: 'Save group' }).click();
    await expect(b.page.getByRole('alert').textContent()).resolves.toContain('100%');
    await b.page.getByLabel('Member 2 share %').fill('50');
    await b.page.getByRole('button', { name: 'Save group' }).click();
    await b.page.getByText('Sales group saved.').waitFor();
    const groups = await listSalesGroups(b.app.db, r.le.id);
    expect(groups).toMatchObject([{ name: 'Counter duo', members: [{ associateId: r.associate.id, shareBp: 5000 }, { associateId: r.manager.id, shareBp: 5000 }] }]);
    await b.page.getByRole('button', { name: 'Sign out' }).click();
  });
});
