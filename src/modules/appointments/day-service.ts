import { sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';
import { appointmentsErrors } from './errors.ts';
import { audit } from '../audit/service.ts';
import type { AuthContext } from '../auth/context.ts';
import { recentOrders, spendingTotals, preferences, loyalty, wishlist } from '../customer-profile/queries.ts';
import { addDays, formatLocalDate, localDateOf, localToUtc, parseLocalDate } from './slots.ts';
import type { PreparationSheet } from '../../../shared/api/appointments.ts';

export interface DayAppointment {
  id: string; publicId: string; status: string; startsAt: string; endsAt: string; storeId: string; storeName: string;
  typeName: string; durationMinutes: number; associateId: string; associateName: string; customerId: string | null;
  customerName: string; customerEmail: string; customerPhone: string | null; customerMessage: string | null; bookedVia: string;
}

async function zoneOf(db: Db, auth: AuthContext, storeId: string | null): Promise<string> {
  const rows = storeId
    ? await query<{ tz: string }>(db, sql`select time_zone as tz from stores where id = ${storeId} and legal_entity_id = ${auth.legalEntityId}`)
    : await query<{ tz: string }>(db, sql`select time_zone as tz from legal_entities where id = ${auth.legalEntityId}`);
  if (!rows[0]) throw appointmentsErrors.store_not_found('Store was not found.', { field: 'storeId' });
  return rows[0].tz;
}

/**
 * A day's appointments: the caller's own by default, or the whole store's. The day is the store's local day
 * (an associate in Paris at 00:30 sees that morning's, not yesterday's).
 */
export async function dayAppointments(db: Db, auth: AuthContext, opts: { date?: string; scope: 'mine' | 'store'; storeId?: string; now: number }) {
  const storeId = opts.storeId ?? auth.storeId;
  if (opts.scope === 'store' && !storeId) throw appointmentsErrors.store_required('Choose a store to see its appointments.', { field: 'storeId' });
  const tz = await zoneOf(db, auth, storeId);
  const date = opts.date ? parseLocalDate(opts.date) : localDateOf(opts.now, tz);
  const from = new Date(localToUtc(date, 0, tz) ?? 0).toISOString();
  const to = new Date(localToUtc(addDays(date, 1), 0, tz) ?? 0).toISOString();
  const items = await query<DayAppointment>(db, sql`
    select a.id, a.public_id as "publicId", a.status,
      to_char(a.starts_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "startsAt", to_char(a.ends_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "endsAt",
      a.store_id as "storeId", s.name as "storeName", t.name as "typeName", t.duration_minutes as "durationMinutes",
      a.associate_id as "associateId", asc_.display_name as "associateName", a.customer_id as "customerId",
      a.customer_name as "customerName", a.customer_email as "customerEmail", a.customer_phone as "customerPhone",
      a.customer_message as "customerMessage", a.booked_via as "bookedVia"
    from appointments a join stores s on s.id = a.store_id join appointment_types t on t.id = a.appointment_type_id
      join associates asc_ on asc_.id = a.associate_id
    where a.legal_entity_id = ${auth.legalEntityId} and a.starts_at >= ${from}::timestamptz and a.starts_at < ${to}::timestamptz
      and a.status <> 'cancelled'
      ${opts.scope === 'mine' ? sql`and a.associate_id = ${auth.associateId}` : sql`and a.store_id = ${storeId}`}
    order by a.starts_at, asc_.display_name`);
  return { date: formatLocalDate(date), timeZone: tz, items };
}

export type { PreparationSheet };

async function tableExists(db: Db, name: string) {
  const rows = await query<{ ok: boolean }>(db, sql`select to_regclass(${name}) is not null as ok`);
  return !!rows[0]?.ok;
}

/** What an associate reads before the customer arrives: who they are, what they bought, notes and ideas. */
export async function preparationSheet(db: Db, auth: AuthContext, appointmentId: string): Promise<PreparationSheet | null> {
  const apt = (await query<{ customerId: string | null; storeId: string; appointmentId: string }>(db, sql`
    select customer_id as "customerId", store_id as "storeId", id as "appointmentId" from appointments
    where id = ${appointmentId} and legal_entity_id = ${auth.legalEntityId}`))[0];
  if (!apt) throw appointmentsErrors.appointment_not_found('Appointment was not found.');
  if (!apt.customerId) return null;
  const le = auth.legalEntityId;
  const c = (await query<PreparationSheet['customer']>(db, sql`
    select c.id, c.account_number as "accountNumber", trim(c.first_name || ' ' || c.last_name) as name, c.email, c.phone, c.is_vip as "isVip",
      c.birth_date::text as "birthDate", c.language, c.created_at::date::text as "customerSince", null as "loyaltyTier", null as "loyaltyPoints"
    from customers c where c.id = ${apt.customerId} and c.legal_entity_id = ${le} and c.erased_at is null`))[0];
  if (!c) return null;
  const currency = (await query<{ currency: string }>(db, sql`select currency from legal_entities where id = ${le}`))[0].currency;
  const [orders, totals, prefs, loyal, wish] = await Promise.all([
    recentOrders(db, le, c.id, 3), spendingTotals(db, le, c.id), preferences(db, le, c.id), loyalty(db, le, c.id), wishlist(db, le, c.id, apt.storeId),
  ]);
  c.loyaltyTier = loyal?.tier ?? null;
  c.loyaltyPoints = loyal?.pointsBalance ?? null;
  // Notes belong to the activities capability; shown as its visibility rules say (everyone, this store, or the author only).
  const notes = (await tableExists(db, 'customer_notes')) ? await query<PreparationSheet['notes'][number]>(db, sql`
    select n.body, a.display_name as "authorName", n.created_at::text as "createdAt" from customer_notes n join associates a on a.id = n.author_id
    where n.customer_id = ${c.id} and n.legal_entity_id = ${le}
      and (n.visibility = 'everyone' or (n.visibility = 'store' and n.store_id = ${auth.storeId}) or n.author_id = ${auth.associateId})
    order by n.created_at desc limit 5`) : [];
  const previous = await query<PreparationSheet['previousAppointments'][number]>(db, sql`
    select to_char(a.starts_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "startsAt", t.name as "typeName", a.status
    from appointments a join appointment_types t on t.id = a.appointment_type_id
    where a.customer_id = ${c.id} and a.legal_entity_id = ${le} and a.id <> ${appointmentId}
    order by a.starts_at desc limit 3`);
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
  if (!(await tableExists(db, 'product_association_rules'))) return [];
  try {
    const rows = await query<{ name: string }>(db, sql`
      with bought as (select distinct l.product_id from orders o join order_lines l on l.order_id = o.id
        where o.customer_id = ${customerId} and o.legal_entity_id = ${le})
      select p.name from product_association_rules r join products p on p.id = r.consequent_product_id
      where r.legal_entity_id = ${le} and r.antecedent_product_id in (select product_id from bought)
        and r.consequent_product_id not in (select product_id from bought)
      group by p.name order by max(r.lift) desc limit 5`);
    return rows.filter((r) => !exclude.includes(r.name)).map((r) => ({ name: r.name, reason: 'Often bought with their past purchases' }));
  } catch {
    return [];
  }
}
