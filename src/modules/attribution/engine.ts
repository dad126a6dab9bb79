import { sql } from 'drizzle-orm';
import type { Static } from '@sinclair/typebox';
import type { RunResultSchema } from './route-schemas.ts';
import { alias } from 'drizzle-orm/pg-core';
import { query, type Db } from '../../db/client.ts';
import { columnName, columnNames } from '../../db/sql.ts';
import { getLegalEntityLocale } from '../organisation/queries.ts';
import { associates, stores } from '../organisation/schema.ts';
import { orders, orderLines, returns, returnLines } from '../orders/schema.ts';
import { products } from '../catalogue/schema.ts';
import { sentMessages } from '../outreach/queries.ts';
import { attributionLedger, attributionProcessed, attributionSettings, outreachEngagements, type AttributionRule } from './schema.ts';
import { existingTables } from './optional-tables.ts';
import { loadSalesGroups, type SalesGroup } from './sales-groups.ts';
import { getSettings } from './settings.ts';
import { splitByShares } from './split.ts';
import { outreachWhy, remoteOrderWhy, returnWhy, sharedWhy, tillWhy, type Explained } from './explanations.ts';

// The attribution engine: credits each sale line to associates once, by one rule, and reverses credit on returns.
// Precedence, so no sale is counted twice: the associate on the till line, else the creator of a remote
// order-from-home, else the associate whose outreach most recently reached the customer within the window.

/** otherCurrencyLines: lines of orders in another currency than the legal entity's, not credited (commission is in its currency, and there are no exchange rates). */
export type RunResult = Static<typeof RunResultSchema>;

interface LineRow {
  lineId: string; lineNumber: number; netMinor: number; orderId: string; orderRef: string; channel: string; currency: string;
  tillAssociateId: string | null; tillAssociateName: string | null; orderAssociateId: string | null; orderAssociateName: string | null;
  customerId: string | null; storeId: string | null; storeName: string | null; orderedAt: string; localDate: string; period: string;
  category: string; outreachId: string | null; outreachAssociateId: string | null; outreachAssociateName: string | null;
  outreachChannel: string | null; outreachSentDate: string | null; outreachDaysBefore: number | null;
  /** Set when the customer's later engagement with the message (not its sending) opened the window. */
  outreachEngagedDate?: string | null;
}

type LedgerInsert = typeof attributionLedger.$inferInsert;

const BATCH = 5000;

const ap = attributionProcessed;
const o = orders, ol = orderLines, p = products, s = stores, m = sentMessages('m');
const ta = alias(associates, 'ta'), oa = alias(associates, 'oa'), ma = alias(associates, 'a');
/** The batch's own lines, re-read by id after they were picked. */
const m0 = sentMessages('m0'), oe = alias(outreachEngagements, 'e');
const batchLine = alias(orderLines, 'bl');
const batchOrder = alias(orders, 'bo');

/** Runs attribution for one legal entity; safe to call again and concurrently (each line is processed once). */
export async function runAttribution(db: Db, legalEntityId: string): Promise<RunResult> {
  const result: RunResult = { orderLines: 0, attributedLines: 0, ledgerEntries: 0, returnLines: 0, reversalEntries: 0, otherCurrencyLines: 0 };
  const le = await getLegalEntityLocale(db, legalEntityId);
  if (!le) return result;
  const settings = await getSettings(db, legalEntityId);
  const tables = await existingTables(db);
  const groups = await loadSalesGroups(db, legalEntityId);

  for (;;) {
    const done = await db.transaction(async (tx) => {
      const t: Db = tx;
      await t.execute(sql`select pg_advisory_xact_lock(hashtext(${'attribution:' + legalEntityId}))`);
      const lines = await unprocessedLines(t, legalEntityId, le.timeZone, settings.outreachWindowDays, tables.has('outreach_messages'));
      if (!lines.length) return true;
      const entries: LedgerInsert[] = [];
      const outcome = new Map<string, 'attributed' | 'unattributed'>();
      const otherCurrency = new Set<string>();
      for (const line of lines) {
        // Commission is paid in the legal entity's currency; without an exchange rate a sale in another is not credited.
        if (line.currency !== le.currency) { otherCurrency.add(line.lineId); outcome.set(line.lineId, 'unattributed'); continue; }
        const credited = attributeLine(line, legalEntityId, settings.outreachWindowDays, groups, le.currency);
        outcome.set(line.lineId, credited.length ? 'attributed' : 'unattributed');
        entries.push(...credited);
      }
      const claimed = await claim(t, legalEntityId, 'order-line', outcome);
      result.otherCurrencyLines += [...claimed].filter((id) => otherCurrency.has(id)).length;
      const toInsert = entries.filter((e) => claimed.has(e.orderLineId));
      await insertEntries(t, toInsert);
      result.orderLines += claimed.size;
      result.attributedLines += [...claimed].filter((id) => outcome.get(id) === 'attributed').length;
      result.ledgerEntries += toInsert.length;
      return lines.length < BATCH;
    });
    if (done) break;
  }

  for (;;) {
    const done = await db.transaction(async (tx) => {
      const t: Db = tx;
      await t.execute(sql`select pg_advisory_xact_lock(hashtext(${'attribution:' + legalEntityId}))`);
      const { processed, entries } = await reverseReturns(t, legalEntityId, le.timeZone, le.currency);
      if (!processed.size) return true;
      const claimed = await claim(t, legalEntityId, 'return-line', processed);
      const toInsert = entries.filter((e) => claimed.has(e.reversedBy!));
      await insertEntries(t, toInsert);
      result.returnLines += claimed.size;
      result.reversalEntries += toInsert.length;
      return processed.size < BATCH;
    });
    if (done) break;
  }

  const st = attributionSettings;
  await db.execute(sql`
    insert into ${st} (${columnNames(st.legalEntityId, st.lastRunAt)}) values (${legalEntityId}, now())
    on conflict (${columnName(st.legalEntityId)}) do update set ${columnName(st.lastRunAt)} = now()`);
  return result;
}

/** Marks sources processed; returns the ids this run claimed (another run may have taken some meanwhile). */
async function claim(db: Db, legalEntityId: string, kind: 'order-line' | 'return-line', outcome: Map<string, 'attributed' | 'unattributed'>) {
  if (!outcome.size) return new Set<string>();
  const rows = [...outcome].map(([id, o]) => ({ id, o }));
  const got = await query<{ id: string }>(db, sql`
    insert into ${ap} (${columnNames(ap.sourceKind, ap.sourceId, ap.legalEntityId, ap.outcome)})
    select ${kind}, x.id, ${legalEntityId}::uuid, x.o from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(id uuid, o text)
    on conflict do nothing
    returning ${columnName(ap.sourceId)} as "id"`);
  return new Set(got.map((g) => g.id));
}

/** One JSON parameter per batch instead of twenty per row: much faster on PGlite, the same on PostgreSQL. */
async function insertEntries(db: Db, entries: LedgerInsert[]) {
  if (!entries.length) return;
  const rows = entries.map((e) => ({
    le: e.legalEntityId, line: e.orderLineId, ord: e.orderId, a: e.associateId, st: e.storeId ?? null, c: e.customerId ?? null, cat: e.category,
    sh: e.share, amt: e.amountMinor, r: e.rule, ex: e.explanation, ek: e.explanationKey ?? null, ep: e.explanationParams ?? null, om: e.outreachMessageId ?? null, g: e.salesGroupId ?? null,
    at: e.attributedAt, p: e.period, rb: e.reversedBy ?? null, re: e.reversesEntryId ?? null,
  }));
  const e = attributionLedger;
  await db.execute(sql`
    insert into ${e} (${columnNames(e.legalEntityId, e.orderLineId, e.orderId, e.associateId, e.storeId, e.customerId, e.category, e.share, e.amountMinor,
      e.rule, e.explanation, e.explanationKey, e.explanationParams, e.outreachMessageId, e.salesGroupId, e.attributedAt, e.period, e.reversedBy, e.reversesEntryId)})
    select x.le, x.line, x.ord, x.a, x.st, x.c, x.cat, x.sh, x.amt, x.r, x.ex, x.ek, x.ep, x.om, x.g, x.at, x.p, x.rb, x.re
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(le uuid, line uuid, ord uuid, a uuid, st uuid, c uuid, cat text, sh numeric,
      amt bigint, r text, ex text, ek text, ep jsonb, om uuid, g uuid, at timestamptz, p date, rb uuid, re uuid)
    on conflict do nothing`);
}

async function unprocessedLines(db: Db, legalEntityId: string, timeZone: string, windowDays: number, withOutreach: boolean): Promise<LineRow[]> {
  // The outreach candidate is only looked up for lines no till associate or remote-order creator claims.
  // The most recent touch within the window: a sent message, or the customer engaging with one later (opening a
  // look it carried), which reopens the window for that message's sender.
  const outreach = withOutreach
    ? sql`left join lateral (
        select ${m.id} as id, ${m.associateId} as "associateId", ${ma.displayName} as "displayName", ${m.channel} as channel,
               (${m.sentAt} at time zone ${timeZone})::date::text as "sentDate",
               case when t.engaged then (t.at at time zone ${timeZone})::date::text end as "engagedDate",
               extract(day from (${o.orderedAt} - t.at))::int as "daysBefore"
        from (
          select ${m0.id} as "messageId", ${m0.sentAt} as at, false as engaged from ${m0}
          -- Keyed by customer (who belongs to one legal entity) so the customer index is used alone.
          where ${m0.customerId} = ${o.customerId}
            and ${m0.sentAt} <= ${o.orderedAt} and ${m0.sentAt} > ${o.orderedAt} - (${windowDays}::int * interval '1 day')
          union all
          select ${oe.outreachMessageId}, ${oe.engagedAt}, true from ${outreachEngagements} as ${oe}
          where ${oe.customerId} = ${o.customerId} and ${oe.legalEntityId} = ${legalEntityId}
            and ${oe.engagedAt} <= ${o.orderedAt} and ${oe.engagedAt} > ${o.orderedAt} - (${windowDays}::int * interval '1 day')
        ) t
        join ${m} on ${m.id} = t."messageId" join ${associates} as ${ma} on ${ma.id} = ${m.associateId}
        where ${ol.associateId} is null and not (${o.channel} = 'remote' and ${o.associateId} is not null)
          and ${o.customerId} is not null and ${m.associateId} is not null
        order by t.at desc, ${m.id} limit 1) om on true`
    : sql`left join lateral (select null::uuid as id, null::uuid as "associateId", null::text as "displayName", null::text as channel,
        null::text as "sentDate", null::text as "engagedDate", null::int as "daysBefore") om on true`;
  return query<LineRow>(db, sql`
    select ${ol.id} as "lineId", ${ol.lineNumber} as "lineNumber", ${ol.netMinor}::float8 as "netMinor", ${o.id} as "orderId",
      ${o.externalId} as "orderRef", ${o.channel} as "channel", ${o.currency} as "currency", ${ol.associateId} as "tillAssociateId", ${ta.displayName} as "tillAssociateName",
      ${o.associateId} as "orderAssociateId", ${oa.displayName} as "orderAssociateName", ${o.customerId} as "customerId",
      ${o.storeId} as "storeId", ${s.name} as "storeName", ${o.orderedAt}::text as "orderedAt",
      (${o.orderedAt} at time zone ${timeZone})::date::text as "localDate",
      date_trunc('month', ${o.orderedAt} at time zone ${timeZone})::date::text as "period", ${p.category} as "category",
      om.id as "outreachId", om."associateId" as "outreachAssociateId", om."displayName" as "outreachAssociateName",
      om.channel as "outreachChannel", om."sentDate" as "outreachSentDate", om."engagedDate" as "outreachEngagedDate", om."daysBefore" as "outreachDaysBefore"
    from (
      -- The batch is chosen first, so the outreach look-up runs for these lines only.
      select ${batchLine.id} as id from ${orderLines} as ${batchLine} join ${orders} as ${batchOrder} on ${batchOrder.id} = ${batchLine.orderId}
      where ${batchOrder.legalEntityId} = ${legalEntityId} and ${batchOrder.status} <> 'cancelled'
        and not exists (select 1 from ${ap} where ${ap.sourceKind} = 'order-line' and ${ap.sourceId} = ${batchLine.id})
      order by ${batchOrder.orderedAt}, ${batchLine.id}
      limit ${BATCH}) batch
    join ${ol} on ${ol.id} = batch.id
    join ${o} on ${o.id} = ${ol.orderId}
    join ${p} on ${p.id} = ${ol.productId}
    left join ${associates} as ${ta} on ${ta.id} = ${ol.associateId}
    left join ${associates} as ${oa} on ${oa.id} = ${o.associateId}
    left join ${s} on ${s.id} = ${o.storeId}
    ${outreach}
    order by ${o.orderedAt}, ${ol.id}`);
}

/** Decides who is credited for one line and how much; pure apart from its inputs. */
export function attributeLine(line: LineRow, legalEntityId: string, windowDays: number, groups: SalesGroup[], currency: string): LedgerInsert[] {
  let associateId: string;
  let rule: AttributionRule;
  let why: Explained;
  let outreachMessageId: string | null = null;
  const facts = { orderRef: line.orderRef, lineNumber: line.lineNumber, localDate: line.localDate, storeName: line.storeName, channel: line.channel };
  if (line.tillAssociateId) {
    associateId = line.tillAssociateId; rule = 'till';
    why = tillWhy({ ...facts, associateName: line.tillAssociateName });
  } else if (line.channel === 'remote' && line.orderAssociateId) {
    associateId = line.orderAssociateId; rule = 'remote-order';
    why = remoteOrderWhy({ ...facts, associateName: line.orderAssociateName });
  } else if (line.outreachId && line.outreachAssociateId) {
    associateId = line.outreachAssociateId; rule = 'outreach'; outreachMessageId = line.outreachId;
    why = outreachWhy({ ...facts, associateName: line.outreachAssociateName }, {
      days: line.outreachDaysBefore ?? 0, outreachChannel: line.outreachChannel, sentDate: line.outreachSentDate, engagedDate: line.outreachEngagedDate ?? null, windowDays,
    });
  } else {
    return [];
  }
  const base = {
    legalEntityId, orderLineId: line.lineId, orderId: line.orderId, storeId: line.storeId, customerId: line.customerId,
    category: line.category, attributedAt: line.orderedAt, period: line.period, outreachMessageId,
  };
  const group = groups.find((g) => g.members.some((m) => m.associateId === associateId) && (!g.storeId || g.storeId === line.storeId));
  if (!group) {
    return [{ ...base, associateId, share: '1.0000', amountMinor: line.netMinor, rule, ...explained(why) }];
  }
  const parts = splitByShares(line.netMinor, group.members.map((m) => m.shareBp));
  return group.members.map((m, i) => ({
    ...base, associateId: m.associateId, share: (m.shareBp / 10_000).toFixed(4), amountMinor: parts[i], rule: 'sales-group' as const,
    salesGroupId: group.id,
    ...explained(sharedWhy(why, group.name, m.shareBp, m.name, parts[i], currency)),
  }));
}

/** A ledger row's explanation columns. */
function explained(e: Explained) {
  return { explanation: e.english, explanationKey: e.text.key, explanationParams: e.text.params };
}

/** Return lines whose sale line was processed: negative entries that reverse the credited shares proportionally. */
async function reverseReturns(db: Db, legalEntityId: string, timeZone: string, currency: string) {
  const rl = returnLines, r = returns, e = attributionLedger;
  const returned = await query<{ id: string; orderLineId: string | null; refundMinor: number; lineNetMinor: number | null; ref: string; returnedAt: string; localDate: string; period: string }>(db, sql`
    select ${rl.id} as "id", ${rl.orderLineId} as "orderLineId", ${rl.refundMinor}::float8 as "refundMinor", ${ol.netMinor}::float8 as "lineNetMinor",
      ${r.externalId} as "ref", ${r.returnedAt}::text as "returnedAt", (${r.returnedAt} at time zone ${timeZone})::date::text as "localDate",
      date_trunc('month', ${r.returnedAt} at time zone ${timeZone})::date::text as "period"
    from ${rl} join ${r} on ${r.id} = ${rl.returnId}
    left join ${ol} on ${ol.id} = ${rl.orderLineId}
    where ${r.legalEntityId} = ${legalEntityId}
      and not exists (select 1 from ${ap} where ${ap.sourceKind} = 'return-line' and ${ap.sourceId} = ${rl.id})
      and (${rl.orderLineId} is null
        or exists (select 1 from ${ap} where ${ap.sourceKind} = 'order-line' and ${ap.sourceId} = ${rl.orderLineId}))
    order by ${r.returnedAt}, ${rl.id}
    limit ${BATCH}`);
  const processed = new Map<string, 'attributed' | 'unattributed'>();
  const entries: LedgerInsert[] = [];
  const lineIds = [...new Set(returned.map((x) => x.orderLineId).filter((x): x is string => !!x))];
  const credits = lineIds.length ? await query<{
    id: string; orderLineId: string; orderId: string; associateId: string; name: string; storeId: string | null; customerId: string | null;
    category: string; share: string; amountMinor: number; rule: AttributionRule; salesGroupId: string | null; outreachMessageId: string | null;
  }>(db, sql`
    select ${e.id} as "id", ${e.orderLineId} as "orderLineId", ${e.orderId} as "orderId", ${e.associateId} as "associateId", ${associates.displayName} as "name",
      ${e.storeId} as "storeId", ${e.customerId} as "customerId", ${e.category} as "category", ${e.share}::text as "share", ${e.amountMinor}::float8 as "amountMinor",
      ${e.rule} as "rule", ${e.salesGroupId} as "salesGroupId", ${e.outreachMessageId} as "outreachMessageId"
    from ${e} join ${associates} on ${associates.id} = ${e.associateId}
    where ${e.legalEntityId} = ${legalEntityId} and ${e.reversedBy} is null
      and ${e.orderLineId} in (${sql.join(lineIds.map((id) => sql`${id}::uuid`), sql`, `)})
    order by ${e.orderLineId}, ${e.amountMinor} desc, ${e.id}`) : [];
  for (const ret of returned) {
    const mine = credits.filter((c) => c.orderLineId === ret.orderLineId && c.amountMinor !== 0);
    if (!mine.length || !ret.lineNetMinor) { processed.set(ret.id, 'unattributed'); continue; }
    const credited = mine.reduce((a, c) => a + c.amountMinor, 0);
    const reversed = Math.round((ret.refundMinor * credited) / ret.lineNetMinor);
    const parts = splitByShares(-reversed, mine.map((c) => c.amountMinor));
    processed.set(ret.id, 'attributed');
    mine.forEach((c, i) => {
      if (parts[i] === 0) return;
      entries.push({
        legalEntityId, orderLineId: c.orderLineId, orderId: c.orderId, associateId: c.associateId, storeId: c.storeId, customerId: c.customerId,
        category: c.category, share: c.share, amountMinor: parts[i], rule: c.rule, salesGroupId: c.salesGroupId, outreachMessageId: c.outreachMessageId,
        attributedAt: ret.returnedAt, period: ret.period, reversedBy: ret.id, reversesEntryId: c.id,
        ...explained(returnWhy(ret.ref, ret.localDate, ret.refundMinor, c.name, parts[i], currency)),
      });
    });
  }
  return { processed, entries };
}
