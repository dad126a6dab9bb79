import { sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';
import { legalEntities, stores, associates } from '../organisation/schema.ts';
import { appointmentTypes, storeOpeningHours, associateSchedules, associateTimeOff, appointments } from './schema.ts';
import { appointmentsErrors } from './errors.ts';
import { computeSlots, addDays, localToUtc, type LocalDate, type MinuteRange, type Slot } from './slots.ts';

/** Customers can book from an hour ahead up to 90 days out. */
export const MIN_NOTICE_MS = 60 * 60_000;
export const MAX_DAYS_AHEAD = 90;

export interface BookableStore {
  id: string; legalEntityId: string; legalEntityName: string; name: string; timeZone: string;
  address: string | null; city: string | null; phone: string | null; email: string | null;
}
export interface BookableType { id: string; storeId: string; name: string; description: string | null; durationMinutes: number; bufferMinutes: number }

export async function getBookableStore(db: Db, storeId: string, legalEntityId?: string): Promise<BookableStore> {
  const rows = await query<BookableStore>(db, sql`
    select ${stores.id}, ${stores.legalEntityId} as "legalEntityId", ${legalEntities.name} as "legalEntityName", ${stores.name}, ${stores.timeZone} as "timeZone",
      ${stores.address}, ${stores.city}, ${stores.phone}, ${stores.email}
    from ${stores} join ${legalEntities} on ${legalEntities.id} = ${stores.legalEntityId}
    where ${stores.id} = ${storeId} and ${stores.active} ${legalEntityId ? sql`and ${stores.legalEntityId} = ${legalEntityId}` : sql``}`);
  if (!rows[0]) throw appointmentsErrors.store_not_found('Store was not found.', { field: 'storeId' });
  return rows[0];
}

export async function getBookableType(db: Db, store: BookableStore, typeId: string, opts: { includeInactive?: boolean } = {}): Promise<BookableType> {
  const t = appointmentTypes;
  const rows = await query<BookableType>(db, sql`
    select ${t.id}, ${t.storeId} as "storeId", ${t.name}, ${t.description}, ${t.durationMinutes} as "durationMinutes", ${t.bufferMinutes} as "bufferMinutes"
    from ${t} where ${t.id} = ${typeId} and ${t.storeId} = ${store.id} and ${t.legalEntityId} = ${store.legalEntityId}
      ${opts.includeInactive ? sql`` : sql`and ${t.active}`}`);
  if (!rows[0]) throw appointmentsErrors.appointment_type_not_found('Appointment type was not found at this store.', { field: 'appointmentTypeId' });
  return rows[0];
}

export function stepFor(durationMinutes: number) {
  return durationMinutes < 30 ? 15 : 30;
}

/**
 * Free slots at a store for a type over `days` local days from `from`, for every scheduled associate or one.
 * Bookings at any store count: an associate who works in two stores is in one place at a time.
 */
export async function availableSlots(db: Db, input: {
  store: BookableStore; type: BookableType; from: LocalDate; days: number; associateId?: string; now: number; excludeAppointmentId?: string;
}): Promise<Slot[]> {
  const { store, type } = input;
  const h = storeOpeningHours;
  const sc = associateSchedules;
  const a = appointments;
  const off = associateTimeOff;
  const hours = await query<{ weekday: number; opensMinute: number; closesMinute: number }>(db, sql`
    select ${h.weekday}, ${h.opensMinute} as "opensMinute", ${h.closesMinute} as "closesMinute" from ${h} where ${h.storeId} = ${store.id}`);
  const shiftRows = await query<{ associateId: string; weekday: number; startMinute: number; endMinute: number }>(db, sql`
    select ${sc.associateId} as "associateId", ${sc.weekday}, ${sc.startMinute} as "startMinute", ${sc.endMinute} as "endMinute"
    from ${sc} join ${associates} on ${associates.id} = ${sc.associateId} and ${associates.active}
    where ${sc.storeId} = ${store.id} and ${sc.legalEntityId} = ${store.legalEntityId}
      ${input.associateId ? sql`and ${sc.associateId} = ${input.associateId}` : sql``}`);
  if (!hours.length || !shiftRows.length) return [];
  const shifts = new Map<string, Map<number, MinuteRange[]>>();
  for (const r of shiftRows) {
    let week = shifts.get(r.associateId);
    if (!week) shifts.set(r.associateId, (week = new Map()));
    week.set(r.weekday, [...(week.get(r.weekday) ?? []), { start: r.startMinute, end: r.endMinute }]);
  }
  const windowStart = new Date((localToUtc(input.from, 0, store.timeZone) ?? Date.UTC(input.from.year, input.from.month - 1, input.from.day)) - 86_400_000).toISOString();
  const end = addDays(input.from, input.days + 1);
  const windowEnd = new Date(Date.UTC(end.year, end.month - 1, end.day) + 86_400_000).toISOString();
  const ids = [...shifts.keys()];
  const busy = await query<{ associateId: string; start: number; end: number }>(db, sql`
    select ${a.associateId} as "associateId", (extract(epoch from ${a.startsAt}) * 1000)::float8 as "start",
      (extract(epoch from ${a.blockedUntil}) * 1000)::float8 as "end" from ${a}
    where ${a.status} = 'booked' and ${a.associateId} in (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})
      and ${a.startsAt} < ${windowEnd}::timestamptz and ${a.blockedUntil} > ${windowStart}::timestamptz
      ${input.excludeAppointmentId ? sql`and ${a.id} <> ${input.excludeAppointmentId}` : sql``}
    union all
    select ${off.associateId}, (extract(epoch from ${off.startsAt}) * 1000)::float8, (extract(epoch from ${off.endsAt}) * 1000)::float8 from ${off}
    where ${off.associateId} in (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})
      and ${off.startsAt} < ${windowEnd}::timestamptz and ${off.endsAt} > ${windowStart}::timestamptz`);
  return computeSlots({
    timeZone: store.timeZone, from: input.from, days: input.days,
    openingHours: new Map(hours.map((h) => [h.weekday, { start: h.opensMinute, end: h.closesMinute }])),
    shifts,
    busy: busy.map((b) => ({ associateId: b.associateId, start: Number(b.start), end: Number(b.end) })),
    durationMinutes: type.durationMinutes, bufferMinutes: type.bufferMinutes, stepMinutes: stepFor(type.durationMinutes),
    notBefore: input.now + MIN_NOTICE_MS,
  });
}
