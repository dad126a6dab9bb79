import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { startBrowser, signInThroughPage } from './browser.ts';
import { buildRetailer, TEST_PASSWORD } from '../factories.ts';
import { query } from '../../src/db/client.ts';
import { secretKey } from '../../src/db/secret-key.ts';
import { makeBookable } from '../../src/modules/appointments/test-helpers.ts';
import { manageToken } from '../../src/modules/appointments/links.ts';

let b: Awaited<ReturnType<typeof startBrowser>>;
beforeAll(async () => { b = await startBrowser(); });
afterAll(async () => { await b?.close(); });

describe('appointments in Chromium', () => {
  it('a customer books without signing in, moves and cancels through the link; the associate sees the day and prepares', async () => {
    const r = await buildRetailer(b.app, b.app.db);
    await makeBookable(b.app, r.as.headOffice, r.store.id, [r.associate.id]);
    const page = b.page;

    // The public page: no sign-in, no associate shell; the only store and type are chosen already.
    await page.goto(`${b.baseUrl}/book?entity=${encodeURIComponent(r.le.code)}`);
    await page.getByRole('heading', { name: 'Book an appointment' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(0);
    await expect(page.getByLabel('Store').inputValue()).resolves.toBe(r.store.id);
    const days = page.getByRole('group', { name: 'Day' }).getByRole('button');
    await days.first().waitFor();
    // Tomorrow-or-later day, so the test does not depend on the time of day it runs.
    await days.nth(2).click();
    await page.getByRole('group', { name: 'Time' }).getByRole('button', { name: '11:00' }).click();
    await page.getByLabel('Name').fill('Béatrice Browser');
    await page.getByLabel('Email').fill('beatrice@example.test');
    await page.getByRole('button', { name: 'Book appointment' }).click();
    await page.getByRole('heading', { name: "You're booked" }).waitFor();
    await expect(page.getByRole('status').textContent()).resolves.toContain('beatrice@example.test');

    const [apt] = await query<{ publicId: string }>(b.app.db, sql`
      select public_id as "publicId" from appointments
      where customer_email = 'beatrice@example.test' and store_id = ${r.store.id}`);
    expect(apt).toBeTruthy();

    // The link from the email: move to 15:00, then cancel.
    const token = manageToken(await secretKey(b.app.db, b.app.config.secretKey), apt.publicId);
    await page.goto(`${b.baseUrl}/book/manage/${token}`);
    await page.getByRole('heading', { name: 'Your appointment' }).waitFor();
    await expect(page.locator('main').textContent()).resolves.toContain('11:00');
    await page.getByRole('button', { name: 'Change time' }).click();
    await page.getByRole('group', { name: 'Day' }).getByRole('button').nth(2).click();
    await page.getByRole('group', { name: 'Time' }).getByRole('button', { name: '15:00' }).click();
    await page.getByRole('button', { name: 'Move to this time' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toContain('has moved');
    await expect(page.locator('main').textContent()).resolves.toContain('15:00');
    const [moved] = await query<{ date: string }>(b.app.db, sql`
      select (starts_at at time zone 'Europe/Paris')::date::text as date from appointments where public_id = ${apt.publicId}`);

    // The associate's day shows the appointment with its preparation sheet.
    await signInThroughPage(page, b.baseUrl, r.associate.email, TEST_PASSWORD);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My day' }).click();
    await page.getByLabel('Date').fill(moved.date);
    const card = page.getByRole('article', { name: /15:00 Béatrice Browser/ });
    await card.waitFor();
    await card.getByRole('region', { name: 'Preparation sheet for Béatrice Browser' }).waitFor();
    await expect(card.textContent()).resolves.toContain('No purchases yet');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();

    // Back on the customer's link: cancel.
    await page.goto(`${b.baseUrl}/book/manage/${token}`);
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Cancel appointment' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toContain('cancelled');
    const [after] = await query<{ status: string }>(b.app.db, sql`select status from appointments where public_id = ${apt.publicId}`);
    expect(after.status).toBe('cancelled');
  });

  it('a store manager adds an appointment type and opening hours in set-up', async () => {
    const r = await buildRetailer(b.app, b.app.db);
    await signInThroughPage(b.page, b.baseUrl, r.manager.email, TEST_PASSWORD);
    const page = b.page;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Appointment set-up' }).click();
    await page.getByRole('heading', { name: 'Appointment types' }).waitFor();
    await page.getByLabel('Type name').fill('Bridal fitting');
    await page.getByLabel('Duration (minutes)').fill('45');
    await page.getByRole('button', { name: 'Add type' }).click();
    await page.getByRole('cell', { name: 'Bridal fitting', exact: true }).waitFor();
    await expect(page.getByLabel('Bridal fitting bookable').isChecked()).resolves.toBe(true);

    await page.getByLabel('Open on Saturday').check();
    await page.getByLabel('Saturday from').fill('10:30');
    await page.getByRole('button', { name: 'Save opening hours' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toContain('Opening hours saved');
    const rows = await query<{ weekday: number; opens: number }>(b.app.db, sql`select weekday, opens_minute as opens from store_opening_hours where store_id = ${r.store.id}`);
    expect(rows).toEqual([{ weekday: 6, opens: 630 }]);
    await page.getByRole('button', { name: 'Sign out' }).click();
  });
});
