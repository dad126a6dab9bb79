import { describe, expect, it } from 'vitest';
import { render, type Keyed } from '../../../test/server-text.ts';
import { randomUUID } from 'node:crypto';
import { appWithSmtpSink } from '../../../test/app.ts';
import { buildRetailer, buildCustomer } from '../../../test/factories.ts';
import type { SmtpSink } from '../../../test/smtp-sink.ts';
import type { App } from '../../http/types.ts';
import { deliverDueMessages, enqueueMessage } from './outbox.ts';
import { DEFAULT_SETTINGS } from './settings.ts';
import { setConsent, parisNoonTomorrow } from './test-helpers.ts';
import { outreachErrors } from './errors.ts';
import { customerErrors } from '../customers/errors.ts';

let app: App;
let sink: SmtpSink;
appWithSmtpSink((started) => ({ app, sink } = started));

const birthdayTemplate = {
  name: 'Birthday', purpose: 'birthday', channel: 'email', language: 'en',
  subject: 'Happy birthday, {{customer.firstName}}', body: 'Dear {{customer.firstName}},\n\nAll of us at {{store.name}} wish you a happy birthday.\n\n{{associate.name}}',
};

describe('templates', () => {
  it('head office manages templates; unknown fields and WhatsApp without an approved name are refused', async () => {
    const r = await buildRetailer(app, app.db);
    const h = { cookie: r.as.headOffice };
    const created = await app.inject({ method: 'POST', url: '/api/v1/outreach/templates', headers: h, payload: birthdayTemplate });
    expect(created.statusCode).toBe(201);
    const dup = await app.inject({ method: 'POST', url: '/api/v1/outreach/templates', headers: h, payload: birthdayTemplate });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe(outreachErrors.template_name_taken.code);
    const typo = await app.inject({ method: 'POST', url: '/api/v1/outreach/templates', headers: h, payload: { ...birthdayTemplate, name: 'X', body: 'Hi {{custmer.firstName}}' } });
    expect(typo.statusCode).toBe(400);
    expect(typo.json()).toMatchObject({ code: outreachErrors.unknown_template_field.code, field: 'body' });
    const wa = await app.inject({ method: 'POST', url: '/api/v1/outreach/templates', headers: h, payload: { ...birthdayTemplate, channel: 'whatsapp', subject: null } });
    expect(wa.statusCode).toBe(400);
    expect(wa.json()).toMatchObject({ code: outreachErrors.whatsapp_template_name_missing.code, field: 'whatsappTemplateName' });
    // Associates use templates but do not change them.
    const asAssociate = await app.inject({ method: 'PATCH', url: `/api/v1/outreach/templates/${created.json().id}`, headers: { cookie: r.as.associate }, payload: { body: 'x' } });
    expect(asAssociate.statusCode).toBe(403);
    expect(asAssociate.json().code).toBe('forbidden');
    const list = await app.inject({ method: 'GET', url: '/api/v1/outreach/templates?purpose=birthday', headers: { cookie: r.as.associate } });
    expect(list.json().map((t: { name: string }) => t.name)).toEqual(['Birthday']);
  });
});

describe('reach out', () => {
  it('addresses the customer by their salutation in their language, or in a neutral form, in the preview and the sent email', async () => {
    const r = await buildRetailer(app, app.db);
    const h = { cookie: r.as.associate };
    const template = { name: 'Salut', purpose: 'birthday', channel: 'email', language: 'fr', subject: 'Pour {{#salutation}}{{customer.salutation}} {{customer.lastName}}|{{customer.firstName}}{{/salutation}}',
      body: '{{#salutation}}Bonjour {{customer.salutation}} {{customer.lastName}}|Bonjour {{customer.firstName}}{{/salutation}},\n\nÀ bientôt.' };
    const tpl = (await app.inject({ method: 'POST', url: '/api/v1/outreach/templates', headers: { cookie: r.as.headOffice }, payload: template })).json();
    const madame = await buildCustomer(app.db, r.le.id, { firstName: 'Léa', lastName: 'Martin', language: 'fr', email: `lea-${r.le.id.slice(0, 8)}@example.test` });
    // The salutation is edited on the customer card like any contact detail (and refused when not one of the forms).
    const edit = await app.inject({ method: 'PATCH', url: `/api/v1/customers/${madame.id}`, headers: h, payload: { salutation: 'ms' } });
    expect([edit.statusCode, edit.json().salutation]).toEqual([200, 'ms']);
    expect((await app.inject({ method: 'PATCH', url: `/api/v1/customers/${madame.id}`, headers: h, payload: { salutation: 'dr' } })).statusCode).toBe(400);
    const neutral = await buildCustomer(app.db, r.le.id, { firstName: 'Alex', lastName: 'Roy', language: 'fr', salutation: 'mx' });
    const english = await buildCustomer(app.db, r.le.id, { firstName: 'Sam', lastName: 'Taylor', language: 'en', salutation: 'mx' });
    const none = await buildCustomer(app.db, r.le.id, { firstName: 'Noa', lastName: 'Petit', language: 'fr' });
    for (const c of [madame, neutral, english, none]) await setConsent(app.db, r.le.id, c.id, 'email', true);

    const preview = async (customerId: string) => {
      const res = await app.inject({ method: 'POST', url: '/api/v1/outreach/preview', headers: h, payload: { customerId, channel: 'email', templateId: tpl.id } });
      expect(res.statusCode).toBe(200);
      return [res.json().subject, res.json().body.split('\n')[0], (res.json().warnings as string[]).filter((w) => w.startsWith('No value'))];
    };
    expect(await preview(madame.id)).toEqual(['Pour Madame Martin', 'Bonjour Madame Martin,', []]);
    expect(await preview(neutral.id)).toEqual(['Pour Alex', 'Bonjour Alex,', []]); // no French title for Mx
    expect(await preview(english.id)).toEqual(['Pour Mx Taylor', 'Bonjour Mx Taylor,', []]);
    expect(await preview(none.id)).toEqual(['Pour Noa', 'Bonjour Noa,', []]);
    // The preview's warnings are named by key too, for the associate's language.
    const noEmail = await buildCustomer(app.db, r.le.id, { firstName: 'Zoé', lastName: 'Blanc', language: 'fr', email: null });
    const warned = (await app.inject({ method: 'POST', url: '/api/v1/outreach/preview', headers: h, payload: { customerId: noEmail.id, channel: 'email', templateId: tpl.id } })).json() as
      { warnings: string[]; warningTexts: Keyed[] };
    expect(warned.warningTexts.map((w) => render('en', 'composeWarning', w))).toEqual(warned.warnings);
    expect(warned.warningTexts.map((w) => render('fr', 'composeWarning', w))).toEqual(['La fiche client n’a pas d’adresse e-mail.', 'Le client n’a pas donné son consentement : e-mail.']);

    const sent = await app.inject({ method: 'POST', url: '/api/v1/outreach/messages', headers: h, payload: { customerId: madame.id, channel: 'email', templateId: tpl.id } });
    expect(sent.statusCode).toBe(201);
    await deliverDueMessages(app.db, app.config, { legalEntityId: r.le.id, now: parisNoonTomorrow() });
    const [mail] = sink.messages.filter((m) => m.to.includes(madame.email!));
    expect(mail.subject).toBe('Pour Madame Martin');
    expect(mail.text).toContain('Bonjour Madame Martin,');
  });

  it('defaults to the preferred consented channel, previews the personalised message and sends it once', async () => {
    const r = await buildRetailer(app, app.db);
    const customer = await buildCustomer(app.db, r.le.id, { firstName: 'Léa', preferredChannel: 'sms', phone: '+33612345678', homeStoreId: r.store.id });
    await setConsent(app.db, r.le.id, customer.id, 'email', true);
    await setConsent(app.db, r.le.id, customer.id, 'sms', false, 'store');
    const h = { cookie: r.as.associate };
    const tpl = (await app.inject({ method: 'POST', url: '/api/v1/outreach/templates', headers: { cookie: r.as.headOffice }, payload: birthdayTemplate })).json();

    const options = (await app.inject({ method: 'GET', url: `/api/v1/outreach/customers/${customer.id}/reach-out`, headers: h })).json();
    expect(options.defaultChannel).toBe('email'); // SMS is preferred but not consented
    expect(options.channels.find((c: { channel: string }) => c.channel === 'sms')).toMatchObject({ consent: 'refused', usable: false });

    const preview = await app.inject({ method: 'POST', url: '/api/v1/outreach/preview', headers: h, payload: { customerId: customer.id, channel: 'email', templateId: tpl.id } });
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ subject: 'Happy birthday, Léa', to: customer.email, canSend: true });
    expect(preview.json().body).toContain(`All of us at ${r.store.name} wish you`);

    const refused = await app.inject({ method: 'POST', url: '/api/v1/outreach/messages', headers: h, payload: { customerId: customer.id, channel: 'sms', body: 'Hello' } });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: outreachErrors.consent_missing.code, field: 'channel' });

    const key = randomUUID();
    const payload = { customerId: customer.id, channel: 'email', templateId: tpl.id, body: `${preview.json().body}\n\nSee you soon!`, idempotencyKey: key };
    const sent = await app.inject({ method: 'POST', url: '/api/v1/outreach/messages', headers: h, payload });
    expect(sent.statusCode).toBe(201);
    expect(sent.json()).toMatchObject({ status: 'queued', channel: 'email', purpose: 'birthday' });
    const again = await app.inject({ method: 'POST', url: '/api/v1/outreach/messages', headers: h, payload });
    expect(again.json().id).toBe(sent.json().id);

    await deliverDueMessages(app.db, app.config, { legalEntityId: r.le.id, now: parisNoonTomorrow() });
    const mails = sink.messages.filter((m) => m.to.includes(customer.email!));
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe('Happy birthday, Léa');
    expect(mails[0].text).toContain('See you soon!');

    const timeline = (await app.inject({ method: 'GET', url: `/api/v1/customers/${customer.id}/timeline`, headers: h })).json();
    const event = (timeline.items as { kind: string; title: string; data: Record<string, unknown> }[]).find((e) => e.kind === 'outreach-message');
    expect(event?.title).toBe('Email sent: Happy birthday, Léa');
    // Named by key for the web, in the associate's language.
    const keyed = event as unknown as { title: string; titleKey: string; titleParams: Record<string, string> };
    expect(render('en', 'timeline', { key: keyed.titleKey, params: keyed.titleParams })).toBe(keyed.title);
    expect(render('fr', 'timeline', { key: keyed.titleKey, params: keyed.titleParams })).toBe('E-mail envoyé : Happy birthday, Léa');
    expect(event?.data.status).toBe('sent');

    // A message without a subject, sent by no one: its purpose and its 'Automatic' actor are named by key.
    await enqueueMessage(app.db, { legalEntityId: r.le.id, customerId: customer.id, channel: 'sms', to: '+33612345678', subject: null, body: 'Merci !', purpose: 'thank-you', idempotencyKey: `thanks:${customer.id}` });
    await enqueueMessage(app.db, { legalEntityId: r.le.id, customerId: customer.id, channel: 'sms', to: '+33612345678', subject: null, body: 'Hi', purpose: 'spring-event', idempotencyKey: `spring:${customer.id}` });
    const later = (await app.inject({ method: 'GET', url: `/api/v1/customers/${customer.id}/timeline`, headers: h })).json().items as
      { title: string; titleKey: string; titleParams: Record<string, string>; actor: string; actorKey?: string; data: { purpose: string } }[];
    const thanks = later.find((e) => e.data.purpose === 'thank-you')!;
    expect(thanks).toMatchObject({ titleKey: 'outreachMessageAboutPurpose', actor: 'Automatic', actorKey: 'automatic' });
    expect(render('en', 'timeline', { key: thanks.titleKey, params: thanks.titleParams })).toBe(thanks.title);
    expect(render('fr', 'timeline', { key: thanks.titleKey, params: thanks.titleParams })).toBe('SMS en attente\u00a0: remerciement');
    expect(render('fr', 'timelineActor', { key: thanks.actorKey! })).toBe('Automatique');
    // A purpose head office made up shows as written.
    const spring = later.find((e) => e.data.purpose === 'spring-event')!;
    expect(spring.titleKey).toBe('outreachMessageAbout');
    expect(render('fr', 'timeline', { key: spring.titleKey, params: spring.titleParams })).toBe('SMS en attente\u00a0: spring event');
    expect(render('en', 'messagePurpose', { key: 'appointment-reminder' })).toBe('appointment reminder');
  });

  it('refuses when the weekly contact budget is used up and does not leak other legal entities', async () => {
    const r = await buildRetailer(app, app.db);
    const other = await buildRetailer(app, app.db);
    const customer = await buildCustomer(app.db, r.le.id);
    await setConsent(app.db, r.le.id, customer.id, 'email', true);
    const h = { cookie: r.as.headOffice };
    await app.inject({ method: 'PUT', url: '/api/v1/outreach/settings', headers: h, payload: { ...DEFAULT_SETTINGS, frequencyCapPerWeek: 1, quietHours: { start: '00:00', end: '00:00' } } });
    const first = await app.inject({ method: 'POST', url: '/api/v1/outreach/messages', headers: h, payload: { customerId: customer.id, channel: 'email', subject: 'Hi', body: 'One' } });
    expect(first.statusCode).toBe(201);
    expect(await deliverDueMessages(app.db, app.config, { legalEntityId: r.le.id, now: new Date(Date.now() + 1_000) })).toBe(1);
    const second = await app.inject({ method: 'POST', url: '/api/v1/outreach/messages', headers: h, payload: { customerId: customer.id, channel: 'email', subject: 'Hi', body: 'Two' } });
    expect(second.statusCode).toBe(422);
    expect(second.json()).toMatchObject({ code: outreachErrors.weekly_limit_reached.code, field: 'customerId' });
    // Withdrawn by the customer (not merely never given): a different refusal, which the associate must not argue with.
    const unsubscribed = await buildCustomer(app.db, r.le.id);
    await setConsent(app.db, r.le.id, unsubscribed.id, 'email', false, 'unsubscribe');
    const optedOut = await app.inject({ method: 'POST', url: '/api/v1/outreach/messages', headers: h, payload: { customerId: unsubscribed.id, channel: 'email', subject: 'Hi', body: 'One' } });
    expect(optedOut.statusCode).toBe(422);
    expect(optedOut.json()).toMatchObject({ code: outreachErrors.opted_out.code, detail: 'The customer opted out of email.' });
    const messages = (await app.inject({ method: 'GET', url: `/api/v1/outreach/customers/${customer.id}/messages`, headers: h })).json();
    expect(messages.map((m: { body: string; status: string }) => [m.body, m.status])).toEqual([['One', 'sent']]);
    const leak = await app.inject({ method: 'GET', url: `/api/v1/outreach/customers/${customer.id}/reach-out`, headers: { cookie: other.as.headOffice } });
    expect(leak.statusCode).toBe(404);
    expect(leak.json().code).toBe(customerErrors.customer_not_found.code); // the customers capability's own code
    const badSettings = await app.inject({ method: 'PUT', url: '/api/v1/outreach/settings', headers: h, payload: { ...DEFAULT_SETTINGS, quietHours: { start: '25:00', end: '08:00' } } });
    expect(badSettings.statusCode).toBe(400);
    expect(badSettings.json().code).toBe('validation');
  });

  it('names why a message cannot be composed or sent, on the field to fix', async () => {
    const r = await buildRetailer(app, app.db);
    const customer = await buildCustomer(app.db, r.le.id, { phone: null });
    await setConsent(app.db, r.le.id, customer.id, 'email', true);
    await setConsent(app.db, r.le.id, customer.id, 'sms', true);
    const h = { cookie: r.as.associate };
    const tpl = (await app.inject({ method: 'POST', url: '/api/v1/outreach/templates', headers: { cookie: r.as.headOffice }, payload: birthdayTemplate })).json();
    const send = (payload: Record<string, unknown>) => app.inject({ method: 'POST', url: '/api/v1/outreach/messages', headers: h, payload: { customerId: customer.id, ...payload } })
      .then((res) => ({ status: res.statusCode, code: res.json().code, field: res.json().field }));

    expect(await send({ channel: 'email', templateId: randomUUID() })).toEqual({ status: 400, code: outreachErrors.unknown_template.code, field: 'templateId' });
    expect(await send({ channel: 'sms', templateId: tpl.id })).toEqual({ status: 400, code: outreachErrors.template_channel_mismatch.code, field: 'templateId' });
    expect(await send({ channel: 'email', subject: 'Hi', body: '   ' })).toEqual({ status: 400, code: outreachErrors.message_empty.code, field: 'body' });
    expect(await send({ channel: 'email', templateId: tpl.id, productId: randomUUID() })).toEqual({ status: 400, code: outreachErrors.unknown_product.code, field: 'productId' });
    // Consented to SMS but no number on file: nothing to send to.
    expect(await send({ channel: 'sms', body: 'Hello' })).toEqual({ status: 422, code: outreachErrors.contact_address_missing.code, field: 'channel' });
    const messages = (await app.inject({ method: 'GET', url: `/api/v1/outreach/customers/${customer.id}/messages`, headers: h })).json();
    expect(messages).toEqual([]);
  });
});
