import { and, eq, sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';
import { stores, associates, addressBookMembers } from '../organisation/schema.ts';
import { appointmentTypes, storeOpeningHours, associateSchedules, associateTimeOff, appointments } from './schema.ts';
import { isoUtc } from './queries.ts';
import { appointmentsErrors } from './errors.ts';
import { audit } from '../audit/service.ts';
import type { AuthContext } from '../auth/context.ts';
import { hhmmToMinutes, localToUtc, minutesToHhmm, parseLocalDate } from './slots.ts';

// Store set-up for appointments: types, opening hours, associates' weekly shifts and time off.

async function assertStore(db: Db, auth: AuthContext, storeId: string) {
  const rows = await query(db, sql`select 1 from ${stores} where ${stores.id} = ${storeId} and ${stores.legalEntityId} = ${auth.legalEntityId}`);
  if (!rows.length) throw appointmentsErrors.store_not_found('Store was not found.', { field: 'storeId' });
}

async function assertAssociate(db: Db, auth: AuthContext, associateId: string) {
  const rows = await query(db, sql`select 1 from ${associates} where ${associates.id} = ${associateId} and ${associates.legalEntityId} = ${auth.legalEntityId}`);
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
  const le = auth.legalEntityId;
  const t = appointmentTypes;
  const h = storeOpeningHours;
  const sc = associateSchedules;
  const o = associateTimeOff;
  const [types, hours, shifts, timeOff] = await Promise.all([
    query<{ id: string; name: string; description: string | null; durationMinutes: number; bufferMinutes: number; active: boolean }>(db, sql`
      select ${t.id}, ${t.name}, ${t.description}, ${t.durationMinutes} as "durationMinutes", ${t.bufferMinutes} as "bufferMinutes", ${t.active}
      from ${t} where ${t.storeId} = ${storeId} and ${t.legalEntityId} = ${le} order by ${t.name}`),
    query<{ weekday: number; opensMinute: number; closesMinute: number }>(db, sql`
      select ${h.weekday}, ${h.opensMinute} as "opensMinute", ${h.closesMinute} as "closesMinute" from ${h}
      where ${h.storeId} = ${storeId} and ${h.legalEntityId} = ${le} order by ${h.weekday}`),
    query<{ associateId: string; weekday: number; startMinute: number; endMinute: number }>(db, sql`
      select ${sc.associateId} as "associateId", ${sc.weekday}, ${sc.startMinute} as "startMinute", ${sc.endMinute} as "endMinute" from ${sc}
      where ${sc.storeId} = ${storeId} and ${sc.legalEntityId} = ${le} order by ${sc.associateId}, ${sc.weekday}, ${sc.startMinute}`),
    query<{ id: string; associateId: string; associateName: string; startsAt: string; endsAt: string; reason: string | null }>(db, sql`
      select ${o.id}, ${o.associateId} as "associateId", ${associates.displayName} as "associateName",
        ${isoUtc(o.startsAt)} as "startsAt", ${isoUtc(o.endsAt)} as "endsAt", ${o.reason}
      from ${o} join ${associates} on ${associates.id} = ${o.associateId}
      where ${o.legalEntityId} = ${le} and ${o.endsAt} > now()
        and exists (select 1 from ${addressBookMembers} join ${stores} on ${stores.addressBookId} = ${addressBookMembers.addressBookId}
          where ${addressBookMembers.associateId} = ${o.associateId} and ${stores.id} = ${storeId})
      order by ${o.startsAt}`),
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
  const t = appointmentTypes;
  const exists = await query(db, sql`select 1 from ${t} where ${t.storeId} = ${storeId} and lower(${t.name}) = lower(${input.name})`);
  if (exists.length) throw appointmentsErrors.appointment_type_name_taken(`This store already has an appointment type named "${input.name}".`, { field: 'name' });
  const rows = await db.insert(t).values({
    legalEntityId: auth.legalEntityId, storeId, name: input.name.trim(), description: input.description ?? null,
    durationMinutes: input.durationMinutes, bufferMinutes: input.bufferMinutes ?? 0, active: input.active ?? true,
  }).returning({ id: t.id });
  await audit(db, auth, 'create', 'appointment-type', rows[0].id);
  return rows[0];
}

export async function updateType(db: Db, auth: AuthContext, id: string, patch: Partial<TypeInput>) {
  const t = appointmentTypes;
  const rows = await db.update(t).set({
    name: sql`coalesce(${patch.name ?? null}, ${t.name})`,
    description: patch.description === undefined ? sql`${t.description}` : patch.description,
    durationMinutes: sql`coalesce(${patch.durationMinutes ?? null}::int, ${t.durationMinutes})`,
    bufferMinutes: sql`coalesce(${patch.bufferMinutes ?? null}::int, ${t.bufferMinutes})`,
    active: sql`coalesce(${patch.active ?? null}::boolean, ${t.active})`,
  }).where(and(eq(t.id, id), eq(t.legalEntityId, auth.legalEntityId))).returning({ id: t.id });
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
    return { storeId, legalEntityId: auth.legalEntityId, weekday: d.weekday, opensMinute: r.start, closesMinute: r.end };
  });
  await db.transaction(async (tx) => {
    await tx.delete(storeOpeningHours).where(eq(storeOpeningHours.storeId, storeId));
    if (rows.length) await tx.insert(storeOpeningHours).values(rows);
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
    await tx.delete(associateSchedules).where(and(eq(associateSchedules.storeId, storeId), eq(associateSchedules.associateId, associateId)));
    if (parsed.length) {
      await tx.insert(associateSchedules).values(parsed.map((p) => ({
        legalEntityId: auth.legalEntityId, associateId, storeId, weekday: p.weekday, startMinute: p.start, endMinute: p.end,
      })));
    }
    await audit(tx, auth, 'update', 'associate-schedule', associateId, { storeId });
  });
}

async function storeZone(db: Db, auth: AuthContext, storeId: string): Promise<string> {
  const rows = await query<{ tz: string }>(db, sql`select ${stores.timeZone} as tz from ${stores} where ${stores.id} = ${storeId} and ${stores.legalEntityId} = ${auth.legalEntityId}`);
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
  const rows = await db.insert(associateTimeOff).values({
    legalEntityId: auth.legalEntityId, associateId: input.associateId, startsAt: input.startsAt, endsAt: input.endsAt, reason: input.reason ?? null,
  }).returning({ id: associateTimeOff.id });
  await audit(db, auth, 'create', 'associate-time-off', rows[0].id);
  // Booked appointments in that time stay: the manager reassigns or cancels them from the store's day view.
  const a = appointments;
  const clashes = await query<{ n: number }>(db, sql`select count(*)::int as n from ${a} where ${a.associateId} = ${input.associateId}
    and ${a.status} = 'booked' and ${a.startsAt} < ${input.endsAt}::timestamptz and ${a.blockedUntil} > ${input.startsAt}::timestamptz`);
  return { id: rows[0].id, clashingAppointments: clashes[0].n };
}

export async function removeTimeOff(db: Db, auth: AuthContext, id: string) {
  const rows = await db.delete(associateTimeOff).where(and(eq(associateTimeOff.id, id), eq(associateTimeOff.legalEntityId, auth.legalEntityId)))
    .returning({ id: associateTimeOff.id });
  if (!rows.length) throw appointmentsErrors.time_off_not_found('Time off was not found.');
  await audit(db, auth, 'delete', 'associate-time-off', id);
}
