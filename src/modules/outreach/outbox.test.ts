import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { appWithSmtpSink } from '../../../test/app.ts';
import { buildLegalEntity, buildCustomer } from '../../../test/factories.ts';
import type { SmtpSink } from '../../../test/smtp-sink.ts';
import type { App } from '../../http/types.ts';
import { enqueueMessage, deliverDueMessages, retryDelayMs, SENDING_LEASE_MS } from './outbox.ts';
import { saveOutreachSettings, DEFAULT_SETTINGS } from './settings.ts';
import { setConsent, messageRow, parisNoonTomorrow } from './test-helpers.ts';

let app: App;
let sink: SmtpSink;
appWithSmtpSink((started) => ({ app, sink } = started));

async function setup() {
  const le = await buildLegalEntity(app.db);
  const customer = await buildCustomer(app.db, le.id);
  await setConsent(app.db, le.id, customer.id, 'email', true);
  return { le, customer };
}

const email = (le: { id: string }, customer: { id: string; email: string | null }, over: Record<string, unknown> = {}) => ({
  legalEntityId: le.id, customerId: customer.id, channel: 'email' as const, to: customer.email!, subject: 'Hello',
  body: 'New season pieces are in.', purpose: 'new-arrivals', idempotencyKey: randomUUID(), ...over,
});

const received = (to: string) => sink.messages.filter((m) => m.to.includes(to));

describe('outbox', () => {
  it('creates one message for the same idempotency key', async () => {
    const { le, customer } = await setup();
    const msg = email(le, customer);
    const a = await enqueueMessage(app.db, msg);
    const b = await enqueueMessage(app.db, msg);
    expect(a.created).toBe(true);
    expect(b).toEqual({ id: a.id, created: false });
  });

  it('retries temporary SMTP failures with back-off and delivers exactly one email', async () => {
    const { le, customer } = await setup();
    const { id } = await enqueueMessage(app.db, email(le, customer));
    let now = parisNoonTomorrow();
    sink.failNext(2);
    expect(await deliverDueMessages(app.db, app.config, { legalEntityId: le.id, now })).toBe(0);
    let row = await messageRow(app.db, id);
    expect(row.status).toBe('queued');
    expect(row.attempts).toBe(1);
    expect(row.lastError).toMatch(/451/);
    expect(new Date(row.nextAttemptAt).getTime()).toBe(now.getTime() + retryDelayMs(1));

    // Not yet due: nothing happens before the back-off has passed.
    expect(await deliverDueMessages(app.db, app.config, { legalEntityId: le.id, now: new Date(now.getTime() + 1_000) })).toBe(0);
    expect((await messageRow(app.db, id)).attempts).toBe(1);

    now = new Date(now.getTime() + retryDelayMs(1));
    await deliverDueMessages(app.db, app.config, { legalEntityId: le.id, now });
    row = await messageRow(app.db, id);
    expect(row.attempts).toBe(2);
    expect(new Date(row.nextAttemptAt).getTime()).toBe(now.getTime() + retryDelayMs(2));
    expect(retryDelayMs(2)).toBeGreaterThan(retryDelayMs(1));

    now = new Date(now.getTime() + retryDelayMs(2));
    expect(await deliverDueMessages(app.db, app.config, { legalEntityId: le.id, now })).toBe(1);
    expect(await deliverDueMessages(app.db, app.config, { legalEntityId: le.id, now: new Date(now.getTime() + 3_600_000) })).toBe(0);
    row = await messageRow(app.db, id);
    expect(row.status).toBe('sent');
    expect(row.attempts).toBe(3);
    const got = received(customer.email!);
    expect(got).toHaveLength(1);
    expect(got[0].messageId).toBe(`<${id}@outreach.clienteling>`);
  });

  it('retries a message left in sending by a crashed process with the same Message-ID, only after the lease', async () => {
    const { le, customer } = await setup();
    const { id } = await enqueueMessage(app.db, email(le, customer));
    const now = parisNoonTomorrow();
    // A process claimed it and died before recording the result.
    await app.db.execute(sql`update outreach_messages set status = 'sending', attempts = 1,
      next_attempt_at = ${new Date(now.getTime() + SENDING_LEASE_MS).toISOString()}::timestamptz where id = ${id}`);
    expect(await deliverDueMessages(app.db, app.config, { legalEntityId: le.id, now })).toBe(0);
    expect(received(customer.email!)).toHaveLength(0);
    expect(await deliverDueMessages(app.db, app.config, { legalEntityId: le.id, now: new Date(now.getTime() + SENDING_LEASE_MS + 1) })).toBe(1);
    const row = await messageRow(app.db, id);
    expect(row.status).toBe('sent');
    expect(row.attempts).toBe(2);
    expect(received(customer.email!).map((m) => m.messageId)).toEqual([`<${id}@outreach.clienteling>`]);
  });

  it('gives up as failed after the configured number of attempts', async () => {
    const { le, customer } = await setup();
    await saveOutreachSettings(app.db, le.id, { ...DEFAULT_SETTINGS, maxAttempts: 2 });
    const { id } = await enqueueMessage(app.db, email(le, customer));
    let now = parisNoonTomorrow();
    sink.failNext(5);
    await deliverDueMessages(app.db, app.config, { legalEntityId: le.id, now });
    now = new Date(now.getTime() + retryDelayMs(1));
    await deliverDueMessages(app.db, app.config, { legalEntityId: le.id, now });
    sink.failNext(0);
    await deliverDueMessages(app.db, app.config, { legalEntityId: le.id, now: new Date(now.getTime() + 86_400_000) });
    const row = await messageRow(app.db, id);
    expect(row.status).toBe('failed');
    expect(row.attempts).toBe(2);
    expect(received(customer.email!)).toHaveLength(0);
  });

  it('suppresses marketing without consent but sends transactional messages; a STOP opt-out blocks both', async () => {
    const le = await buildLegalEntity(app.db);
    const noConsent = await buildCustomer(app.db, le.id);
    const optedOut = await buildCustomer(app.db, le.id);
    await setConsent(app.db, le.id, optedOut.id, 'email', false, 'unsubscribe');
    const marketing = await enqueueMessage(app.db, email(le, noConsent));
    const booking = await enqueueMessage(app.db, email(le, noConsent, { purpose: 'appointment-confirmation', transactional: true }));
    const blocked = await enqueueMessage(app.db, email(le, optedOut, { purpose: 'appointment-confirmation', transactional: true }));
    await deliverDueMessages(app.db, app.config, { legalEntityId: le.id, now: parisNoonTomorrow() });
    expect(await messageRow(app.db, marketing.id)).toMatchObject({ status: 'suppressed', suppressedReason: 'no-consent' });
    expect((await messageRow(app.db, booking.id)).status).toBe('sent');
    expect(await messageRow(app.db, blocked.id)).toMatchObject({ status: 'suppressed', suppressedReason: 'opted-out' });
    expect(received(noConsent.email!)).toHaveLength(1);
    expect(received(optedOut.email!)).toHaveLength(0);
  });

  it('holds marketing during quiet hours in the legal entity time zone until they end', async () => {
    const { le, customer } = await setup();
    const { id } = await enqueueMessage(app.db, email(le, customer));
    const late = parisNoonTomorrow();
    late.setUTCHours(21, 30); // 23:30 in Paris (summer) or 22:30 (winter): quiet either way
    expect(await deliverDueMessages(app.db, app.config, { legalEntityId: le.id, now: late })).toBe(0);
    const row = await messageRow(app.db, id);
    expect(row.status).toBe('queued');
    expect(row.attempts).toBe(0);
    const resume = new Date(row.nextAttemptAt);
    expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' }).format(resume)).toBe('08:00');
    expect(await deliverDueMessages(app.db, app.config, { legalEntityId: le.id, now: resume })).toBe(1);
    expect(received(customer.email!)).toHaveLength(1);
  });

  it('keeps to the weekly contact budget across channels, transactional messages excepted', async () => {
    const { le, customer } = await setup();
    await saveOutreachSettings(app.db, le.id, { ...DEFAULT_SETTINGS, frequencyCapPerWeek: 2 });
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await enqueueMessage(app.db, email(le, customer))).id);
    const booking = await enqueueMessage(app.db, email(le, customer, { transactional: true, purpose: 'appointment-confirmation' }));
    const now = parisNoonTomorrow();
    expect(await deliverDueMessages(app.db, app.config, { legalEntityId: le.id, now })).toBe(3);
    const statuses = await Promise.all(ids.map((id) => messageRow(app.db, id)));
    expect(statuses.filter((s) => s.status === 'sent')).toHaveLength(2);
    expect(statuses.filter((s) => s.status === 'suppressed' && s.suppressedReason === 'contact-budget')).toHaveLength(1);
    expect((await messageRow(app.db, booking.id)).status).toBe('sent');

    // Eight days later the budget is free again.
    const later = await enqueueMessage(app.db, email(le, customer, { sendAfter: new Date(now.getTime() + 8 * 86_400_000).toISOString() }));
    await deliverDueMessages(app.db, app.config, { legalEntityId: le.id, now: new Date(now.getTime() + 8 * 86_400_000) });
    expect((await messageRow(app.db, later.id)).status).toBe('sent');
  });

  it('sends each message once when several processes deliver at the same time', async () => {
    const le = await buildLegalEntity(app.db);
    const people = [];
    for (let i = 0; i < 12; i++) {
      const c = await buildCustomer(app.db, le.id);
      await setConsent(app.db, le.id, c.id, 'email', true);
      await enqueueMessage(app.db, email(le, c));
      people.push(c);
    }
    const now = parisNoonTomorrow();
    const runs = await Promise.all([1, 2, 3].map(() => deliverDueMessages(app.db, app.config, { legalEntityId: le.id, now, limit: 5 })));
    let sent = runs.reduce((a, b) => a + b, 0);
    while (sent < 12) {
      const more = await deliverDueMessages(app.db, app.config, { legalEntityId: le.id, now });
      if (!more) break;
      sent += more;
    }
    expect(sent).toBe(12);
    for (const c of people) expect(received(c.email!)).toHaveLength(1);
  });
});
