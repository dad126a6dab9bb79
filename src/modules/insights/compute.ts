// The built-in measures of a legal entity: summarise its orders per customer in SQL, fit the purchase model (BG/NBD or
// Pareto/NBD) and the Gamma-Gamma spend model, score every customer and store each value with its drivers (why) and
// computed_at.
//
// Sized for books of tens of millions of customers (#18), memory does not grow with the book:
// - one SQL statement builds each customer's summary (purchase days, first and last day, spend, repeat spend) and
//   their RFM ranks (window functions over the book) into a temporary table;
// - the models are fitted on a random sample of at most FIT_SAMPLE customers with orders (all of them in a smaller
//   book): maximum likelihood on a sample of that size estimates the four or three parameters to well within their
//   standard errors, and the fit's `customers` says how many it used;
// - a cursor then reads the table in customer id order, CHUNK customers at a time, which are scored, given their
//   next best action and written before the next chunk is read.
// The CLV book percentile (shown in clv_12m's drivers, and "high value" in next best action) is the share of the fit
// sample with a lower CLV: exact when the sample is the whole book, within about ±0.002 of the book's at 200,000.

import { formatMoney } from '../../../shared/money.ts';
import { daysBetweenPurchases } from '../../../shared/purchase-interval.ts';
import { sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';
import { columnName, columnNames } from '../../db/sql.ts';
import { customers } from '../customers/schema.ts';
import { getLegalEntityLocale } from '../organisation/queries.ts';
import { orders } from '../orders/schema.ts';
import { insightModelFits, measureDefinitions } from './schema.ts';
import { bgNbdConditionalExpectedPurchases, bgNbdProbabilityAlive, fitBgNbd, type BgNbdParams, type FitResult } from './bgnbd.ts';
import { fitParetoNbd, paretoNbdConditionalExpectedPurchases, paretoNbdProbabilityAlive, type ParetoNbdParams } from './pareto-nbd.ts';
import { customerLifetimeValue, explainGammaGammaConditionalExpectedSpend, fitGammaGamma, type GammaGammaParams } from './gamma-gamma.ts';
import { rfmSegment } from './rfm.ts';
import type { KeyedTextValue } from '../../http/schemas.ts';
import { PERIOD_DAYS } from './summary.ts';
import { BUILTIN_KEYS, ensureBuiltinDefinitions } from './builtin-measures.ts';
import { deleteStaleMeasures, upsertMeasures, type MeasureRow } from './measure-store.ts';
import { loadNbaSignals, NO_MODEL_SIGNALS, type ModelSignals } from './nba-signals.ts';
import { rankNextBestActions } from './next-best-action.ts';
import { getInsightSettings } from './settings.ts';
import { localDate } from '../organisation/calendar.ts';
import type { Static } from '@sinclair/typebox';
import type { BuiltinRecomputeSchema, FitSummary } from './insight-schemas.ts';

/** The built-in part of a recompute; legalEntityId is for the job's log, the reply (RecomputeAllSchema) leaves it out. */
export type RecomputeResult = Static<typeof BuiltinRecomputeSchema> & { legalEntityId: string };

/** Fewer customers than this give no stable maximum-likelihood estimate; RFM and next best action still apply. */
const MIN_CUSTOMERS_TO_FIT = 10;
const MIN_REPEAT_TO_FIT = 3;
const HORIZON_DAYS = 90;
/** Customers read, scored and written at a time (a customer with orders has up to eight measure rows). */
const CHUNK = 10_000;
/** Customers with orders the models are fitted on; a bigger book is sampled. */
export const FIT_SAMPLE = 200_000;
/** Distinct (x, t_x, T) whose scores are remembered across chunks (32 bytes each, and the map's entry). */
const TUPLE_CACHE = 500_000;

const dayOf = (d: Date, timeZone: string) => {
  const ymd = localDate(d, timeZone);
  return { ymd, day: Math.round(Date.parse(`${ymd}T00:00:00Z`) / 86_400_000) };
};
const isoOfDay = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);
/**
 * A measure's explanation by key (drivers.explanationText beside the English drivers.explanation): the web words it in
 * the reader's language as measureWhy.<key>; money goes as minor units with its currency.
 */
export const MEASURE_WHY_KEYS = ['rfm', 'spendBlend', 'spendOwn', 'aliveOnce', 'aliveEvery', 'expectedPurchases', 'clv'] as const;
const why = (key: (typeof MEASURE_WHY_KEYS)[number], params: KeyedTextValue['params']): KeyedTextValue => ({ key, params });
const round = (v: number, digits = 4) => Number(v.toPrecision(digits));
const roundParams = (p: object) => Object.fromEntries(Object.entries(p).map(([k, v]) => [k, round(v as number, 6)]));

/** A customer of the book as the summary table holds it; the order columns are null for a customer without orders. */
interface BookRow {
  customerId: string;
  firstDay: number | null;
  lastDay: number | null;
  purchaseDays: number | null;
  spend: number | null;
  repeatSpend: number | null;
  /** Customers with orders whose value is strictly worse (RFM ranks over the book). */
  recencyBelow: number | null;
  frequencyBelow: number | null;
  monetaryBelow: number | null;
}
type OrderedRow = { [K in keyof BookRow]: NonNullable<BookRow[K]> };

/** `fitSample` and `chunk` (customers) default to FIT_SAMPLE and CHUNK; tests make them small to cross their edges. */
export async function recomputeBuiltinMeasures(db: Db, legalEntityId: string, opts: { today?: Date; fitSample?: number; chunk?: number } = {}): Promise<RecomputeResult> {
  const fitSampleSize = opts.fitSample ?? FIT_SAMPLE;
  const chunkSize = opts.chunk ?? CHUNK;
  const t0 = performance.now();
  await ensureBuiltinDefinitions(db, legalEntityId);
  const settings = await getInsightSettings(db, legalEntityId);
  const le = (await getLegalEntityLocale(db, legalEntityId))!;
  const today = opts.today ?? new Date();
  const { day: calEnd, ymd: calEndIso } = dayOf(today, le.timeZone);
  const computedAt = new Date().toISOString();
  const period = settings.period;
  const periodDays = PERIOD_DAYS[period];
  const money = (minor: number) => formatMoney(Math.round(minor), le.currency, 'en');
  const horizon = HORIZON_DAYS / periodDays;
  const notes: string[] = [];
  const fits: FitSummary[] = [];
  const fittedAt = new Date().toISOString();
  let result: RecomputeResult | null = null;

  await db.transaction(async (txDb) => {
    const tdb: Db = txDb;
    // One recompute per legal entity at a time (the daily job and "Recompute now" may meet).
    await tdb.execute(sql`select pg_advisory_xact_lock(hashtext(${'insights:' + legalEntityId}))`);

    // Customers who can be scored (not erased, not merged), each with the summary of their orders up to today:
    // same-day orders merge into one purchase day (FHL 2005), days are local to the legal entity, cancelled orders
    // do not count. The ranks are RFM's "customers strictly worse": a later last day, more purchase days, more spend.
    const o = orders, c = customers;
    await tdb.execute(sql`create temporary table insights_book on commit drop as
      with purchase_day as (
        select ${o.customerId} as cid, ((${o.orderedAt} at time zone ${le.timeZone})::date - date '1970-01-01')::int as day,
               sum(${o.totalMinor})::float8 as amount
        from ${o}
        where ${o.legalEntityId} = ${legalEntityId} and ${o.customerId} is not null and ${o.status} <> 'cancelled'
        group by 1, 2
      ), kept as (
        select cid, day, amount, min(day) over (partition by cid) as first_day from purchase_day where day <= ${calEnd}
      ), summary as (
        select cid, first_day, max(day) as last_day, count(*)::int as days, sum(amount) as spend,
               coalesce(sum(amount) filter (where day > first_day), 0)::float8 as repeat_spend
        from kept group by cid, first_day
      )
      select ${c.id} as "customerId", s.first_day as "firstDay", s.last_day as "lastDay", s.days as "purchaseDays",
             s.spend as "spend", s.repeat_spend as "repeatSpend",
             case when s.cid is not null then (rank() over (partition by s.cid is null order by s.last_day) - 1)::int end as "recencyBelow",
             case when s.cid is not null then (rank() over (partition by s.cid is null order by s.days) - 1)::int end as "frequencyBelow",
             case when s.cid is not null then (rank() over (partition by s.cid is null order by s.spend) - 1)::int end as "monetaryBelow"
      from ${c} left join summary s on s.cid = ${c.id}
      where ${c.legalEntityId} = ${legalEntityId} and ${c.erasedAt} is null and ${c.mergedIntoId} is null`);
    const [counts] = await query<{ book: number; n: number; repeat: number }>(tdb, sql`
      select count(*)::int as "book", count("firstDay")::int as "n", (count(*) filter (where "purchaseDays" > 1))::int as "repeat"
      from insights_book`);
    const n = counts.n;
    const repeatCustomers = counts.repeat;
    // The fit sample: every customer with orders, or FIT_SAMPLE of them drawn by a hash of their id (the same
    // customers each run while the book does not change).
    const sample = await query<OrderedRow>(tdb, n <= fitSampleSize
      ? sql`select * from insights_book where "firstDay" is not null`
      : sql`select * from insights_book where "firstDay" is not null order by md5("customerId"::text) limit ${fitSampleSize}`);
    const fitSet = summariesOf(sample, calEnd, periodDays);
    const tLoad = performance.now();

    let purchase: { model: 'bgnbd'; fit: FitResult<BgNbdParams> } | { model: 'pareto-nbd'; fit: FitResult<ParetoNbdParams> } | null = null;
    if (n >= MIN_CUSTOMERS_TO_FIT && repeatCustomers >= MIN_REPEAT_TO_FIT) {
      try {
        purchase = settings.transactionModel === 'pareto-nbd'
          ? { model: 'pareto-nbd', fit: fitParetoNbd(fitSet.x, fitSet.tx, fitSet.T) }
          : { model: 'bgnbd', fit: fitBgNbd(fitSet.x, fitSet.tx, fitSet.T) };
      } catch (err) {
        notes.push(`The ${settings.transactionModel} model could not be fitted: ${(err as Error).message}`);
      }
    } else {
      notes.push(`Purchase model not fitted: needs at least ${MIN_CUSTOMERS_TO_FIT} customers with orders and ${MIN_REPEAT_TO_FIT} repeat customers (has ${n} and ${repeatCustomers}).`);
    }
    let spend: FitResult<GammaGammaParams> | null = null;
    if (repeatCustomers >= MIN_CUSTOMERS_TO_FIT) {
      try {
        const fit = fitGammaGamma(fitSet.x, fitSet.monetary);
        // With q ≤ 1 the population mean spend is infinite: the fit says nothing usable.
        if (fit.params.q > 1 && Number.isFinite(fit.logLikelihood)) spend = fit;
        else notes.push('The Gamma-Gamma spend model gave no finite mean spend; expected spend uses each customer\'s own average.');
      } catch (err) {
        notes.push(`The Gamma-Gamma spend model could not be fitted: ${(err as Error).message}`);
      }
    } else {
      notes.push(`Spend model not fitted: needs at least ${MIN_CUSTOMERS_TO_FIT} repeat customers (has ${repeatCustomers}); expected spend uses each customer's own average.`);
    }
    if (purchase) fits.push({ model: purchase.model, params: roundParams(purchase.fit.params), logLikelihood: purchase.fit.logLikelihood, customers: purchase.fit.customers, converged: purchase.fit.converged });
    if (spend) fits.push({ model: 'gamma-gamma', params: roundParams(spend.params), logLikelihood: spend.logLikelihood, customers: spend.customers, converged: spend.converged });
    const model = purchase ? { model: purchase.model, params: roundParams(purchase.fit.params), fittedAt, customersInFit: purchase.fit.customers } : null;
    const spendModel = spend ? { model: 'gamma-gamma', params: roundParams(spend.params), fittedAt, customersInFit: spend.customers } : null;

    /** Expected spend: the Gamma-Gamma blend of the customer's repeat average and the book's, else their own average. */
    const expectedSpend = (s: Summaries, i: number) => {
      const ownAverage = s.spend[i] / s.purchaseDays[i];
      return spend
        ? explainGammaGammaConditionalExpectedSpend(spend.params, s.x[i], s.monetary[i])
        : { value: ownAverage, drivers: { averageSpend: ownAverage, fallback: 1 } as Record<string, number> };
    };
    // Per distinct (x, t_x, T): probability alive, expected purchases in 90 days, discounted purchases and purchases in
    // 12 months (CLV's 12 monthly expectations, the expensive part). Remembered across chunks, up to TUPLE_CACHE of them
    // (then forgotten and refilled), as whole days: x, last − first and today − first.
    const cacheSlots = new Map<number, number>();
    const cacheSize = Math.max(1, Math.min(TUPLE_CACHE, n));
    const cacheValues = new Float64Array(cacheSize * 4);
    const tupleScores = (x: number, txDays: number, TDays: number): Float64Array => {
      const p = purchase!;
      const key = x < 2 ** 21 && TDays < 2 ** 16 ? (x * 2 ** 16 + txDays) * 2 ** 16 + TDays : -1;
      let slot = key >= 0 ? cacheSlots.get(key) : undefined;
      if (slot !== undefined) return cacheValues.subarray(slot * 4, slot * 4 + 4);
      if (cacheSlots.size >= cacheSize) cacheSlots.clear();
      slot = key >= 0 ? cacheSlots.size : 0;
      const tx = txDays / periodDays, T = TDays / periodDays;
      const upTo = p.model === 'bgnbd'
        ? (t: number) => bgNbdConditionalExpectedPurchases(p.fit.params, t, x, tx, T)
        : (t: number) => paretoNbdConditionalExpectedPurchases(p.fit.params, t, x, tx, T);
      const clv = customerLifetimeValue(upTo, 1, { periodsPerMonth: PERIOD_DAYS.month / periodDays });
      const out = key >= 0 ? cacheValues.subarray(slot * 4, slot * 4 + 4) : new Float64Array(4);
      out[0] = p.model === 'bgnbd' ? bgNbdProbabilityAlive(p.fit.params, x, tx, T) : paretoNbdProbabilityAlive(p.fit.params, x, tx, T);
      out[1] = upTo(horizon);
      out[2] = clv.value;
      out[3] = clv.drivers.expectedPurchases;
      if (key >= 0) cacheSlots.set(key, slot);
      return out;
    };
    // Book percentile of CLV, for "high value" in next best action and shown among the drivers: from the fit sample.
    const sampleClv = new Float64Array(purchase ? fitSet.length : 0);
    for (let i = 0; i < sampleClv.length; i++) {
      const r = fitSet.rows[i];
      sampleClv[i] = expectedSpend(fitSet, i).value * tupleScores(fitSet.x[i], r.lastDay - r.firstDay, calEnd - r.firstDay)[2];
    }
    const sorted = sampleClv.filter((v) => !Number.isNaN(v)).sort();
    const percentileOf = (v: number) => { let lo = 0, hi = sorted.length; while (lo < hi) { const mid = (lo + hi) >> 1; if (sorted[mid] < v) lo = mid + 1; else hi = mid; } return sorted.length ? lo / sorted.length : 0; };
    const tFit = performance.now();

    const nextBestAction = (signals: Awaited<ReturnType<typeof loadNbaSignals>>, customerId: string, modelSignals: ModelSignals, out: MeasureRow[]) => {
      const other = signals.get(customerId);
      if (!other) return;
      const actions = rankNextBestActions({ ...modelSignals, ...other }, today);
      if (!actions.length) return;
      const top = actions[0];
      out.push({ customerId, measureKey: 'next_best_action', valueNumber: top.score, valueText: top.title,
        drivers: { action: top.key, channel: top.channel, reasons: top.reasons, alternatives: actions.slice(1, 4).map((a) => ({ action: a.key, title: a.title, score: a.score })), explanation: top.reasons.join('; ') } });
    };
    const quintile = (below: number) => Math.min(5, Math.floor((5 * below) / n) + 1);

    /** The measure rows of one chunk of the book (customers in id order). */
    const chunkRows = async (chunk: BookRow[]): Promise<MeasureRow[]> => {
      const rows: MeasureRow[] = [];
      const signals = await loadNbaSignals(tdb, legalEntityId, { from: chunk[0].customerId, to: chunk[chunk.length - 1].customerId });
      const s = summariesOf(chunk.filter((r): r is OrderedRow => r.firstDay !== null), calEnd, periodDays);
      for (let i = 0; i < s.length; i++) {
        const row = s.rows[i];
        const customerId = row.customerId;
        const since = calEnd - row.lastDay;
        const history = {
          purchaseDays: row.purchaseDays, firstPurchase: isoOfDay(row.firstDay), lastPurchase: isoOfDay(row.lastDay), daysSinceLastPurchase: since,
          totalSpendMinor: Math.round(row.spend), frequency: s.x[i], recency: round(s.tx[i]), T: round(s.T[i]), period, calibrationEnd: calEndIso,
        };
        const rs = quintile(row.recencyBelow), fs = quintile(row.frequencyBelow), ms = quintile(row.monetaryBelow);
        const code = `${rs}${fs}${ms}`;
        const segment = rfmSegment(rs, fs);
        const rfmDrivers = {
          ...history, code, recencyScore: rs, frequencyScore: fs, monetaryScore: ms,
          recencyPercentile: round(row.recencyBelow / n, 3), frequencyPercentile: round(row.frequencyBelow / n, 3), monetaryPercentile: round(row.monetaryBelow / n, 3),
          explanation: `Last purchase ${since} days ago (R${rs}), ${row.purchaseDays} purchase days (F${fs}), ${money(row.spend)} spent (M${ms}); quintiles of ${n} customers.`,
          explanationText: why('rfm', { since, r: rs, purchaseDays: row.purchaseDays, f: fs, spend: Math.round(row.spend), currency: le.currency, m: ms, customers: n }),
        };
        rows.push({ customerId, measureKey: 'rfm_segment', valueNumber: null, valueText: segment, drivers: rfmDrivers });
        rows.push({ customerId, measureKey: 'rfm_score', valueNumber: Number(code), valueText: code, drivers: rfmDrivers });

        const spendExplained = expectedSpend(s, i);
        rows.push({
          customerId, measureKey: 'expected_spend', valueNumber: Math.round(spendExplained.value), valueText: null,
          drivers: { ...history, ...roundAll(spendExplained.drivers), unit: 'minor', spendModel,
            explanation: spend
              ? `Blend of their average repeat purchase (${money(s.monetary[i])}) and the book's (${money(spendExplained.drivers.populationMeanSpend)}), ${Math.round(spendExplained.drivers.individualWeight * 100)}% weight on their own history.`
              : `Their own average purchase: the spend model needs more repeat customers.`,
            explanationText: spend
              ? why('spendBlend', { own: Math.round(s.monetary[i]), book: Math.round(spendExplained.drivers.populationMeanSpend), currency: le.currency, weight: Math.round(spendExplained.drivers.individualWeight * 100) / 100 })
              : why('spendOwn', {}) },
        });

        let probabilityAlive: number | null = null;
        let clv: number | null = null;
        if (purchase) {
          const scores = tupleScores(s.x[i], row.lastDay - row.firstDay, calEnd - row.firstDay);
          const pa = scores[0];
          probabilityAlive = pa;
          const expected = scores[1];
          const rate = (purchase.fit.params.r + s.x[i]) / (purchase.fit.params.alpha + s.T[i]);
          const modelDrivers = {
            ...history, model, expectedPurchaseRatePerPeriod: round(rate), typicalDaysBetweenPurchases: round(periodDays / rate, 3),
            ...(purchase.model === 'bgnbd' && s.x[i] === 0 ? { note: 'BG/NBD counts a customer with a single purchase day as active until a repeat purchase shows otherwise.' } : {}),
          };
          // The interval is the one the profile shows (daysBetweenPurchases); the model's rate stays among the statistics.
          const every = daysBetweenPurchases(row.firstDay, row.lastDay, row.purchaseDays);
          const aliveWhy = every === null
            ? `One purchase day so far, ${since} days ago.`
            : `Bought on ${row.purchaseDays} days, about every ${every} days; the last ${since} days ago.`;
          const aliveText = every === null ? why('aliveOnce', { since }) : why('aliveEvery', { purchaseDays: row.purchaseDays, every, since });
          rows.push({ customerId, measureKey: 'p_alive', valueNumber: pa, valueText: null, drivers: { ...modelDrivers, explanation: aliveWhy, explanationText: aliveText } });
          rows.push({ customerId, measureKey: 'churn_probability', valueNumber: 1 - pa, valueText: null, drivers: { ...modelDrivers, probabilityAlive: round(pa), explanation: aliveWhy, explanationText: aliveText } });
          rows.push({ customerId, measureKey: 'expected_purchases_90d', valueNumber: expected, valueText: null,
            drivers: { ...modelDrivers, horizonDays: HORIZON_DAYS, probabilityAlive: round(pa), explanation: `${round(pa * 100, 3)}% likely still active; at their rate that is ${round(expected, 3)} purchase days in ${HORIZON_DAYS} days.`,
              explanationText: why('expectedPurchases', { alive: round(pa * 100, 3), expected: round(expected, 3), horizon: HORIZON_DAYS }) } });
          clv = spendExplained.value * scores[2];
          const purchases12m = scores[3];
          rows.push({ customerId, measureKey: 'clv_12m', valueNumber: Math.round(clv), valueText: null,
            drivers: { ...modelDrivers, unit: 'minor', expectedPurchases12m: round(purchases12m), expectedSpendMinor: Math.round(spendExplained.value), monthlyDiscountRate: 0.01, months: 12, spendModel,
              bookPercentile: round(percentileOf(clv), 3),
              explanation: `${round(purchases12m, 3)} expected purchases in 12 months × ${money(spendExplained.value)} expected spend, discounted 1% a month.`,
              explanationText: why('clv', { purchases: round(purchases12m, 3), spend: Math.round(spendExplained.value), currency: le.currency }) } });
        }
        nextBestAction(signals, customerId, {
          probabilityAlive, clv12mMinor: clv === null || Number.isNaN(clv) ? null : clv, clvBookPercentile: clv === null || Number.isNaN(clv) ? null : percentileOf(clv),
          rfmSegment: segment, daysSinceLastPurchase: since, purchaseDays: row.purchaseDays,
        }, rows);
      }
      // Customers without orders still get a next best action (birthday, anniversary, welcome …).
      for (const r of chunk) if (r.firstDay === null) nextBestAction(signals, r.customerId, NO_MODEL_SIGNALS, rows);
      return rows;
    };

    // The book a chunk at a time through a cursor: memory holds one chunk's rows (with their drivers).
    let writeMs = 0;
    await tdb.execute(sql`declare insights_chunks no scroll cursor for select * from insights_book order by "customerId"`);
    for (;;) {
      const chunk = await query<BookRow>(tdb, sql`fetch forward ${sql.raw(String(Math.max(1, Math.floor(chunkSize))))} from insights_chunks`);
      if (!chunk.length) break;
      const rows = await chunkRows(chunk);
      const t = performance.now();
      await upsertMeasures(tdb, legalEntityId, rows, computedAt);
      writeMs += performance.now() - t;
      if (chunk.length < chunkSize) break;
    }
    await tdb.execute(sql`close insights_chunks`);
    const tScored = performance.now();
    await deleteStaleMeasures(tdb, legalEntityId, BUILTIN_KEYS, computedAt);
    const f = insightModelFits;
    const updated = [f.params, f.logLikelihood, f.customers, f.period, f.calibrationEnd, f.converged, f.durationMs, f.fittedAt]
      .map((col) => sql`${columnName(col)} = excluded.${columnName(col)}`);
    for (const fit of fits) {
      await tdb.execute(sql`insert into ${f} (${columnNames(f.legalEntityId, f.model, f.params, f.logLikelihood, f.customers, f.period, f.calibrationEnd, f.converged, f.durationMs, f.fittedAt)})
        values (${legalEntityId}, ${fit.model}, ${JSON.stringify(fit.params)}::jsonb, ${fit.logLikelihood}, ${fit.customers}, ${period}, ${calEndIso}, ${fit.converged}, ${Math.round(tFit - tLoad)}, ${fittedAt})
        on conflict (${columnNames(f.legalEntityId, f.model)}) do update set ${sql.join(updated, sql`, `)}`);
    }
    const d = measureDefinitions;
    await tdb.execute(sql`update ${d} set ${columnName(d.lastRunAt)} = ${computedAt}, ${columnName(d.lastError)} = ${notes.length ? notes.join(' ') : null}
      where ${d.legalEntityId} = ${legalEntityId} and ${d.source} = 'builtin'`);
    const tEnd = performance.now();
    result = {
      legalEntityId, computedAt, model: settings.transactionModel, period, customersScored: counts.book, customersWithOrders: n, fits, notes,
      // score covers scoring and next best action of every chunk; write covers their upserts and the final updates.
      timingsMs: { load: Math.round(tLoad - t0), fit: Math.round(tFit - tLoad), score: Math.round(tScored - tFit - writeMs), write: Math.round(writeMs + tEnd - tScored), total: Math.round(tEnd - t0) },
    };
  });
  return result!;
}

/** Per-customer model inputs of some book rows: x repeat purchase days, t_x and T in periods, repeat-purchase average. */
interface Summaries {
  rows: OrderedRow[];
  length: number;
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  monetary: Float64Array;
  spend: Float64Array;
  purchaseDays: Float64Array;
}

function summariesOf(rows: OrderedRow[], calEnd: number, periodDays: number): Summaries {
  const x = Float64Array.from(rows, (r) => r.purchaseDays - 1);
  return {
    rows, length: rows.length, x,
    tx: Float64Array.from(rows, (r) => (r.lastDay - r.firstDay) / periodDays),
    T: Float64Array.from(rows, (r) => (calEnd - r.firstDay) / periodDays),
    monetary: Float64Array.from(rows, (r, i) => (x[i] > 0 ? r.repeatSpend / x[i] : 0)),
    spend: Float64Array.from(rows, (r) => r.spend),
    purchaseDays: Float64Array.from(rows, (r) => r.purchaseDays),
  };
}

function roundAll(d: Record<string, number>) {
  return Object.fromEntries(Object.entries(d).map(([k, v]) => [k, Number.isFinite(v) ? round(v, 6) : null]));
}
