import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { testApp } from '../../../test/app.ts';
import { buildRetailer, buildCustomer } from '../../../test/factories.ts';
import { query } from '../../db/client.ts';
import type { App } from '../../http/types.ts';
import { deliverDueMessages, enqueueMessage, retryDelayMs } from './outbox.ts';
import { createTemplate } from './templates.ts';
import { startProviderStandIn } from './provider-stand-in.ts';
import { setConsent, messageRow, parisNoonTomorrow } from './test-helpers.ts';
import { outreachErrors } from './errors.ts';

let app: App;
let provider: Awaited<ReturnType<typeof startProviderStandIn>>;
beforeAll(async () => {
  provider = await startProviderStandIn();
  app = await testApp();
});
afterAll(async () => {
  await app.close();
  await provider.close();
});

async function retailerWithProviders() {
  const r = await buildRetailer(app, app.db);
  const h = { cookie: r.as.headOffice };
  for (const channel of ['sms', 'whatsapp']) {
    const res = await app.inject({ method: 'PUT', url: `/api/v1/outreach/providers/${channel}`, headers: h, payload: { baseUrl: `${provider.url}/${channel}`, apiKey: `key-${channel}-0123456789`, sender: 'AURELLE' } });
    expect(res.statusCode).toBe(200);
  }
  return r;
}

describe('SMS and WhatsApp providers', () => {
  it('stores the API key encrypted and refuses plain HTTP to other hosts', async () => {
    const r = await retailerWithProviders();
    const stored = await query<{ k: string }>(app.db, sql`select api_key_encrypted as k from outreach_providers where legal_entity_id = ${r.le.id}`);
    expect(stored).toHaveLength(2);
    for (const s of stored) expect(s.k).not.toContain('key-');
    const list = (await app.inject({ method: 'GET', url: '/api/v1/outreach/providers', headers: { cookie: r.as.headOffice } })).json();
    expect(JSON.stringify(list)).not.toContain('key-sms');
    const insecure = await app.inject({ method: 'PUT', url: '/api/v1/outreach/providers/sms', headers: { cookie: r.as.headOffice }, payload: { baseUrl: 'http://sms.example.com', apiKey: '0123456789', sender: 'X' } });
    expect(insecure.statusCode).toBe(400);
    expect(insecure.json()).toMatchObject({ code: outreachErrors.provider_not_https.code, field: 'baseUrl' });
  });

  it('sends SMS through the provider, retries a 503 with the same idempotency key, and delivers once', async () => {
    const r = await retailerWithProviders();
    const c = await buildCustomer(app.db, r.le.id, { phone: '+33 6 12 34 56 78' });
    await setConsent(app.db, r.le.id, c.id, 'sms', true);
    const { id } = await enqueueMessage(app.db, { legalEntityId: r.le.id, customerId: c.id, channel: 'sms', to: c.phone!, subject: null, body: 'Your coat is ready.', purpose: 'personal', idempotencyKey: randomUUID() });
    provider.failNext(503);
    const now = parisNoonTomorrow();
    await deliverDueMessages(app.db, app.config, { legalEntityId: r.le.id, now });
    expect((await messageRow(app.db, id)).status).toBe('queued');
    await deliverDueMessages(app.db, app.config, { legalEntityId: r.le.id, now: new Date(now.getTime() + retryDelayMs(1)) });
    const row = await messageRow(app.db, id);
    expect(row.status).toBe('sent');
    const calls = provider.requests.filter((q) => q.body.reference === id);
    expect(calls).toHaveLength(2);
    expect(calls.map((q) => q.headers['idempotency-key'])).toEqual([id, id]);
    expect(calls[1]).toMatchObject({ path: '/sms/messages', body: { to: '+33 6 12 34 56 78', text: 'Your coat is ready.', from: 'AURELLE' } });
    expect(calls[1].headers.authorization).toBe('Bearer key-sms-0123456789');
    expect(row.providerMessageId).toBe(provider.delivered.get(id));
  });

  it('sends WhatsApp with the approved template name; a rejected message fails without retrying', async () => {
    const r = await retailerWithProviders();
    const c = await buildCustomer(app.db, r.le.id, { phone: '+33611111111', language: 'fr' });
    await setConsent(app.db, r.le.id, c.id, 'whatsapp', true);
    const tpl = await createTemplate(app.db, r.le.id, { name: 'Arrivals', purpose: 'new-arrivals', channel: 'whatsapp', language: 'fr', body: 'Bonjour {{customer.firstName}}', whatsappTemplateName: 'new_arrivals_fr' });
    const ok = await enqueueMessage(app.db, { legalEntityId: r.le.id, customerId: c.id, channel: 'whatsapp', to: c.phone!, subject: null, body: 'Bonjour Ada', purpose: 'new-arrivals', idempotencyKey: randomUUID(), templateId: tpl.id });
    const rejected = await enqueueMessage(app.db, { legalEntityId: r.le.id, customerId: c.id, channel: 'whatsapp', to: c.phone!, subject: null, body: 'x', purpose: 'new-arrivals', idempotencyKey: randomUUID(), templateId: tpl.id });
    provider.failNext();
    await deliverDueMessages(app.db, app.config, { legalEntityId: r.le.id, now: parisNoonTomorrow(), limit: 1 });
    provider.failNext(400);
    await deliverDueMessages(app.db, app.config, { legalEntityId: r.le.id, now: parisNoonTomorrow(), limit: 1 });
    const sent = provider.requests.find((q) => q.body.reference === ok.id);
    expect(sent?.body).toMatchObject({ type: 'template', template: { name: 'new_arrivals_fr', language: 'fr', parameters: ['Bonjour Ada'] } });
    expect((await messageRow(app.db, ok.id)).status).toBe('sent');
    expect(await messageRow(app.db, rejected.id)).toMatchObject({ status: 'failed', attempts: 1 });
  });

  it('records a STOP reply as an opt-out in consents and history, and later SMS are not sent', async () => {
    const r = await retailerWithProviders();
    const c = await buildCustomer(app.db, r.le.id, { phone: '06 98 76 54 32' });
    await setConsent(app.db, r.le.id, c.id, 'sms', true);
    const [{ inboundWebhookUrl }] = (await app.inject({ method: 'GET', url: '/api/v1/outreach/providers', headers: { cookie: r.as.headOffice } })).json();
    const path = new URL(inboundWebhookUrl).pathname;

    const forged = await app.inject({ method: 'POST', url: path.replace(/[^/]+$/, 'forged-signature'), payload: { from: '+33698765432', text: 'STOP' } });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().code).toBe(outreachErrors.webhook_address_invalid.code);
    const chat = await app.inject({ method: 'POST', url: path, payload: { from: '+33698765432', text: 'Thanks, see you Saturday' } });
    expect(chat.json()).toEqual({ ok: true, optedOut: 0, optedIn: 0 });
    const stop = await app.inject({ method: 'POST', url: path, payload: { from: '+33698765432', text: ' Stop ', receivedAt: '2026-01-01T10:00:00Z' } });
    expect(stop.json()).toEqual({ ok: true, optedOut: 1, optedIn: 0 });

    const consent = await query<{ granted: boolean; source: string }>(app.db, sql`select granted, source from customer_consents where customer_id = ${c.id} and channel = 'sms'`);
    expect(consent).toEqual([{ granted: false, source: 'sms-stop' }]);
    const history = await query<{ granted: boolean; source: string }>(app.db, sql`select granted, source from consent_history where customer_id = ${c.id}`);
    expect(history).toEqual([{ granted: false, source: 'sms-stop' }]);

    // Even a transactional message respects the opt-out of the channel.
    const { id } = await enqueueMessage(app.db, { legalEntityId: r.le.id, customerId: c.id, channel: 'sms', to: c.phone!, subject: null, body: 'Reminder', purpose: 'appointment-reminder', transactional: true, idempotencyKey: randomUUID() });
    await deliverDueMessages(app.db, app.config, { legalEntityId: r.le.id, now: parisNoonTomorrow() });
    expect(await messageRow(app.db, id)).toMatchObject({ status: 'suppressed', suppressedReason: 'opted-out' });
    expect(provider.requests.some((q) => q.body.reference === id)).toBe(false);

    // START undoes the STOP; it does not opt in a number whose consent was withdrawn another way.
    const elsewhere = await buildCustomer(app.db, r.le.id, { phone: '+33 6 11 11 11 11' });
    await setConsent(app.db, r.le.id, elsewhere.id, 'sms', false, 'store');
    expect((await app.inject({ method: 'POST', url: path, payload: { from: '+33611111111', text: 'START' } })).json()).toEqual({ ok: true, optedOut: 0, optedIn: 0 });
    const start = await app.inject({ method: 'POST', url: path, payload: { from: '+33698765432', text: 'start' } });
    expect(start.json()).toEqual({ ok: true, optedOut: 0, optedIn: 1 });
    expect(await query(app.db, sql`select granted, source from customer_consents where customer_id = ${c.id} and channel = 'sms'`)).toEqual([{ granted: true, source: 'sms-start' }]);
    expect((await query<{ granted: boolean }>(app.db, sql`select granted from consent_history where customer_id = ${c.id} order by recorded_at, granted`)).map((h) => h.granted)).toEqual([false, true]);
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
    const again = await app.inject({ method: 'POST', url: '/api/v1/outreach/letters/batches', headers: h });
    expect(again.json()).toEqual({ batchId: null, letters: 0, suppressed: 0 });
    const other = await buildRetailer(app, app.db);
    const leak = await app.inject({ method: 'GET', url: `/api/v1/outreach/letters/batches/${batch.json().batchId}/pdf`, headers: { cookie: other.as.headOffice } });
    expect(leak.statusCode).toBe(404);
    expect(leak.json().code).toBe(outreachErrors.letter_batch_not_found.code);
  });
});
