import { sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';
import { appointmentsErrors } from './errors.ts';
import { audit } from '../audit/service.ts';
import type { AuthContext } from '../auth/context.ts';
import { bookAppointment, type AppointmentRecord } from './booking-service.ts';

// Associates booking for a named customer from the app, and the customer's appointments on their profile.

interface CustomerForBooking { id: string; name: string; email: string | null; phone: string | null; erasedAt: string | null; mergedIntoId: string | null }

async function customerOf(db: Db, auth: AuthContext, customerId: string): Promise<CustomerForBooking> {
  const rows = await query<CustomerForBooking>(db, sql`
    select id, trim(first_name || ' ' || last_name) as name, email, phone, erased_at as "erasedAt", merged_into_id as "mergedIntoId"
    from customers where id = ${customerId} and legal_entity_id = ${auth.legalEntityId}`);
  const c = rows[0];
  if (!c || c.erasedAt) throw appointmentsErrors.customer_not_found('Customer was not found.', { field: 'customerId' });
  if (c.mergedIntoId) throw appointmentsErrors.customer_merged('This customer record was merged into another: book on the remaining record.', { field: 'customerId' });
  return c;
}

export interface AssociateBookingInput {
  customerId: string; storeId: string; appointmentTypeId: string; startsAt: string;
  /** Omitted: the signed-in associate. null: whichever associate is free. */
  associateId?: string | null;
  message?: string | null;
}

/**
 * Books for a customer of the legal entity with the same slot rules and overlap protection as the public page.
 * The appointment carries the customer's email as it is now; a customer without one is booked all the same
 * (no confirmation can be sent: the caller is told).
 */
export async function bookForCustomer(db: Db, auth: AuthContext, input: AssociateBookingInput, now: number): Promise<AppointmentRecord> {
  const c = await customerOf(db, auth, input.customerId);
  const associateId = input.associateId === undefined ? auth.associateId : input.associateId ?? undefined;
  return bookAppointment(db, {
    storeId: input.storeId, appointmentTypeId: input.appointmentTypeId, startsAt: input.startsAt, associateId,
    name: c.name || 'Customer', email: c.email ?? '', phone: c.phone, message: input.message ?? null, customerId: c.id,
  }, { now, actor: auth, via: 'associate', legalEntityId: auth.legalEntityId });
}

export interface CustomerAppointment {
  id: string; publicId: string; status: string; startsAt: string; endsAt: string; storeId: string; storeName: string; timeZone: string;
  appointmentTypeId: string; typeName: string; associateId: string; associateName: string; bookedVia: string; customerMessage: string | null;
}

/** A customer's appointments: upcoming (booked, not yet ended) soonest first, then the rest most recent first. */
export async function customerAppointments(db: Db, auth: AuthContext, customerId: string, now: number, limit = 20) {
  await customerOf(db, auth, customerId);
  const rows = await query<CustomerAppointment & { upcoming: boolean }>(db, sql`
    select a.id, a.public_id as "publicId", a.status,
      to_char(a.starts_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "startsAt", to_char(a.ends_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "endsAt",
      a.store_id as "storeId", s.name as "storeName", s.time_zone as "timeZone", a.appointment_type_id as "appointmentTypeId", t.name as "typeName",
      a.associate_id as "associateId", asc_.display_name as "associateName", a.booked_via as "bookedVia", a.customer_message as "customerMessage",
      (a.status = 'booked' and a.ends_at > ${new Date(now).toISOString()}::timestamptz) as upcoming
    from appointments a join stores s on s.id = a.store_id join appointment_types t on t.id = a.appointment_type_id
      join associates asc_ on asc_.id = a.associate_id
    where a.customer_id = ${customerId} and a.legal_entity_id = ${auth.legalEntityId}
    order by a.starts_at desc limit ${limit * 2}`);
  await audit(db, auth, 'read', 'customer', customerId, { via: 'appointments' });
  const strip = ({ upcoming: _u, ...r }: CustomerAppointment & { upcoming: boolean }) => r;
  return {
    upcoming: rows.filter((r) => r.upcoming).reverse().slice(0, limit).map(strip),
    past: rows.filter((r) => !r.upcoming).slice(0, limit).map(strip),
  };
}
