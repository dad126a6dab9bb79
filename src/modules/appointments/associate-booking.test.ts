import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { testApp } from '../../../test/app.ts';
import { buildRetailer, buildAssociate, buildCustomer } from '../../../test/factories.ts';
import { startSmtpSink } from '../../../test/smtp-sink.ts';
import { query } from '../../db/client.ts';
import { secretKey } from '../../db/secret-key.ts';
import { makeBookable } from './test-helpers.ts';
import { customerBookingToken, manageToken } from './links.ts';
import { localToUtc, parseLocalDate } from './slots.ts';
import { appointmentsErrors } from './errors.ts';
import { i18next } from '../../../web/src/i18n/i18n.ts';

let app: Awaited<ReturnType<typeof testApp>>;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let ip = 0;
const from = () => `10.8.${Math.floor(++ip / 250)}.${ip % 250}`;

beforeAll(async () => {
  sink = await startSmtpSink();
  app = await testApp({ smtpUrl: sink.url, publicBaseUrl: 'https://shop.example' });
});
afterAll(async () => { await app?.close(); await sink?.close(); });

type Slot = { startsAt: string; endsAt: string; localTime: string; associateIds: string[] };

async function staffSlots(cookie: string, storeId: string, typeId: string, date: string, associateId?: string) {
  const res = await app.inject({ method: 'GET', url: '/api/v1/appointments/slots', headers: { cookie }, query: { storeId, appointmentTypeId: typeId, from: date, days: '1', ...(associateId ? { associateId } : {}) } });
  expect(res.statusCode).toBe(200);
  return (res.json() as { slots: Slot[] }).slots;
}

async function publicSlots(storeId: string, typeId: string, date: string) {
  const res = await app.inject({ method: 'GET', url: '/api/v1/public/appointments/slots', query: { storeId, appointmentTypeId: typeId, from: date, days: '1' }, remoteAddress: from() });
  return (res.json() as { slots: Slot[] }).slots;
}

/** Waits for mail the server sends by itself: nothing here runs the outbox. */
async function mailsTo(address: string, count = 1) {
  for (let i = 0; i < 200; i++) {
    const found = sink.messages.filter((m) => m.to.includes(address));
    if (found.length >= count) return found;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no mail to ${address} arrived without the outbox job`);
}

const at = (slots: Slot[], time: string) => slots.find((s) => s.localTime === time)!;

describe('an associate books for a customer', () => {
  it('books with themselves by default, emails the confirmation at once in the customer\'s language, and lists it on the customer', async () => {
    const r = await buildRetailer(app, app.db);
    const { typeId, date } = await makeBookable(app, r.as.headOffice, r.store.id, [r.associate.id, r.manager.id]);
    const customer = await buildCustomer(app.db, r.le.id, { firstName: 'Amélie', lastName: 'Martin', email: 'amelie@example.test', language: 'fr' });

    const options = await app.inject({ method: 'GET', url: `/api/v1/appointments/booking-options?storeId=${r.store.id}`, headers: { cookie: r.as.associate } });
    expect(options.statusCode).toBe(200);
    expect(options.json()).toMatchObject({ timeZone: 'Europe/Paris', types: [{ id: typeId, name: 'Personal shopping' }] });
    expect(options.json().associates.map((a: { id: string }) => a.id).sort()).toEqual([r.associate.id, r.manager.id].sort());

    const slot = at(await staffSlots(r.as.associate, r.store.id, typeId, date), '11:00');
    const res = await app.inject({ method: 'POST', url: '/api/v1/appointments', headers: { cookie: r.as.associate },
      payload: { customerId: customer.id, storeId: r.store.id, appointmentTypeId: typeId, startsAt: slot.startsAt, message: 'Wedding guest outfit' } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ associateId: r.associate.id, bookedVia: 'associate', confirmationQueued: true, customerMessage: 'Wedding guest outfit' });
    const [row] = await query<{ customerId: string; customerName: string; customerEmail: string; bookedVia: string }>(app.db, sql`
      select customer_id as "customerId", customer_name as "customerName", customer_email as "customerEmail", booked_via as "bookedVia" from appointments where id = ${res.json().id}`);
    expect(row).toEqual({ customerId: customer.id, customerName: 'Amélie Martin', customerEmail: 'amelie@example.test', bookedVia: 'associate' });

    // The associate's time is taken; the other associate is still free then.
    const after = await staffSlots(r.as.associate, r.store.id, typeId, date);
    expect(at(after, '11:00').associateIds).toEqual([r.manager.id]);

    // Sent by the request itself (in the background), in French, with the local time of the store.
    const [mail] = await mailsTo('amelie@example.test');
    expect(mail.subject).toBe('Votre rendez-vous (personal shopping) chez ' + r.store.name + ' est confirmé');
    expect(mail.text).toContain('Bonjour Amélie Martin,');
    expect(mail.text).toContain('à 11:00');
    expect(mail.text).toMatch(/Pour modifier ou annuler votre rendez-vous\s: https:\/\/shop\.example\/book\/manage\//);
    expect(mail.attachments[0].content).toContain('BEGIN:VEVENT');

    // Past appointments of the customer are listed after the upcoming ones.
    await app.db.execute(sql`insert into appointments (public_id, legal_entity_id, store_id, appointment_type_id, associate_id, customer_id, status,
      starts_at, ends_at, blocked_until, customer_name, customer_email, booked_via)
      values ('apt_pastpastpast1', ${r.le.id}, ${r.store.id}, ${typeId}, ${r.manager.id}, ${customer.id}, 'completed',
      now() - interval '30 days', now() - interval '30 days' + interval '1 hour', now() - interval '30 days' + interval '1 hour', 'Amélie Martin', 'amelie@example.test', 'public')`);
    const list = await app.inject({ method: 'GET', url: `/api/v1/appointments?customerId=${customer.id}`, headers: { cookie: r.as.associate } });
    expect(list.statusCode).toBe(200);
    expect(list.json().upcoming.map((a: { id: string }) => a.id)).toEqual([res.json().id]);
    expect(list.json().past).toEqual([expect.objectContaining({ publicId: 'apt_pastpastpast1', status: 'completed', associateId: r.manager.id })]);

    // On the timeline, each names its title by key for the web to translate; the English catalogue gives the server's title.
    const timeline = (await app.inject({ method: 'GET', url: `/api/v1/customers/${customer.id}/timeline`, headers: { cookie: r.as.associate } })).json();
    const appts = (timeline.items as { kind: string; title: string; titleKey: string; titleParams: Record<string, string> }[]).filter((e) => e.kind === 'appointment');
    expect(appts.map((e) => e.title)).toEqual([`Personal shopping at ${r.store.name} (booked)`, `Personal shopping at ${r.store.name} (attended)`]);
    const inLanguage = (lng: string) => appts.map((e) => (i18next.getFixedT(lng) as unknown as (key: string, params: object) => string)(`timeline.${e.titleKey}`, e.titleParams));
    expect(inLanguage('en')).toEqual(appts.map((e) => e.title));
    expect(inLanguage('fr')).toEqual([`Personal shopping à ${r.store.name} (réservé)`, `Personal shopping à ${r.store.name} (honoré)`]);
  });

  it('books another associate or whoever is free, and refuses a taken or unoffered time, another legal entity\'s customer or store', async () => {
    const r = await buildRetailer(app, app.db);
    const colleague = await buildAssociate(app.db, r.le, { storeIds: [r.store.id], displayName: 'Chloé Colleague' });
    const { typeId, date } = await makeBookable(app, r.as.headOffice, r.store.id, [r.associate.id, colleague.id]);
    const customer = await buildCustomer(app.db, r.le.id, { email: 'eng@example.test', language: 'en' });
    const slots = await staffSlots(r.as.associate, r.store.id, typeId, date);
    const post = (payload: Record<string, unknown>, cookie = r.as.associate) => app.inject({ method: 'POST', url: '/api/v1/appointments', headers: { cookie }, payload });
    const base = { customerId: customer.id, storeId: r.store.id, appointmentTypeId: typeId };

    const withColleague = await post({ ...base, startsAt: at(slots, '10:00').startsAt, associateId: colleague.id });
    expect(withColleague.statusCode).toBe(201);
    expect(withColleague.json().associateName).toBe('Chloé Colleague');
    // The colleague is taken at 10:00 now; asking for them again is refused, "anyone" gets the caller.
    const again = await post({ ...base, startsAt: at(slots, '10:00').startsAt, associateId: colleague.id });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: appointmentsErrors.slot_not_offered.code, field: 'startsAt' });
    const anyone = await post({ ...base, startsAt: at(slots, '10:00').startsAt, associateId: null });
    expect(anyone.statusCode).toBe(201);
    expect(anyone.json().associateId).toBe(r.associate.id);
    const nobody = await post({ ...base, startsAt: at(slots, '10:00').startsAt, associateId: null });
    expect(nobody.statusCode).toBe(409);
    expect(nobody.json().code).toBe(appointmentsErrors.slot_not_offered.code);

    const offGrid = await post({ ...base, startsAt: new Date(Date.parse(at(slots, '14:00').startsAt) + 10 * 60_000).toISOString() });
    expect(offGrid.statusCode).toBe(409);
    expect(offGrid.json().code).toBe(appointmentsErrors.slot_not_offered.code);
    const badType = await post({ ...base, appointmentTypeId: r.store.id, startsAt: at(slots, '14:00').startsAt });
    expect(badType.statusCode).toBe(404);
    expect(badType.json()).toMatchObject({ code: appointmentsErrors.appointment_type_not_found.code, field: 'appointmentTypeId' });
    const badBody = await post({ ...base, startsAt: 'tomorrow' });
    expect(badBody.statusCode).toBe(400);
    expect(badBody.json()).toMatchObject({ code: 'validation', field: 'startsAt' });

    const other = await buildRetailer(app, app.db);
    const foreignCustomer = await buildCustomer(app.db, other.le.id);
    const a = await post({ ...base, customerId: foreignCustomer.id, startsAt: at(slots, '14:00').startsAt });
    expect(a.statusCode).toBe(404);
    expect(a.json()).toMatchObject({ code: appointmentsErrors.customer_not_found.code, field: 'customerId' });
    const b = await post({ ...base, startsAt: at(slots, '14:00').startsAt }, other.as.headOffice);
    expect(b.statusCode).toBe(404);
    expect(b.json()).toMatchObject({ code: appointmentsErrors.customer_not_found.code, field: 'customerId' }); // checked first: nothing of r's exists for them
    const list = await app.inject({ method: 'GET', url: `/api/v1/appointments?customerId=${customer.id}`, headers: { cookie: other.as.headOffice } });
    expect(list.statusCode).toBe(404);
    expect(list.json().code).toBe(appointmentsErrors.customer_not_found.code);

    // English customers read English.
    const mails = await mailsTo('eng@example.test', 2);
    expect(mails.map((m) => m.subject)).toEqual(expect.arrayContaining([`Your personal shopping at ${r.store.name} is booked`]));
    expect(mails[0].text).toContain('Dear ');
  });

  it('books a customer without an email address but sends nothing', async () => {
    const r = await buildRetailer(app, app.db);
    const { typeId, date } = await makeBookable(app, r.as.headOffice, r.store.id, [r.associate.id]);
    const customer = await buildCustomer(app.db, r.le.id, { email: null, phone: '+33 6 00 00 00 01' });
    const slot = at(await staffSlots(r.as.associate, r.store.id, typeId, date), '12:00');
    const res = await app.inject({ method: 'POST', url: '/api/v1/appointments', headers: { cookie: r.as.associate },
      payload: { customerId: customer.id, storeId: r.store.id, appointmentTypeId: typeId, startsAt: slot.startsAt } });
    expect(res.statusCode).toBe(201);
    expect(res.json().confirmationQueued).toBe(false);
    const queued = await query<{ n: number }>(app.db, sql`select count(*)::int as n from outreach_messages where customer_id = ${customer.id}`);
    expect(queued[0].n).toBe(0);
  });
});

describe('time off in the store\'s time zone', () => {
  it('reads local times on the store\'s clock and names the field of a time that does not exist', async () => {
    const r = await buildRetailer(app, app.db);
    const { typeId, date } = await makeBookable(app, r.as.headOffice, r.store.id, [r.associate.id]);
    const res = await app.inject({ method: 'POST', url: '/api/v1/appointments/time-off', headers: { cookie: r.as.manager },
      payload: { associateId: r.associate.id, storeId: r.store.id, localStart: `${date}T12:00`, localEnd: `${date}T14:00`, reason: 'Dentist' } });
    expect(res.statusCode).toBe(201);
    const [row] = await query<{ startsAt: string }>(app.db, sql`select to_char(starts_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "startsAt" from associate_time_off where id = ${res.json().id}`);
    expect(Date.parse(row.startsAt)).toBe(localToUtc(parseLocalDate(date), 12 * 60, 'Europe/Paris'));
    const times = (await publicSlots(r.store.id, typeId, date)).map((s) => s.localTime);
    // 11:00 would run (with its buffer) into 12:00; 14:00 is free again.
    expect(times).not.toContain('11:00');
    expect(times).not.toContain('12:00');
    expect(times).not.toContain('13:30');
    expect(times).toContain('10:30');
    expect(times).toContain('14:00');

    const gap = await app.inject({ method: 'POST', url: '/api/v1/appointments/time-off', headers: { cookie: r.as.manager },
      payload: { associateId: r.associate.id, storeId: r.store.id, localStart: '2031-03-30T02:30', localEnd: '2031-03-30T05:00' } });
    expect(gap.statusCode).toBe(400);
    expect(gap.json()).toMatchObject({ code: appointmentsErrors.local_time_skipped.code, field: 'localStart' });
    const noStore = await app.inject({ method: 'POST', url: '/api/v1/appointments/time-off', headers: { cookie: r.as.manager },
      payload: { associateId: r.associate.id, localStart: `${date}T12:00`, localEnd: `${date}T14:00` } });
    expect(noStore.statusCode).toBe(400);
    expect(noStore.json()).toMatchObject({ code: appointmentsErrors.store_required.code, field: 'storeId' });
    const backwards = await app.inject({ method: 'POST', url: '/api/v1/appointments/time-off', headers: { cookie: r.as.manager },
      payload: { associateId: r.associate.id, storeId: r.store.id, localStart: `${date}T14:00`, localEnd: `${date}T12:00` } });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json()).toMatchObject({ code: appointmentsErrors.time_off_ends_before_start.code, field: 'localEnd' });
    const setup = await app.inject({ method: 'GET', url: `/api/v1/appointments/setup/${r.store.id}`, headers: { cookie: r.as.manager } });
    expect(setup.json().timeZone).toBe('Europe/Paris');
  });
});

describe('the public page keeps retailers apart', () => {
  it('names each store\'s retailer, and a personal link shows only its own retailer\'s stores', async () => {
    const a = await buildRetailer(app, app.db);
    const b = await buildRetailer(app, app.db);
    await makeBookable(app, a.as.headOffice, a.store.id, [a.associate.id]);
    await makeBookable(app, b.as.headOffice, b.store.id, [b.associate.id]);
    const all = (await app.inject({ method: 'GET', url: '/api/v1/public/appointments/stores', remoteAddress: from() })).json() as { id: string; entity: string; brand: string }[];
    expect(all.find((s) => s.id === a.store.id)).toMatchObject({ entity: a.le.code, brand: a.le.name });
    expect(all.find((s) => s.id === b.store.id)).toMatchObject({ entity: b.le.code, brand: b.le.name });

    const customer = await buildCustomer(app.db, a.le.id);
    const token = customerBookingToken(await secretKey(app.db, app.config.secretKey), a.le.id, customer.id);
    const mine = (await app.inject({ method: 'GET', url: '/api/v1/public/appointments/stores', query: { for: token }, remoteAddress: from() })).json() as { id: string; entity: string }[];
    expect(mine.map((s) => s.id)).toEqual([a.store.id]);
  });
});

describe('moving an appointment', () => {
  it('does not let its own time block the neighbouring times, and moves it to another associate of the store', async () => {
    const r = await buildRetailer(app, app.db);
    const colleague = await buildAssociate(app.db, r.le, { storeIds: [r.store.id], displayName: 'Noé Neighbour' });
    const { typeId, date } = await makeBookable(app, r.as.headOffice, r.store.id, [r.associate.id, colleague.id]);
    const slot = at(await publicSlots(r.store.id, typeId, date), '11:00');
    const booked = await app.inject({ method: 'POST', url: '/api/v1/public/appointments/bookings', remoteAddress: from(),
      headers: { 'accept-language': 'fr-FR,fr;q=0.9,en;q=0.8' },
      payload: { storeId: r.store.id, appointmentTypeId: typeId, startsAt: slot.startsAt, associateId: r.associate.id, name: 'Mona Move', email: 'mona@example.test' } });
    expect(booked.statusCode).toBe(201);
    // A first-time customer booking from a French browser is written to in French.
    const [first] = await mailsTo('mona@example.test');
    expect(first.subject).toContain('est confirmé');
    const token = manageToken(await secretKey(app.db, app.config.secretKey), booked.json().publicId);
    const manageSlots = async (associateId?: string) => {
      const res = await app.inject({ method: 'GET', url: `/api/v1/public/appointments/manage/${token}/slots`, query: { from: date, days: '1', ...(associateId ? { associateId } : {}) }, remoteAddress: from() });
      expect(res.statusCode).toBe(200);
      return (res.json() as { slots: Slot[] }).slots.map((s) => s.localTime);
    };
    // For anyone else, 10:00-12:00 of this associate is taken; for this appointment, 10:30 and 11:30 are fine.
    const forOthers = (await app.inject({ method: 'GET', url: '/api/v1/public/appointments/slots', query: { storeId: r.store.id, appointmentTypeId: typeId, from: date, days: '1', associateId: r.associate.id }, remoteAddress: from() })).json().slots.map((s: Slot) => s.localTime);
    expect(forOthers).not.toContain('10:30');
    const own = await manageSlots(r.associate.id);
    expect(own).toEqual(expect.arrayContaining(['10:00', '10:30', '11:00', '11:30']));
    const forged = await app.inject({ method: 'GET', url: `/api/v1/public/appointments/manage/${booked.json().publicId}.nope/slots`, remoteAddress: from() });
    expect(forged.statusCode).toBe(404);
    expect(forged.json().code).toBe(appointmentsErrors.booking_link_invalid.code);

    const half = at((await app.inject({ method: 'GET', url: `/api/v1/public/appointments/manage/${token}/slots`, query: { from: date, days: '1', associateId: r.associate.id }, remoteAddress: from() })).json().slots, '11:30');
    const moved = await app.inject({ method: 'POST', url: `/api/v1/public/appointments/manage/${token}/reschedule`, payload: { startsAt: half.startsAt }, remoteAddress: from() });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ associateId: r.associate.id });
    expect(Date.parse(moved.json().startsAt)).toBe(Date.parse(half.startsAt));

    // Another associate of the same store.
    const toColleague = await app.inject({ method: 'POST', url: `/api/v1/public/appointments/manage/${token}/reschedule`, payload: { startsAt: half.startsAt, associateId: colleague.id }, remoteAddress: from() });
    expect(toColleague.statusCode).toBe(200);
    expect(toColleague.json()).toMatchObject({ associateId: colleague.id, associateName: 'Noé N.' });
    expect(await manageSlots(r.associate.id)).toContain('11:00');
    const moves = (await mailsTo('mona@example.test', 3)).map((m) => m.subject);
    expect(moves.filter((x) => x.includes('a été déplacé'))).toHaveLength(2);
  });
});
