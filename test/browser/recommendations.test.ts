import fs from 'node:fs';
import path from 'node:path';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startBrowser, signInThroughPage } from './browser.ts';
import { buildRetailer, buildCustomer, TEST_PASSWORD, buildProduct, buildOrder } from '../factories.ts';
import { daysAgo } from '../../src/modules/recommendations/test-helpers.ts';

// The customer profile page (another feature) hosts the panel; until it is registered there is nowhere to render it.
const featuresDir = path.resolve('web/src/features');
const hasProfilePage = fs.readdirSync(featuresDir).some((f) => {
  const file = path.join(featuresDir, f, 'routes.tsx');
  return fs.existsSync(file) && fs.readFileSync(file, 'utf8').includes("'/customers/:id'");
});

let b: Awaited<ReturnType<typeof startBrowser>>;
beforeAll(async () => { b = await startBrowser(); });
afterAll(async () => { await b?.close(); });

/** Five customers bought the tote with the card holder, five others a scarf: a rule to mine (lift 2). */
async function retailerWithBaskets() {
  const r = await buildRetailer(b.app, b.app.db);
  const stock = [{ storeId: r.store.id, onHand: 4 }];
  const tote = await buildProduct(b.app.db, r.le.id, { name: 'Lina tote bag', category: 'Handbags', stock });
  const cardHolder = await buildProduct(b.app.db, r.le.id, { name: 'Card holder', category: 'Small leather goods', priceMinor: 29_000, stock });
  const scarf = await buildProduct(b.app.db, r.le.id, { name: 'Silk scarf', category: 'Accessories', stock });
  for (let i = 0; i < 5; i++) {
    const c = await buildCustomer(b.app.db, r.le.id);
    await buildOrder(b.app.db, r.le.id, { customerId: c.id, storeId: null, lines: [{ productId: tote.id }, { productId: cardHolder.id }], orderedAt: daysAgo(60 + i) });
    await buildOrder(b.app.db, r.le.id, { customerId: c.id, storeId: null, lines: [{ productId: scarf.id }], orderedAt: daysAgo(30 + i) });
  }
  return { r, tote, cardHolder };
}

describe('recommendations in Chromium', () => {
  it('head office adds a category complement and mines the rules now', async () => {
    const { r } = await retailerWithBaskets();
    await signInThroughPage(b.page, b.baseUrl, r.headOffice.email, TEST_PASSWORD);
    await b.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Recommendations' }).click();
    await b.page.getByRole('heading', { name: 'Recommendation set-up' }).waitFor();
    await expect(b.page.getByTestId('rule-count').textContent()).resolves.toBe('0');

    const complements = b.page.getByRole('region', { name: 'Category complements' });
    await complements.getByLabel('Bought category').fill('Handbags');
    await complements.getByLabel('Complementary category').fill('Small leather goods');
    await complements.getByLabel('Note for associates').fill('A matching card holder');
    await complements.getByRole('button', { name: 'Add complement' }).click();
    await b.page.getByRole('status').filter({ hasText: 'Added Handbags → Small leather goods' }).waitFor();
    await complements.getByRole('cell', { name: 'A matching card holder' }).waitFor();

    await b.page.getByRole('button', { name: 'Mine now' }).click();
    await b.page.getByRole('status').filter({ hasText: 'Mined 2 rules from 10 orders' }).waitFor();
    await expect(b.page.getByTestId('rule-count').textContent()).resolves.toBe('2');

    // A complement of a category with itself is refused with the server's reason.
    await complements.getByLabel('Bought category').fill('Handbags');
    await complements.getByLabel('Complementary category').fill('Handbags');
    await complements.getByRole('button', { name: 'Add complement' }).click();
    await expect(b.page.getByRole('alert').textContent()).resolves.toMatch(/cannot complement itself/);
    await b.page.getByRole('button', { name: 'Sign out' }).click();
  });

  it.skipIf(!hasProfilePage)('shows the associate conversation starters on the customer profile, with price, stock and reason', async () => {
    const { r, tote } = await retailerWithBaskets();
    const mine = await b.app.inject({ method: 'POST', url: '/api/v1/recommendations/mine', headers: { cookie: r.as.headOffice } });
    expect(mine.statusCode).toBe(200);
    const ada = await buildCustomer(b.app.db, r.le.id, { firstName: 'Ada' });
    await buildOrder(b.app.db, r.le.id, { customerId: ada.id, storeId: null, lines: [{ productId: tote.id }], orderedAt: daysAgo(3) });

    await signInThroughPage(b.page, b.baseUrl, r.associate.email, TEST_PASSWORD);
    await b.page.goto(`${b.baseUrl}/customers/${ada.id}`);
    const starters = b.page.getByRole('region', { name: 'Conversation starters' });
    const item = starters.getByRole('listitem', { name: 'Card holder' });
    await item.waitFor();
    const text = await item.textContent();
    expect(text).toContain('290');
    expect(text).toContain('4 in stock here');
    expect(text).toContain('Because Ada bought Lina tote bag on');
    await b.page.getByRole('button', { name: 'Sign out' }).click();
  });
});
