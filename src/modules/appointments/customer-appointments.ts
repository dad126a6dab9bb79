import { sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { query, type Db } from '../../db/client.ts';
import { stores, associates } from '../organisation/schema.ts';
import { customers } from '../customers/schema.ts';
import { appointments, appointmentTypes } from './schema.ts';
import { isoUtc } from './queries.ts';
import { appointmentsErrors } from './errors.ts';
import { audit } from '../audit/service.ts';
import type { AuthContext } from '../auth/context.ts';
import { bookAppointment, type AppointmentRecord } from './booking-service.ts';
import type { AssociateBookingInput, CustomerAppointment, CustomerAppointments } from './appointment-schemas.ts';

// Associates booking for a named customer from the app, and the customer's appointments on their profile.

interface CustomerForBooking { id: string; name: string; email: string | null; phone: string | null; erasedAt: string | null; mergedIntoId: string | null }

async function customerOf(db: Db, auth: AuthContext, customerId: string): Promise<CustomerForBooking> {
  const rows = await query<CustomerForBooking>(db, sql`
    select ${customers.id}, trim(${customers.firstName} || ' ' || ${customers.lastName}) as name, ${customers.email}, ${customers.phone},
      ${customers.erasedAt} as "erasedAt", ${customers.mergedIntoId} as "mergedIntoId"
    from ${customers} where ${customers.id} = ${customerId} and ${customers.legalEntityId} = ${auth.legalEntityId}`);
  const c = rows[0];
  if (!c || c.erasedAt) throw appointmentsErrors.customer_not_found('Customer was not found.', { field: 'customerId' });
  if (c.mergedIntoId) throw appointmentsErrors.customer_merged('This customer record was merged into another: book on the remaining record.', { field: 'customerId' });
  return c;
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

/** A customer's appointments: upcoming (booked, not yet ended) soonest first, then the rest most recent first. */
export async function customerAppointments(db: Db, auth: AuthContext, customerId: string, now: number, limit = 20): Promise<CustomerAppointments> {
  await customerOf(db, auth, customerId);
  const a = alias(appointments, 'a');
  const s = alias(stores, 's');
  const t = alias(appointmentTypes, 't');
  const asc_ = alias(associates, 'asc_');
  const rows = await query<CustomerAppointment & { upcoming: boolean }>(db, sql`
    select ${a.id}, ${a.publicId} as "publicId", ${a.status}, ${isoUtc(a.startsAt)} as "startsAt", ${isoUtc(a.endsAt)} as "endsAt",
      ${a.storeId} as "storeId", ${s.name} as "storeName", ${s.timeZone} as "timeZone", ${a.appointmentTypeId} as "appointmentTypeId", ${t.name} as "typeName",
      ${a.associateId} as "associateId", ${asc_.displayName} as "associateName", ${a.bookedVia} as "bookedVia", ${a.customerMessage} as "customerMessage",
      (${a.status} = 'booked' and ${a.endsAt} > ${new Date(now).toISOString()}::timestamptz) as upcoming
    from ${appointments} as ${a} join ${stores} as ${s} on ${s.id} = ${a.storeId} join ${appointmentTypes} as ${t} on ${t.id} = ${a.appointmentTypeId}
      join ${associates} as ${asc_} on ${asc_.id} = ${a.associateId}
    where ${a.customerId} = ${customerId} and ${a.legalEntityId} = ${auth.legalEntityId}
    order by ${a.startsAt} desc limit ${limit * 2}`);
  await audit(db, auth, 'read', 'customer', customerId, { via: 'appointments' });
  const strip = ({ upcoming: _u, ...r }: CustomerAppointment & { upcoming: boolean }) => r;
  return {
    upcoming: rows.filter((r) => r.upcoming).reverse().slice(0, limit).map(strip),
    past: rows.filter((r) => !r.upcoming).slice(0, limit).map(strip),
  };
}

/**
 * The customers of the legal entity with an appointment (not cancelled) on a local date of its time zone: the
 * associate's inbox puts their prompts first, so the associate prepares before they arrive.
 */
export async function customersWithAppointmentOn(db: Db, legalEntityId: string, localDate: string, timeZone: string): Promise<string[]> {
  const rows = await query<{ customerId: string }>(db, sql`
    select distinct ${appointments.customerId} as "customerId" from ${appointments}
    where ${appointments.legalEntityId} = ${legalEntityId} and ${appointments.customerId} is not null and ${appointments.status} <> 'cancelled'
      and (${appointments.startsAt} at time zone ${timeZone})::date = ${localDate}::date`);
  return rows.map((r) => r.customerId);
}
