import { sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';
import { appointmentsErrors } from './errors.ts';
import { audit } from '../audit/service.ts';
import type { AuthContext } from '../auth/context.ts';
import { hhmmToMinutes, localToUtc, minutesToHhmm, parseLocalDate } from './slots.ts';

// Store set-up for appointments: types, opening hours, associates' weekly shifts and time off.

async function assertStore(db: Db, auth: AuthContext, storeId: string) {
  const rows = await query(db, sql`select 1 from stores where id = ${storeId} and legal_entity_id = ${auth.legalEntityId}`);
  if (!rows.length) throw appointmentsErrors.store_not_found('Store was not found.', { field: 'storeId' });
}

async function assertAssociate(db: Db, auth: AuthContext, associateId: string) {
  const rows = await query(db, sql`select 1 from associates where id = ${associateId} and legal_entity_id = ${auth.legalEntityId}`);
  if (!rows.length) throw appointmentsErrors.associate_not_found('Associate was not found.', { field: 'associateId' });
}

function range(open: string, close: string, field: string): { start: number; end: number } {
  const start = hhmmToMinutes(open);
  const end = hhmmToMinutes(close);
  if (start === null) throw appointmentsErrors.time_of_day_invalid(`${open} is not a time (HH:MM).`, { field });
  if (end === null) throw appointmentsErrors.time_of_day_invalid(`${close} is not a time (HH:MM).`, { field });
  if (start >= end) throw appointmentsErrors.hours_end_before_start(`${open}–${close}: the end must be after the start.`, { field });
  return { start, end };
}

export async function storeSetup(db: Db, auth: AuthContext, storeId: string) {
  const timeZone = await storeZone(db, auth, storeId);
  const [types, hours, shifts, timeOff] = await Promise.all([
    query<{ id: string; name: string; description: string | null; durationMinutes: number; bufferMinutes: number; active: boolean }>(db, sql`
      select id, name, description, duration_minutes as "durationMinutes", buffer_minutes as "bufferMinutes", active
      from appointment_types where store_id = ${storeId} and legal_entity_id = ${auth.legalEntityId} order by name`),
    query<{ weekday: number; opensMinute: number; closesMinute: number }>(db, sql`
      select weekday, opens_minute as "opensMinute", closes_minute as "closesMinute" from store_opening_hours
      where store_id = ${storeId} and legal_entity_id = ${auth.legalEntityId} order by weekday`),
    query<{ associateId: string; weekday: number; startMinute: number; endMinute: number }>(db, sql`
      select associate_id as "associateId", weekday, start_minute as "startMinute", end_minute as "endMinute" from associate_schedules
      where store_id = ${storeId} and legal_entity_id = ${auth.legalEntityId} order by associate_id, weekday, start_minute`),
    query<{ id: string; associateId: string; associateName: string; startsAt: string; endsAt: string; reason: string | null }>(db, sql`
      select o.id, o.associate_id as "associateId", a.display_name as "associateName",
        to_char(o.starts_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "startsAt", to_char(o.ends_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "endsAt", o.reason
      from associate_time_off o join associates a on a.id = o.associate_id
      where o.legal_entity_id = ${auth.legalEntityId} and o.ends_at > now()
        and exists (select 1 from address_book_members m join stores s on s.address_book_id = m.address_book_id where m.associate_id = o.associate_id and s.id = ${storeId})
      order by o.starts_at`),
  ]);
  return {
    timeZone,
    types,
    openingHours: hours.map((h) => ({ weekday: h.weekday, opens: minutesToHhmm(h.opensMinute), closes: minutesToHhmm(h.closesMinute) })),
    schedules: shifts.map((s) => ({ associateId: s.associateId, weekday: s.weekday, start: minutesToHhmm(s.startMinute), end: minutesToHhmm(s.endMinute) })),
    timeOff,
  };
}

export interface TypeInput { name: string; description?: string | null; durationMinutes: number; bufferMinutes?: number; active?: boolean }

export async function createType(db: Db, auth: AuthContext, storeId: string, input: TypeInput) {
  await assertStore(db, auth, storeId);
  const exists = await query(db, sql`select 1 from appointment_types where store_id = ${storeId} and lower(name) = lower(${input.name})`);
  if (exists.length) throw appointmentsErrors.appointment_type_name_taken(`This store already has an appointment type named "${input.name}".`, { field: 'name' });
  const rows = await query<{ id: string }>(db, sql`
    insert into appointment_types (legal_entity_id, store_id, name, description, duration_minutes, buffer_minutes, active)
    values (${auth.legalEntityId}, ${storeId}, ${input.name.trim()}, ${input.description ?? null}, ${input.durationMinutes}, ${input.bufferMinutes ?? 0}, ${input.active ?? true})
    returning id`);
  await audit(db, auth, 'create', 'appointment-type', rows[0].id);
  return rows[0];
}

export async function updateType(db: Db, auth: AuthContext, id: string, patch: Partial<TypeInput>) {
  const rows = await query<{ id: string }>(db, sql`
    update appointment_types set
      name = coalesce(${patch.name ?? null}, name),
      description = ${patch.description === undefined ? sql`description` : patch.description},
      duration_minutes = coalesce(${patch.durationMinutes ?? null}::int, duration_minutes),
      buffer_minutes = coalesce(${patch.bufferMinutes ?? null}::int, buffer_minutes),
      active = coalesce(${patch.active ?? null}::boolean, active)
    where id = ${id} and legal_entity_id = ${auth.legalEntityId} returning id`);
  if (!rows.length) throw appointmentsErrors.appointment_type_not_found('Appointment type was not found.');
  await audit(db, auth, 'update', 'appointment-type', id, { fields: Object.keys(patch) });
  return rows[0];
}

export async function setOpeningHours(db: Db, auth: AuthContext, storeId: string, days: { weekday: number; opens: string; closes: string }[]) {
  await assertStore(db, auth, storeId);
  const seen = new Set<number>();
  const rows = days.map((d, i) => {
    if (seen.has(d.weekday)) throw appointmentsErrors.weekday_repeated('Each weekday can be given once.', { field: `days.${i}.weekday` });
    seen.add(d.weekday);
    const r = range(d.opens, d.closes, `days.${i}`);
    return sql`(${storeId}, ${auth.legalEntityId}, ${d.weekday}, ${r.start}, ${r.end})`;
  });
  await db.transaction(async (tx) => {
    await tx.execute(sql`delete from store_opening_hours where store_id = ${storeId}`);
    if (rows.length) await tx.execute(sql`insert into store_opening_hours (store_id, legal_entity_id, weekday, opens_minute, closes_minute) values ${sql.join(rows, sql`, `)}`);
    await audit(tx, auth, 'update', 'store-opening-hours', storeId);
  });
}

/** Replaces an associate's weekly shifts at a store. */
export async function setSchedule(db: Db, auth: AuthContext, storeId: string, associateId: string, shifts: { weekday: number; start: string; end: string }[]) {
  await assertStore(db, auth, storeId);
  await assertAssociate(db, auth, associateId);
  const parsed = shifts.map((s, i) => ({ weekday: s.weekday, ...range(s.start, s.end, `shifts.${i}`) }));
  parsed.forEach((a, i) => parsed.forEach((b, j) => {
    if (i < j && a.weekday === b.weekday && a.start < b.end && b.start < a.end) throw appointmentsErrors.shifts_overlap('Two shifts on the same day overlap.', { field: `shifts.${j}` });
  }));
  await db.transaction(async (tx) => {
    await tx.execute(sql`delete from associate_schedules where store_id = ${storeId} and associate_id = ${associateId}`);
    if (parsed.length) {
      await tx.execute(sql`insert into associate_schedules (legal_entity_id, associate_id, store_id, weekday, start_minute, end_minute) values
        ${sql.join(parsed.map((p) => sql`(${auth.legalEntityId}, ${associateId}, ${storeId}, ${p.weekday}, ${p.start}, ${p.end})`), sql`, `)}`);
    }
    await audit(tx, auth, 'update', 'associate-schedule', associateId, { storeId });
  });
}

async function storeZone(db: Db, auth: AuthContext, storeId: string): Promise<string> {
  const rows = await query<{ tz: string }>(db, sql`select time_zone as tz from stores where id = ${storeId} and legal_entity_id = ${auth.legalEntityId}`);
  if (!rows[0]) throw appointmentsErrors.store_not_found('Store was not found.', { field: 'storeId' });
  return rows[0].tz;
}

/** "2025-03-29T14:00" read on the store's clock, as an instant. */
function storeLocalInstant(local: string, timeZone: string, field: string): string {
  const [date, hhmm] = local.split('T');
  const minute = hhmmToMinutes(hhmm);
  const at = minute === null ? null : localToUtc(parseLocalDate(date), minute, timeZone);
  if (at === null || Number.isNaN(at)) throw appointmentsErrors.local_time_skipped(`${local.replace('T', ' ')} does not exist in ${timeZone} (the clocks change then).`, { field });
  return new Date(at).toISOString();
}

export interface TimeOffInput {
  associateId: string;
  /** Instants… */
  startsAt?: string; endsAt?: string;
  /** …or wall-clock times of a store, read in its time zone whatever the device's (what a manager types in a form). */
  storeId?: string; localStart?: string; localEnd?: string;
  reason?: string | null;
}

export async function addTimeOff(db: Db, auth: AuthContext, raw: TimeOffInput) {
  await assertAssociate(db, auth, raw.associateId);
  let input: { associateId: string; startsAt: string; endsAt: string; reason?: string | null };
  if (raw.localStart !== undefined || raw.localEnd !== undefined) {
    if (!raw.storeId) throw appointmentsErrors.store_required('Local times need the store whose clock they are read on.', { field: 'storeId' });
    if (!raw.localStart) throw appointmentsErrors.time_off_incomplete('Give the start of the time off.', { field: 'localStart' });
    if (!raw.localEnd) throw appointmentsErrors.time_off_incomplete('Give the end of the time off.', { field: 'localEnd' });
    const tz = await storeZone(db, auth, raw.storeId);
    input = { associateId: raw.associateId, startsAt: storeLocalInstant(raw.localStart, tz, 'localStart'), endsAt: storeLocalInstant(raw.localEnd, tz, 'localEnd'), reason: raw.reason };
  } else {
    if (!raw.startsAt) throw appointmentsErrors.time_off_incomplete('Give the start of the time off.', { field: 'startsAt' });
    if (!raw.endsAt) throw appointmentsErrors.time_off_incomplete('Give the end of the time off.', { field: 'endsAt' });
    input = { associateId: raw.associateId, startsAt: raw.startsAt, endsAt: raw.endsAt, reason: raw.reason };
  }
  if (Date.parse(input.startsAt) >= Date.parse(input.endsAt)) throw appointmentsErrors.time_off_ends_before_start('Time off must end after it starts.', { field: raw.localEnd ? 'localEnd' : 'endsAt' });
  const rows = await query<{ id: string }>(db, sql`
    insert into associate_time_off (legal_entity_id, associate_id, starts_at, ends_at, reason)
    values (${auth.legalEntityId}, ${input.associateId}, ${input.startsAt}, ${input.endsAt}, ${input.reason ?? null}) returning id`);
  await audit(db, auth, 'create', 'associate-time-off', rows[0].id);
  // Booked appointments in that time stay: the manager reassigns or cancels them from the store's day view.
  const clashes = await query<{ n: number }>(db, sql`select count(*)::int as n from appointments where associate_id = ${input.associateId}
    and status = 'booked' and starts_at < ${input.endsAt}::timestamptz and blocked_until > ${input.startsAt}::timestamptz`);
  return { id: rows[0].id, clashingAppointments: clashes[0].n };
}

export async function removeTimeOff(db: Db, auth: AuthContext, id: string) {
  const rows = await query(db, sql`delete from associate_time_off where id = ${id} and legal_entity_id = ${auth.legalEntityId} returning id`);
  if (!rows.length) throw appointmentsErrors.time_off_not_found('Time off was not found.');
  await audit(db, auth, 'delete', 'associate-time-off', id);
}
