import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { testApp } from '../../../test/app.ts';
import { buildRetailer, buildAssociate, buildCustomer, buildProduct, buildOrder, addToClientBook, signInAs } from '../../../test/factories.ts';
import { startSmtpSink } from '../../../test/smtp-sink.ts';
import { query } from '../../db/client.ts';
import { secretKey } from '../../db/secret-key.ts';
import { deliverDueMessages } from '../outreach/outbox.ts';
import { makeBookable } from './test-helpers.ts';
import { manageToken } from './links.ts';
import { queueDueReminders } from './reminders.ts';
import { appointmentsErrors } from './errors.ts';

let app: Awaited<ReturnType<typeof testApp>>;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let ip = 0;
// Each request from its own client address, so the per-address rate limits do not get in the way of other tests.
const from = () => `10.9.${Math.floor(++ip / 250)}.${ip % 250}`;

beforeAll(async () => {
  sink = await startSmtpSink();
  app = await testApp({ smtpUrl: sink.url, publicBaseUrl: 'https://shop.example' });
});
afterAll(async () => { await app?.close(); await sink?.close(); });

async function slotsFor(storeId: string, typeId: string, date: string, associateId?: string) {
  const res = await app.inject({ method: 'GET', url: '/api/v1/public/appointments/slots', query: { storeId, appointmentTypeId: typeId, from: date, days: '1', ...(associateId ? { associateId } : {}) }, remoteAddress: from() });
  expect(res.statusCode).toBe(200);
  return res.json() as { timeZone: string; slots: { startsAt: string; endsAt: string; localTime: string; associateIds: string[] }[] };
}

function book(body: Record<string, unknown>, remoteAddress = from()) {
  return app.inject({ method: 'POST', url: '/api/v1/public/appointments/bookings', payload: body, remoteAddress });
}

// Only this file's legal entities: on a shared PostgreSQL, other test files' mail must go to their own SMTP sinks.
const ownLegalEntities = new Set<string>();
async function retailer() {
  const r = await buildRetailer(app, app.db);
  ownLegalEntities.add(r.le.id);
  return r;
}

async function deliverAll() {
  for (const legalEntityId of ownLegalEntities) {
    while ((await deliverDueMessages(app.db, app.config, { legalEntityId, limit: 200 })) > 0);
  }
}

/** Mail sent in the background right after booking arrives on its own; this waits for it (and delivers anything still due). */
async function waitForMails(match: (m: (typeof sink.messages)[number]) => boolean, count = 1, deliver = true) {
  for (let i = 0; i < 200; i++) {
    const found = sink.messages.filter(match);
    if (found.length >= count) return found;
    if (deliver) await deliverAll();
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`expected ${count} mail(s); got ${sink.messages.filter(match).length}`);
}

describe('public booking', () => {
  it('lists the store, its types and local-time slots, books one, and emails a confirmation with a calendar file', async () => {
    const r = await retailer();
    const { typeId, date } = await makeBookable(app, r.as.headOffice, r.store.id, [r.associate.id]);

    const stores = await app.inject({ method: 'GET', url: `/api/v1/public/appointments/stores?entity=${r.le.code}`, remoteAddress: from() });
    expect(stores.json().map((s: { id: string }) => s.id)).toEqual([r.store.id]);
    const types = await app.inject({ method: 'GET', url: `/api/v1/public/appointments/stores/${r.store.id}/types`, remoteAddress: from() });
    expect(types.json()).toEqual([expect.objectContaining({ id: typeId, name: 'Personal shopping', durationMinutes: 60 })]);

    const { slots, timeZone } = await slotsFor(r.store.id, typeId, date);
    expect(timeZone).toBe('Europe/Paris');
    expect(slots[0].localTime).toBe('10:00');
    expect(slots[slots.length - 1].localTime).toBe('18:00');
    const chosen = slots.find((s) => s.localTime === '11:00')!;

    const res = await book({ storeId: r.store.id, appointmentTypeId: typeId, startsAt: chosen.startsAt, name: 'Léa Dubois', email: 'Lea.Dubois@example.test', phone: '+33 6 11 22 33 44' });
    expect(res.statusCode).toBe(201);
    expect(res.json().confirmationSent).toBe(true);
    const booked = res.json();
    expect(booked.publicId).toMatch(/^apt_/);
    expect(booked.startsAt).toBe(chosen.startsAt.replace('.000Z', 'Z'));
    // Nothing about who the caller is, nor which associate was picked for them, comes back.
    expect(booked.associateName).toBeNull();
    expect(booked.customerName).toBeNull();

    // The associate's time is gone, including the 15-minute buffer: 10:00 (blocked 10:00-11:15) still fits before 11:00? No: it would run into 11:00.
    const after = (await slotsFor(r.store.id, typeId, date)).slots.map((s) => s.localTime);
    expect(after).not.toContain('11:00');
    expect(after).not.toContain('10:00');
    expect(after).not.toContain('11:30');
    expect(after).toContain('12:30');

    const [mail] = await waitForMails((m) => m.to.includes('lea.dubois@example.test'));
    expect(mail.subject).toContain('is booked');
    expect(mail.text).toContain('11:00');
    const manageLink = /https:\/\/shop\.example\/book\/manage\/(\S+)/.exec(mail.text)!;
    expect(manageLink).not.toBeNull();
    const ics = mail.attachments.find((a) => a.filename === 'appointment.ics')!;
    expect(ics.contentType).toContain('text/calendar');
    expect(ics.content).toContain('BEGIN:VEVENT');
    expect(ics.content).toContain(`UID:${booked.publicId}`);
    expect(ics.content).toContain(`DTSTART:${chosen.startsAt.replace(/[-:]/g, '').replace('.000', '')}`);

    // The booking created a lightweight customer at the store, linked to the appointment.
    const rows = await query<{ customerId: string; firstName: string; homeStoreId: string }>(app.db, sql`
      select a.customer_id as "customerId", c.first_name as "firstName", c.home_store_id as "homeStoreId"
      from appointments a join customers c on c.id = a.customer_id where a.public_id = ${booked.publicId}`);
    expect(rows[0]).toMatchObject({ firstName: 'Léa', homeStoreId: r.store.id });
  });

  it('gives one of 10 simultaneous bookings of the same associate and time, and 409 to the others', async () => {
    const r = await retailer();
    const { typeId, date } = await makeBookable(app, r.as.headOffice, r.store.id, [r.associate.id]);
    const slot = (await slotsFor(r.store.id, typeId, date)).slots[3];
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => book({
      storeId: r.store.id, appointmentTypeId: typeId, startsAt: slot.startsAt, associateId: r.associate.id, name: `Racer ${i}`, email: `racer${i}@example.test`,
    })));
    const codes = results.map((x) => x.statusCode).sort();
    expect(codes).toEqual([201, ...Array(9).fill(409)]);
    const loser = results.find((x) => x.statusCode === 409)!;
    expect(loser.headers['content-type']).toContain('application/problem+json');
    // A loser either lost the insert race or asked after the winner had already taken the time off the offer.
    for (const x of results.filter((y) => y.statusCode === 409)) expect([appointmentsErrors.slot_taken.code, appointmentsErrors.slot_not_offered.code]).toContain(x.json().code);
    const n = await query<{ n: number; customers: number }>(app.db, sql`select count(*)::int as n,
      (select count(*)::int from customers where legal_entity_id = ${r.le.id} and email like 'racer%') as customers
      from appointments where store_id = ${r.store.id} and status = 'booked'`);
    // The losers' lightweight customers were rolled back with their bookings.
    expect(n[0]).toEqual({ n: 1, customers: 1 });
  });

  it('links a known email to its customer, assigns their own associate when free, and answers exactly as for a stranger', async () => {
    const r = await retailer();
    const other = await buildAssociate(app.db, r.le, { storeIds: [r.store.id], displayName: 'Zoé Zimmer' });
    const { typeId, date } = await makeBookable(app, r.as.headOffice, r.store.id, [r.associate.id, other.id]);
    const customer = await buildCustomer(app.db, r.le.id, { email: 'known@example.test' });
    await addToClientBook(app.db, r.le.id, other.id, customer.id);
    const slots = (await slotsFor(r.store.id, typeId, date)).slots;
    expect(slots[0].associateIds.sort()).toEqual([r.associate.id, other.id].sort());

    const known = await book({ storeId: r.store.id, appointmentTypeId: typeId, startsAt: slots[0].startsAt, name: 'Known Person', email: 'KNOWN@example.test' });
    const stranger = await book({ storeId: r.store.id, appointmentTypeId: typeId, startsAt: slots[1].startsAt, name: 'New Person', email: 'new@example.test' });
    expect(known.statusCode).toBe(201);
    expect(stranger.statusCode).toBe(201);
    const strip = (b: Record<string, unknown>) => Object.keys(b).sort().map((k) => [k, ['publicId', 'startsAt', 'endsAt'].includes(k) ? typeof b[k] : b[k]]);
    expect(strip(known.json())).toEqual(strip(stranger.json()));

    const rows = await query<{ customerId: string; associateId: string }>(app.db, sql`
      select customer_id as "customerId", associate_id as "associateId" from appointments where public_id = ${known.json().publicId}`);
    expect(rows[0]).toEqual({ customerId: customer.id, associateId: other.id });

    // A personal booking link (made by an associate) names their associate first on the public page.
    const link = await app.inject({ method: 'GET', url: `/api/v1/appointments/booking-link?customerId=${customer.id}`, headers: { cookie: r.as.associate } });
    const token = new URL(link.json().url).searchParams.get('for')!;
    const withLink = await app.inject({ method: 'GET', url: `/api/v1/public/appointments/stores/${r.store.id}/associates`, query: { for: token }, remoteAddress: from() });
    expect(withLink.json()[0]).toEqual({ id: other.id, name: 'Zoé Z.', yours: true });
    const without = await app.inject({ method: 'GET', url: `/api/v1/public/appointments/stores/${r.store.id}/associates`, remoteAddress: from() });
    expect(without.json().every((a: { yours: boolean }) => !a.yours)).toBe(true);
    const forged = await app.inject({ method: 'GET', url: `/api/v1/public/appointments/stores/${r.store.id}/associates`, query: { for: token.slice(0, -2) + 'xx' }, remoteAddress: from() });
    expect(forged.json().every((a: { yours: boolean }) => !a.yours)).toBe(true);
  });

  it('rejects a time that is not offered, bad input with the field, and limits each client address', async () => {
    const r = await retailer();
    const { typeId, date } = await makeBookable(app, r.as.headOffice, r.store.id, [r.associate.id]);
    const slot = (await slotsFor(r.store.id, typeId, date)).slots[0];
    const offGrid = new Date(Date.parse(slot.startsAt) + 7 * 60_000).toISOString();
    const res = await book({ storeId: r.store.id, appointmentTypeId: typeId, startsAt: offGrid, name: 'Ann Example', email: 'ann@example.test' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: appointmentsErrors.slot_not_offered.code, field: 'startsAt' });
    const bad = await book({ storeId: r.store.id, appointmentTypeId: typeId, startsAt: slot.startsAt, name: 'Ann Example', email: 'not-an-email' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'validation', field: 'email' });

    // Counts live in the database, shared by server processes (and by earlier runs within the minute): a fresh address.
    const address = `10.200.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    const answers = [];
    for (let i = 0; i < 21; i++) answers.push(await book({ storeId: r.store.id, appointmentTypeId: typeId, startsAt: offGrid, name: 'Ann Example', email: 'ann@example.test' }, address).then((x) => [x.statusCode, x.json().code]));
    expect(answers.slice(0, 20)).toEqual(Array(20).fill([409, appointmentsErrors.slot_not_offered.code]));
    expect(answers[20]).toEqual([429, 'rate_limited']);
  });
});

describe('signed links: reschedule and cancel', () => {
  it('moves and cancels through the link in the email, and refuses a tampered link', async () => {
    const r = await retailer();
    const { typeId, date } = await makeBookable(app, r.as.headOffice, r.store.id, [r.associate.id]);
    const slots = (await slotsFor(r.store.id, typeId, date)).slots;
    const booked = (await book({ storeId: r.store.id, appointmentTypeId: typeId, startsAt: slots[0].startsAt, name: 'Marc Petit', email: 'marc@example.test' })).json();
    const token = manageToken(await secretKey(app.db, app.config.secretKey), booked.publicId);

    const view = await app.inject({ method: 'GET', url: `/api/v1/public/appointments/manage/${token}`, remoteAddress: from() });
    expect(view.statusCode).toBe(200);
    expect(view.json()).toMatchObject({ status: 'booked', customerName: 'Marc Petit', associateId: r.associate.id });

    const tampered = await app.inject({ method: 'GET', url: `/api/v1/public/appointments/manage/${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`, remoteAddress: from() });
    expect(tampered.statusCode).toBe(404);
    expect(tampered.json().code).toBe(appointmentsErrors.booking_link_invalid.code);
    const guessed = await app.inject({ method: 'POST', url: `/api/v1/public/appointments/manage/${booked.publicId}.abc/cancel`, payload: {}, remoteAddress: from() });
    expect(guessed.statusCode).toBe(404);
    expect(guessed.json().code).toBe(appointmentsErrors.booking_link_invalid.code);

    const target = slots.find((s) => s.localTime === '15:00')!;
    const moved = await app.inject({ method: 'POST', url: `/api/v1/public/appointments/manage/${token}/reschedule`, payload: { startsAt: target.startsAt }, remoteAddress: from() });
    expect(moved.statusCode).toBe(200);
    expect(Date.parse(moved.json().startsAt)).toBe(Date.parse(target.startsAt));
    const free = (await slotsFor(r.store.id, typeId, date)).slots.map((s) => s.localTime);
    expect(free).toContain('10:00');
    expect(free).not.toContain('15:00');

    const cancelled = await app.inject({ method: 'POST', url: `/api/v1/public/appointments/manage/${token}/cancel`, payload: {}, remoteAddress: from() });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json().status).toBe('cancelled');
    expect((await slotsFor(r.store.id, typeId, date)).slots.map((s) => s.localTime)).toContain('15:00');
    const again = await app.inject({ method: 'POST', url: `/api/v1/public/appointments/manage/${token}/reschedule`, payload: { startsAt: target.startsAt }, remoteAddress: from() });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe(appointmentsErrors.appointment_not_booked.code);

    const subjects = (await waitForMails((m) => m.to.includes('marc@example.test'), 3)).map((m) => m.subject);
    expect(subjects).toEqual(expect.arrayContaining([expect.stringContaining('is booked'), expect.stringContaining('has moved'), expect.stringContaining('is cancelled')]));
    const cancelMail = sink.messages.find((m) => m.to.includes('marc@example.test') && m.subject.includes('cancelled'))!;
    expect(cancelMail.attachments[0].content).toContain('METHOD:CANCEL');
  });

  it('queues one reminder for appointments starting within 24 hours that were booked earlier', async () => {
    const r = await retailer();
    const { typeId, date } = await makeBookable(app, r.as.headOffice, r.store.id, [r.associate.id]);
    const slot = (await slotsFor(r.store.id, typeId, date)).slots[0];
    const booked = (await book({ storeId: r.store.id, appointmentTypeId: typeId, startsAt: slot.startsAt, name: 'Rita Rappel', email: 'rita@example.test' })).json();
    // Two days ahead: nothing yet. A day before the start: one reminder, once.
    expect(await queueDueReminders(app.db, app.config, new Date())).toBe(0);
    const dayBefore = new Date(Date.parse(slot.startsAt) - 23 * 3600_000);
    expect(await queueDueReminders(app.db, app.config, dayBefore)).toBeGreaterThanOrEqual(1);
    expect(await queueDueReminders(app.db, app.config, dayBefore)).toBe(0);
    const queued = await query<{ n: number }>(app.db, sql`select count(*)::int as n from outreach_messages where idempotency_key like ${'appointment:' + booked.publicId + ':reminder:%'}`);
    expect(queued[0].n).toBe(1);
  });
});

describe('set-up and the associate\'s day', () => {
  it('lets a store manager set up but not a sales associate, and validates times with the field', async () => {
    const r = await retailer();
    const denied = await app.inject({ method: 'POST', url: `/api/v1/appointments/setup/${r.store.id}/types`, headers: { cookie: r.as.associate }, payload: { name: 'Fitting', durationMinutes: 30 } });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().code).toBe('forbidden');
    const ok = await app.inject({ method: 'POST', url: `/api/v1/appointments/setup/${r.store.id}/types`, headers: { cookie: r.as.manager }, payload: { name: 'Fitting', durationMinutes: 30 } });
    expect(ok.statusCode).toBe(201);
    const dup = await app.inject({ method: 'POST', url: `/api/v1/appointments/setup/${r.store.id}/types`, headers: { cookie: r.as.manager }, payload: { name: 'fitting', durationMinutes: 45 } });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: appointmentsErrors.appointment_type_name_taken.code, field: 'name' });
    const backwards = await app.inject({ method: 'PUT', url: `/api/v1/appointments/setup/${r.store.id}/opening-hours`, headers: { cookie: r.as.manager }, payload: { days: [{ weekday: 1, opens: '19:00', closes: '10:00' }] } });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json()).toMatchObject({ code: appointmentsErrors.hours_end_before_start.code, field: 'days.0' });
    const badTime = await app.inject({ method: 'PUT', url: `/api/v1/appointments/setup/${r.store.id}/opening-hours`, headers: { cookie: r.as.manager }, payload: { days: [{ weekday: 1, opens: '9h', closes: '10:00' }] } });
    expect(badTime.statusCode).toBe(400);
    expect(badTime.json().code).toBe('validation'); // the schema's HH:MM pattern
    const overlap = await app.inject({ method: 'PUT', url: `/api/v1/appointments/setup/${r.store.id}/schedules/${r.associate.id}`, headers: { cookie: r.as.manager }, payload: { shifts: [{ weekday: 1, start: '10:00', end: '14:00' }, { weekday: 1, start: '13:00', end: '19:00' }] } });
    expect(overlap.statusCode).toBe(400);
    expect(overlap.json()).toMatchObject({ code: appointmentsErrors.shifts_overlap.code, field: 'shifts.1' });
    const setup = await app.inject({ method: 'GET', url: `/api/v1/appointments/setup/${r.store.id}`, headers: { cookie: r.as.manager } });
    expect(setup.json().types.map((t: { name: string }) => t.name)).toEqual(['Fitting']);
  });

  it('takes time off out of the offered slots', async () => {
    const r = await retailer();
    const { typeId, date } = await makeBookable(app, r.as.headOffice, r.store.id, [r.associate.id]);
    const slots = (await slotsFor(r.store.id, typeId, date)).slots;
    const off = await app.inject({ method: 'POST', url: '/api/v1/appointments/time-off', headers: { cookie: r.as.manager }, payload: { associateId: r.associate.id, startsAt: slots[0].startsAt, endsAt: slots[slots.length - 1].endsAt, reason: 'Training' } });
    expect(off.statusCode).toBe(201);
    expect((await slotsFor(r.store.id, typeId, date)).slots).toEqual([]);
    await app.inject({ method: 'DELETE', url: `/api/v1/appointments/time-off/${off.json().id}`, headers: { cookie: r.as.manager } });
    expect((await slotsFor(r.store.id, typeId, date)).slots.length).toBe(slots.length);
  });

  it('shows the associate their day with a preparation sheet, scoped to their legal entity', async () => {
    const r = await retailer();
    const { typeId, date } = await makeBookable(app, r.as.headOffice, r.store.id, [r.associate.id]);
    const customer = await buildCustomer(app.db, r.le.id, { email: 'prep@example.test', firstName: 'Prudence', lastName: 'Prep', isVip: true });
    const product = await buildProduct(app.db, r.le.id, { name: 'Cashmere coat' });
    await buildOrder(app.db, r.le.id, { customerId: customer.id, lines: [{ productId: product.id, unitPriceMinor: 120_000 }], storeId: r.store.id });
    await app.db.execute(sql`insert into customer_notes (legal_entity_id, customer_id, author_id, visibility, body)
      values (${r.le.id}, ${customer.id}, ${r.manager.id}, 'everyone', 'Prefers quiet mornings; size 38')`);
    await app.db.execute(sql`insert into customer_notes (legal_entity_id, customer_id, author_id, visibility, body)
      values (${r.le.id}, ${customer.id}, ${r.manager.id}, 'private', 'Manager private note')`);
    const slot = (await slotsFor(r.store.id, typeId, date)).slots[2];
    expect((await book({ storeId: r.store.id, appointmentTypeId: typeId, startsAt: slot.startsAt, name: 'Prudence Prep', email: 'prep@example.test', message: 'A coat for winter' })).statusCode).toBe(201);

    const day = await app.inject({ method: 'GET', url: `/api/v1/appointments/today?date=${date}`, headers: { cookie: r.as.associate } });
    expect(day.statusCode).toBe(200);
    const [item] = day.json().items;
    expect(item).toMatchObject({ customerId: customer.id, typeName: 'Personal shopping', customerMessage: 'A coat for winter' });
    expect(item.preparation.customer).toMatchObject({ name: 'Prudence Prep', isVip: true });
    expect(item.preparation.recentPurchases[0].items[0].name).toBe('Cashmere coat');
    expect(item.preparation.spending.totalMinor).toBe(120_000);
    expect(item.preparation.notes.map((n: { body: string }) => n.body)).toEqual(['Prefers quiet mornings; size 38']);

    // Another associate's "mine" is empty; the store view shows it; another legal entity sees nothing.
    const mine = await app.inject({ method: 'GET', url: `/api/v1/appointments/today?date=${date}`, headers: { cookie: r.as.manager } });
    expect(mine.json().items).toEqual([]);
    const store = await app.inject({ method: 'GET', url: `/api/v1/appointments/today?date=${date}&scope=store`, headers: { cookie: r.as.manager } });
    expect(store.json().items).toHaveLength(1);
    const outsider = await retailer();
    const foreign = await app.inject({ method: 'GET', url: `/api/v1/appointments/today?date=${date}&scope=store&storeId=${r.store.id}`, headers: { cookie: outsider.as.headOffice } });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json()).toMatchObject({ code: appointmentsErrors.store_not_found.code, field: 'storeId' });
    const audit = await query<{ n: number }>(app.db, sql`select count(*)::int as n from audit_log where entity_id = ${customer.id} and action = 'read'`);
    expect(audit[0].n).toBeGreaterThan(0);

    // Marking the outcome needs the appointment to have started.
    const early = await app.inject({ method: 'POST', url: `/api/v1/appointments/${item.id}/status`, headers: { cookie: r.as.associate }, payload: { status: 'completed' } });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe(appointmentsErrors.appointment_not_started.code);
    // Only its associate (or a manager) marks it; a colleague is told so, an unknown id is not found.
    const colleague = await buildAssociate(app.db, r.le, { storeIds: [r.store.id] });
    const colleagueCookie = (await signInAs(app, colleague.email)).cookie;
    const byColleague = await app.inject({ method: 'POST', url: `/api/v1/appointments/${item.id}/status`, headers: { cookie: colleagueCookie }, payload: { status: 'cancelled' } });
    expect([byColleague.statusCode, byColleague.json().code]).toEqual([403, appointmentsErrors.not_your_appointment.code]);
    const unknown = await app.inject({ method: 'POST', url: `/api/v1/appointments/${randomUUID()}/status`, headers: { cookie: r.as.associate }, payload: { status: 'cancelled' } });
    expect([unknown.statusCode, unknown.json().code]).toEqual([404, appointmentsErrors.appointment_not_found.code]);
    // An associate sees the day of their own store, not another's.
    const elsewhere = await app.inject({ method: 'GET', url: `/api/v1/appointments/today?date=${date}&scope=store&storeId=${randomUUID()}`, headers: { cookie: r.as.associate } });
    expect([elsewhere.statusCode, elsewhere.json().code]).toEqual([403, appointmentsErrors.other_store.code]);
  });
});
