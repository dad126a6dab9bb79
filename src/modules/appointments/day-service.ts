import { sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { query, type Db } from '../../db/client.ts';
import { legalEntities, stores, associates } from '../organisation/schema.ts';
import { customers } from '../customers/schema.ts';
import { listNotes } from '../activities/service.ts';
import { productsOftenBoughtWith } from '../recommendations/queries.ts';
import { appointments, appointmentTypes } from './schema.ts';
import { isoUtc } from './queries.ts';
import { appointmentsErrors } from './errors.ts';
import { audit } from '../audit/service.ts';
import type { AuthContext } from '../auth/context.ts';
import { recentOrders, spendingTotals, preferences, loyalty, wishlist } from '../customer-profile/queries.ts';
import { addDays, formatLocalDate, localDateOf, localToUtc, parseLocalDate } from './slots.ts';
import type { DayAppointment, PreparationSheet } from './appointment-schemas.ts';

async function zoneOf(db: Db, auth: AuthContext, storeId: string | null): Promise<string> {
  const rows = storeId
    ? await query<{ tz: string }>(db, sql`select ${stores.timeZone} as tz from ${stores} where ${stores.id} = ${storeId} and ${stores.legalEntityId} = ${auth.legalEntityId}`)
    : await query<{ tz: string }>(db, sql`select ${legalEntities.timeZone} as tz from ${legalEntities} where ${legalEntities.id} = ${auth.legalEntityId}`);
  if (!rows[0]) throw appointmentsErrors.store_not_found('Store was not found.', { field: 'storeId' });
  return rows[0].tz;
}

/**
 * A day's appointments: the caller's own by default, or the whole store's. The day is the store's local day
 * (an associate in Paris at 00:30 sees that morning's, not yesterday's).
 */
export async function dayAppointments(db: Db, auth: AuthContext, opts: { date?: string; scope: 'mine' | 'store'; storeId?: string; now: number }): Promise<{ date: string; timeZone: string; items: DayAppointment[] }> {
  const storeId = opts.storeId ?? auth.storeId;
  if (opts.scope === 'store' && !storeId) throw appointmentsErrors.store_required('Choose a store to see its appointments.', { field: 'storeId' });
  const tz = await zoneOf(db, auth, storeId);
  const date = opts.date ? parseLocalDate(opts.date) : localDateOf(opts.now, tz);
  const from = new Date(localToUtc(date, 0, tz) ?? 0).toISOString();
  const to = new Date(localToUtc(addDays(date, 1), 0, tz) ?? 0).toISOString();
  const a = alias(appointments, 'a');
  const s = alias(stores, 's');
  const t = alias(appointmentTypes, 't');
  const asc_ = alias(associates, 'asc_');
  const items = await query<DayAppointment>(db, sql`
    select ${a.id}, ${a.publicId} as "publicId", ${a.status}, ${isoUtc(a.startsAt)} as "startsAt", ${isoUtc(a.endsAt)} as "endsAt",
      ${a.storeId} as "storeId", ${s.name} as "storeName", ${t.name} as "typeName", ${t.durationMinutes} as "durationMinutes",
      ${a.associateId} as "associateId", ${asc_.displayName} as "associateName", ${a.customerId} as "customerId",
      ${a.customerName} as "customerName", ${a.customerEmail} as "customerEmail", ${a.customerPhone} as "customerPhone",
      ${a.customerMessage} as "customerMessage", ${a.bookedVia} as "bookedVia"
    from ${appointments} as ${a} join ${stores} as ${s} on ${s.id} = ${a.storeId} join ${appointmentTypes} as ${t} on ${t.id} = ${a.appointmentTypeId}
      join ${associates} as ${asc_} on ${asc_.id} = ${a.associateId}
    where ${a.legalEntityId} = ${auth.legalEntityId} and ${a.startsAt} >= ${from}::timestamptz and ${a.startsAt} < ${to}::timestamptz
      and ${a.status} <> 'cancelled'
      ${opts.scope === 'mine' ? sql`and ${a.associateId} = ${auth.associateId}` : sql`and ${a.storeId} = ${storeId}`}
    order by ${a.startsAt}, ${asc_.displayName}`);
  return { date: formatLocalDate(date), timeZone: tz, items };
}

export type { PreparationSheet };

/** What an associate reads before the customer arrives: who they are, what they bought, notes and ideas. */
export async function preparationSheet(db: Db, auth: AuthContext, appointmentId: string): Promise<PreparationSheet | null> {
  const apt = (await query<{ customerId: string | null; storeId: string; appointmentId: string }>(db, sql`
    select ${appointments.customerId} as "customerId", ${appointments.storeId} as "storeId", ${appointments.id} as "appointmentId" from ${appointments}
    where ${appointments.id} = ${appointmentId} and ${appointments.legalEntityId} = ${auth.legalEntityId}`))[0];
  if (!apt) throw appointmentsErrors.appointment_not_found('Appointment was not found.');
  if (!apt.customerId) return null;
  const le = auth.legalEntityId;
  const c_ = customers;
  const c = (await query<PreparationSheet['customer']>(db, sql`
    select ${c_.id}, ${c_.accountNumber} as "accountNumber", trim(${c_.firstName} || ' ' || ${c_.lastName}) as name, ${c_.email}, ${c_.phone}, ${c_.isVip} as "isVip",
      ${c_.birthDate}::text as "birthDate", ${c_.language}, ${c_.createdAt}::date::text as "customerSince", null as "loyaltyTier", null as "loyaltyPoints"
    from ${c_} where ${c_.id} = ${apt.customerId} and ${c_.legalEntityId} = ${le} and ${c_.erasedAt} is null`))[0];
  if (!c) return null;
  const currency = (await query<{ currency: string }>(db, sql`select ${legalEntities.currency} from ${legalEntities} where ${legalEntities.id} = ${le}`))[0].currency;
  const [orders, totals, prefs, loyal, wish] = await Promise.all([
    recentOrders(db, le, c.id, 3), spendingTotals(db, le, c.id), preferences(db, le, c.id), loyalty(db, le, c.id), wishlist(db, le, c.id, apt.storeId),
  ]);
  c.loyaltyTier = loyal?.tier ?? null;
  c.loyaltyPoints = loyal?.pointsBalance ?? null;
  // Notes belong to the activities capability and are shown as its visibility rules say.
  const notes = (await listNotes(db, auth, c.id, { limit: 5 })).map((n) => ({ body: n.body, authorName: n.authorName, createdAt: n.createdAt }));
  const pa = appointments;
  const previous = await query<PreparationSheet['previousAppointments'][number]>(db, sql`
    select ${isoUtc(pa.startsAt)} as "startsAt", ${appointmentTypes.name} as "typeName", ${pa.status}
    from ${pa} join ${appointmentTypes} on ${appointmentTypes.id} = ${pa.appointmentTypeId}
    where ${pa.customerId} = ${c.id} and ${pa.legalEntityId} = ${le} and ${pa.id} <> ${appointmentId}
    order by ${pa.startsAt} desc limit 3`);
  await audit(db, auth, 'read', 'customer', c.id, { via: 'appointment-preparation', appointmentId });
  return {
    customer: c,
    spending: { orderCount: totals.orderCount, totalMinor: totals.totalMinor, last12MonthsMinor: totals.last12MonthsMinor, lastPurchaseAt: totals.lastPurchaseAt, currency },
    recentPurchases: orders.map((o) => ({
      orderedAt: o.orderedAt, storeName: o.storeName, channel: o.channel, totalMinor: o.totalMinor, currency: o.currency,
      items: o.lines.map((l) => ({ name: l.name, brand: l.brand, quantity: l.quantity })),
    })),
    preferences: prefs.map((p) => ({ kind: p.kind, qualifier: p.qualifier, value: p.value })),
    wishlist: wish.slice(0, 5).map((w) => ({ name: w.name, brand: w.brand, onHandHere: w.onHandHere })),
    notes,
    recommendations: await recommendationsFor(db, le, c.id, wish.map((w) => w.name)),
    previousAppointments: previous,
  };
}

/**
 * Conversation starters: wish-list items in stock come from the profile; products often bought with what the
 * customer bought (from the recommendations capability's mined rules, when present) are added here.
 */
async function recommendationsFor(db: Db, le: string, customerId: string, exclude: string[]): Promise<PreparationSheet['recommendations']> {
  try {
    const rows = (await productsOftenBoughtWith(db, le, customerId, 5)).map((name) => ({ name }));
    return rows.filter((r) => !exclude.includes(r.name)).map((r) => ({ name: r.name, reason: 'Often bought with their past purchases', kind: 'often-bought-with' as const }));
  } catch {
    return [];
  }
}
