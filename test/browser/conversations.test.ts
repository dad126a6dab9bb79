import { describe, it, expect, beforeAll, afterAll, beforeEach } from 'vitest';
import { startBrowser, signInThroughPage } from './browser.ts';
import { buildRetailer, buildCustomer, TEST_PASSWORD, addToClientBook } from '../factories.ts';
import { startTwilio } from '../../src/modules/outreach/test-provider-servers.ts';
import { setConsent } from '../../src/modules/outreach/test-helpers.ts';
import type { Db } from '../../src/db/client.ts';

const TWILIO = { sid: `AC${'00112233445566778899aabbccddeeff'}`, token: 'twilio-browser-token-0123' };
let b: Awaited<ReturnType<typeof startBrowser>>;
let twilio: Awaited<ReturnType<typeof startTwilio>>;
beforeAll(async () => { b = await startBrowser(); twilio = await startTwilio(TWILIO); });
afterAll(async () => { await b?.close(); await twilio?.close(); });
beforeEach(async () => { await b.context.clearCookies(); });

const db = () => b.app.db as unknown as Db;

async function inboundSms(leId: string, from: string, body: string) {
  const path = `/api/v1/outreach/webhooks/twilio/${leId}/inbound`;
  const params = twilio.inboundParams(from, '+33757000010', body);
  const res = await b.app.inject({
    method: 'POST', url: path, payload: new URLSearchParams(params).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilio.sign(`${(b.app as unknown as { config: { publicBaseUrl: string } }).config.publicBaseUrl}${path}`, params) },
  });
  expect(res.statusCode).toBe(200);
}

describe('inbox and thread', () => {
  it('shows the associate the unread reply in the inbox, the thread on the customer page, and sends the answer from it', async () => {
    const r = await buildRetailer(b.app, db());
    const put = await b.app.inject({ method: 'PUT', url: '/api/v1/outreach/providers/sms', headers: { cookie: r.as.headOffice }, payload: { baseUrl: twilio.url, accountId: TWILIO.sid, apiKey: TWILIO.token, sender: '+33757000010' } });
    expect(put.statusCode).toBe(200);
    const lea = await buildCustomer(db(), r.le.id, { firstName: 'Léa', lastName: 'Fontaine', phone: '+33612000101', homeStoreId: r.store.id });
    const tom = await buildCustomer(db(), r.le.id, { firstName: 'Tom', lastName: 'Girard', phone: '+33612000102', homeStoreId: r.store.id });
    await addToClientBook(db(), r.le.id, r.associate.id, lea.id);
    await setConsent(db(), r.le.id, lea.id, 'sms', true);
    await inboundSms(r.le.id, '+33612000101', 'Could you keep the blue scarf for me?');
    await inboundSms(r.le.id, '+33612000102', 'Are you open on Sunday?');

    await signInThroughPage(b.page, b.baseUrl, r.associate.email, TEST_PASSWORD);
    await b.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Inbox' }).click();
    const mine = b.page.getByRole('list', { name: 'My conversations' });
    await mine.waitFor();
    const item = mine.getByRole('listitem', { name: 'Léa Fontaine' });
    await expect(item.textContent()).resolves.toContain('Could you keep the blue scarf for me?');
    await expect(item.getByLabel('1 unread').count()).resolves.toBe(1);
    await expect(mine.getByRole('listitem', { name: 'Tom Girard' }).count()).resolves.toBe(0);
    await b.page.getByRole('tab', { name: /Store queue \(1 unread\)/ }).click();
    await b.page.getByRole('list', { name: 'Store queue' }).getByRole('listitem', { name: 'Tom Girard' }).waitFor();

    await b.page.getByRole('tab', { name: /My conversations/ }).click();
    await b.page.getByRole('list', { name: 'My conversations' }).getByRole('link', { name: 'Léa Fontaine' }).click();
    const thread = b.page.getByRole('list', { name: 'Thread' });
    await thread.getByRole('listitem', { name: 'From the customer by SMS' }).waitFor();
    await expect(thread.textContent()).resolves.toContain('Could you keep the blue scarf for me?');
    const reply = b.page.getByRole('form', { name: 'Reply' });
    await expect.poll(() => reply.getByLabel('Channel').inputValue()).toBe('sms');
    await reply.getByLabel('Reply').fill('Of course, it is set aside until Saturday.');
    await reply.getByRole('button', { name: 'Send reply' }).click();
    await b.page.getByRole('status').filter({ hasText: 'Reply is on its way.' }).waitFor();
    await thread.getByRole('listitem', { name: /^From .* by SMS$/ }).filter({ hasText: 'Of course, it is set aside until Saturday.' }).waitFor();

    // Reading the thread cleared the unread count.
    await b.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Inbox' }).click();
    await b.page.getByRole('tab', { name: 'My conversations (0 unread)' }).waitFor();
    const again = b.page.getByRole('list', { name: 'My conversations' }).getByRole('listitem', { name: 'Léa Fontaine' });
    await expect(again.textContent()).resolves.toContain('You: Of course');
  });
});
