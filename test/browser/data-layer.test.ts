import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Request } from 'playwright-core';
import { startBrowser, signInThroughPage } from './browser.ts';
import { buildRetailer, buildCustomer, TEST_PASSWORD } from '../factories.ts';

// The web's data layer (TanStack Query over the generated API types): an answer only ever shows for the question it
// answers, and a refusal or failure of the server is shown to the user, never swallowed.
let b: Awaited<ReturnType<typeof startBrowser>>;
beforeAll(async () => { b = await startBrowser(); });
afterAll(async () => { await b?.close(); });

describe('the web data layer in Chromium', () => {
  it('never lets a slow answer to an earlier search replace the answer to the later one', async () => {
    const r = await buildRetailer(b.app, b.app.db);
    for (const [firstName, lastName] of [['Aline', 'Stalewood'], ['Bruno', 'Freshfield']]) {
      const c = await buildCustomer(b.app.db, r.le.id, { firstName, lastName, homeStoreId: r.store.id });
      await b.app.db.execute(sql`insert into customer_address_books (customer_id, address_book_id) values (${c.id}, ${r.store.addressBookId})`);
    }
    const page = b.page;
    // The first search's answer is held back until the second search's answer has been shown.
    const isFirst = (req: Request) => req.url().includes('/api/v1/customers?') && new URL(req.url()).searchParams.get('q') === 'Stalewood';
    let release!: () => void;
    const held = new Promise<void>((resolve) => { release = resolve; });
    await page.route(/\/api\/v1\/customers\?/, async (route) => {
      if (isFirst(route.request())) await held;
      // The page may have given up on the held request (it no longer wants that answer): nothing left to answer then.
      await route.continue().catch(() => {});
    });
    const firstSettled = new Promise<void>((resolve) => {
      page.on('requestfinished', (req) => { if (isFirst(req)) resolve(); });
      page.on('requestfailed', (req) => { if (isFirst(req)) resolve(); });
    });

    await signInThroughPage(page, b.baseUrl, r.associate.email, TEST_PASSWORD);
    await page.goto(b.baseUrl + '/customers');
    const box = page.getByLabel('Name, email or phone');
    const firstAsked = page.waitForRequest(isFirst);
    await box.fill('Stalewood');
    await firstAsked;
    await box.fill('Freshfield');
    const found = page.getByRole('table', { name: 'Customers found' });
    await found.getByRole('link', { name: 'Bruno Freshfield' }).waitFor();

    // Now the older answer arrives (or was abandoned); the page keeps showing the answer to what was typed last.
    release();
    await firstSettled;
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300))); // let the page handle it, if it would
    await expect(found.getByRole('link', { name: 'Bruno Freshfield' }).count()).resolves.toBe(1);
    await expect(page.getByRole('link', { name: 'Aline Stalewood' }).count()).resolves.toBe(0);
    await expect(box.inputValue()).resolves.toBe('Freshfield');
    await page.unroute(/\/api\/v1\/customers\?/);
    await page.getByRole('button', { name: 'Sign out' }).click();
  });

  it("shows the server's problem (title and detail) when a read is refused or fails", async () => {
    const r = await buildRetailer(b.app, b.app.db);
    const page = b.page;
    await signInThroughPage(page, b.baseUrl, r.associate.email, TEST_PASSWORD);

    // A refusal from the real server: a customer that does not exist in this legal entity.
    const missing = randomUUID();
    const res = await b.app.inject({ method: 'GET', url: `/api/v1/customers/${missing}/profile`, headers: { cookie: r.as.associate } });
    expect(res.statusCode).toBe(404);
    const problem = res.json() as { title: string; detail: string };
    await page.goto(`${b.baseUrl}/customers/${missing}`);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toBe(`${problem.title}: ${problem.detail}`);

    // A failing read of one panel (it used to be dropped silently): the panel says what went wrong, the page still works.
    const c = await buildCustomer(b.app.db, r.le.id, { firstName: 'Chloé', lastName: 'Marchand' });
    await page.route(/\/next-best-actions$/, (route) => route.fulfill({
      status: 503, contentType: 'application/problem+json',
      body: JSON.stringify({ type: 'about:blank', title: 'Service Unavailable', status: 503, detail: 'Next best actions are being recomputed.' }),
    }));
    await page.goto(`${b.baseUrl}/customers/${c.id}`);
    const actions = page.getByRole('region', { name: 'Next best actions' });
    await actions.getByRole('alert').filter({ hasText: 'Service Unavailable: Next best actions are being recomputed.' }).waitFor();
    await page.getByRole('heading', { name: /Chloé Marchand/ }).waitFor();
    await page.unroute(/\/next-best-actions$/);
    await page.getByRole('button', { name: 'Sign out' }).click();
  });
});
