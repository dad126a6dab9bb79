import { and, eq, sql, type Column, type SQL } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import pg from 'pg';
import { query, type Db } from '../../db/client.ts';
import { alias } from 'drizzle-orm/pg-core';
import {
  customerConsents, consentHistory as consentHistoryTable, loyaltyAccounts, loyaltyLedger, wishlistItems, customerPreferences, interactions,
  browsingEvents, type ConsentChannel, type ConsentName, type PreferenceKind,
} from './schema.ts';
import { orders, orderLines, returns, returnLines } from '../orders/schema.ts';
import { products, productStock } from '../catalogue/schema.ts';
import { associates, stores, legalEntities } from '../organisation/schema.ts';
import { customers } from '../customers/schema.ts';
import type { Static } from '@sinclair/typebox';
import type {
  BrowsingSchema, ConsentSchema, FavouriteSchema, InteractionSchema, LoyaltySchema, OrderLineSchema, OrderSchema, PreferenceSchema, ReturnSchema, WishlistSchema,
} from './profile-schemas.ts';

// The customer 360 in a handful of indexed queries, each keyed on (customer_id, time) indexes.
// Amounts are integer minor units; bigint sums are cast to float8 so both drivers return numbers.

/** ISO 8601 text of a timestamp, the same on PGlite and node-postgres. */
export const iso = (col: SQL) => sql`(to_json(${col})#>>'{}')`;

export type OrderLineView = Static<typeof OrderLineSchema>;
export type OrderView = Static<typeof OrderSchema>;

// Aliases, as the statements had them: `${o.id}` renders "o"."id", `from ${orders} as ${o}` names the alias.
const o = alias(orders, 'o');
const l = alias(orderLines, 'l');
const p = alias(products, 'p');
const s = alias(stores, 's');
const a = alias(associates, 'a');
const la = alias(associates, 'la');
const r = alias(returns, 'r');
const rl = alias(returnLines, 'rl');

const orderSelect = sql`${o.id}, ${o.externalId} as "externalId", ${o.channel}, ${o.status}, ${o.fulfilment}, ${iso(sql`${o.orderedAt}`)} as "orderedAt",
  ${o.currency}, ${o.totalMinor}::float8 as "totalMinor", ${o.discountMinor}::float8 as "discountMinor", ${o.storeId} as "storeId",
  ${s.name} as "storeName", ${a.displayName} as "associateName",
  (select coalesce(json_agg(json_build_object('lineNumber', ${l.lineNumber}, 'productId', ${l.productId}, 'sku', ${p.sku}, 'name', ${p.name},
      'category', ${p.category}, 'brand', ${p.brand}, 'quantity', ${l.quantity}, 'unitPriceMinor', ${l.unitPriceMinor}, 'discountMinor', ${l.discountMinor},
      'netMinor', ${l.netMinor}, 'associateId', ${l.associateId}, 'associateName', ${la.displayName}) order by ${l.lineNumber}), '[]'::json)
    from ${orderLines} as ${l} join ${products} as ${p} on ${p.id} = ${l.productId} left join ${associates} as ${la} on ${la.id} = ${l.associateId}
    where ${l.orderId} = ${o.id}) as lines`;

const ordersFrom = sql`from ${orders} as ${o} left join ${stores} as ${s} on ${s.id} = ${o.storeId} left join ${associates} as ${a} on ${a.id} = ${o.associateId}`;

export const OPEN_ORDER_STATUSES = ['processing', 'ready-for-pickup', 'shipped', 'awaiting-receipt'];

export const recentOrdersSql = (le: string, customerId: string, limit: number) => sql`select ${orderSelect}
    ${ordersFrom}
    where ${o.customerId} = ${customerId} and ${o.legalEntityId} = ${le}
    order by ${o.orderedAt} desc limit ${limit}`;

export function recentOrders(db: Db, le: string, customerId: string, limit: number) {
  return query<OrderView>(db, recentOrdersSql(le, customerId, limit));
}

export const openOrdersSql = (le: string, customerId: string) => sql`select ${orderSelect}
    ${ordersFrom}
    where ${o.customerId} = ${customerId} and ${o.legalEntityId} = ${le}
      and ${o.status} in ('processing', 'ready-for-pickup', 'shipped', 'awaiting-receipt')
    order by ${o.orderedAt} desc limit 50`;

export function openOrders(db: Db, le: string, customerId: string) {
  return query<OrderView>(db, openOrdersSql(le, customerId));
}

export type ReturnView = Static<typeof ReturnSchema>;

export const recentReturnsSql = (le: string, customerId: string, limit: number) => sql`select ${r.id}, ${r.externalId} as "externalId", ${r.orderId} as "orderId", ${o.externalId} as "orderExternalId",
      ${iso(sql`${r.returnedAt}`)} as "returnedAt", ${r.currency}, ${r.refundMinor}::float8 as "refundMinor", ${s.name} as "storeName",
      (select coalesce(json_agg(json_build_object('lineNumber', ${rl.lineNumber}, 'productId', ${rl.productId}, 'name', ${p.name},
          'quantity', ${rl.quantity}, 'reason', ${rl.reason}, 'refundMinor', ${rl.refundMinor}) order by ${rl.lineNumber}), '[]'::json)
        from ${returnLines} as ${rl} join ${products} as ${p} on ${p.id} = ${rl.productId} where ${rl.returnId} = ${r.id}) as lines
    from ${returns} as ${r} left join ${orders} as ${o} on ${o.id} = ${r.orderId} left join ${stores} as ${s} on ${s.id} = ${r.storeId}
    where ${r.customerId} = ${customerId} and ${r.legalEntityId} = ${le}
    order by ${r.returnedAt} desc limit ${limit}`;

export function recentReturns(db: Db, le: string, customerId: string, limit: number) {
  return query<ReturnView>(db, recentReturnsSql(le, customerId, limit));
}

export type LoyaltyView = Static<typeof LoyaltySchema>;

const acct = alias(loyaltyAccounts, 'la');
const ledger = loyaltyLedger;

export const loyaltySql = (le: string, customerId: string) => sql`select ${acct.programme}, ${acct.tier}, ${acct.cardNumber} as "cardNumber", ${iso(sql`${acct.joinedAt}`)} as "joinedAt",
      (select coalesce(sum(${ledger.points}), 0)::int from ${ledger} where ${ledger.customerId} = ${acct.customerId}) as "pointsBalance",
      (select coalesce(json_agg(x order by x."occurredAt" desc), '[]'::json) from (
        select to_json(${ledger.occurredAt})#>>'{}' as "occurredAt", ${ledger.points}, ${ledger.reason} from ${ledger}
        where ${ledger.customerId} = ${acct.customerId} order by ${ledger.occurredAt} desc limit 5) x) as "recentLedger"
    from ${loyaltyAccounts} as ${acct} where ${acct.customerId} = ${customerId} and ${acct.legalEntityId} = ${le}`;

export async function loyalty(db: Db, le: string, customerId: string): Promise<LoyaltyView | null> {
  const rows = await query<LoyaltyView>(db, loyaltySql(le, customerId));
  return rows[0] ?? null;
}

export type WishlistView = Static<typeof WishlistSchema>;

const w = alias(wishlistItems, 'w');
const stock = productStock;

export const wishlistSql = (le: string, customerId: string, storeId: string | null) => sql`select ${w.id}, ${w.list}, ${iso(sql`${w.addedAt}`)} as "addedAt", ${p.id} as "productId", ${p.sku}, ${p.name}, ${p.brand}, ${p.category},
      ${p.priceMinor}::float8 as "priceMinor",
      (select ${stock.onHand} from ${stock} where ${stock.productId} = ${p.id} and ${stock.storeId} = ${storeId}) as "onHandHere",
      (select coalesce(sum(${stock.onHand}), 0)::int from ${stock} where ${stock.productId} = ${p.id}) as "onHandTotal"
    from ${wishlistItems} as ${w} join ${products} as ${p} on ${p.id} = ${w.productId}
    where ${w.customerId} = ${customerId} and ${w.legalEntityId} = ${le}
    order by ${w.addedAt} desc limit 50`;

export function wishlist(db: Db, le: string, customerId: string, storeId: string | null) {
  return query<WishlistView>(db, wishlistSql(le, customerId, storeId));
}

export type PreferenceView = Static<typeof PreferenceSchema>;

const pref = customerPreferences;
export const preferenceColumns = sql`${pref.id}, ${pref.kind}, ${pref.qualifier}, ${pref.value}, ${pref.source}, ${iso(sql`${pref.updatedAt}`)} as "updatedAt"`;

export const preferencesSql = (le: string, customerId: string) => sql`select ${preferenceColumns}
    from ${pref} where ${pref.customerId} = ${customerId} and ${pref.legalEntityId} = ${le} order by ${pref.kind}, ${pref.qualifier}, ${pref.value}`;

/** Adds a preference, or refreshes its source and time when the customer already has it. */
export async function upsertPreference(db: Db, le: string, customerId: string, v: { kind: PreferenceKind; qualifier: string; value: string; source: string }) {
  return db.insert(pref).values({ legalEntityId: le, customerId, ...v })
    .onConflictDoUpdate({ target: [pref.customerId, pref.kind, pref.qualifier, pref.value], set: { source: v.source, updatedAt: sql`now()` } })
    .returning({ id: pref.id, kind: pref.kind, qualifier: pref.qualifier, value: pref.value, source: pref.source, updatedAt: iso(sql`${pref.updatedAt}`).mapWith(String) });
}

export function deletePreference(db: Db, le: string, customerId: string, preferenceId: string) {
  return db.delete(pref).where(and(eq(pref.id, preferenceId), eq(pref.customerId, customerId), eq(pref.legalEntityId, le))).returning({ id: pref.id });
}

export function preferences(db: Db, le: string, customerId: string) {
  return query<PreferenceView>(db, preferencesSql(le, customerId));
}

export type ConsentView = Static<typeof ConsentSchema>;

const cc = customerConsents;
export const consentsSql = (le: string, customerId: string) => sql`select ${cc.channel}, ${cc.granted}, ${cc.source}, ${iso(sql`${cc.recordedAt}`)} as "recordedAt"
    from ${cc} where ${cc.customerId} = ${customerId} and ${cc.legalEntityId} = ${le} order by ${cc.channel}`;

export function consents(db: Db, le: string, customerId: string) {
  return query<ConsentView>(db, consentsSql(le, customerId));
}

/** One channel's current consent, or null when none was ever recorded. */
export async function currentConsent(db: Db, le: string, customerId: string, channel: ConsentName): Promise<ConsentView | null> {
  const rows = await db.select({ channel: customerConsents.channel, granted: customerConsents.granted, source: customerConsents.source, recordedAt: iso(sql`${customerConsents.recordedAt}`).mapWith(String) })
    .from(customerConsents)
    .where(and(eq(customerConsents.customerId, customerId), eq(customerConsents.legalEntityId, le), eq(customerConsents.channel, channel)));
  return rows[0] ?? null;
}

/**
 * Writes a consent decision: the history row always, the current value unless a newer decision is already there
 * (a paper form keyed in late goes to the history only). Run it in a transaction: the two rows belong together.
 */
export async function writeConsent(db: Db, le: string, customerId: string, c: { channel: ConsentName; granted: boolean; source: string; recordedAt: string; note: string | null }) {
  await db.insert(customerConsents).values({ customerId, channel: c.channel, legalEntityId: le, granted: c.granted, source: c.source, recordedAt: c.recordedAt })
    .onConflictDoUpdate({
      target: [customerConsents.customerId, customerConsents.channel],
      set: { granted: c.granted, source: c.source, recordedAt: c.recordedAt },
      setWhere: sql`${customerConsents.recordedAt} <= ${c.recordedAt}::timestamptz`,
    });
  await db.insert(consentHistoryTable).values({ customerId, channel: c.channel, granted: c.granted, source: c.source, recordedAt: c.recordedAt, note: c.note });
}

const h = alias(consentHistoryTable, 'h');
const c = alias(customers, 'c');
export const consentHistorySql = (le: string, customerId: string) => sql`select ${h.channel}, ${h.granted}, ${h.source}, ${iso(sql`${h.recordedAt}`)} as "recordedAt"
    from ${consentHistoryTable} as ${h} join ${customers} as ${c} on ${c.id} = ${h.customerId}
    where ${h.customerId} = ${customerId} and ${c.legalEntityId} = ${le} order by ${h.recordedAt} desc, ${h.id} desc limit 200`;

export function consentHistory(db: Db, le: string, customerId: string) {
  return query<ConsentView>(db, consentHistorySql(le, customerId));
}

export type InteractionView = Static<typeof InteractionSchema>;

const i = alias(interactions, 'i');
const interactionSelect = sql`${i.id}, ${i.externalId} as "externalId", ${i.kind}, ${i.subject}, ${i.status}, ${i.channel}, ${i.campaign},
  ${s.name} as "storeName", ${a.displayName} as "associateName", ${iso(sql`${i.occurredAt}`)} as "occurredAt", ${iso(sql`${i.closedAt}`)} as "closedAt"`;

export function recentInteractionsSql(le: string, customerId: string, opts: { kinds?: string[]; excludeKinds?: string[]; openOnly?: boolean; limit: number }) {
  const kindFilter = opts.kinds ? sql`and ${i.kind} in (${sql.join(opts.kinds.map((k) => sql`${k}`), sql`, `)})` : sql``;
  const excludeFilter = opts.excludeKinds ? sql`and ${i.kind} not in (${sql.join(opts.excludeKinds.map((k) => sql`${k}`), sql`, `)})` : sql``;
  return sql`select ${interactionSelect}
    from ${interactions} as ${i} left join ${stores} as ${s} on ${s.id} = ${i.storeId} left join ${associates} as ${a} on ${a.id} = ${i.associateId}
    where ${i.customerId} = ${customerId} and ${i.legalEntityId} = ${le} ${kindFilter} ${excludeFilter}
      ${opts.openOnly ? sql`and ${i.status} in ('open', 'pending')` : sql``}
    order by ${i.occurredAt} desc limit ${opts.limit}`;
}

export function recentInteractions(db: Db, le: string, customerId: string, opts: { kinds?: string[]; excludeKinds?: string[]; openOnly?: boolean; limit: number }) {
  return query<InteractionView>(db, recentInteractionsSql(le, customerId, opts));
}

export type BrowsingView = Static<typeof BrowsingSchema>;

/** Products viewed online in the last 30 days, with whether they were bought afterwards (browsed-not-bought). */
const be = browsingEvents;
export const recentBrowsingSql = (le: string, customerId: string) => sql`with b as (
      select ${be.productId} as "productId", count(*) filter (where ${be.event} = 'view')::int as views, bool_or(${be.event} = 'add-to-cart') as added,
        min(${be.occurredAt}) as "firstAt", max(${be.occurredAt}) as "lastAt"
      from ${be} where ${be.customerId} = ${customerId} and ${be.legalEntityId} = ${le} and ${be.occurredAt} >= now() - interval '30 days'
      group by ${be.productId} order by max(${be.occurredAt}) desc limit 20)
    select ${p.id} as "productId", ${p.sku}, ${p.name}, ${p.brand}, ${p.category}, ${p.priceMinor}::float8 as "priceMinor", b.views, b.added as "addedToCart",
      ${iso(sql`b."lastAt"`)} as "lastViewedAt",
      exists (select 1 from ${orders} as ${o} join ${orderLines} as ${l} on ${l.orderId} = ${o.id}
        where ${o.customerId} = ${customerId} and ${l.productId} = b."productId" and ${o.orderedAt} >= b."firstAt" and ${o.status} <> 'cancelled') as "purchasedSince"
    from b join ${products} as ${p} on ${p.id} = b."productId" order by b."lastAt" desc`;

export function recentBrowsing(db: Db, le: string, customerId: string) {
  return query<BrowsingView>(db, recentBrowsingSql(le, customerId));
}

export interface SpendingTotals {
  orderCount: number; totalMinor: number; thisYearMinor: number; lastYearMinor: number; last12MonthsMinor: number; ordersLast12Months: number;
  firstPurchaseAt: string | null; lastPurchaseAt: string | null; returnedMinor: number;
  /** Purchase days (local to the legal entity) and the first and last as day numbers, for daysBetweenPurchases. */
  purchaseDays: number; firstPurchaseDay: number | null; lastPurchaseDay: number | null;
  /** Orders in other currencies than the legal entity's: left out of the sums (no exchange rates here), but counted. */
  otherCurrencyOrders: number; otherCurrencies: string[];
}

/** The legal entity's currency: spending patterns add up only amounts in it (adding yen to euros would be nonsense). */
const leCurrency = (le: string) => sql`(select ${legalEntities.currency} from ${legalEntities} where ${legalEntities.id} = ${le})`;
const leTimeZone = (le: string) => sql`(select ${legalEntities.timeZone} from ${legalEntities} where ${legalEntities.id} = ${le})`;

// Unaliased: each subquery names its own table, so "orders"."x" means the nearest "orders".
const ord = orders;
const ret = returns;
export const spendingTotalsSql = (le: string, customerId: string) => sql`select count(*)::int as "orderCount", coalesce(sum(${ord.totalMinor}), 0)::float8 as "totalMinor",
      coalesce(sum(${ord.totalMinor}) filter (where ${ord.orderedAt} >= date_trunc('year', now())), 0)::float8 as "thisYearMinor",
      coalesce(sum(${ord.totalMinor}) filter (where ${ord.orderedAt} >= date_trunc('year', now()) - interval '1 year' and ${ord.orderedAt} < date_trunc('year', now())), 0)::float8 as "lastYearMinor",
      coalesce(sum(${ord.totalMinor}) filter (where ${ord.orderedAt} >= now() - interval '12 months'), 0)::float8 as "last12MonthsMinor",
      (count(*) filter (where ${ord.orderedAt} >= now() - interval '12 months'))::int as "ordersLast12Months",
      ${iso(sql`min(${ord.orderedAt})`)} as "firstPurchaseAt", ${iso(sql`max(${ord.orderedAt})`)} as "lastPurchaseAt",
      count(distinct (${ord.orderedAt} at time zone ${leTimeZone(le)})::date)::int as "purchaseDays",
      (min((${ord.orderedAt} at time zone ${leTimeZone(le)})::date) - date '1970-01-01')::int as "firstPurchaseDay",
      (max((${ord.orderedAt} at time zone ${leTimeZone(le)})::date) - date '1970-01-01')::int as "lastPurchaseDay",
      (select coalesce(sum(${ret.refundMinor}), 0)::float8 from ${ret} where ${ret.customerId} = ${customerId} and ${ret.legalEntityId} = ${le} and ${ret.currency} = ${leCurrency(le)}) as "returnedMinor",
      (select count(*)::int from ${ord} where ${ord.customerId} = ${customerId} and ${ord.legalEntityId} = ${le} and ${ord.status} <> 'cancelled' and ${ord.currency} <> ${leCurrency(le)}) as "otherCurrencyOrders",
      (select coalesce(json_agg(distinct ${ord.currency}), '[]') from ${ord} where ${ord.customerId} = ${customerId} and ${ord.legalEntityId} = ${le} and ${ord.status} <> 'cancelled'
        and ${ord.currency} <> ${leCurrency(le)}) as "otherCurrencies"
    from ${ord} where ${ord.customerId} = ${customerId} and ${ord.legalEntityId} = ${le} and ${ord.status} <> 'cancelled' and ${ord.currency} = ${leCurrency(le)}`;

export async function spendingTotals(db: Db, le: string, customerId: string): Promise<SpendingTotals> {
  const rows = await query<SpendingTotals>(db, spendingTotalsSql(le, customerId));
  return rows[0];
}

export const monthlySpendSql = (le: string, customerId: string, months: number) => sql`
    with m as (select generate_series(date_trunc('month', now()) - make_interval(months => ${months - 1}::int), date_trunc('month', now()), interval '1 month') as month),
    o as (select date_trunc('month', ${ord.orderedAt}) as month, sum(${ord.totalMinor}) as spend, count(*) as n from ${ord}
      where ${ord.customerId} = ${customerId} and ${ord.legalEntityId} = ${le} and ${ord.status} <> 'cancelled' and ${ord.currency} = ${leCurrency(le)}
        and ${ord.orderedAt} >= date_trunc('month', now()) - make_interval(months => ${months - 1}::int)
      group by 1)
    select to_char(m.month, 'YYYY-MM') as month, coalesce(o.spend, 0)::float8 as "spendMinor", coalesce(o.n, 0)::int as "orderCount"
    from m left join o on o.month = m.month order by m.month`;

/** A month's spend; spendingPatterns replies it with orderCount as `orders`. */
export interface MonthlySpendRow { month: string; spendMinor: number; orderCount: number }

export function monthlySpend(db: Db, le: string, customerId: string, months: number) {
  return query<MonthlySpendRow>(db, monthlySpendSql(le, customerId, months));
}

export function favouritesSql(le: string, customerId: string, by: 'category' | 'brand') {
  const col = by === 'category' ? p.category : p.brand;
  return sql`    select ${col} as name, sum(${l.netMinor})::float8 as "spendMinor", sum(${l.quantity})::int as quantity
    from ${orders} as ${o} join ${orderLines} as ${l} on ${l.orderId} = ${o.id} join ${products} as ${p} on ${p.id} = ${l.productId}
    where ${o.customerId} = ${customerId} and ${o.legalEntityId} = ${le} and ${o.status} <> 'cancelled' and ${o.currency} = ${leCurrency(le)} and ${col} is not null
    group by ${col} order by 2 desc limit 5`;
}

export function favourites(db: Db, le: string, customerId: string, by: 'category' | 'brand') {
  return query<{ name: string; spendMinor: number; quantity: number }>(db, favouritesSql(le, customerId, by));
}

/** The parts of the customer 360, each one query keyed on the customer (and the legal entity). */
export function profileParts(le: string, customerId: string, storeId: string | null) {
  return {
    extra: sql`select (select ${s.name} from ${customers} as ${c} join ${stores} as ${s} on ${s.id} = ${c.homeStoreId} where ${c.id} = ${customerId} and ${c.legalEntityId} = ${le}) as "homeStoreName",
      ${leCurrency(le)} as currency`,
    recentPurchases: recentOrdersSql(le, customerId, 10),
    openOrders: openOrdersSql(le, customerId),
    returns: recentReturnsSql(le, customerId, 10),
    loyalty: loyaltySql(le, customerId),
    wishlist: wishlistSql(le, customerId, storeId),
    preferences: preferencesSql(le, customerId),
    consents: consentsSql(le, customerId),
    recentInteractions: recentInteractionsSql(le, customerId, { excludeKinds: ['marketing-touch'], limit: 15 }),
    openCases: recentInteractionsSql(le, customerId, { kinds: ['service-case', 'complaint'], openOnly: true, limit: 20 }),
    marketingTouches: recentInteractionsSql(le, customerId, { kinds: ['marketing-touch'], limit: 10 }),
    recentBrowsing: recentBrowsingSql(le, customerId),
    totals: spendingTotalsSql(le, customerId),
    monthly: monthlySpendSql(le, customerId, 24),
    categories: favouritesSql(le, customerId, 'category'),
    brands: favouritesSql(le, customerId, 'brand'),
  };
}

type Row = Record<string, unknown>;
export type Favourite = Static<typeof FavouriteSchema>;
export interface ProfileData {
  extra: { homeStoreName: string | null; currency: string }; recentPurchases: OrderView[]; openOrders: OrderView[]; returns: ReturnView[];
  loyalty: LoyaltyView | null; wishlist: WishlistView[]; preferences: PreferenceView[]; consents: ConsentView[];
  recentInteractions: InteractionView[]; openCases: InteractionView[]; marketingTouches: InteractionView[]; recentBrowsing: BrowsingView[];
  totals: SpendingTotals; monthly: MonthlySpendRow[];
  categories: Favourite[]; brands: Favourite[];
}
const SINGLE_ROW = new Set(['extra', 'loyalty', 'totals']);

/**
 * The whole customer 360 in one statement and one round trip: each part becomes a JSON column (an array, or an object
 * for single-row parts), so the database runs the sixteen small indexed queries back to back without sixteen trips
 * through the driver and the pool.
 */
export async function profileData(db: Db, le: string, customerId: string, storeId: string | null): Promise<ProfileData> {
  const parts = Object.entries(profileParts(le, customerId, storeId)).map(([name, part]) => (SINGLE_ROW.has(name)
    ? sql`(select to_json(t) from (${part}) t) as ${sql.raw(`"${name}"`)}`
    : sql`(select coalesce(json_agg(t), '[]'::json) from (${part}) t) as ${sql.raw(`"${name}"`)}`));
  const rows = await prepared<Row>(db, 'customer-profile', sql`select ${sql.join(parts, sql`, `)}`);
  return rows[0] as unknown as ProfileData;
}

/**
 * Runs a statement as a named prepared statement on PostgreSQL: planning the sixteen parts took longer than running
 * them (about 8 ms against 3 ms), and a prepared statement is parsed and planned once per pooled connection.
 * The name carries a hash of the text, so a changed statement never reuses another's plan. PGlite (and a
 * transaction handle) run it as usual.
 */
async function prepared<T>(db: Db, name: string, statement: SQL): Promise<T[]> {
  const handle = db as unknown as { $client?: unknown; dialect: { sqlToQuery(s: SQL): { sql: string; params: unknown[] } } };
  if (!(handle.$client instanceof pg.Pool)) return query<T>(db, statement);
  const { sql: text, params } = handle.dialect.sqlToQuery(statement);
  const hash = createHash('sha1').update(text).digest('hex').slice(0, 12);
  return (await handle.$client.query({ name: `${name}-${hash}`, text, values: params })).rows as T[];
}

/** EXPLAIN ANALYZE of each part for one customer, to check that every part reads through an index (see bench). */
export async function explainProfile(db: Db, le: string, customerId: string, storeId: string | null): Promise<string[]> {
  const out: string[] = [];
  for (const [name, part] of Object.entries(profileParts(le, customerId, storeId))) {
    const plan = await query<{ 'QUERY PLAN': string }>(db, sql`explain (analyze, buffers, costs off) ${part}`);
    out.push(`--- ${name}\n${plan.map((r) => r['QUERY PLAN']).join('\n')}`);
  }
  return out;
}

/** The products on a customer's wishlist (not "saved for later"): recommendations never offer them as a complement. */
export async function wishlistProductIds(db: Db, legalEntityId: string, customerId: string): Promise<string[]> {
  const rows = await query<{ productId: string }>(db, sql`select ${wishlistItems.productId} as "productId" from ${wishlistItems}
    where ${wishlistItems.customerId} = ${customerId} and ${wishlistItems.legalEntityId} = ${legalEntityId} and ${wishlistItems.list} = 'wishlist'`);
  return rows.map((r) => r.productId);
}

// For other modules' set-based reads (insights' next best action, outreach's prompts, recommendations): the customer
// data they read in bulk, kept here so this module knows which of its columns are read and how.

/** Which customers of a legal entity a bulk read covers: all (null), one, or an inclusive range of IDs (a recompute's chunk). */
export type CustomerSet = string | null | { from: string; to: string };
const inSet = (col: Column, set: CustomerSet) => (set === null ? sql``
  : typeof set === 'string' ? sql`and ${col} = ${set}`
  : sql`and ${col} between ${set.from}::uuid and ${set.to}::uuid`);

/** The customers' open service cases and complaints. */
export function openCasesOf(db: Db, le: string, set: CustomerSet) {
  const i = interactions;
  return query<{ customerId: string; subject: string; kind: string; occurredAt: string }>(db, sql`
    select ${i.customerId} as "customerId", ${i.subject} as "subject", ${i.kind} as "kind", ${i.occurredAt}::text as "occurredAt" from ${i}
    where ${i.legalEntityId} = ${le} and ${i.kind} in ('service-case', 'complaint') and ${i.status} in ('open', 'pending') ${inSet(i.customerId, set)}`);
}

/** The names of the active products on the customers' wish lists that some store has on hand, latest added first. */
export function wishlistInStockOf(db: Db, le: string, set: CustomerSet) {
  const w = wishlistItems, p = products, st = productStock;
  return query<{ customerId: string; name: string }>(db, sql`
    select ${w.customerId} as "customerId", ${p.name} as "name" from ${w} join ${p} on ${p.id} = ${w.productId}
    where ${w.legalEntityId} = ${le} and ${p.active} ${inSet(w.customerId, set)}
      and exists (select 1 from ${st} where ${st.productId} = ${p.id} and ${st.onHand} > 0)
    order by ${w.addedAt} desc`);
}

/** A customer's preferences (kind, qualifier, value), as a statement to embed. */
export const preferenceValuesSql = (le: string, customerId: string) => sql`select ${pref.kind}, ${pref.qualifier}, ${pref.value} from ${customerPreferences} as ${pref}
  where ${pref.customerId} = ${customerId} and ${pref.legalEntityId} = ${le}`;

/**
 * Rows (customer, product) where a customer's preferences match a product of `productRows` (a relation with columns
 * id, category, brand): a category they like and, when they named brands, the brand too (broad matches would flood
 * an inbox). A statement to embed, e.g. over a CTE of new arrivals.
 */
export function preferenceMatchesSql(le: string, productRows: SQL): SQL {
  const cp = alias(customerPreferences, 'cp');
  const b = alias(customerPreferences, 'b');
  return sql`select distinct ${cp.customerId} as customer, a.id as product
    from ${customerPreferences} as ${cp} join ${productRows} a on ${cp.kind} = 'category' and lower(a.category) = lower(${cp.value})
    where ${cp.legalEntityId} = ${le}
      and (not exists (select 1 from ${customerPreferences} as ${b} where ${b.customerId} = ${cp.customerId} and ${b.kind} = 'brand')
        or exists (select 1 from ${customerPreferences} as ${b} where ${b.customerId} = ${cp.customerId} and ${b.kind} = 'brand' and lower(${b.value}) = lower(a.brand)))`;
}
