import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { testApp, apiAs } from '../../../test/app.ts';
import { startSmtpSink } from '../../../test/smtp-sink.ts';
import { buildRetailer, buildCustomer, buildProduct, buildOrder } from '../../../test/factories.ts';
import type { App } from '../../http/types.ts';
import { query } from '../../db/client.ts';
import { deliverDueMessages } from '../outreach/outbox.ts';
import { parisNoonTomorrow, setConsent } from '../outreach/test-helpers.ts';
import { outreachErrors } from '../outreach/errors.ts';
import { customerErrors } from '../customers/errors.ts';
import { i18next } from '../../../web/src/i18n/i18n.ts';
import { sharesErrors } from './errors.ts';

let app: App;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
beforeAll(async () => {
  sink = await startSmtpSink();
  app = await testApp({ smtpUrl: sink.url, publicBaseUrl: 'https://shop.example.test' });
});
afterAll(async () => {
  await app.close();
  await sink.close();
});

async function shop(language = 'fr') {
  const r = await buildRetailer(app, app.db);
  const customer = await buildCustomer(app.db, r.le.id, { language, homeStoreId: r.store.id, phone: '+33612345678' });
  await setConsent(app.db, r.le.id, customer.id, 'email', true);
  const bag = await buildProduct(app.db, r.le.id, { name: 'Sac Aurore', priceMinor: 125_000, imageUrl: 'https://img.example.test/sac.jpg', stock: [{ storeId: r.store.id, onHand: 2 }] });
  const scarf = await buildProduct(app.db, r.le.id, { name: 'Carré soie', priceMinor: 39_000, stock: [{ storeId: r.store.id, onHand: 0 }] });
  return { r, customer, bag, scarf };
}

const share = (cookie: string, customerId: string, body: Record<string, unknown>) => apiAs(app, 'POST', `/customers/${customerId}/looks`, cookie, body);
const pathOf = (url: string) => `/api/v1/public/looks/${url.split('/look/')[1]}`;

describe('product shares', () => {
  it('sends a look by email; the public page shows products with prices and stock at the home store; views and clicks reach the timeline', async () => {
    const { r, customer, bag, scarf } = await shop();
    const found = (await apiAs(app, 'GET', `/customers/${customer.id}/look-products?q=soie`, r.as.associate)).json();
    expect(found).toEqual([expect.objectContaining({ id: scarf.id, onHand: 0 })]);

    const res = await share(r.as.associate, customer.id, { title: 'Pour le dîner de samedi', note: 'Deux pièces mises de côté pour vous.', productIds: [bag.id, scarf.id], channel: 'email', idempotencyKey: 'dialog-0001' });
    expect(res.statusCode).toBe(201);
    const look = res.json();
    expect(look.publicId).toMatch(/^look_/);
    expect(look.url).toMatch(/^https:\/\/shop\.example\.test\/look\/look_/);
    // A double tap sends one look.
    expect((await share(r.as.associate, customer.id, { title: 'Pour le dîner de samedi', productIds: [bag.id, scarf.id], channel: 'email', idempotencyKey: 'dialog-0001' })).json().id).toBe(look.id);

    await deliverDueMessages(app.db, app.config, { legalEntityId: r.le.id, now: parisNoonTomorrow() });
    const mail = sink.messages.find((m) => m.to.includes(customer.email!) && m.subject === 'Pour le dîner de samedi');
    expect(mail?.text).toContain(look.url);
    expect(mail?.text).toContain('découvrez la sélection');

    const page = await app.inject({ method: 'GET', url: pathOf(look.url) });
    expect(page.statusCode).toBe(200);
    const body = page.json();
    expect(body).toMatchObject({ title: 'Pour le dîner de samedi', note: 'Deux pièces mises de côté pour vous.', language: 'fr', storeName: r.store.name, customerFirstName: 'Ada' });
    expect(body.products.map((p: { name: string; availability: string; imageUrl: string | null }) => [p.name, p.availability, p.imageUrl]))
      .toEqual([['Sac Aurore', 'in-stock', 'https://img.example.test/sac.jpg'], ['Carré soie', 'out-of-stock', null]]);
    expect(body.products[0].price.replace(/\s/g, ' ')).toBe('1 250,00 €');
    await app.inject({ method: 'GET', url: pathOf(look.url) }); // a reload is the same visit

    const click = await app.inject({ method: 'POST', url: `${pathOf(look.url)}/clicks`, payload: { productId: scarf.id } });
    expect(click.statusCode).toBe(200);
    const stranger = await buildProduct(app.db, r.le.id);
    const notInLook = await app.inject({ method: 'POST', url: `${pathOf(look.url)}/clicks`, payload: { productId: stranger.id } });
    expect([notInLook.statusCode, notInLook.json().code]).toEqual([400, sharesErrors.product_not_in_look.code]);

    const timeline = (await apiAs(app, 'GET', `/customers/${customer.id}/timeline`, r.as.associate)).json().items as { kind: string; title: string; titleKey?: string; titleParams?: Record<string, string> }[];
    const looks = timeline.filter((e) => e.kind.startsWith('look'));
    expect(looks.map((e) => e.title)).toEqual([
      'Clicked Carré soie in "Pour le dîner de samedi"', 'Opened the look "Pour le dîner de samedi"', 'Look shared by email: Pour le dîner de samedi',
    ]);
    // The web translates the shared, opened and clicked titles by key: the English catalogue gives the server's title back.
    const inLanguage = (lng: string) => looks.filter((e) => e.titleKey).map((e) => (i18next.getFixedT(lng) as unknown as (key: string, params: object) => string)(`timeline.${e.titleKey}`, e.titleParams ?? {}));
    expect(inLanguage('en')).toEqual(looks.map((e) => e.title));
    expect((looks as unknown as { actor: string | null; actorKey?: string }[]).map((e) => [e.actor, e.actorKey])).toEqual([['Customer', 'customer'], ['Customer', 'customer'], [null, undefined]]);
    expect(inLanguage('fr')).toEqual(['A cliqué sur Carré soie dans « Pour le dîner de samedi »', 'A ouvert le look « Pour le dîner de samedi »', 'Look partagé par e-mail : Pour le dîner de samedi']);
    expect((await apiAs(app, 'GET', `/customers/${customer.id}/looks`, r.as.associate)).json()).toEqual([expect.objectContaining({ id: look.id, products: 2, views: 1, clicks: 1 })]);
  });

  it('a view reopens the outreach attribution window for the associate who shared the look', async () => {
    const { r, customer, bag } = await shop('en');
    await app.inject({ method: 'PUT', url: '/api/v1/attribution/settings', headers: { cookie: r.as.headOffice }, payload: { outreachWindowDays: 14 } });
    const look = (await share(r.as.associate, customer.id, { title: 'Weekend', productIds: [bag.id], channel: 'email' })).json();
    await deliverDueMessages(app.db, app.config, { legalEntityId: r.le.id, now: parisNoonTomorrow() });
    // The email went out a month ago: on its own it no longer credits a purchase.
    await app.db.execute(sql`update outreach_messages set sent_at = now() - interval '30 days' where id = ${look.messageId}`);
    const before = await buildOrder(app.db, r.le.id, { storeId: null, channel: 'online', customerId: customer.id, orderedAt: new Date(Date.now() - 60_000).toISOString(), lines: [{ productId: bag.id, netMinor: 125_000 }] });
    await app.inject({ method: 'POST', url: '/api/v1/attribution/run', headers: { cookie: r.as.headOffice } });
    expect((await app.inject({ method: 'GET', url: pathOf(look.url) })).statusCode).toBe(200);
    const after = await buildOrder(app.db, r.le.id, { storeId: null, channel: 'online', customerId: customer.id, orderedAt: new Date(Date.now() + 60_000).toISOString(), lines: [{ productId: bag.id, netMinor: 125_000 }] });
    await app.inject({ method: 'POST', url: '/api/v1/attribution/run', headers: { cookie: r.as.headOffice } });
    const credit = (lineId: string) => query<{ associateId: string; rule: string; messageId: string; explanation: string }>(app.db, sql`
      select associate_id as "associateId", rule, outreach_message_id as "messageId", explanation from attribution_ledger where order_line_id = ${lineId}`);
    expect(await credit(before.lines[0].id)).toEqual([]);
    const [e] = await credit(after.lines[0].id);
    expect(e).toMatchObject({ associateId: r.associate.id, rule: 'outreach', messageId: look.messageId });
    expect(e.explanation).toContain('which the customer opened on');
    // By key: the day the customer opened the look, and the same day as the purchase (it was a minute before).
    const [keyed] = await query<{ key: string; params: Record<string, unknown> }>(app.db, sql`
      select explanation_key as "key", explanation_params as "params" from attribution_ledger where order_line_id = ${after.lines[0].id}`);
    expect(keyed.key).toBe('outreachOpenedSameDay');
    expect(keyed.params).toMatchObject({ outreachChannel: 'email', opened: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), window: 14 });
  });

  it('sends through the existing path for SMS; refuses without consent (no look left), foreign products and customers, tampered links', async () => {
    const { r, customer, bag } = await shop('en');
    const other = await shop('en');
    const noConsent = await share(r.as.associate, customer.id, { title: 'By text', productIds: [bag.id], channel: 'sms' });
    expect([noConsent.statusCode, noConsent.json().code]).toEqual([422, outreachErrors.consent_missing.code]);
    expect((await apiAs(app, 'GET', `/customers/${customer.id}/looks`, r.as.associate)).json()).toEqual([]);
    await setConsent(app.db, r.le.id, customer.id, 'sms', true);
    const sms = await share(r.as.associate, customer.id, { title: 'By text', productIds: [bag.id], channel: 'sms', idempotencyKey: randomUUID() });
    expect(sms.statusCode).toBe(201);
    const message = (await apiAs(app, 'GET', `/outreach/customers/${customer.id}/messages`, r.as.associate)).json().find((m: { id: string }) => m.id === sms.json().messageId);
    expect(message).toMatchObject({ channel: 'sms', to: customer.phone });
    expect(message.body).toContain(sms.json().url);

    const foreign = await share(r.as.associate, customer.id, { title: 'x', productIds: [other.bag.id], channel: 'email' });
    expect([foreign.statusCode, foreign.json().code, foreign.json().field]).toEqual([400, sharesErrors.unknown_product.code, 'productIds']);
    const otherCustomer = await share(r.as.associate, other.customer.id, { title: 'x', productIds: [bag.id], channel: 'email' });
    expect([otherCustomer.statusCode, otherCustomer.json().code]).toEqual([404, customerErrors.customer_not_found.code]);

    const [publicId, signature] = sms.json().url.split('/look/')[1].split('.');
    const tampered = await app.inject({ method: 'GET', url: `/api/v1/public/looks/${publicId}.${signature.slice(0, -3)}abc` });
    expect([tampered.statusCode, tampered.json().code]).toEqual([404, sharesErrors.look_link_invalid.code]);
    expect(tampered.headers['content-type']).toContain('application/problem+json');
  });
});
