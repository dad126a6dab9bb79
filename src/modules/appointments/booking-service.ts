import { sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';
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

const appointmentColumns = sql`a.id, a.public_id as "publicId", a.legal_entity_id as "legalEntityId", a.store_id as "storeId",
  a.appointment_type_id as "appointmentTypeId", a.associate_id as "associateId", a.customer_id as "customerId", a.status,
  to_char(a.starts_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "startsAt",
  to_char(a.ends_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "endsAt",
  to_char(a.blocked_until at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "blockedUntil",
  a.customer_name as "customerName", a.customer_email as "customerEmail", a.customer_phone as "customerPhone",
  a.customer_message as "customerMessage", a.created_at::text as "createdAt", to_char(a.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "updatedAt",
  s.name as "storeName", s.time_zone as "storeTimeZone", s.address as "storeAddress", s.city as "storeCity",
  t.name as "typeName", asc_.display_name as "associateName", asc_.email as "associateEmail",
  coalesce(cust.language, 'en') as "customerLanguage"`;
const appointmentFrom = sql`from appointments a join stores s on s.id = a.store_id join appointment_types t on t.id = a.appointment_type_id
  join associates asc_ on asc_.id = a.associate_id left join customers cust on cust.id = a.customer_id`;

export async function findAppointment(db: Db, where: { publicId: string } | { id: string; legalEntityId: string }): Promise<AppointmentRecord | null> {
  const rows = await query<AppointmentRecord>(db, sql`select ${appointmentColumns} ${appointmentFrom}
    where ${'publicId' in where ? sql`a.public_id = ${where.publicId}` : sql`a.id = ${where.id} and a.legal_entity_id = ${where.legalEntityId}`}`);
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
  const rows = await query<{ associateId: string }>(db, sql`
    select cb.associate_id as "associateId" from client_book_members m join client_books cb on cb.id = m.client_book_id
    where m.customer_id = ${customerId} and m.legal_entity_id = ${legalEntityId} and cb.legal_entity_id = ${legalEntityId}
    order by m.is_primary desc, m.added_at limit 1`).catch(() => []);
  return rows[0]?.associateId ?? null;
}

/** A live (not erased, not merged) customer of the legal entity with this email, oldest first. */
export async function customerByEmail(db: Db, legalEntityId: string, email: string): Promise<string | null> {
  const rows = await query<{ id: string }>(db, sql`
    select id from customers where legal_entity_id = ${legalEntityId} and lower(email) = ${email.toLowerCase()}
      and erased_at is null and merged_into_id is null order by created_at, id limit 1`);
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
      const id = await db.transaction(async (txx) => {
        const tx: Db = txx;
        const customerId = knownCustomerId ?? (await createLightCustomer(tx, store, input));
        const rows = await query<{ id: string }>(tx, sql`
          insert into appointments (public_id, legal_entity_id, store_id, appointment_type_id, associate_id, customer_id, status,
            starts_at, ends_at, blocked_until, customer_name, customer_email, customer_phone, customer_message, booked_via)
          values (${newPublicId()}, ${store.legalEntityId}, ${store.id}, ${type.id}, ${associateId}, ${customerId}, 'booked',
            ${new Date(slot.startsAt).toISOString()}, ${new Date(slot.endsAt).toISOString()}, ${new Date(slot.blockedUntil).toISOString()},
            ${input.name.trim()}, ${input.email.toLowerCase()}, ${input.phone ?? null}, ${input.message ?? null}, ${opts.via})
          returning id`);
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
    select associate_id as "associateId", count(*)::int as n from appointments
    where status = 'booked' and associate_id in (${sql.join(associateIds.map((id) => sql`${id}::uuid`), sql`, `)})
      and starts_at between ${new Date(day.getTime() - 12 * 3600_000).toISOString()}::timestamptz and ${new Date(day.getTime() + 12 * 3600_000).toISOString()}::timestamptz
    group by associate_id`);
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
      await db.transaction(async (txx) => {
        const tx: Db = txx;
        await tx.execute(sql`update appointments set associate_id = ${associateId}, starts_at = ${new Date(slot.startsAt).toISOString()},
          ends_at = ${new Date(slot.endsAt).toISOString()}, blocked_until = ${new Date(slot.blockedUntil).toISOString()},
          reminder_sent_at = null, updated_at = now()
          where id = ${apt.id} and status = 'booked'`);
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
  await db.transaction(async (txx) => {
    const tx: Db = txx;
    await tx.execute(sql`update appointments set status = 'cancelled', cancelled_at = now(), updated_at = now() where id = ${apt.id} and status = 'booked'`);
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
  await db.execute(sql`update appointments set status = ${status}, updated_at = now() where id = ${id} and legal_entity_id = ${auth.legalEntityId}`);
  await audit(db, auth, 'update', 'appointment', id, { status });
  return (await findAppointment(db, { id, legalEntityId: auth.legalEntityId }))!;
}

export { type BookableStore, type BookableType };
