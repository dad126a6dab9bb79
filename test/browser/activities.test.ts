import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startBrowser, signInThroughPage } from './browser.ts';
import { buildRetailer, buildCustomer, TEST_PASSWORD } from '../factories.ts';

let b: Awaited<ReturnType<typeof startBrowser>>;
beforeAll(async () => { b = await startBrowser(); });
afterAll(async () => { await b?.close(); });

describe('activities and notes on the customer page in Chromium', () => {
  it('records an activity, corrects it, and adds and edits a note with its history', async () => {
    const r = await buildRetailer(b.app, b.app.db);
    for (const name of ['Store visit', 'Phone call']) {
      const res = await b.app.inject({ method: 'POST', url: '/api/v1/activity-types', headers: { cookie: r.as.headOffice }, payload: { name } });
      expect(res.statusCode).toBe(201);
    }
    const c = await buildCustomer(b.app.db, r.le.id, { firstName: 'Inès', lastName: 'Moreau' });

    await signInThroughPage(b.page, b.baseUrl, r.associate.email, TEST_PASSWORD);
    await b.page.goto(`${b.baseUrl}/customers/${c.id}`);
    const record = b.page.getByRole('form', { name: 'Record activity' });
    await record.getByLabel('Activity type').selectOption({ label: 'Store visit' });
    await record.getByLabel('Activity notes').fill('Tried the loafers');
    await record.getByLabel('Outcome').fill('Bought one pair');
    await record.getByRole('button', { name: 'Record activity' }).click();
    const timeline = b.page.getByRole('list', { name: 'Timeline' });
    await timeline.getByText('Tried the loafers').waitFor();

    await timeline.getByRole('button', { name: 'Edit activity' }).click();
    const edit = b.page.getByRole('form', { name: 'Edit activity' });
    await edit.getByLabel('Type').selectOption({ label: 'Phone call' });
    await edit.getByLabel('Notes').fill('Called about the loafers');
    await edit.getByRole('button', { name: 'Save activity' }).click();
    await timeline.getByText('Called about the loafers').waitFor();
    await expect(timeline.locator('li').first().textContent()).resolves.toContain('Phone call');

    const add = b.page.getByRole('form', { name: 'Add note' });
    await add.getByLabel('Note').fill('Prefers calls after 6pm');
    await add.getByRole('button', { name: 'Add note' }).click();
    await timeline.getByText('Prefers calls after 6pm').waitFor();
    await timeline.getByRole('button', { name: 'Edit note' }).click();
    await b.page.getByLabel('Edit note').fill('Prefers calls after 7pm');
    await b.page.getByRole('button', { name: 'Save note' }).click();
    await timeline.getByText('Prefers calls after 7pm').waitFor();
    await timeline.getByRole('button', { name: 'Show history' }).click();
    await expect(b.page.getByRole('list', { name: 'Note history' }).textContent()).resolves.toContain('Prefers calls after 6pm');
    await b.page.getByRole('button', { name: 'Sign out' }).click();
  });
});
