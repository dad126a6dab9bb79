import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { startBrowser, signInThroughPage } from './browser.ts';
import { buildRetailer, buildCustomer, TEST_PASSWORD } from '../factories.ts';
import { query } from '../../src/db/client.ts';
import { secretKey } from '../../src/db/secret-key.ts';
import { makeBookable } from '../../src/modules/appointments/test-helpers.ts';
import { manageToken } from '../../src/modules/appointments/links.ts';
import { localToUtc, parseLocalDate } from '../../src/modules/appointments/slots.ts';

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
    // This server has no mail server: the page must not claim a confirmation went to the customer.
    await expect(page.getByRole('status').textContent()).resolves.toContain('We could not send you a confirmation email');
    await expect(page.getByRole('status').textContent()).resolves.not.toContain('beatrice@example.test');

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
    // Its own 11:00-12:15 does not hide the times next to it.
    await page.getByRole('group', { name: 'Time' }).getByRole('button', { name: '11:30' }).waitFor();
    await page.getByRole('group', { name: 'Time' }).getByRole('button', { name: '10:30' }).waitFor();
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

  it('an associate books for a customer from the customer page', async () => {
    const r = await buildRetailer(b.app, b.app.db);
    await makeBookable(b.app, r.as.headOffice, r.store.id, [r.associate.id, r.manager.id]);
    const customer = await buildCustomer(b.app.db, r.le.id, { firstName: 'Paula', lastName: 'Panel', email: 'paula@example.test' });
    const page = b.page;
    await signInThroughPage(page, b.baseUrl, r.associate.email, TEST_PASSWORD);
    await page.goto(`${b.baseUrl}/customers/${customer.id}`);
    const panel = page.getByRole('region', { name: 'Appointments' });
    await panel.getByText('No upcoming appointments.').waitFor();
    await panel.getByRole('button', { name: 'Book an appointment' }).click();
    // The only type is chosen; the associate booking is the one the customer sees.
    await expect(panel.getByLabel('With associate').inputValue()).resolves.toBe(r.associate.id);
    await panel.getByRole('group', { name: 'Day' }).getByRole('button').nth(2).click();
    await panel.getByRole('group', { name: 'Time' }).getByRole('button', { name: '14:00' }).click();
    await panel.getByLabel('Note for the appointment (optional)').fill('Autumn wardrobe');
    await panel.getByRole('button', { name: 'Book appointment' }).click();
    await expect(panel.getByRole('status').textContent()).resolves.toContain('The customer gets a confirmation by email');
    const upcoming = panel.getByRole('list', { name: 'Upcoming appointments' });
    await upcoming.waitFor();
    await expect(upcoming.textContent()).resolves.toContain('14:00');
    const rows = await query<{ associateId: string; bookedVia: string; message: string }>(b.app.db, sql`
      select associate_id as "associateId", booked_via as "bookedVia", customer_message as message from appointments where customer_id = ${customer.id}`);
    expect(rows).toEqual([{ associateId: r.associate.id, bookedVia: 'associate', message: 'Autumn wardrobe' }]);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
  });

  it('time off typed on a device in another time zone is read on the store\'s clock', async () => {
    const r = await buildRetailer(b.app, b.app.db);
    const { date } = await makeBookable(b.app, r.as.headOffice, r.store.id, [r.associate.id]);
    const page = b.page;
    const cdp = await b.context.newCDPSession(page);
    await cdp.send('Emulation.setTimezoneOverride', { timezoneId: 'America/New_York' });
    try {
      await signInThroughPage(page, b.baseUrl, r.manager.email, TEST_PASSWORD);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Appointment set-up' }).click();
      await page.getByRole('heading', { name: 'Time off' }).waitFor();
      await page.getByLabel('Associate off').selectOption(r.associate.id);
      await page.getByLabel('Off from').fill(`${date}T12:00`);
      await page.getByLabel('Off until').fill(`${date}T14:30`);
      await page.getByRole('button', { name: 'Add time off' }).click();
      await expect(page.getByRole('status').textContent()).resolves.toContain('Time off recorded');
      const [row] = await query<{ startsAt: string; endsAt: string }>(b.app.db, sql`
        select to_char(starts_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "startsAt", to_char(ends_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "endsAt"
        from associate_time_off where associate_id = ${r.associate.id}`);
      expect(Date.parse(row.startsAt)).toBe(localToUtc(parseLocalDate(date), 12 * 60, 'Europe/Paris'));
      expect(Date.parse(row.endsAt)).toBe(localToUtc(parseLocalDate(date), 14 * 60 + 30, 'Europe/Paris'));
      // Listed on the store's clock too.
      await expect(page.locator('main').textContent()).resolves.toContain('12:00');
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
    } finally {
      await cdp.send('Emulation.setTimezoneOverride', { timezoneId: '' }).catch(() => {});
      await cdp.detach().catch(() => {});
    }
  });

  it('/book without a retailer asks for one first and offers only its stores', async () => {
    const a = await buildRetailer(b.app, b.app.db);
    const other = await buildRetailer(b.app, b.app.db);
    await makeBookable(b.app, a.as.headOffice, a.store.id, [a.associate.id]);
    await makeBookable(b.app, other.as.headOffice, other.store.id, [other.associate.id]);
    const page = b.page;
    await page.goto(`${b.baseUrl}/book`);
    await page.getByRole('heading', { name: 'Book an appointment' }).waitFor();
    const retailer = page.getByLabel('Retailer');
    await retailer.waitFor();
    expect(await page.getByLabel('Store').count()).toBe(0);
    await retailer.selectOption({ label: other.le.name });
    const storeOptions = await page.getByLabel('Store').locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
    expect(storeOptions).toEqual([other.store.id]);
    await expect(page.getByLabel('Store').inputValue()).resolves.toBe(other.store.id);
    await expect(page.locator('.brand').first().textContent()).resolves.toBe(other.le.name);
  });
});
