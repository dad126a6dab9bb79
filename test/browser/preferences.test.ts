import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startBrowser } from './browser.ts';
import { buildRetailer, buildCustomer, addToClientBook } from '../factories.ts';
import { setConsent } from '../../src/modules/outreach/test-helpers.ts';

let b: Awaited<ReturnType<typeof startBrowser>>;
beforeAll(async () => { b = await startBrowser(); });
afterAll(async () => { await b?.close(); });

describe('the customer\'s preference page in Chromium', () => {
  it('opens from the signed link without sign-in, changes a channel and a topic, keeps them, and switches to French', async () => {
    const r = await buildRetailer(b.app, b.app.db);
    const c = await buildCustomer(b.app.db, r.le.id, { firstName: 'Léa', phone: '+33611223344' });
    await setConsent(b.app.db, r.le.id, c.id, 'email', true);
    await addToClientBook(b.app.db, r.le.id, r.associate.id, c.id);
    const link = (await b.app.inject({ method: 'GET', url: `/api/v1/customers/${c.id}/preference-link`, headers: { cookie: r.as.associate } })).json();
    const path = new URL(link.url).pathname;

    const page = b.page;
    await page.goto(b.baseUrl + path);
    await page.getByRole('heading', { name: 'Your preferences' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(0);
    await expect(page.getByText('Hello Léa,').count()).resolves.toBe(1);
    await expect(page.getByLabel('Email').isChecked()).resolves.toBe(true);
    await expect(page.getByRole('region', { name: 'Your associate' }).textContent()).resolves.toMatch(/Associate /);

    await page.getByLabel('Email').uncheck();
    await page.getByLabel('Text message (SMS)').check();
    await page.getByLabel('New arrivals').uncheck();
    await page.getByRole('button', { name: 'Save my preferences' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toBe('Your preferences are saved.');

    // Saved on the server: a fresh load shows the choices, and the associate sees them in the consent history.
    await page.reload();
    await page.getByRole('heading', { name: 'Your preferences' }).waitFor();
    await expect(page.getByLabel('Email').isChecked()).resolves.toBe(false);
    await expect(page.getByLabel('Text message (SMS)').isChecked()).resolves.toBe(true);
    await expect(page.getByLabel('New arrivals').isChecked()).resolves.toBe(false);
    const history = (await b.app.inject({ method: 'GET', url: `/api/v1/customers/${c.id}/consents/history`, headers: { cookie: r.as.associate } })).json() as { channel: string; granted: boolean; source: string }[];
    expect(history.filter((h) => h.source === 'preference-page').map((h) => `${h.channel}=${h.granted}`).sort()).toEqual(['email=false', 'sms=true', 'topic:new-arrivals=false']);

    await page.getByLabel('Language').selectOption('fr');
    await page.getByRole('button', { name: 'Save my preferences' }).click();
    await page.getByRole('heading', { name: 'Vos préférences' }).waitFor();
    await page.getByRole('button', { name: 'Demander un autre conseiller' }).click();
    await expect(page.getByRole('region', { name: 'Votre conseiller' }).getByRole('status').textContent()).resolves.toContain('transmise');
  });

  it('says so when the link was tampered with', async () => {
    await b.page.goto(`${b.baseUrl}/preferences/pref_AAAAAAAAAAAAAAAA.forged-signature`);
    await expect(b.page.getByRole('alert').textContent()).resolves.toContain('not valid');
  });
});
