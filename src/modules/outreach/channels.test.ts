import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfString } from './channels/mail.ts';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { testApp } from '../../../test/app.ts';
import { buildRetailer, buildCustomer } from '../../../test/factories.ts';
import { query } from '../../db/client.ts';
import type { App } from '../../http/types.ts';
import { deliverDueMessages, enqueueMessage, retryDelayMs } from './outbox.ts';
import { createTemplate } from './templates.ts';
import { startTwilio, startWhatsAppCloud } from './test-provider-servers.ts';
import { setConsent, messageRow, parisNoonTomorrow } from './test-helpers.ts';
import { outreachErrors } from './errors.ts';

const TWILIO = { sid: `AC${'0123456789abcdef'.repeat(2)}`, token: 'twilio-auth-token-0123456789' };
const WA = { phoneNumberId: '106540352242922', token: 'EAAJB-whatsapp-access-token', appSecret: 'meta-app-secret-0123', verifyToken: 'verify-me-0123' };

let app: App;
let twilio: Awaited<ReturnType<typeof startTwilio>>;
let meta: Awaited<ReturnType<typeof startWhatsAppCloud>>;
beforeAll(async () => {
  twilio = await startTwilio(TWILIO);
  meta = await startWhatsAppCloud(WA);
  app = await testApp();
});
afterAll(async () => {
  await app.close();
  await twilio.close();
  await meta.close();
});

async function retailerWithProviders() {
  const r = await buildRetailer(app, app.db);
  const h = { cookie: r.as.headOffice };
  const sms = await app.inject({ method: 'PUT', url: '/api/v1/outreach/providers/sms', headers: h, payload: { baseUrl: twilio.url, accountId: TWILIO.sid, apiKey: TWILIO.token, sender: '+33757000001' } });
  expect(sms.statusCode).toBe(200);
  const wa = await app.inject({ method: 'PUT', url: '/api/v1/outreach/providers/whatsapp', headers: h, payload: { baseUrl: meta.url, accountId: WA.phoneNumberId, apiKey: WA.token, sender: '+33757000002', appSecret: WA.appSecret, verifyToken: WA.verifyToken, apiVersion: 'v21.0' } });
  expect(wa.statusCode).toBe(200);
  return r;
}

/** A form post to our Twilio webhook, signed as Twilio signs it (or not). */
function postTwilio(path: string, params: Record<string, string>, signature?: string) {
  return app.inject({
    method: 'POST', url: path, payload: new URLSearchParams(params).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature ?? twilio.sign(`${app.config.publicBaseUrl}${path}`, params) },
  });
}
function postMeta(leId: string, raw: string, signature?: string) {
  return app.inject({ method: 'POST', url: `/api/v1/outreach/webhooks/whatsapp/${leId}`, payload: raw, headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature ?? meta.sign(WA.appSecret, raw) } });
}
const thread = async (cookie: string, customerId: string) => (await app.inject({ method: 'GET', url: `/api/v1/customers/${customerId}/conversation`, headers: { cookie } })).json();

describe('SMS over Twilio and WhatsApp over the Cloud API', () => {
  it('stores the secrets encrypted, checks the settings and refuses plain HTTP to other hosts', async () => {
    const r = await retailerWithProviders();
    const stored = await query<{ k: string; s: string | null }>(app.db, sql`select api_key_encrypted as k, webhook_secret_encrypted as s from outreach_providers where legal_entity_id = ${r.le.id}`);
    expect(stored).toHaveLength(2);
    for (const s of stored) expect(`${s.k}${s.s}`).not.toMatch(/twilio-auth|EAAJB|meta-app/);
    const list = (await app.inject({ method: 'GET', url: '/api/v1/outreach/providers', headers: { cookie: r.as.headOffice } })).json();
    expect(JSON.stringify(list)).not.toMatch(/twilio-auth|EAAJB|meta-app|verify-me/);
    expect(list.map((p: { inboundWebhookUrl: string }) => new URL(p.inboundWebhookUrl).pathname)).toEqual([
      `/api/v1/outreach/webhooks/twilio/${r.le.id}/inbound`, `/api/v1/outreach/webhooks/whatsapp/${r.le.id}`]);
    const insecure = await app.inject({ method: 'PUT', url: '/api/v1/outreach/providers/sms', headers: { cookie: r.as.headOffice }, payload: { baseUrl: 'http://sms.example.com', accountId: TWILIO.sid, apiKey: '0123456789', sender: '+33757000001' } });
    expect(insecure.statusCode).toBe(400);
    expect(insecure.json()).toMatchObject({ code: outreachErrors.provider_not_https.code, field: 'baseUrl' });
    const badSid = await app.inject({ method: 'PUT', url: '/api/v1/outreach/providers/sms', headers: { cookie: r.as.headOffice }, payload: { accountId: 'not-a-sid', apiKey: '0123456789', sender: '+33757000001' } });
    expect(badSid.json()).toMatchObject({ code: outreachErrors.provider_setting_invalid.code, field: 'accountId' });
  });

  it('sends SMS as Twilio documents it, retries a 503, and takes delivery statuses from signed callbacks only', async () => {
    const r = await retailerWithProviders();
    const c = await buildCustomer(app.db, r.le.id, { phone: '+33612345678' });
    await setConsent(app.db, r.le.id, c.id, 'sms', true);
    const { id } = await enqueueMessage(app.db, { legalEntityId: r.le.id, customerId: c.id, channel: 'sms', to: c.phone!, subject: null, body: 'Your coat is ready.', purpose: 'personal', idempotencyKey: randomUUID() });
    twilio.failNext(503);
    const now = parisNoonTomorrow();
    await deliverDueMessages(app.db, app.config, { legalEntityId: r.le.id, now });
    expect((await messageRow(app.db, id)).status).toBe('queued');
    await deliverDueMessages(app.db, app.config, { legalEntityId: r.le.id, now: new Date(now.getTime() + retryDelayMs(1)) });
    const row = await messageRow(app.db, id);
    expect(row.status).toBe('sent');
    const call = twilio.requests.filter((q) => q.form?.Body === 'Your coat is ready.').at(-1)!;
    expect(call.path).toBe(`/2010-04-01/Accounts/${TWILIO.sid}/Messages.json`);
    expect(call.headers.authorization).toBe(`Basic ${Buffer.from(`${TWILIO.sid}:${TWILIO.token}`).toString('base64')}`);
    expect(call.form).toMatchObject({ To: '+33612345678', From: '+33757000001', StatusCallback: `${app.config.publicBaseUrl}/api/v1/outreach/webhooks/twilio/${r.le.id}/status` });
    const sid = twilio.sent.find((m) => m.body === 'Your coat is ready.')!.sid;
    expect(row.providerMessageId).toBe(sid);

    const statusPath = `/api/v1/outreach/webhooks/twilio/${r.le.id}/status`;
    const delivered = { MessageSid: sid, MessageStatus: 'delivered', AccountSid: TWILIO.sid, To: '+33612345678', From: '+33757000001', ApiVersion: '2010-04-01' };
    expect((await postTwilio(statusPath, delivered, twilio.sign(`${app.config.publicBaseUrl}${statusPath}`, delivered, 'another-token'))).statusCode).toBe(403);
    expect((await thread(r.as.associate, c.id)).messages.map((m: { status: string }) => m.status)).toEqual(['sent']);
    expect((await postTwilio(statusPath, delivered)).statusCode).toBe(204);
    // A late "sent" does not undo "delivered".
    expect((await postTwilio(statusPath, { ...delivered, MessageStatus: 'sent' })).statusCode).toBe(204);
    expect((await thread(r.as.associate, c.id)).messages).toMatchObject([{ direction: 'outbound', channel: 'sms', body: 'Your coat is ready.', status: 'delivered' }]);
  });

  it('sends an approved template outside the 24-hour window, free text only inside it, and stores each inbound message once', async () => {
    const r = await retailerWithProviders();
    const c = await buildCustomer(app.db, r.le.id, { phone: '+33611111111', language: 'fr', firstName: 'Ada' });
    await setConsent(app.db, r.le.id, c.id, 'whatsapp', true);
    const h = { cookie: r.as.associate };
    const tpl = await createTemplate(app.db, r.le.id, { name: 'Arrivals', purpose: 'new-arrivals', channel: 'whatsapp', language: 'fr', body: 'Bonjour {{customer.firstName}}', whatsappTemplateName: 'new_arrivals_fr' });
    const refused = await app.inject({ method: 'POST', url: `/api/v1/customers/${c.id}/conversation/messages`, headers: h, payload: { channel: 'whatsapp', body: 'Hello!' } });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: outreachErrors.whatsapp_window_closed.code, field: 'templateId' });
    const ok = await app.inject({ method: 'POST', url: `/api/v1/customers/${c.id}/conversation/messages`, headers: h, payload: { channel: 'whatsapp', templateId: tpl.id } });
    expect(ok.statusCode).toBe(201);
    await deliverDueMessages(app.db, app.config, { legalEntityId: r.le.id, now: parisNoonTomorrow() });
    const templated = meta.sent().at(-1)!;
    expect(templated.path).toBe(`/v21.0/${WA.phoneNumberId}/messages`);
    expect(templated.headers.authorization).toBe(`Bearer ${WA.token}`);
    expect(templated.json).toEqual({ messaging_product: 'whatsapp', recipient_type: 'individual', to: '33611111111', type: 'template',
      template: { name: 'new_arrivals_fr', language: { code: 'fr' }, components: [{ type: 'body', parameters: [{ type: 'text', text: 'Bonjour Ada' }] }] } });

    // The customer answers: a forged signature is refused; the same delivery twice (a retry or a replay) is stored once.
    const inbound = meta.textMessage('33611111111', 'Oui, samedi ?');
    const raw = meta.webhook({ contacts: [{ profile: { name: 'Ada' }, wa_id: '33611111111' }], messages: [inbound] });
    expect((await postMeta(r.le.id, raw, meta.sign('not-the-app-secret', raw))).statusCode).toBe(403);
    expect((await postMeta(r.le.id, raw.replace('samedi', 'dimanche'), meta.sign(WA.appSecret, raw))).statusCode).toBe(403);
    expect((await postMeta(r.le.id, raw)).json()).toEqual({ stored: 1, ignored: 0, statuses: 0 });
    expect((await postMeta(r.le.id, raw)).json()).toEqual({ stored: 0, ignored: 1, statuses: 0 });
    const t1 = await thread(r.as.associate, c.id);
    expect(t1.messages.filter((m: { direction: string }) => m.direction === 'inbound')).toMatchObject([{ channel: 'whatsapp', body: 'Oui, samedi ?', address: '+33611111111', status: 'received' }]);
    expect(t1.whatsappWindowUntil).not.toBeNull();

    // Inside the window the associate writes freely; the Cloud API's statuses update the message.
    const reply = await app.inject({ method: 'POST', url: `/api/v1/customers/${c.id}/conversation/messages`, headers: h, payload: { channel: 'whatsapp', body: 'Samedi 11 h, parfait.' } });
    expect(reply.statusCode).toBe(201);
    await deliverDueMessages(app.db, app.config, { legalEntityId: r.le.id, now: parisNoonTomorrow() });
    expect(meta.sent().at(-1)!.json).toMatchObject({ type: 'text', text: { body: 'Samedi 11 h, parfait.' }, to: '33611111111' });
    const wamid = (await messageRow(app.db, reply.json().outreachMessageId)).providerMessageId!;
    expect(wamid).toMatch(/^wamid\./);
    const read = meta.webhook({ statuses: [{ id: wamid, status: 'read', timestamp: String(Math.floor(Date.now() / 1000)), recipient_id: '33611111111' }] });
    expect((await postMeta(r.le.id, read)).json()).toEqual({ stored: 0, ignored: 0, statuses: 1 });
    expect((await thread(r.as.associate, c.id)).messages.at(-1)).toMatchObject({ body: 'Samedi 11 h, parfait.', status: 'read' });

    // A rejected message (unknown template) fails without retrying.
    meta.failNext(400);
    const bad = await enqueueMessage(app.db, { legalEntityId: r.le.id, customerId: c.id, channel: 'whatsapp', to: c.phone!, subject: null, body: 'x', purpose: 'new-arrivals', idempotencyKey: randomUUID(), templateId: tpl.id });
    await deliverDueMessages(app.db, app.config, { legalEntityId: r.le.id, now: parisNoonTomorrow() });
    expect(await messageRow(app.db, bad.id)).toMatchObject({ status: 'failed', attempts: 1 });
  });

  it('answers the webhook verification only with the verify token', async () => {
    const r = await retailerWithProviders();
    const url = (token: string) => `/api/v1/outreach/webhooks/whatsapp/${r.le.id}?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=1158201444`;
    const ok = await app.inject({ method: 'GET', url: url(WA.verifyToken) });
    expect([ok.statusCode, ok.body]).toEqual([200, '1158201444']);
    const bad = await app.inject({ method: 'GET', url: url('guess-0123') });
    expect(bad.statusCode).toBe(403);
    expect(bad.json().code).toBe(outreachErrors.webhook_signature_invalid.code);
  });

  it('records STOP and ARRÊT replies as opt-outs with their source, matching the exact number, once per MessageSid', async () => {
    const r = await retailerWithProviders();
    const c = await buildCustomer(app.db, r.le.id, { phone: '+33698765432' });
    // The same last nine digits in another country is another person.
    const other = await buildCustomer(app.db, r.le.id, { phone: '+41698765432' });
    await setConsent(app.db, r.le.id, c.id, 'sms', true);
    await setConsent(app.db, r.le.id, other.id, 'sms', true);
    const path = `/api/v1/outreach/webhooks/twilio/${r.le.id}/inbound`;

    const chat = twilio.inboundParams('+33698765432', '+33757000001', 'Thanks, see you Saturday');
    expect((await postTwilio(path, chat, 'forged')).statusCode).toBe(403);
    const answered = await postTwilio(path, chat);
    expect([answered.statusCode, answered.headers['content-type'], answered.body]).toEqual([200, 'text/xml', '<?xml version="1.0" encoding="UTF-8"?><Response></Response>']);
    const stop = twilio.inboundParams('+33698765432', '+33757000001', ' Arrêt ');
    await postTwilio(path, stop);
    await postTwilio(path, stop); // Twilio retrying the same message
    const consent = await query(app.db, sql`select granted, source from customer_consents where customer_id = ${c.id} and channel = 'sms'`);
    expect(consent).toEqual([{ granted: false, source: 'sms-stop' }]);
    expect(await query(app.db, sql`select granted, source from consent_history where customer_id = ${c.id}`)).toEqual([{ granted: false, source: 'sms-stop' }]);
    expect(await query(app.db, sql`select granted from customer_consents where customer_id = ${other.id} and channel = 'sms'`)).toEqual([{ granted: true }]);
    expect((await thread(r.as.associate, c.id)).messages.map((m: { body: string }) => m.body)).toEqual(['Thanks, see you Saturday', ' Arrêt ']);

    // Even a transactional message respects the opt-out of the channel.
    const { id } = await enqueueMessage(app.db, { legalEntityId: r.le.id, customerId: c.id, channel: 'sms', to: c.phone!, subject: null, body: 'Reminder', purpose: 'appointment-reminder', transactional: true, idempotencyKey: randomUUID() });
    await deliverDueMessages(app.db, app.config, { legalEntityId: r.le.id, now: parisNoonTomorrow() });
    expect(await messageRow(app.db, id)).toMatchObject({ status: 'suppressed', suppressedReason: 'opted-out' });

    // START undoes the STOP; it does not opt in a number whose consent was withdrawn another way.
    const elsewhere = await buildCustomer(app.db, r.le.id, { phone: '+33611111112' });
    await setConsent(app.db, r.le.id, elsewhere.id, 'sms', false, 'store');
    await postTwilio(path, twilio.inboundParams('+33611111112', '+33757000001', 'START'));
    await postTwilio(path, twilio.inboundParams('+33698765432', '+33757000001', 'start'));
    expect(await query(app.db, sql`select granted, source from customer_consents where customer_id = ${c.id} and channel = 'sms'`)).toEqual([{ granted: true, source: 'sms-start' }]);
    expect(await query(app.db, sql`select granted, source from customer_consents where customer_id = ${elsewhere.id} and channel = 'sms'`)).toEqual([{ granted: false, source: 'store' }]);
  });

  it('prints queued letters as one PDF batch, skipping customers without consent to mail', async () => {
    const r = await buildRetailer(app, app.db);
    const h = { cookie: r.as.headOffice };
    const c = await buildCustomer(app.db, r.le.id, { firstName: 'Hélène', lastName: 'Roux', addressLine: '8 place Vendôme', postalCode: '75001', city: 'Paris', country: 'FR' });
    const noConsent = await buildCustomer(app.db, r.le.id, { addressLine: '1 rue X', city: 'Lyon' });
    await setConsent(app.db, r.le.id, c.id, 'mail', true);
    const sent = await app.inject({ method: 'POST', url: '/api/v1/outreach/messages', headers: h, payload: { customerId: c.id, channel: 'mail', subject: 'Private evening', body: 'Dear {{customer.firstName}},\n\nYou are invited.' } });
    expect(sent.statusCode).toBe(201);
    await enqueueMessage(app.db, { legalEntityId: r.le.id, customerId: noConsent.id, channel: 'mail', to: '1 rue X\nLyon', subject: 'x', body: 'x', purpose: 'new-arrivals', idempotencyKey: randomUUID() });
    // The outbox does not send letters: they wait for the batch.
    await deliverDueMessages(app.db, app.config, { legalEntityId: r.le.id, now: parisNoonTomorrow() });
    expect((await messageRow(app.db, sent.json().id)).status).toBe('queued');

    const batch = await app.inject({ method: 'POST', url: '/api/v1/outreach/letters/batches', headers: h });
    expect(batch.json()).toMatchObject({ letters: 1, suppressed: 1 });
    expect((await messageRow(app.db, sent.json().id)).status).toBe('sent');
    const pdf = await app.inject({ method: 'GET', url: `/api/v1/outreach/letters/batches/${batch.json().batchId}/pdf`, headers: h });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = pdf.rawPayload.toString('latin1');
    expect(text.startsWith('%PDF-1.4')).toBe(true);
    expect(text.match(/\/Type \/Page\b(?!s)/g)).toHaveLength(1);
    expect(text).toContain('(H\\351l\\350ne Roux) Tj');
    expect(text).toContain('(Dear H\\351l\\350ne,) Tj');
    expect(text).toContain('(8 place Vend\\364me) Tj');
    // Dated in the customer's language: an English customer's letter in British English (day before month).
    const sentOn = new Date((await messageRow(app.db, sent.json().id)).sentAt as string);
    expect(text).toContain(`(${new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'Europe/Paris' }).format(sentOn)}) Tj`);
    const again = await app.inject({ method: 'POST', url: '/api/v1/outreach/letters/batches', headers: h });
    expect(again.json()).toEqual({ batchId: null, letters: 0, suppressed: 0 });
    const other = await buildRetailer(app, app.db);
    const leak = await app.inject({ method: 'GET', url: `/api/v1/outreach/letters/batches/${batch.json().batchId}/pdf`, headers: { cookie: other.as.headOffice } });
    expect(leak.statusCode).toBe(404);
    expect(leak.json().code).toBe(outreachErrors.letter_batch_not_found.code);
  });

  it('writes a French customer\'s letter in French: the template in French, addressed Madame, dated in French', async () => {
    const r = await buildRetailer(app, app.db);
    const h = { cookie: r.as.headOffice };
    const c = await buildCustomer(app.db, r.le.id, { firstName: 'Léa', lastName: 'Martin', salutation: 'ms', language: 'fr', addressLine: '8 place Vendôme', postalCode: '75001', city: 'Paris', country: 'FR' });
    await setConsent(app.db, r.le.id, c.id, 'mail', true);
    const sent = await app.inject({ method: 'POST', url: '/api/v1/outreach/messages', headers: h, payload: { customerId: c.id, channel: 'mail', subject: 'Soirée privée',
      body: '{{#salutation}}{{customer.salutation}} {{customer.lastName}}|Bonjour {{customer.firstName}}{{/salutation}},\n\nVous êtes invitée.' } });
    expect(sent.statusCode).toBe(201);
    const batch = (await app.inject({ method: 'POST', url: '/api/v1/outreach/letters/batches', headers: h })).json();
    const text = (await app.inject({ method: 'GET', url: `/api/v1/outreach/letters/batches/${batch.batchId}/pdf`, headers: h })).rawPayload.toString('latin1');
    const sentOn = new Date((await messageRow(app.db, sent.json().id)).sentAt as string);
    const frenchDate = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' }).format(sentOn);
    expect(frenchDate).toMatch(/^\d{1,2} [a-zéû]+ \d{4}$/);
    expect(text).toContain(`${pdfString(frenchDate)} Tj`);
    expect(text).toContain(`${pdfString('Madame Martin,')} Tj`);
    expect(text).toContain(`${pdfString('Soirée privée')} Tj`);
  });
});
