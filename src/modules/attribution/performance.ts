import { sql, type Column, type SQL } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';
import { alias } from 'drizzle-orm/pg-core';
import { addressBookMembers, associates, legalEntities, stores } from '../organisation/schema.ts';
import { orders, returns } from '../orders/schema.ts';
import { clientBooks, clientBookMembers } from '../client-book/schema.ts';
import { sentMessages } from '../outreach/queries.ts';
import { appointmentRows } from '../appointments/queries.ts';
import { attributionLedger } from './schema.ts';
import { attributionErrors } from './errors.ts';
import type { AuthContext } from '../auth/context.ts';
import { existingTables } from './optional-tables.ts';
import { getSettings } from './settings.ts';
import type { Static } from '@sinclair/typebox';
import type { PerformanceSchema } from './route-schemas.ts';

// Store performance: the figures a store manager coaches with. Clienteling pays back through repeat
// customers, so repeat revenue, client book growth and retention sit beside plain revenue.

// Derived from the route's schema; the web reads it through the types generated from /openapi.json.
export type StorePerformance = Static<typeof PerformanceSchema>;
export type MonthFigures = StorePerformance['months'][number];

const APPOINTMENT_PURCHASE_DAYS = 7;

const s = stores, le = legalEntities, abm = addressBookMembers, r = returns, e = attributionLedger, a = associates;
const cb = clientBooks, cbm = clientBookMembers, m = sentMessages('m'), ap = appointmentRows('ap');
const o = orders;
/** The customer's earlier orders, beside the order `o` being counted. */
const earlier = alias(orders, 'p');

export async function assertCanSeeStore(db: Db, auth: AuthContext, storeId: string): Promise<{ name: string; timeZone: string; currency: string }> {
  const [store] = await query<{ name: string; timeZone: string; currency: string; works: boolean }>(db, sql`
    select ${s.name} as "name", ${s.timeZone} as "timeZone", ${le.currency} as "currency",
      exists (select 1 from ${abm} where ${abm.addressBookId} = ${s.addressBookId} and ${abm.associateId} = ${auth.associateId}) as "works"
    from ${s} join ${le} on ${le.id} = ${s.legalEntityId}
    where ${s.id} = ${storeId} and ${s.legalEntityId} = ${auth.legalEntityId}`);
  if (!store) throw attributionErrors.store_not_found('Store was not found.');
  // Head office sees every store; a store manager the stores they work in.
  if (!store.works && !auth.permissions.has('attribution.manage')) throw attributionErrors.store_not_worked_in('You may see the performance of the stores you work in.');
  return store;
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

export async function storePerformance(db: Db, legalEntityId: string, storeId: string, store: { name: string; timeZone: string; currency: string }, from: string, to: string): Promise<StorePerformance> {
  if (to < from) throw attributionErrors.date_range_reversed('The end date is before the start date.', { field: 'to' });
  if (Date.parse(to) - Date.parse(from) > 3 * 366 * 86_400_000) throw attributionErrors.date_range_too_long('Choose at most three years.', { field: 'from' });
  const tz = store.timeZone;
  const tables = await existingTables(db);
  const { outreachWindowDays } = await getSettings(db, legalEntityId);
  const start = sql`(${from}::date::timestamp at time zone ${tz})`;
  const end = sql`((${to}::date + 1)::timestamp at time zone ${tz})`;
  const monthOf = (col: Column) => sql`date_trunc('month', ${col} at time zone ${tz})::date`;

  const months = await query<{ month: string }>(db, sql`
    select to_char(m, 'YYYY-MM') as "month" from generate_series(date_trunc('month', ${from}::date), date_trunc('month', ${to}::date), interval '1 month') m`);
  const byMonth = new Map<string, MonthFigures>(months.map((m) => [m.month, {
    month: m.month, revenueMinor: 0, repeatRevenueMinor: 0, returnsMinor: 0, newBookMembers: null, outreachSent: null, outreachConverted: null, appointments: null, appointmentsConverted: null,
  }]));

  // A repeat customer had an order (anywhere in the legal entity) before the period; month by month, before that month.
  // Look-ups keyed by customer carry no legal-entity condition of their own: a customer belongs to one legal
  // entity and the outer query is scoped. Without it the planner, lacking statistics on PGlite, never
  // combines the customer index with the (unselective) legal-entity index.
  const sales = await query<{ month: string; revenue: number; repeatMonth: number; repeatPeriod: number; orderCount: number }>(db, sql`
    select to_char(po.m, 'YYYY-MM') as "month", sum(po."totalMinor")::float8 as "revenue",
      coalesce(sum(po."totalMinor") filter (where po."firstAt" < (po.m at time zone ${tz})), 0)::float8 as "repeatMonth",
      coalesce(sum(po."totalMinor") filter (where po."firstAt" < ${start}), 0)::float8 as "repeatPeriod",
      count(*)::int as "orderCount"
    from (
      select ${o.totalMinor} as "totalMinor", date_trunc('month', ${o.orderedAt} at time zone ${tz}) as m,
        (select min(${earlier.orderedAt}) from ${orders} as ${earlier} where ${earlier.customerId} = ${o.customerId} and ${earlier.status} <> 'cancelled') as "firstAt"
      from ${o}
      where ${o.legalEntityId} = ${legalEntityId} and ${o.storeId} = ${storeId} and ${o.status} <> 'cancelled' and ${o.orderedAt} >= ${start} and ${o.orderedAt} < ${end}) po
    group by 1`);
  const returnRows = await query<{ month: string; refund: number }>(db, sql`
    select to_char(${monthOf(r.returnedAt)}, 'YYYY-MM') as "month", sum(${r.refundMinor})::float8 as "refund"
    from ${r} where ${r.legalEntityId} = ${legalEntityId} and ${r.storeId} = ${storeId} and ${r.returnedAt} >= ${start} and ${r.returnedAt} < ${end}
    group by 1`);
  for (const row of sales) { const month = byMonth.get(row.month); if (month) { month.revenueMinor = row.revenue; month.repeatRevenueMinor = row.repeatMonth; } }
  for (const ret of returnRows) { const month = byMonth.get(ret.month); if (month) month.returnsMinor = ret.refund; }
  const revenueMinor = sales.reduce((sum, row) => sum + row.revenue, 0);
  const repeatRevenueMinor = sales.reduce((sum, row) => sum + row.repeatPeriod, 0);

  const storeAssociates = sql`(select ${abm.associateId} from ${abm} join ${s} on ${s.addressBookId} = ${abm.addressBookId} where ${s.id} = ${storeId})`;
  const clientBook = { available: false, newMembers: 0, members: 0, previousBuyers: 0, retained: 0, retention: null as number | null };
  if (tables.has('client_books') && tables.has('client_book_members')) {
    clientBook.available = true;
    // A membership ends by its row being deleted, so a book's members at a date are those added before it.
    const activeAt = (at: SQL) => sql`${cbm.addedAt} < ${at}`;
    const books = sql`${cbm} join ${cb} on ${cb.id} = ${cbm.clientBookId}
      where ${cb.legalEntityId} = ${legalEntityId} and ${cb.associateId} in ${storeAssociates}`;
    const added = await query<{ month: string; n: number }>(db, sql`
      select to_char(${monthOf(cbm.addedAt)}, 'YYYY-MM') as "month", count(*)::int as "n" from ${books}
        and ${cbm.addedAt} >= ${start} and ${cbm.addedAt} < ${end} group by 1`);
    for (const month of byMonth.values()) month.newBookMembers = 0;
    for (const row of added) { const month = byMonth.get(row.month); if (month) month.newBookMembers = row.n; }
    clientBook.newMembers = added.reduce((sum, row) => sum + row.n, 0);
    // Retention: book customers (at the start) who bought in the equally long period before; how many bought again in this one.
    const [ret] = await query<{ members: number; previousBuyers: number; retained: number }>(db, sql`
      with members as (select distinct ${cbm.customerId} as "customerId" from ${books} and ${activeAt(start)}),
      bought as (
        select ${o.customerId} as "customerId", bool_or(${o.orderedAt} < ${start}) as "before", bool_or(${o.orderedAt} >= ${start}) as "now"
        from ${o} where ${o.legalEntityId} = ${legalEntityId} and ${o.status} <> 'cancelled'
          and ${o.orderedAt} >= ${start} - (${end} - ${start}) and ${o.orderedAt} < ${end}
          and ${o.customerId} in (select "customerId" from members)
        group by ${o.customerId})
      select (select count(*) from (select distinct ${cbm.customerId} from ${books} and ${activeAt(end)}) x)::int as "members",
        count(*) filter (where "before")::int as "previousBuyers", count(*) filter (where "before" and "now")::int as "retained"
      from bought`);
    Object.assign(clientBook, { members: ret.members, previousBuyers: ret.previousBuyers, retained: ret.retained, retention: ratio(ret.retained, ret.previousBuyers) });
  }

  const outreach = { available: false, sent: 0, converted: 0, conversion: null as number | null };
  if (tables.has('outreach_messages')) {
    outreach.available = true;
    const rows = await query<{ month: string; sent: number; converted: number }>(db, sql`
      select to_char(${monthOf(m.sentAt)}, 'YYYY-MM') as "month", count(*)::int as "sent",
        count(*) filter (where exists (select 1 from ${o} where ${o.customerId} = ${m.customerId}
          and ${o.status} <> 'cancelled' and ${o.orderedAt} >= ${m.sentAt} and ${o.orderedAt} < ${m.sentAt} + (${outreachWindowDays}::int * interval '1 day')))::int as "converted"
      from ${m}
      where ${m.legalEntityId} = ${legalEntityId} and ${m.customerId} is not null and ${m.sentAt} >= ${start} and ${m.sentAt} < ${end}
        and ${m.associateId} in ${storeAssociates}
      group by 1`);
    for (const month of byMonth.values()) { month.outreachSent = 0; month.outreachConverted = 0; }
    for (const row of rows) { const month = byMonth.get(row.month); if (month) { month.outreachSent = row.sent; month.outreachConverted = row.converted; } }
    outreach.sent = rows.reduce((sum, row) => sum + row.sent, 0);
    outreach.converted = rows.reduce((sum, row) => sum + row.converted, 0);
    outreach.conversion = ratio(outreach.converted, outreach.sent);
  }

  const appointments = { available: false, total: 0, completed: 0, converted: 0, conversion: null as number | null };
  if (tables.has('appointments')) {
    appointments.available = true;
    // Cancelled appointments are not opportunities; completed ones convert when the customer buys within a week.
    const rows = await query<{ month: string; total: number; completed: number; converted: number }>(db, sql`
      select to_char(${monthOf(ap.startsAt)}, 'YYYY-MM') as "month", count(*)::int as "total",
        count(*) filter (where ${ap.status} = 'completed')::int as "completed",
        count(*) filter (where ${ap.status} = 'completed' and exists (select 1 from ${o}
          where ${o.customerId} = ${ap.customerId} and ${o.status} <> 'cancelled'
          and ${o.orderedAt} >= ${ap.startsAt} and ${o.orderedAt} < ${ap.startsAt} + (${APPOINTMENT_PURCHASE_DAYS}::int * interval '1 day')))::int as "converted"
      from ${ap}
      where ${ap.legalEntityId} = ${legalEntityId} and ${ap.storeId} = ${storeId} and ${ap.status} <> 'cancelled' and ${ap.startsAt} >= ${start} and ${ap.startsAt} < ${end}
      group by 1`);
    for (const month of byMonth.values()) { month.appointments = 0; month.appointmentsConverted = 0; }
    for (const row of rows) { const month = byMonth.get(row.month); if (month) { month.appointments = row.total; month.appointmentsConverted = row.converted; } }
    appointments.total = rows.reduce((sum, row) => sum + row.total, 0);
    appointments.completed = rows.reduce((sum, row) => sum + row.completed, 0);
    appointments.converted = rows.reduce((sum, row) => sum + row.converted, 0);
    appointments.conversion = ratio(appointments.converted, appointments.total);
  }

  const leaders = await query<{ associateId: string; name: string; attributedMinor: number; returnsMinor: number; lines: number }>(db, sql`
    select ${e.associateId} as "associateId", ${a.displayName} as "name", sum(${e.amountMinor})::float8 as "attributedMinor",
      coalesce(sum(${e.amountMinor}) filter (where ${e.reversedBy} is not null), 0)::float8 as "returnsMinor",
      count(distinct ${e.orderLineId}) filter (where ${e.reversedBy} is null)::int as "lines"
    from ${e} join ${a} on ${a.id} = ${e.associateId}
    where ${e.legalEntityId} = ${legalEntityId} and ${e.storeId} = ${storeId} and ${e.attributedAt} >= ${start} and ${e.attributedAt} < ${end}
    group by ${e.associateId}, ${a.displayName}
    order by 3 desc, 2`);

  return {
    store: { id: storeId, name: store.name, currency: store.currency }, from, to, outreachWindowDays,
    revenueMinor, returnsMinor: returnRows.reduce((sum, ret) => sum + ret.refund, 0), repeatRevenueMinor, repeatShare: ratio(repeatRevenueMinor, revenueMinor),
    orders: sales.reduce((sum, row) => sum + row.orderCount, 0), clientBook, outreach, appointments,
    leaderboard: leaders.map((l) => ({ ...l, share: ratio(l.attributedMinor, revenueMinor) })),
    months: [...byMonth.values()],
  };
}
