import { sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';
import { attributionErrors } from './errors.ts';
import type { AuthContext } from '../auth/context.ts';
import { existingTables } from './optional-tables.ts';
import { getSettings } from './settings.ts';
import type { MonthFigures, StorePerformance } from '../../../shared/api/attribution.ts';

// Store performance: the figures a store manager coaches with. Clienteling pays back through repeat
// customers, so repeat revenue, client book growth and retention sit beside plain revenue.

export type { MonthFigures, StorePerformance };

const APPOINTMENT_PURCHASE_DAYS = 7;

export async function assertCanSeeStore(db: Db, auth: AuthContext, storeId: string): Promise<{ name: string; timeZone: string; currency: string }> {
  const [store] = await query<{ name: string; timeZone: string; currency: string; works: boolean }>(db, sql`
    select s.name, s.time_zone as "timeZone", le.currency,
      exists (select 1 from address_book_members m where m.address_book_id = s.address_book_id and m.associate_id = ${auth.associateId}) as "works"
    from stores s join legal_entities le on le.id = s.legal_entity_id
    where s.id = ${storeId} and s.legal_entity_id = ${auth.legalEntityId}`);
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
  const monthOf = (col: ReturnType<typeof sql>) => sql`date_trunc('month', ${col} at time zone ${tz})::date`;

  const months = await query<{ month: string }>(db, sql`
    select to_char(m, 'YYYY-MM') as "month" from generate_series(date_trunc('month', ${from}::date), date_trunc('month', ${to}::date), interval '1 month') m`);
  const byMonth = new Map<string, MonthFigures>(months.map((m) => [m.month, {
    month: m.month, revenueMinor: 0, repeatRevenueMinor: 0, returnsMinor: 0, newBookMembers: null, outreachSent: null, outreachConverted: null, appointments: null, appointmentsConverted: null,
  }]));

  // A repeat customer had an order (anywhere in the legal entity) before the period; month by month, before that month.
  // Look-ups keyed by customer carry no legal-entity condition of their own: a customer belongs to one legal
  // entity and the outer query is scoped. Without it the planner, lacking statistics on PGlite, never
  // combines the customer index with the (unselective) legal-entity index.
  const sales = await query<{ month: string; revenue: number; repeatMonth: number; repeatPeriod: number; orders: number }>(db, sql`
    select to_char(po.m, 'YYYY-MM') as "month", sum(po.total_minor)::float8 as "revenue",
      coalesce(sum(po.total_minor) filter (where po.first_at < (po.m at time zone ${tz})), 0)::float8 as "repeatMonth",
      coalesce(sum(po.total_minor) filter (where po.first_at < ${start}), 0)::float8 as "repeatPeriod",
      count(*)::int as "orders"
    from (
      select o.total_minor, date_trunc('month', o.ordered_at at time zone ${tz}) as m,
        (select min(p.ordered_at) from orders p where p.customer_id = o.customer_id and p.status <> 'cancelled') as first_at
      from orders o
      where o.legal_entity_id = ${legalEntityId} and o.store_id = ${storeId} and o.status <> 'cancelled' and o.ordered_at >= ${start} and o.ordered_at < ${end}) po
    group by 1`);
  const returns = await query<{ month: string; refund: number }>(db, sql`
    select to_char(${monthOf(sql`r.returned_at`)}, 'YYYY-MM') as "month", sum(r.refund_minor)::float8 as "refund"
    from returns r where r.legal_entity_id = ${legalEntityId} and r.store_id = ${storeId} and r.returned_at >= ${start} and r.returned_at < ${end}
    group by 1`);
  for (const s of sales) { const m = byMonth.get(s.month); if (m) { m.revenueMinor = s.revenue; m.repeatRevenueMinor = s.repeatMonth; } }
  for (const r of returns) { const m = byMonth.get(r.month); if (m) m.returnsMinor = r.refund; }
  const revenueMinor = sales.reduce((a, s) => a + s.revenue, 0);
  const repeatRevenueMinor = sales.reduce((a, s) => a + s.repeatPeriod, 0);

  const storeAssociates = sql`(select m.associate_id from address_book_members m join stores s on s.address_book_id = m.address_book_id where s.id = ${storeId})`;
  const clientBook = { available: false, newMembers: 0, members: 0, previousBuyers: 0, retained: 0, retention: null as number | null };
  if (tables.has('client_books') && tables.has('client_book_members')) {
    clientBook.available = true;
    const removed = await hasColumn(db, 'client_book_members', 'removed_at');
    const activeAt = (at: ReturnType<typeof sql>) => sql`cbm.added_at < ${at} ${removed ? sql`and (cbm.removed_at is null or cbm.removed_at >= ${at})` : sql``}`;
    const books = sql`client_book_members cbm join client_books cb on cb.id = cbm.client_book_id
      where cb.legal_entity_id = ${legalEntityId} and cb.associate_id in ${storeAssociates}`;
    const added = await query<{ month: string; n: number }>(db, sql`
      select to_char(${monthOf(sql`cbm.added_at`)}, 'YYYY-MM') as "month", count(*)::int as "n" from ${books}
        and cbm.added_at >= ${start} and cbm.added_at < ${end} group by 1`);
    for (const m of byMonth.values()) m.newBookMembers = 0;
    for (const a of added) { const m = byMonth.get(a.month); if (m) m.newBookMembers = a.n; }
    clientBook.newMembers = added.reduce((a, r) => a + r.n, 0);
    // Retention: book customers (at the start) who bought in the equally long period before; how many bought again in this one.
    const [ret] = await query<{ members: number; previousBuyers: number; retained: number }>(db, sql`
      with members as (select distinct cbm.customer_id from ${books} and ${activeAt(start)}),
      bought as (
        select o.customer_id, bool_or(o.ordered_at < ${start}) as "before", bool_or(o.ordered_at >= ${start}) as "now"
        from orders o where o.legal_entity_id = ${legalEntityId} and o.status <> 'cancelled'
          and o.ordered_at >= ${start} - (${end} - ${start}) and o.ordered_at < ${end}
          and o.customer_id in (select customer_id from members)
        group by o.customer_id)
      select (select count(*) from (select distinct cbm.customer_id from ${books} and ${activeAt(end)}) x)::int as "members",
        count(*) filter (where "before")::int as "previousBuyers", count(*) filter (where "before" and "now")::int as "retained"
      from bought`);
    Object.assign(clientBook, { members: ret.members, previousBuyers: ret.previousBuyers, retained: ret.retained, retention: ratio(ret.retained, ret.previousBuyers) });
  }

  const outreach = { available: false, sent: 0, converted: 0, conversion: null as number | null };
  if (tables.has('outreach_messages')) {
    outreach.available = true;
    const rows = await query<{ month: string; sent: number; converted: number }>(db, sql`
      select to_char(${monthOf(sql`m.sent_at`)}, 'YYYY-MM') as "month", count(*)::int as "sent",
        count(*) filter (where exists (select 1 from orders o where o.customer_id = m.customer_id
          and o.status <> 'cancelled' and o.ordered_at >= m.sent_at and o.ordered_at < m.sent_at + (${outreachWindowDays}::int * interval '1 day')))::int as "converted"
      from outreach_messages m
      where m.legal_entity_id = ${legalEntityId} and m.status = 'sent' and m.customer_id is not null and m.sent_at >= ${start} and m.sent_at < ${end}
        and m.associate_id in ${storeAssociates}
      group by 1`);
    for (const m of byMonth.values()) { m.outreachSent = 0; m.outreachConverted = 0; }
    for (const r of rows) { const m = byMonth.get(r.month); if (m) { m.outreachSent = r.sent; m.outreachConverted = r.converted; } }
    outreach.sent = rows.reduce((a, r) => a + r.sent, 0);
    outreach.converted = rows.reduce((a, r) => a + r.converted, 0);
    outreach.conversion = ratio(outreach.converted, outreach.sent);
  }

  const appointments = { available: false, total: 0, completed: 0, converted: 0, conversion: null as number | null };
  if (tables.has('appointments')) {
    appointments.available = true;
    // Cancelled appointments are not opportunities; completed ones convert when the customer buys within a week.
    const rows = await query<{ month: string; total: number; completed: number; converted: number }>(db, sql`
      select to_char(${monthOf(sql`a.starts_at`)}, 'YYYY-MM') as "month", count(*)::int as "total",
        count(*) filter (where a.status = 'completed')::int as "completed",
        count(*) filter (where a.status = 'completed' and exists (select 1 from orders o
          where o.customer_id = a.customer_id and o.status <> 'cancelled'
          and o.ordered_at >= a.starts_at and o.ordered_at < a.starts_at + (${APPOINTMENT_PURCHASE_DAYS}::int * interval '1 day')))::int as "converted"
      from appointments a
      where a.legal_entity_id = ${legalEntityId} and a.store_id = ${storeId} and a.status <> 'cancelled' and a.starts_at >= ${start} and a.starts_at < ${end}
      group by 1`);
    for (const m of byMonth.values()) { m.appointments = 0; m.appointmentsConverted = 0; }
    for (const r of rows) { const m = byMonth.get(r.month); if (m) { m.appointments = r.total; m.appointmentsConverted = r.converted; } }
    appointments.total = rows.reduce((a, r) => a + r.total, 0);
    appointments.completed = rows.reduce((a, r) => a + r.completed, 0);
    appointments.converted = rows.reduce((a, r) => a + r.converted, 0);
    appointments.conversion = ratio(appointments.converted, appointments.total);
  }

  const leaders = await query<{ associateId: string; name: string; attributedMinor: number; returnsMinor: number; lines: number }>(db, sql`
    select e.associate_id as "associateId", a.display_name as "name", sum(e.amount_minor)::float8 as "attributedMinor",
      coalesce(sum(e.amount_minor) filter (where e.reversed_by is not null), 0)::float8 as "returnsMinor",
      count(distinct e.order_line_id) filter (where e.reversed_by is null)::int as "lines"
    from attribution_ledger e join associates a on a.id = e.associate_id
    where e.legal_entity_id = ${legalEntityId} and e.store_id = ${storeId} and e.attributed_at >= ${start} and e.attributed_at < ${end}
    group by e.associate_id, a.display_name
    order by 3 desc, 2`);

  return {
    store: { id: storeId, name: store.name, currency: store.currency }, from, to, outreachWindowDays,
    revenueMinor, returnsMinor: returns.reduce((a, r) => a + r.refund, 0), repeatRevenueMinor, repeatShare: ratio(repeatRevenueMinor, revenueMinor),
    orders: sales.reduce((a, s) => a + s.orders, 0), clientBook, outreach, appointments,
    leaderboard: leaders.map((l) => ({ ...l, share: ratio(l.attributedMinor, revenueMinor) })),
    months: [...byMonth.values()],
  };
}

async function hasColumn(db: Db, table: string, column: string): Promise<boolean> {
  const rows = await query(db, sql`select 1 from information_schema.columns where table_schema = current_schema() and table_name = ${table} and column_name = ${column}`);
  return rows.length > 0;
}
