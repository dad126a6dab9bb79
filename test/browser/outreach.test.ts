import { describe, it, expect, beforeAll, afterAll, beforeEach } from 'vitest';
import { startBrowser, signInThroughPage } from './browser.ts';
import { buildRetailer, buildCustomer, TEST_PASSWORD, addToClientBook } from '../factories.ts';
import { startSmtpSink } from '../smtp-sink.ts';
import { createTemplate } from '../../src/modules/outreach/templates.ts';
import { runPromptsNow } from '../../src/modules/outreach/tasks.ts';
import { deliverDueMessages } from '../../src/modules/outreach/outbox.ts';
import { getOutreachSettings, localDate } from '../../src/modules/outreach/settings.ts';
import { setConsent } from '../../src/modules/outreach/test-helpers.ts';
import type { Db } from '../../src/db/client.ts';
import type { Config } from '../../src/config.ts';

let b: Awaited<ReturnType<typeof startBrowser>>;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
beforeAll(async () => { b = await startBrowser(); sink = await startSmtpSink(); });
afterAll(async () => { await b?.close(); await sink?.close(); });
beforeEach(async () => { await b.context.clearCookies(); });

const db = () => b.app.db as unknown as Db;

describe('outreach screens', () => {
  it("shows an associate today's birthday prompt and sends the personalised template from it", async () => {
    const r = await buildRetailer(b.app, db());
    const birth = `1985-${localDate(new Date(Date.now() + 3 * 86_400_000), 'Europe/Paris').slice(5)}`;
    const customer = await buildCustomer(db(), r.le.id, { firstName: 'Inès', lastName: 'Moreau', birthDate: birth, language: 'fr', preferredChannel: 'email', homeStoreId: r.store.id });
    await setConsent(db(), r.le.id, customer.id, 'email', true);
    await addToClientBook(db(), r.le.id, r.associate.id, customer.id);
    await createTemplate(db(), r.le.id, { name: 'Birthday', purpose: 'birthday', channel: 'email', language: 'fr', subject: 'Joyeux anniversaire, {{customer.firstName}}', body: 'Chère {{customer.firstName}}, toute l’équipe de {{store.name}} vous souhaite un joyeux anniversaire.' });
    await createTemplate(db(), r.le.id, { name: 'Birthday', purpose: 'birthday', channel: 'email', language: 'en', subject: 'Happy birthday, {{customer.firstName}}', body: 'Dear {{customer.firstName}}, happy birthday.' });
    await runPromptsNow(db(), r.le.id);

    await signInThroughPage(b.page, b.baseUrl, r.associate.email, TEST_PASSWORD);
    await b.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Today' }).click();
    const task = b.page.getByRole('article', { name: 'Birthday: Inès Moreau' });
    await task.waitFor();
    await task.getByRole('button', { name: 'Reach out' }).click();

    const dialog = b.page.getByRole('dialog', { name: 'Reach out to Inès Moreau' });
    await expect.poll(() => dialog.getByLabel('Channel').inputValue()).toBe('email');
    // The French template is picked for a French-speaking customer, filled in for her: no {{fields}} to read.
    await expect.poll(() => dialog.getByLabel('Subject').inputValue()).toBe('Joyeux anniversaire, Inès');
    await expect(dialog.getByRole('textbox', { name: 'Message', exact: true }).inputValue()).resolves.not.toContain('{{');
    // Only templates in her language: the English one is not offered.
    await expect(dialog.getByLabel('Template').locator('option').allTextContents()).resolves.toEqual(['Personal message (no template)', 'Birthday']);
    // The preview comes by itself.
    const preview = dialog.getByRole('region', { name: 'Preview' });
    await preview.waitFor();
    await expect(preview.textContent()).resolves.toContain(`Chère Inès, toute l’équipe de ${r.store.name}`);
    await expect(preview.textContent()).resolves.toContain('Joyeux anniversaire, Inès');
    await dialog.getByRole('button', { name: 'Send' }).click();
    await b.page.getByRole('status').filter({ hasText: 'Message to Inès Moreau is on its way.' }).waitFor();
    // The notice shows before the list is fetched again: wait for the closed task to leave it.
    await expect.poll(() => b.page.getByRole('article', { name: 'Birthday: Inès Moreau' }).count()).toBe(0);

    const tomorrowNoon = new Date(Date.now() + 86_400_000);
    tomorrowNoon.setUTCHours(11, 0, 0, 0);
    await deliverDueMessages(db(), { ...(b.app.config as Config), smtpUrl: sink.url }, { legalEntityId: r.le.id, now: tomorrowNoon });
    const mail = sink.messages.find((m) => m.to.includes(customer.email!));
    expect(mail?.subject).toBe('Joyeux anniversaire, Inès');
  });

  it("shows my own customers' prompts first, narrows them by kind and by whose customer it is", async () => {
    const r = await buildRetailer(b.app, db());
    const inThreeDays = localDate(new Date(Date.now() + 3 * 86_400_000), 'Europe/Paris').slice(5);
    const ada = await buildCustomer(db(), r.le.id, { firstName: 'Ada', lastName: 'Birthday', birthDate: `1980-${inThreeDays}`, homeStoreId: r.store.id });
    const ben = await buildCustomer(db(), r.le.id, { firstName: 'Ben', lastName: 'Anniversary', anniversaryDate: `2015-${inThreeDays}`, homeStoreId: r.store.id });
    await buildCustomer(db(), r.le.id, { firstName: 'Cleo', lastName: 'Nobody', birthDate: `1990-${inThreeDays}`, homeStoreId: r.store.id });
    for (const c of [ada, ben]) await addToClientBook(db(), r.le.id, r.associate.id, c.id);
    await runPromptsNow(db(), r.le.id);

    await signInThroughPage(b.page, b.baseUrl, r.associate.email, TEST_PASSWORD);
    await b.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Today' }).click();
    const kinds = b.page.getByRole('group', { name: 'Kind of prompt' });
    // My client book by default: the customer without an associate waits behind the "For" choice.
    await kinds.getByRole('button', { name: 'All (2)' }).waitFor();
    await expect(b.page.getByRole('article', { name: 'Birthday: Cleo Nobody' }).count()).resolves.toBe(0);
    await kinds.getByRole('button', { name: 'Anniversary (1)' }).click();
    await b.page.getByRole('article', { name: 'Birthday: Ada Birthday' }).waitFor({ state: 'detached' });
    await expect(b.page.getByRole('article').allTextContents()).resolves.toEqual([expect.stringContaining('Ben Anniversary')]);
    await kinds.getByRole('button', { name: /^All/ }).click();
    await b.page.getByLabel('For').selectOption({ label: 'Customers without an associate (1)' });
    await b.page.getByRole('article', { name: 'Birthday: Cleo Nobody' }).waitFor();
    await expect(b.page.getByRole('article').count()).resolves.toBe(1);
    await expect(b.page.getByRole('article', { name: 'Birthday: Cleo Nobody' }).textContent()).resolves.toContain('no associate yet');
  });

  it('lets head office write a template and change prompt settings', async () => {
    const r = await buildRetailer(b.app, db());
    await signInThroughPage(b.page, b.baseUrl, r.headOffice.email, TEST_PASSWORD);
    await b.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Outreach set-up' }).click();
    const form = b.page.getByRole('form', { name: 'Template' });
    await form.getByLabel('Name').fill('New season');
    await form.getByLabel('Purpose').selectOption('new-arrivals');
    await form.getByLabel('Subject').fill('New in at {{store.name}}');
    await form.getByLabel('Text').fill('Dear {{customer.firstName}}, the {{product.name}} has arrived.');
    await form.getByRole('button', { name: 'Save template' }).click();
    await b.page.getByRole('status').filter({ hasText: 'Template “New season” saved.' }).waitFor();
    await expect.poll(() => b.page.getByRole('table', { name: 'Templates' }).textContent()).toContain('New season');

    // A typo in a field is refused with the server's explanation.
    await form.getByLabel('Name').fill('Broken');
    await form.getByLabel('Subject').fill('Hello');
    await form.getByLabel('Text').fill('Dear {{customer.firstname}}');
    await form.getByRole('button', { name: 'Save template' }).click();
    await b.page.getByRole('alert').filter({ hasText: 'Unknown template fields: customer.firstname' }).waitFor();

    const settings = b.page.getByRole('form', { name: 'Prompt settings' });
    await settings.getByLabel('Birthday: Days ahead').fill('10');
    await settings.getByLabel('Messages per customer per week').fill('2');
    await settings.getByLabel('Satisfaction check mode').selectOption('off');
    await settings.getByRole('button', { name: 'Save prompt settings' }).click();
    await b.page.getByRole('status').filter({ hasText: 'Prompt settings saved.' }).waitFor();
    const saved = await getOutreachSettings(db(), r.le.id);
    expect(saved.prompts.birthday.days).toBe(10);
    expect(saved.frequencyCapPerWeek).toBe(2);
    expect(saved.prompts['satisfaction-check'].mode).toBe('off');

    // Twilio's auth token is accepted but never shown again; the page gives the inbound webhook address.
    const sms = b.page.getByRole('form', { name: 'SMS provider' });
    await sms.getByLabel('Account SID').fill(`AC${'0123456789abcdef'.repeat(2)}`);
    await sms.getByLabel('Auth token').fill('twilio-token-0123456789');
    await sms.getByLabel('From number or Messaging Service SID').fill('+33757000001');
    await sms.getByRole('button', { name: 'Save SMS provider' }).click();
    await b.page.getByRole('status').filter({ hasText: 'SMS provider saved.' }).waitFor();
    await expect(sms.textContent()).resolves.toContain(`/api/v1/outreach/webhooks/twilio/${r.le.id}/inbound`);
    await expect(b.page.content()).resolves.not.toContain('twilio-token-0123456789');
  });
});
