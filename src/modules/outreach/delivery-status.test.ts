import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { testApp } from '../../../test/app.ts';
import { buildRetailer, buildCustomer } from '../../../test/factories.ts';
import { setConsent, parisNoonTomorrow } from './test-helpers.ts';
import { deliverDueMessages } from './outbox.ts';
import { makeBookable } from '../appointments/test-helpers.ts';
import { render } from '../../../test/server-text.ts';

// An installation without a mail server: what head office, the associate and a booking customer are told.
let app: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => { app = await testApp({ smtpUrl: undefined }); });
afterAll(async () => { await app?.close(); });

describe('a channel that is not set up', () => {
  it('is flagged to head office, and a failed message says why in plain words', async () => {
    const r = await buildRetailer(app, app.db);
    const status = async () => (await app.inject({ method: 'GET', url: '/api/v1/outreach/channel-status', headers: { cookie: r.as.headOffice } })).json() as
      { channel: string; ready: boolean; problem: string | null; failedLastWeek: number }[];
    const before = await status();
    expect(before.find((c) => c.channel === 'email')).toMatchObject({ ready: false, problem: expect.stringContaining('No mail server is configured'), failedLastWeek: 0 });
    expect(before.find((c) => c.channel === 'sms')!.ready).toBe(false);
    expect(before.find((c) => c.channel === 'mail')!.ready).toBe(true);

    const c = await buildCustomer(app.db, r.le.id, { email: `nomail-${r.le.id.slice(0, 8)}@example.test` });
    await setConsent(app.db, r.le.id, c.id, 'email', true);
    const sent = await app.inject({ method: 'POST', url: '/api/v1/outreach/messages', headers: { cookie: r.as.associate }, payload: { customerId: c.id, channel: 'email', subject: 'Hello', body: 'Dear customer' } });
    expect(sent.statusCode).toBe(201);
    await deliverDueMessages(app.db, app.config, { legalEntityId: r.le.id, now: parisNoonTomorrow() });
    const [msg] = (await app.inject({ method: 'GET', url: `/api/v1/outreach/customers/${c.id}/messages`, headers: { cookie: r.as.associate } })).json();
    expect(msg.status).toBe('failed');
    expect(msg.reason).toBe('Not sent: no mail server is set up, so no email can go out. Head office must configure one.');
    // By key for the screens, in the associate's language.
    expect(render('en', 'delivery.reason', msg.reasonText)).toBe(msg.reason);
    expect(render('fr', 'delivery.reason', msg.reasonText)).toBe('Non envoyé : aucun serveur de messagerie n’est configuré, aucun e-mail ne peut partir. Le siège doit en configurer un.');
    expect((await status()).find((x) => x.channel === 'email')!.failedLastWeek).toBe(1);
  });

  it('does not let the booking page promise a confirmation email', async () => {
    const r = await buildRetailer(app, app.db);
    const { typeId, date } = await makeBookable(app, r.as.headOffice, r.store.id, [r.associate.id]);
    const slots = (await app.inject({ method: 'GET', url: '/api/v1/public/appointments/slots', query: { storeId: r.store.id, appointmentTypeId: typeId, from: date, days: '1' }, remoteAddress: '10.77.0.1' })).json();
    const res = await app.inject({ method: 'POST', url: '/api/v1/public/appointments/bookings', remoteAddress: '10.77.0.2',
      payload: { storeId: r.store.id, appointmentTypeId: typeId, startsAt: slots.slots[0].startsAt, name: 'Léa Dubois', email: 'lea.nomail@example.test' } });
    expect(res.statusCode).toBe(201);
    expect(res.json().confirmationSent).toBe(false);
  });
});
