import { and, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { query, type Db } from '../../db/client.ts';
import { stores, associates } from '../organisation/schema.ts';
import { customers } from '../customers/schema.ts';
import { ownersOf } from '../client-book/books.ts';
import { appointments, appointmentTypes } from './schema.ts';
import { isoUtc } from './queries.ts';
import { appointmentsErrors } from './errors.ts';
import { insertCustomer } from '../customers/service.ts';
import { audit } from '../audit/service.ts';
import type { AuthContext } from '../auth/context.ts';
import { availableSlots, getBookableStore, getBookableType, MAX_DAYS_AHEAD, type BookableStore, type BookableType } from './availability.ts';
import { localDateOf } from './slots.ts';
import { newPublicId } from './links.ts';
import type { AppointmentStatus } from './schema.ts';

export interface BookingInput {
  storeId: string;
  appointmentTypeId: string;
  startsAt: string;
  associateId?: string;
  name: string;
  email: string;
  phone?: string | null;
  message?: string | null;
  /** The customer a personal booking link (or an associate) named: their client-book associate comes first. */
  customerId?: string | null;
  /** For a customer the retailer did not know: the language of their browser ('fr' or 'en'), for their emails. */
  language?: 'fr' | 'en';
}

export interface AppointmentRecord {
  id: string; publicId: string; legalEntityId: string; storeId: string; appointmentTypeId: string; associateId: string;
  customerId: string | null; status: AppointmentStatus; startsAt: string; endsAt: string; blockedUntil: string;
  customerName: string; customerEmail: string; customerPhone: string | null; customerMessage: string | null;
  createdAt: string; updatedAt: string;
  storeName: string; storeTimeZone: string; storeAddress: string | null; storeCity: string | null;
  typeName: string; associateName: string; associateEmail: string | null;
  /** The customer's language for emails ('en' when there is no customer record). */
  customerLanguage: string;
}

const a = alias(appointments, 'a');
const s = alias(stores, 's');
const t = alias(appointmentTypes, 't');
const asc_ = alias(associates, 'asc_');
const cust = alias(customers, 'cust');
const appointmentColumns = sql`${a.id}, ${a.publicId} as "publicId", ${a.legalEntityId} as "legalEntityId", ${a.storeId} as "storeId",
  ${a.appointmentTypeId} as "appointmentTypeId", ${a.associateId} as "associateId", ${a.customerId} as "customerId", ${a.status},
  ${isoUtc(a.startsAt)} as "startsAt", ${isoUtc(a.endsAt)} as "endsAt", ${isoUtc(a.blockedUntil)} as "blockedUntil",
  ${a.customerName} as "customerName", ${a.customerEmail} as "customerEmail", ${a.customerPhone} as "customerPhone",
  ${a.customerMessage} as "customerMessage", ${a.createdAt}::text as "createdAt", to_char(${a.updatedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "updatedAt",
  ${s.name} as "storeName", ${s.timeZone} as "storeTimeZone", ${s.address} as "storeAddress", ${s.city} as "storeCity",
  ${t.name} as "typeName", ${asc_.displayName} as "associateName", ${asc_.email} as "associateEmail",
  coalesce(${cust.language}, 'en') as "customerLanguage"`;
const appointmentFrom = sql`from ${appointments} as ${a} join ${stores} as ${s} on ${s.id} = ${a.storeId}
  join ${appointmentTypes} as ${t} on ${t.id} = ${a.appointmentTypeId}
  join ${associates} as ${asc_} on ${asc_.id} = ${a.associateId} left join ${customers} as ${cust} on ${cust.id} = ${a.customerId}`;

export async function findAppointment(db: Db, where: { publicId: string } | { id: string; legalEntityId: string }): Promise<AppointmentRecord | null> {
  const rows = await query<AppointmentRecord>(db, sql`select ${appointmentColumns} ${appointmentFrom}
    where ${'publicId' in where ? sql`${a.publicId} = ${where.publicId}` : sql`${a.id} = ${where.id} and ${a.legalEntityId} = ${where.legalEntityId}`}`);
  return rows[0] ?? null;
}

export function isOverlap(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.code === '23P01' || e?.cause?.code === '23P01';
}

export const TAKEN = 'This time has just been booked by someone else. Please choose another time.';
const NOT_OFFERED = 'This time is not available for booking. Please choose one of the offered times.';

/** The customer's own associate: the owner of the client book they are in, when client books exist. */
export async function clientBookAssociate(db: Db, legalEntityId: string, customerId: string): Promise<string | null> {
  // The client book's owners, primary first (client-book's own query).
  const [owner] = await ownersOf(db, legalEntityId, [customerId]);
  return owner?.associateId ?? null;
}

/** A live (not erased, not merged) customer of the legal entity with this email, oldest first. */
export async function customerByEmail(db: Db, legalEntityId: string, email: string): Promise<string | null> {
  const rows = await query<{ id: string }>(db, sql`
    select ${customers.id} from ${customers} where ${customers.legalEntityId} = ${legalEntityId} and lower(${customers.email}) = ${email.toLowerCase()}
      and ${customers.erasedAt} is null and ${customers.mergedIntoId} is null order by ${customers.createdAt}, ${customers.id} limit 1`);
  return rows[0]?.id ?? null;
}

function splitName(name: string): { firstName: string; lastName: string } {
  const parts = name.trim().split(/\s+/);
  if (parts.length === 1) return { firstName: parts[0], lastName: '' };
  return { firstName: parts.slice(0, -1).join(' '), lastName: parts[parts.length - 1] };
}

/** Creates a lightweight customer at the store (joining its address book) for someone the retailer did not know. */
async function createLightCustomer(tx: Db, store: BookableStore, input: BookingInput): Promise<string> {
  const { firstName, lastName } = splitName(input.name);
  return insertCustomer(tx, store.legalEntityId, {
    firstName, lastName, email: input.email.toLowerCase(), phone: input.phone ?? null, homeStoreId: store.id, language: input.language ?? 'en',
  });
}

type Actor = AuthContext | { legalEntityId: string; associateId: null; associateName: string };

/**
 * Books a slot. The slot must be one the store offers now; the associate is the one asked for, else the
 * customer's own associate when free, else the least busy that day. The database's exclusion constraint is the
 * final word: a concurrent booking of the same time answers 409, and with no associate asked for the next free
 * associate is tried. The caller learns nothing about whether the email belongs to a known customer.
 */
export async function bookAppointment(db: Db, input: BookingInput, opts: { now: number; actor: Actor; via: 'public' | 'associate'; legalEntityId?: string }): Promise<AppointmentRecord> {
  const store = await getBookableStore(db, input.storeId, opts.legalEntityId);
  const type = await getBookableType(db, store, input.appointmentTypeId);
  const start = Date.parse(input.startsAt);
  if (Number.isNaN(start)) throw appointmentsErrors.start_time_invalid('startsAt is not a valid time.', { field: 'startsAt' });
  if (start > opts.now + MAX_DAYS_AHEAD * 86_400_000) throw appointmentsErrors.too_far_ahead(`Appointments can be booked up to ${MAX_DAYS_AHEAD} days ahead.`, { field: 'startsAt' });
  const slots = await availableSlots(db, { store, type, from: localDateOf(start, store.timeZone), days: 1, associateId: input.associateId, now: opts.now });
  const slot = slots.find((s) => s.startsAt === start);
  if (!slot) throw appointmentsErrors.slot_not_offered(input.associateId ? `${NOT_OFFERED} The associate may not be free then.` : NOT_OFFERED, { field: 'startsAt' });

  const knownCustomerId = input.customerId ?? (await customerByEmail(db, store.legalEntityId, input.email));
  const candidates = await orderCandidates(db, store, slot.associateIds, knownCustomerId, start);
  for (const associateId of candidates) {
    try {
      const id = await db.transaction(async (tx) => {
        const customerId = knownCustomerId ?? (await createLightCustomer(tx, store, input));
        const rows = await tx.insert(appointments).values({
          publicId: newPublicId(), legalEntityId: store.legalEntityId, storeId: store.id, appointmentTypeId: type.id, associateId, customerId,
          status: 'booked', startsAt: new Date(slot.startsAt).toISOString(), endsAt: new Date(slot.endsAt).toISOString(),
          blockedUntil: new Date(slot.blockedUntil).toISOString(), customerName: input.name.trim(), customerEmail: input.email.toLowerCase(),
          customerPhone: input.phone ?? null, customerMessage: input.message ?? null, bookedVia: opts.via,
        }).returning({ id: appointments.id });
        await audit(tx, opts.actor, 'create', 'appointment', rows[0].id, { customerId, via: opts.via, newCustomer: !knownCustomerId });
        return rows[0].id;
      });
      return (await findAppointment(db, { id, legalEntityId: store.legalEntityId }))!;
    } catch (err) {
      if (!isOverlap(err)) throw err;
    }
  }
  throw appointmentsErrors.slot_taken(TAKEN, { field: 'startsAt' });
}

async function orderCandidates(db: Db, store: BookableStore, associateIds: string[], customerId: string | null, start: number): Promise<string[]> {
  if (associateIds.length <= 1) return associateIds;
  const own = customerId ? await clientBookAssociate(db, store.legalEntityId, customerId) : null;
  const day = new Date(start);
  const load = await query<{ associateId: string; n: number }>(db, sql`
    select ${appointments.associateId} as "associateId", count(*)::int as n from ${appointments}
    where ${appointments.status} = 'booked' and ${appointments.associateId} in (${sql.join(associateIds.map((id) => sql`${id}::uuid`), sql`, `)})
      and ${appointments.startsAt} between ${new Date(day.getTime() - 12 * 3600_000).toISOString()}::timestamptz and ${new Date(day.getTime() + 12 * 3600_000).toISOString()}::timestamptz
    group by ${appointments.associateId}`);
  const n = new Map(load.map((r) => [r.associateId, r.n]));
  return [...associateIds].sort((a, b) => (a === own ? -1 : b === own ? 1 : (n.get(a) ?? 0) - (n.get(b) ?? 0) || a.localeCompare(b)));
}

/** Moves a booked appointment to another offered time, with the same associate unless another is asked for or needed. */
export async function rescheduleAppointment(db: Db, apt: AppointmentRecord, input: { startsAt: string; associateId?: string }, opts: { now: number; actor: Actor }): Promise<AppointmentRecord> {
  if (apt.status !== 'booked') throw appointmentsErrors.appointment_not_booked('Only a booked appointment can be moved.');
  if (Date.parse(apt.startsAt) <= opts.now) throw appointmentsErrors.appointment_started('This appointment has already started and can no longer be moved.');
  const store = await getBookableStore(db, apt.storeId, apt.legalEntityId);
  const type = await getBookableType(db, store, apt.appointmentTypeId, { includeInactive: true });
  const start = Date.parse(input.startsAt);
  if (Number.isNaN(start)) throw appointmentsErrors.start_time_invalid('startsAt is not a valid time.', { field: 'startsAt' });
  const slots = await availableSlots(db, { store, type, from: localDateOf(start, store.timeZone), days: 1, associateId: input.associateId, now: opts.now, excludeAppointmentId: apt.id });
  const slot = slots.find((s) => s.startsAt === start);
  if (!slot) throw appointmentsErrors.slot_not_offered(NOT_OFFERED, { field: 'startsAt' });
  const candidates = slot.associateIds.includes(apt.associateId) ? [apt.associateId, ...slot.associateIds.filter((a) => a !== apt.associateId)] : slot.associateIds;
  for (const associateId of input.associateId ? [input.associateId] : candidates) {
    try {
      await db.transaction(async (tx) => {
        await tx.update(appointments).set({
          associateId, startsAt: new Date(slot.startsAt).toISOString(), endsAt: new Date(slot.endsAt).toISOString(),
          blockedUntil: new Date(slot.blockedUntil).toISOString(), reminderSentAt: null, updatedAt: sql`now()`,
        }).where(and(eq(appointments.id, apt.id), eq(appointments.status, 'booked')));
        await audit(tx, opts.actor, 'update', 'appointment', apt.id, { rescheduledFrom: apt.startsAt, to: new Date(slot.startsAt).toISOString() });
      });
      return (await findAppointment(db, { id: apt.id, legalEntityId: apt.legalEntityId }))!;
    } catch (err) {
      if (!isOverlap(err)) throw err;
    }
  }
  throw appointmentsErrors.slot_taken(TAKEN, { field: 'startsAt' });
}

export async function cancelAppointment(db: Db, apt: AppointmentRecord, opts: { now: number; actor: Actor }): Promise<AppointmentRecord> {
  if (apt.status === 'cancelled') return apt;
  if (apt.status !== 'booked') throw appointmentsErrors.appointment_not_booked(`This appointment is ${apt.status} and can no longer be cancelled.`);
  if (Date.parse(apt.startsAt) <= opts.now) throw appointmentsErrors.appointment_started('This appointment has already started and can no longer be cancelled.');
  await db.transaction(async (tx) => {
    await tx.update(appointments).set({ status: 'cancelled', cancelledAt: sql`now()`, updatedAt: sql`now()` })
      .where(and(eq(appointments.id, apt.id), eq(appointments.status, 'booked')));
    await audit(tx, opts.actor, 'update', 'appointment', apt.id, { status: 'cancelled' });
  });
  return (await findAppointment(db, { id: apt.id, legalEntityId: apt.legalEntityId }))!;
}

/** Associates mark how an appointment went: completed or no-show (after it started), or cancel it. */
export async function setAppointmentStatus(db: Db, auth: AuthContext, id: string, status: 'completed' | 'no-show' | 'cancelled', now: number) {
  const apt = await findAppointment(db, { id, legalEntityId: auth.legalEntityId });
  if (!apt) throw appointmentsErrors.appointment_not_found('Appointment was not found.');
  if (status === 'cancelled') return cancelAppointment(db, apt, { now, actor: auth });
  if (apt.status === 'cancelled') throw appointmentsErrors.appointment_cancelled('A cancelled appointment cannot be marked as ' + status + '.');
  if (Date.parse(apt.startsAt) > now) throw appointmentsErrors.appointment_not_started('An appointment can be marked as ' + status + ' once it has started.');
  await db.update(appointments).set({ status, updatedAt: sql`now()` })
    .where(and(eq(appointments.id, id), eq(appointments.legalEntityId, auth.legalEntityId)));
  await audit(db, auth, 'update', 'appointment', id, { status });
  return (await findAppointment(db, { id, legalEntityId: auth.legalEntityId }))!;
}

export { type BookableStore, type BookableType };
