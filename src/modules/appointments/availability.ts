import { sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';
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
    select s.id, s.legal_entity_id as "legalEntityId", le.name as "legalEntityName", s.name, s.time_zone as "timeZone",
      s.address, s.city, s.phone, s.email
    from stores s join legal_entities le on le.id = s.legal_entity_id
    where s.id = ${storeId} and s.active ${legalEntityId ? sql`and s.legal_entity_id = ${legalEntityId}` : sql``}`);
  if (!rows[0]) throw appointmentsErrors.store_not_found('Store was not found.', { field: 'storeId' });
  return rows[0];
}

export async function getBookableType(db: Db, store: BookableStore, typeId: string, opts: { includeInactive?: boolean } = {}): Promise<BookableType> {
  const rows = await query<BookableType>(db, sql`
    select id, store_id as "storeId", name, description, duration_minutes as "durationMinutes", buffer_minutes as "bufferMinutes"
    from appointment_types where id = ${typeId} and store_id = ${store.id} and legal_entity_id = ${store.legalEntityId}
      ${opts.includeInactive ? sql`` : sql`and active`}`);
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
  const hours = await query<{ weekday: number; opensMinute: number; closesMinute: number }>(db, sql`
    select weekday, opens_minute as "opensMinute", closes_minute as "closesMinute" from store_opening_hours where store_id = ${store.id}`);
  const shiftRows = await query<{ associateId: string; weekday: number; startMinute: number; endMinute: number }>(db, sql`
    select sc.associate_id as "associateId", sc.weekday, sc.start_minute as "startMinute", sc.end_minute as "endMinute"
    from associate_schedules sc join associates a on a.id = sc.associate_id and a.active
    where sc.store_id = ${store.id} and sc.legal_entity_id = ${store.legalEntityId}
      ${input.associateId ? sql`and sc.associate_id = ${input.associateId}` : sql``}`);
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
    select associate_id as "associateId", (extract(epoch from starts_at) * 1000)::float8 as "start",
      (extract(epoch from blocked_until) * 1000)::float8 as "end" from appointments
    where status = 'booked' and associate_id in (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})
      and starts_at < ${windowEnd}::timestamptz and blocked_until > ${windowStart}::timestamptz
      ${input.excludeAppointmentId ? sql`and id <> ${input.excludeAppointmentId}` : sql``}
    union all
    select associate_id, (extract(epoch from starts_at) * 1000)::float8, (extract(epoch from ends_at) * 1000)::float8 from associate_time_off
    where associate_id in (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})
      and starts_at < ${windowEnd}::timestamptz and ends_at > ${windowStart}::timestamptz`);
  return computeSlots({
    timeZone: store.timeZone, from: input.from, days: input.days,
    openingHours: new Map(hours.map((h) => [h.weekday, { start: h.opensMinute, end: h.closesMinute }])),
    shifts,
    busy: busy.map((b) => ({ associateId: b.associateId, start: Number(b.start), end: Number(b.end) })),
    durationMinutes: type.durationMinutes, bufferMinutes: type.bufferMinutes, stepMinutes: stepFor(type.durationMinutes),
    notBefore: input.now + MIN_NOTICE_MS,
  });
}
