import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../../test/app.ts';
import { buildAssociate, buildCustomer, buildRetailer, signInAs } from '../../../test/factories.ts';
import { addToClientBook } from '../../../test/factories/engagement.ts';
import type { App } from '../../http/types.ts';
import { deliverDueMessages } from './outbox.ts';
import { startTwilio } from './test-provider-servers.ts';
import { parisNoonTomorrow, setConsent } from './test-helpers.ts';
import { outreachErrors } from './errors.ts';
import { customerErrors } from '../customers/errors.ts';

const TWILIO = { sid: `AC${'fedcba9876543210'.repeat(2)}`, token: 'twilio-auth-token-inbox-0123' };
let app: App;
let twilio: Awaited<ReturnType<typeof startTwilio>>;
beforeAll(async () => {
  twilio = await startTwilio(TWILIO);
  app = await testApp();
});
afterAll(async () => {
  await app.close();
  await twilio.close();
});

async function sms(leId: string, from: string, body: string) {
  const path = `/api/v1/outreach/webhooks/twilio/${leId}/inbound`;
  const params = twilio.inboundParams(from, '+33757000009', body);
  const res = await app.inject({
    method: 'POST', url: path, payload: new URLSearchParams(params).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilio.sign(`${app.config.publicBaseUrl}${path}`, params) },
  });
  expect(res.statusCode).toBe(200);
}
const get = async (cookie: string, url: string) => (await app.inject({ method: 'GET', url: `/api/v1${url}`, headers: { cookie } })).json();

describe('conversations: one thread per customer and the associate inbox', () => {
  it('routes replies to the client book owner (the store queue without one), counts unread, and the owner answers from the thread', async () => {
    const r = await buildRetailer(app, app.db);
    const put = await app.inject({ method: 'PUT', url: '/api/v1/outreach/providers/sms', headers: { cookie: r.as.headOffice }, payload: { baseUrl: twilio.url, accountId: TWILIO.sid, apiKey: TWILIO.token, sender: '+33757000009' } });
    expect(put.statusCode).toBe(200);
    const colleague = await buildAssociate(app.db, r.le, { storeIds: [r.store.id] });
    const colleagueCookie = (await signInAs(app, colleague.email)).cookie;
    const owned = await buildCustomer(app.db, r.le.id, { phone: '+33612000001', email: 'lea.martin@example.test', firstName: 'Léa', lastName: 'Martin', homeStoreId: r.store.id });
    const walkIn = await buildCustomer(app.db, r.le.id, { phone: '+33612000002', firstName: 'Tom', lastName: 'Durand', homeStoreId: r.store.id });
    await addToClientBook(app.db, r.le.id, r.associate.id, owned.id);
    await setConsent(app.db, r.le.id, owned.id, 'sms', true);
    await setConsent(app.db, r.le.id, owned.id, 'email', true);

    // An email sent earlier is part of the same thread as the SMS replies.
    const email = await app.inject({ method: 'POST', url: '/api/v1/outreach/messages', headers: { cookie: r.as.associate }, payload: { customerId: owned.id, channel: 'email', subject: 'Your order', body: 'It is in.' } });
    expect(email.statusCode).toBe(201);
    await sms(r.le.id, '+33612000001', 'Is the coat in my size?');
    await sms(r.le.id, '+33612000001', 'A 38 please');
    await sms(r.le.id, '+33612000002', 'Hello, do you open on Sunday?');

    const mine = await get(r.as.associate, '/conversations');
    expect(mine).toMatchObject([{ customerId: owned.id, customerName: 'Léa Martin', associateId: r.associate.id, unreadCount: 2, lastDirection: 'inbound', lastChannel: 'sms', lastBody: 'A 38 please' }]);
    expect(await get(r.as.associate, '/conversations?scope=queue')).toMatchObject([{ customerId: walkIn.id, associateId: null, unreadCount: 1 }]);
    expect(await get(r.as.associate, '/conversations/unread')).toEqual({ mine: 2, queue: 1 });
    // A colleague of the store sees the queue, not the owner's conversations.
    expect(await get(colleagueCookie, '/conversations')).toEqual([]);
    expect(await get(colleagueCookie, '/conversations/unread')).toEqual({ mine: 0, queue: 1 });

    // The owner opens the thread and answers by SMS.
    const thread = await get(r.as.associate, `/customers/${owned.id}/conversation`);
    expect(thread.messages.map((m: { direction: string; channel: string; body: string }) => [m.direction, m.channel, m.body])).toEqual([
      ['outbound', 'email', 'It is in.'], ['inbound', 'sms', 'Is the coat in my size?'], ['inbound', 'sms', 'A 38 please']]);
    expect((await app.inject({ method: 'POST', url: `/api/v1/conversations/${thread.conversation.id}/read`, headers: { cookie: r.as.associate } })).statusCode).toBe(200);
    expect(await get(r.as.associate, '/conversations/unread')).toEqual({ mine: 0, queue: 1 });
    const reply = await app.inject({ method: 'POST', url: `/api/v1/customers/${owned.id}/conversation/messages`, headers: { cookie: r.as.associate }, payload: { channel: 'sms', body: 'Yes, I set a 38 aside for you.' } });
    expect(reply.statusCode).toBe(201);
    expect(reply.json()).toMatchObject({ direction: 'outbound', channel: 'sms', status: 'queued', body: 'Yes, I set a 38 aside for you.' });
    await deliverDueMessages(app.db, app.config, { legalEntityId: r.le.id, now: parisNoonTomorrow() });
    expect(twilio.sent.at(-1)).toMatchObject({ to: '+33612000001', body: 'Yes, I set a 38 aside for you.' });
    expect((await get(r.as.associate, `/customers/${owned.id}/conversation`)).messages.at(-1)).toMatchObject({ direction: 'outbound', status: 'sent', associateName: r.associate.displayName });
    // Without consent to SMS the walk-in cannot be answered by SMS: the same rules as any message.
    const refused = await app.inject({ method: 'POST', url: `/api/v1/customers/${walkIn.id}/conversation/messages`, headers: { cookie: colleagueCookie }, payload: { channel: 'sms', body: 'Yes, 11 to 7.' } });
    expect(refused.json().code).toBe(outreachErrors.consent_missing.code);

    // Another legal entity sees none of it.
    const other = await buildRetailer(app, app.db);
    const leak = await app.inject({ method: 'GET', url: `/api/v1/customers/${owned.id}/conversation`, headers: { cookie: other.as.headOffice } });
    expect(leak.statusCode).toBe(404);
    const read = await app.inject({ method: 'POST', url: `/api/v1/conversations/${thread.conversation.id}/read`, headers: { cookie: other.as.headOffice } });
    expect([read.statusCode, read.json().code]).toEqual([404, outreachErrors.conversation_not_found.code]);
  });

  it('stores phone numbers entered on the customer card in E.164, read in the store\'s country, and refuses invalid ones', async () => {
    const r = await buildRetailer(app, app.db);
    const h = { cookie: r.as.headOffice };
    const ok = await app.inject({ method: 'POST', url: '/api/v1/customers', headers: h, payload: { firstName: 'Ana', lastName: 'Costa', phone: '06 12 34 56 78' } });
    expect([ok.statusCode, ok.json().phone]).toEqual([201, '+33612345678']);
    const uk = await app.inject({ method: 'PATCH', url: `/api/v1/customers/${ok.json().id}`, headers: h, payload: { phone: '020 7946 0958', country: 'GB' } });
    expect(uk.json().phone).toBe('+442079460958');
    const bad = await app.inject({ method: 'POST', url: '/api/v1/customers', headers: h, payload: { firstName: 'X', lastName: 'Y', phone: '06 12' } });
    expect([bad.statusCode, bad.json().code, bad.json().field]).toEqual([400, customerErrors.phone_invalid.code, 'phone']);
  });
});
