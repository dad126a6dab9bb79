import { sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';
import { attributionLedger, type AttributionRule } from './schema.ts';
import { existingTables } from './optional-tables.ts';
import { loadSalesGroups, type SalesGroup } from './sales-groups.ts';
import { getSettings } from './settings.ts';
import { splitByShares } from './split.ts';
import { minorToDecimal } from '../../../shared/money.ts';

// The attribution engine: credits each sale line to associates once, by one rule, and reverses credit on returns.
// Precedence, so no sale is counted twice: the associate on the till line, else the creator of a remote
// order-from-home, else the associate whose outreach most recently reached the customer within the window.

export interface RunResult {
  orderLines: number; attributedLines: number; ledgerEntries: number; returnLines: number; reversalEntries: number;
  /** Lines of orders in another currency than the legal entity's: not credited (commission is in its currency, and there are no exchange rates). */
  otherCurrencyLines: number;
}

interface LineRow {
  lineId: string; lineNumber: number; netMinor: number; orderId: string; orderRef: string; channel: string; currency: string;
  tillAssociateId: string | null; tillAssociateName: string | null; orderAssociateId: string | null; orderAssociateName: string | null;
  customerId: string | null; storeId: string | null; storeName: string | null; orderedAt: string; localDate: string; period: string;
  category: string; outreachId: string | null; outreachAssociateId: string | null; outreachAssociateName: string | null;
  outreachChannel: string | null; outreachSentDate: string | null; outreachDaysBefore: number | null;
}

type LedgerInsert = typeof attributionLedger.$inferInsert;

const BATCH = 5000;

/** Runs attribution for one legal entity; safe to call again and concurrently (each line is processed once). */
export async function runAttribution(db: Db, legalEntityId: string): Promise<RunResult> {
  const result: RunResult = { orderLines: 0, attributedLines: 0, ledgerEntries: 0, returnLines: 0, reversalEntries: 0, otherCurrencyLines: 0 };
  const [le] = await query<{ timeZone: string; currency: string }>(db, sql`
    select time_zone as "timeZone", currency from legal_entities where id = ${legalEntityId}`);
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

  await db.execute(sql`
    insert into attribution_settings (legal_entity_id, last_run_at) values (${legalEntityId}, now())
    on conflict (legal_entity_id) do update set last_run_at = now()`);
  return result;
}

/** Marks sources processed; returns the ids this run claimed (another run may have taken some meanwhile). */
async function claim(db: Db, legalEntityId: string, kind: 'order-line' | 'return-line', outcome: Map<string, 'attributed' | 'unattributed'>) {
  if (!outcome.size) return new Set<string>();
  const rows = [...outcome].map(([id, o]) => ({ id, o }));
  const got = await query<{ id: string }>(db, sql`
    insert into attribution_processed (source_kind, source_id, legal_entity_id, outcome)
    select ${kind}, x.id, ${legalEntityId}::uuid, x.o from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(id uuid, o text)
    on conflict do nothing
    returning source_id as "id"`);
  return new Set(got.map((g) => g.id));
}

/** One JSON parameter per batch instead of twenty per row: much faster on PGlite, the same on PostgreSQL. */
async function insertEntries(db: Db, entries: LedgerInsert[]) {
  if (!entries.length) return;
  const rows = entries.map((e) => ({
    le: e.legalEntityId, line: e.orderLineId, ord: e.orderId, a: e.associateId, st: e.storeId ?? null, c: e.customerId ?? null, cat: e.category,
    sh: e.share, amt: e.amountMinor, r: e.rule, ex: e.explanation, om: e.outreachMessageId ?? null, g: e.salesGroupId ?? null,
    at: e.attributedAt, p: e.period, rb: e.reversedBy ?? null, re: e.reversesEntryId ?? null,
  }));
  await db.execute(sql`
    insert into attribution_ledger (legal_entity_id, order_line_id, order_id, associate_id, store_id, customer_id, category, share, amount_minor,
      rule, explanation, outreach_message_id, sales_group_id, attributed_at, period, reversed_by, reverses_entry_id)
    select x.le, x.line, x.ord, x.a, x.st, x.c, x.cat, x.sh, x.amt, x.r, x.ex, x.om, x.g, x.at, x.p, x.rb, x.re
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(le uuid, line uuid, ord uuid, a uuid, st uuid, c uuid, cat text, sh numeric,
      amt bigint, r text, ex text, om uuid, g uuid, at timestamptz, p date, rb uuid, re uuid)
    on conflict do nothing`);
}

async function unprocessedLines(db: Db, legalEntityId: string, timeZone: string, windowDays: number, withOutreach: boolean): Promise<LineRow[]> {
  // The outreach candidate is only looked up for lines no till associate or remote-order creator claims.
  const outreach = withOutreach
    ? sql`left join lateral (
        select m.id, m.associate_id, a.display_name, m.channel, (m.sent_at at time zone ${timeZone})::date::text as sent_date,
               extract(day from (o.ordered_at - m.sent_at))::int as days_before
        from outreach_messages m join associates a on a.id = m.associate_id
        where ol.associate_id is null and not (o.channel = 'remote' and o.associate_id is not null)
          -- Keyed by customer (who belongs to one legal entity) so the customer index is used alone.
          and o.customer_id is not null and m.customer_id = o.customer_id
          and m.status = 'sent' and m.associate_id is not null and m.sent_at is not null
          and m.sent_at <= o.ordered_at and m.sent_at > o.ordered_at - (${windowDays}::int * interval '1 day')
        order by m.sent_at desc, m.id limit 1) om on true`
    : sql`left join lateral (select null::uuid as id, null::uuid as associate_id, null::text as display_name, null::text as channel,
        null::text as sent_date, null::int as days_before) om on true`;
  return query<LineRow>(db, sql`
    select ol.id as "lineId", ol.line_number as "lineNumber", ol.net_minor::float8 as "netMinor", o.id as "orderId",
      o.external_id as "orderRef", o.channel, o.currency, ol.associate_id as "tillAssociateId", ta.display_name as "tillAssociateName",
      o.associate_id as "orderAssociateId", oa.display_name as "orderAssociateName", o.customer_id as "customerId",
      o.store_id as "storeId", s.name as "storeName", o.ordered_at::text as "orderedAt",
      (o.ordered_at at time zone ${timeZone})::date::text as "localDate",
      date_trunc('month', o.ordered_at at time zone ${timeZone})::date::text as "period", p.category,
      om.id as "outreachId", om.associate_id as "outreachAssociateId", om.display_name as "outreachAssociateName",
      om.channel as "outreachChannel", om.sent_date as "outreachSentDate", om.days_before as "outreachDaysBefore"
    from (
      -- The batch is chosen first, so the outreach look-up runs for these lines only.
      select ol.id from order_lines ol join orders o on o.id = ol.order_id
      where o.legal_entity_id = ${legalEntityId} and o.status <> 'cancelled'
        and not exists (select 1 from attribution_processed ap where ap.source_kind = 'order-line' and ap.source_id = ol.id)
      order by o.ordered_at, ol.id
      limit ${BATCH}) batch
    join order_lines ol on ol.id = batch.id
    join orders o on o.id = ol.order_id
    join products p on p.id = ol.product_id
    left join associates ta on ta.id = ol.associate_id
    left join associates oa on oa.id = o.associate_id
    left join stores s on s.id = o.store_id
    ${outreach}
    order by o.ordered_at, ol.id`);
}

function money(minor: number, currency: string) {
  return `${minorToDecimal(minor, currency)} ${currency}`;
}

/** Decides who is credited for one line and how much; pure apart from its inputs. */
export function attributeLine(line: LineRow, legalEntityId: string, windowDays: number, groups: SalesGroup[], currency: string): LedgerInsert[] {
  let associateId: string;
  let rule: AttributionRule;
  let why: string;
  let outreachMessageId: string | null = null;
  const where = line.storeName ? ` at ${line.storeName}` : '';
  if (line.tillAssociateId) {
    associateId = line.tillAssociateId; rule = 'till';
    why = `Sold at the till by ${line.tillAssociateName}${where} on ${line.localDate} (order ${line.orderRef}, line ${line.lineNumber}).`;
  } else if (line.channel === 'remote' && line.orderAssociateId) {
    associateId = line.orderAssociateId; rule = 'remote-order';
    why = `Remote order ${line.orderRef} created by ${line.orderAssociateName} for the customer on ${line.localDate} (order from home, line ${line.lineNumber}).`;
  } else if (line.outreachId && line.outreachAssociateId) {
    associateId = line.outreachAssociateId; rule = 'outreach'; outreachMessageId = line.outreachId;
    const days = line.outreachDaysBefore ?? 0;
    why = `${channelLabel(line.channel)} order ${line.orderRef} on ${line.localDate} came ${days === 0 ? 'the same day as' : `${days} day${days === 1 ? '' : 's'} after`} `
      + `${line.outreachAssociateName}'s ${line.outreachChannel ?? ''} outreach of ${line.outreachSentDate} (within the ${windowDays}-day window; line ${line.lineNumber}).`;
  } else {
    return [];
  }
  const base = {
    legalEntityId, orderLineId: line.lineId, orderId: line.orderId, storeId: line.storeId, customerId: line.customerId,
    category: line.category, attributedAt: line.orderedAt, period: line.period, outreachMessageId,
  };
  const group = groups.find((g) => g.members.some((m) => m.associateId === associateId) && (!g.storeId || g.storeId === line.storeId));
  if (!group) {
    return [{ ...base, associateId, share: '1.0000', amountMinor: line.netMinor, rule, explanation: why }];
  }
  const parts = splitByShares(line.netMinor, group.members.map((m) => m.shareBp));
  return group.members.map((m, i) => ({
    ...base, associateId: m.associateId, share: (m.shareBp / 10_000).toFixed(4), amountMinor: parts[i], rule: 'sales-group' as const,
    salesGroupId: group.id,
    explanation: `${why} Shared in sales group "${group.name}": ${m.shareBp / 100}% to ${m.name} (${money(parts[i], currency)}).`,
  }));
}

function channelLabel(channel: string) {
  return channel === 'online' ? 'Online' : channel === 'call-center' ? 'Call-center' : channel === 'store' ? 'Store' : 'Remote';
}

/** Return lines whose sale line was processed: negative entries that reverse the credited shares proportionally. */
async function reverseReturns(db: Db, legalEntityId: string, timeZone: string, currency: string) {
  const returns = await query<{ id: string; orderLineId: string | null; refundMinor: number; lineNetMinor: number | null; ref: string; returnedAt: string; localDate: string; period: string }>(db, sql`
    select rl.id, rl.order_line_id as "orderLineId", rl.refund_minor::float8 as "refundMinor", ol.net_minor::float8 as "lineNetMinor",
      r.external_id as "ref", r.returned_at::text as "returnedAt", (r.returned_at at time zone ${timeZone})::date::text as "localDate",
      date_trunc('month', r.returned_at at time zone ${timeZone})::date::text as "period"
    from return_lines rl join returns r on r.id = rl.return_id
    left join order_lines ol on ol.id = rl.order_line_id
    where r.legal_entity_id = ${legalEntityId}
      and not exists (select 1 from attribution_processed ap where ap.source_kind = 'return-line' and ap.source_id = rl.id)
      and (rl.order_line_id is null
        or exists (select 1 from attribution_processed ap where ap.source_kind = 'order-line' and ap.source_id = rl.order_line_id))
    order by r.returned_at, rl.id
    limit ${BATCH}`);
  const processed = new Map<string, 'attributed' | 'unattributed'>();
  const entries: LedgerInsert[] = [];
  const lineIds = [...new Set(returns.map((r) => r.orderLineId).filter((x): x is string => !!x))];
  const credits = lineIds.length ? await query<{
    id: string; orderLineId: string; orderId: string; associateId: string; name: string; storeId: string | null; customerId: string | null;
    category: string; share: string; amountMinor: number; rule: AttributionRule; salesGroupId: string | null; outreachMessageId: string | null;
  }>(db, sql`
    select e.id, e.order_line_id as "orderLineId", e.order_id as "orderId", e.associate_id as "associateId", a.display_name as "name",
      e.store_id as "storeId", e.customer_id as "customerId", e.category, e.share::text as "share", e.amount_minor::float8 as "amountMinor",
      e.rule, e.sales_group_id as "salesGroupId", e.outreach_message_id as "outreachMessageId"
    from attribution_ledger e join associates a on a.id = e.associate_id
    where e.legal_entity_id = ${legalEntityId} and e.reversed_by is null
      and e.order_line_id in (${sql.join(lineIds.map((id) => sql`${id}::uuid`), sql`, `)})
    order by e.order_line_id, e.amount_minor desc, e.id`) : [];
  for (const r of returns) {
    const mine = credits.filter((c) => c.orderLineId === r.orderLineId && c.amountMinor !== 0);
    if (!mine.length || !r.lineNetMinor) { processed.set(r.id, 'unattributed'); continue; }
    const credited = mine.reduce((a, c) => a + c.amountMinor, 0);
    const reversed = Math.round((r.refundMinor * credited) / r.lineNetMinor);
    const parts = splitByShares(-reversed, mine.map((c) => c.amountMinor));
    processed.set(r.id, 'attributed');
    mine.forEach((c, i) => {
      if (parts[i] === 0) return;
      entries.push({
        legalEntityId, orderLineId: c.orderLineId, orderId: c.orderId, associateId: c.associateId, storeId: c.storeId, customerId: c.customerId,
        category: c.category, share: c.share, amountMinor: parts[i], rule: c.rule, salesGroupId: c.salesGroupId, outreachMessageId: c.outreachMessageId,
        attributedAt: r.returnedAt, period: r.period, reversedBy: r.id, reversesEntryId: c.id,
        explanation: `Return ${r.ref} on ${r.localDate} refunded ${money(r.refundMinor, currency)}: reverses ${c.name}'s credit on this line by ${money(-parts[i], currency)}.`,
      });
    });
  }
  return { processed, entries };
}
