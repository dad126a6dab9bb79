import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { testApp, apiAs } from '../../../test/app.ts';
import { startSmtpSink, type ReceivedMail } from '../../../test/smtp-sink.ts';
import { buildRetailer, buildCustomer, addToClientBook } from '../../../test/factories.ts';
import type { App } from '../../http/types.ts';
import { deliverDueMessages, enqueueMessage } from '../outreach/outbox.ts';
import { messageRow, parisNoonTomorrow, setConsent } from '../outreach/test-helpers.ts';
import { preferencesErrors } from './errors.ts';
import { preferenceLinks } from './schema.ts';

let app: App;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
beforeAll(async () => {
  sink = await startSmtpSink();
  app = await testApp({ smtpUrl: sink.url, publicBaseUrl: 'https://shop.example.test', mailFrom: 'Maison <hello@mail.example.test>' });
});
afterAll(async () => {
  await app.close();
  await sink.close();
});

/** The header block with folded lines joined, as a mail client reads it. */
function header(mail: ReceivedMail, name: string): string | undefined {
  const head = mail.raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
  return head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`))?.slice(name.length + 1).trim();
}

async function sendEmail(le: string, customer: { id: string; email: string | null }, over: { purpose: string; transactional?: boolean }) {
  const { id } = await enqueueMessage(app.db, {
    legalEntityId: le, customerId: customer.id, channel: 'email', to: customer.email!, subject: `About ${over.purpose}`, body: 'Hello Ada', html: '<p>Hello Ada</p>',
    purpose: over.purpose, transactional: over.transactional, idempotencyKey: randomUUID(),
  });
  await deliverDueMessages(app.db, app.config, { legalEntityId: le, now: parisNoonTomorrow() });
  return { id, mail: sink.messages.find((m) => m.to.includes(customer.email!) && m.subject === `About ${over.purpose}` && m.raw.includes(id)) };
}

const history = async (r: Awaited<ReturnType<typeof buildRetailer>>, customerId: string) =>
  (await apiAs(app, 'GET', `/customers/${customerId}/consents/history`, r.as.associate)).json() as { channel: string; granted: boolean; source: string }[];

const tokenOf = (url: string) => decodeURIComponent(url.split('/').pop()!);

describe('consent the customer controls', () => {
  it('marketing email carries List-Unsubscribe with one-click (no mailto: no inbound mail domain reads it); the one-click POST turns the topic off, once', async () => {
    const r = await buildRetailer(app, app.db);
    const c = await buildCustomer(app.db, r.le.id);
    await setConsent(app.db, r.le.id, c.id, 'email', true);
    const { mail } = await sendEmail(r.le.id, c, { purpose: 'new-arrivals' });
    expect(mail).toBeDefined();
    const list = header(mail!, 'List-Unsubscribe')!;
    const [https, ...others] = [...list.matchAll(/<([^>]+)>/g)].map((m) => m[1]);
    expect(https).toMatch(/^https:\/\/shop\.example\.test\/api\/v1\/public\/preferences\/unsubscribe\//);
    expect(others).toEqual([]);
    expect(header(mail!, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(mail!.text).toMatch(/https:\/\/shop\.example\.test\/preferences\/pref_/);

    // What a mail provider does: POST the form body to the https URL, without cookies or sign-in.
    const post = () => app.inject({ method: 'POST', url: https.replace('https://shop.example.test', ''), headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' });
    const first = await post();
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ unsubscribed: true, channel: 'email', topic: 'new-arrivals' });
    expect((await post()).statusCode).toBe(200);
    const h = await history(r, c.id);
    expect(h.filter((x) => x.channel === 'topic:new-arrivals')).toEqual([expect.objectContaining({ granted: false, source: 'one-click' })]);

    // The next new-arrivals email is stopped; other marketing still goes.
    const again = await sendEmail(r.le.id, c, { purpose: 'new-arrivals' });
    expect(await messageRow(app.db, again.id)).toMatchObject({ status: 'suppressed', suppressedReason: 'topic-opted-out' });
    expect((await sendEmail(r.le.id, c, { purpose: 'birthday' })).mail).toBeDefined();
  });

  it('a marketing email without a topic unsubscribes from email; appointment confirmations still go, with the preference link and no List-Unsubscribe', async () => {
    const r = await buildRetailer(app, app.db);
    const c = await buildCustomer(app.db, r.le.id, { language: 'fr' });
    await setConsent(app.db, r.le.id, c.id, 'email', true);
    const { mail } = await sendEmail(r.le.id, c, { purpose: 'spring-campaign' });
    expect(mail!.text).toContain('Choisissez ce que nous vous envoyons');
    const https = /<(https:[^>]+)>/.exec(header(mail!, 'List-Unsubscribe')!)![1];
    const res = await app.inject({ method: 'POST', url: https.replace('https://shop.example.test', ''), headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' });
    expect(res.json()).toMatchObject({ channel: 'email', topic: null });
    expect((await history(r, c.id))[0]).toMatchObject({ channel: 'email', granted: false, source: 'one-click' });

    const marketing = await sendEmail(r.le.id, c, { purpose: 'spring-campaign' });
    expect(await messageRow(app.db, marketing.id)).toMatchObject({ status: 'suppressed' });
    const confirmation = await sendEmail(r.le.id, c, { purpose: 'appointment-confirmation', transactional: true });
    expect(confirmation.mail).toBeDefined();
    expect(header(confirmation.mail!, 'List-Unsubscribe')).toBeUndefined();
    expect(confirmation.mail!.text).toMatch(/https:\/\/shop\.example\.test\/preferences\/pref_/);
  });

  it('the preference page shows and changes channels, topics and language; each consent change lands in the history with its source', async () => {
    const r = await buildRetailer(app, app.db);
    const c = await buildCustomer(app.db, r.le.id, { phone: '+33612345678' });
    await setConsent(app.db, r.le.id, c.id, 'email', true);
    await setConsent(app.db, r.le.id, c.id, 'sms', true);
    await addToClientBook(app.db, r.le.id, r.associate.id, c.id);
    const link = (await apiAs(app, 'GET', `/customers/${c.id}/preference-link`, r.as.associate)).json();
    expect(link.url).toMatch(/^https:\/\/shop\.example\.test\/preferences\/pref_/);
    const url = `/api/v1/public/preferences/${encodeURIComponent(tokenOf(link.url))}`;

    const page = (await app.inject({ method: 'GET', url })).json();
    expect(page).toMatchObject({ firstName: 'Ada', language: 'en', associate: { name: expect.stringMatching(/^Associate /) }, associateChangeRequestedAt: null });
    expect(page.channels.find((x: { channel: string }) => x.channel === 'sms')).toEqual({ channel: 'sms', granted: true, reachable: true });
    expect(page.topics.every((t: { granted: boolean }) => t.granted)).toBe(true);

    const changed = await app.inject({ method: 'PUT', url, payload: { channels: { sms: false, email: true }, topics: { occasions: false }, language: 'fr' } });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ language: 'fr' });
    expect(changed.json().channels.find((x: { channel: string }) => x.channel === 'sms').granted).toBe(false);
    const h = await history(r, c.id);
    // Only what changed is recorded: email was already granted.
    expect(h.filter((x) => x.source === 'preference-page').map((x) => `${x.channel}=${x.granted}`).sort()).toEqual(['sms=false', 'topic:occasions=false']);
    const customer = (await apiAs(app, 'GET', `/customers/${c.id}`, r.as.associate)).json();
    expect(customer.language).toBe('fr');

    const asked = await app.inject({ method: 'POST', url: `${url}/associate-request`, payload: { message: 'Someone who knows shoes, please' } });
    expect(asked.json().associateChangeRequestedAt).not.toBeNull();
    const timeline = (await apiAs(app, 'GET', `/customers/${c.id}/timeline`, r.as.associate)).json();
    expect(timeline.items.some((e: { kind: string; detail: string }) => e.kind === 'associate-change-request' && e.detail === 'Someone who knows shoes, please')).toBe(true);
    // The customer as actor is named by key for the associate's language.
    expect(timeline.items.find((e: { kind: string }) => e.kind === 'associate-change-request')).toMatchObject({ actor: 'Customer (preference page)', actorKey: 'customerPreferencePage' });

    const bad = await app.inject({ method: 'PUT', url, payload: { channels: { pigeon: true } } });
    expect(bad.statusCode).toBe(400);
  });

  it('refuses tampered, expired and revoked links with problem+json', async () => {
    const r = await buildRetailer(app, app.db);
    const c = await buildCustomer(app.db, r.le.id);
    const token = tokenOf((await apiAs(app, 'GET', `/customers/${c.id}/preference-link`, r.as.associate)).json().url);
    const [publicId, signature] = token.split('.');
    const tampered = await app.inject({ method: 'GET', url: `/api/v1/public/preferences/${publicId}.${signature.slice(0, -2)}xx` });
    expect(tampered.statusCode).toBe(404);
    expect(tampered.headers['content-type']).toContain('application/problem+json');
    expect(tampered.json().code).toBe(preferencesErrors.link_invalid.code);
    // A page token is no one-click token, and the reverse.
    const replayed = await app.inject({ method: 'POST', url: `/api/v1/public/preferences/unsubscribe/${token}`, payload: { 'List-Unsubscribe': 'One-Click' } });
    expect(replayed.json().code).toBe(preferencesErrors.link_invalid.code);

    await app.db.update(preferenceLinks).set({ expiresAt: new Date(Date.now() - 1000).toISOString() }).where(sql`${preferenceLinks.publicId} = ${publicId}`);
    const expired = await app.inject({ method: 'GET', url: `/api/v1/public/preferences/${token}` });
    expect([expired.statusCode, expired.json().code]).toEqual([403, preferencesErrors.link_expired.code]);

    const fresh = tokenOf((await apiAs(app, 'GET', `/customers/${c.id}/preference-link`, r.as.associate)).json().url);
    expect(fresh).not.toBe(token);
    expect((await app.inject({ method: 'GET', url: `/api/v1/public/preferences/${fresh}` })).statusCode).toBe(200);
    expect((await apiAs(app, 'POST', `/customers/${c.id}/preference-links/revoke`, r.as.associate, {})).json()).toEqual({ revoked: 1 });
    const revoked = await app.inject({ method: 'PUT', url: `/api/v1/public/preferences/${fresh}`, payload: { channels: { email: true } } });
    expect([revoked.statusCode, revoked.json().code]).toEqual([403, preferencesErrors.link_expired.code]);
  });
});
