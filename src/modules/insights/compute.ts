// The built-in measures of a legal entity: summarise its orders per customer in SQL, fit the purchase model (BG/NBD or
// Pareto/NBD) and the Gamma-Gamma spend model, score every customer and store their values as one row of
// customer_insights with computed_at; the drivers (why) are derived from that row when read (insight-drivers.ts).
//
// Sized for books of tens of millions of customers (#18), memory does not grow with the book:
// - one SQL statement builds each customer's summary (purchase days, first and last day, spend, repeat spend) and
//   their RFM ranks (window functions over the book) into a temporary table;
// - the models are fitted on a random sample of at most FIT_SAMPLE customers with orders (all of them in a smaller
//   book): maximum likelihood on a sample of that size estimates the four or three parameters to well within their
//   standard errors, and the fit's `customers` says how many it used;
// - a cursor then reads the table in customer id order, CHUNK customers at a time, which are scored and given their
//   next best action; each chunk is written in one statement (arrays, one per column) while the next is scored.
// The CLV book percentile (shown in clv_12m's drivers, and "high value" in next best action) is the share of the fit
// sample with a lower CLV: exact when the sample is the whole book, within about ±0.002 of the book's at 200,000.

import { sql } from 'drizzle-orm';
import { note, type MeasureNote } from './measure-notes.ts';
import { query, type Db } from '../../db/client.ts';
import { columnName, columnNames } from '../../db/sql.ts';
import { customers } from '../customers/schema.ts';
import { getLegalEntityLocale } from '../organisation/queries.ts';
import { orders } from '../orders/schema.ts';
import { customerInsights, insightModelFits, insightRuns, measureDefinitions } from './schema.ts';
import { bgNbdConditionalExpectedPurchases, bgNbdProbabilityAlive, fitBgNbd, type BgNbdParams, type FitResult } from './bgnbd.ts';
import { fitParetoNbd, paretoNbdConditionalExpectedPurchases, paretoNbdProbabilityAlive, type ParetoNbdParams } from './pareto-nbd.ts';
import { customerLifetimeValue, fitGammaGamma, gammaGammaConditionalExpectedSpend, type GammaGammaParams } from './gamma-gamma.ts';
import { rfmSegment } from './rfm.ts';
import { PERIOD_DAYS } from './summary.ts';
import { BUILTIN_KEYS, ensureBuiltinDefinitions } from './builtin-measures.ts';
import { deleteStaleMeasures, writeCustomerInsights, type InsightValues } from './measure-store.ts';
import { loadNbaSignals, NO_MODEL_SIGNALS } from './nba-signals.ts';
import { explainExpectedSpend, HORIZON_DAYS, quintile, type CustomerInsight, type InsightRunContext } from './insight-drivers.ts';
import { rankNextBestActions } from './next-best-action.ts';
import { getInsightSettings } from './settings.ts';
import { localDate } from '../organisation/calendar.ts';
import type { Static } from '@sinclair/typebox';
import type { BuiltinRecomputeSchema, FitSummary } from './insight-schemas.ts';

/** The built-in part of a recompute; legalEntityId is for the job's log, the reply (RecomputeAllSchema) leaves it out. */
export type RecomputeResult = Static<typeof BuiltinRecomputeSchema> & {
  legalEntityId: string;
  /** For the benchmark: the chunk loop's reading, scoring and waiting on writes, and the updates after it. */
  phasesMs: { read: number; score: number; writeWait: number; final: number };
};

/** Fewer customers than this give no stable maximum-likelihood estimate; RFM and next best action still apply. */
const MIN_CUSTOMERS_TO_FIT = 10;
const MIN_REPEAT_TO_FIT = 3;
/** Customers read, scored and written at a time (a customer with orders has up to eight measure rows). */
const CHUNK = 10_000;
/** Customers with orders the models are fitted on; a bigger book is sampled. */
export const FIT_SAMPLE = 200_000;
/** Distinct (x, t_x, T) whose scores are remembered across chunks (32 bytes each, and the map's entry). */
const TUPLE_CACHE = 500_000;
/** Customers scored between two looks at the connection's queue. */
const YIELD_EVERY = 500;

const dayOf = (d: Date, timeZone: string) => {
  const ymd = localDate(d, timeZone);
  return { ymd, day: Math.round(Date.parse(`${ymd}T00:00:00Z`) / 86_400_000) };
};
const round = (v: number, digits = 4) => Number(v.toPrecision(digits));
const roundParams = (p: object) => Object.fromEntries(Object.entries(p).map(([k, v]) => [k, round(v as number, 6)]));

/** A customer of the book as the summary table holds it: the order columns of their customer_insights row. */
type BookRow = Pick<CustomerInsight, 'customerId' | 'firstDay' | 'lastDay' | 'purchaseDays' | 'spend' | 'repeatSpend' | 'recencyBelow' | 'frequencyBelow' | 'monetaryBelow'>;
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
  const horizon = HORIZON_DAYS / periodDays;
  const notes: string[] = [];
  // The same notes by key for the Measures page (measure-notes.ts).
  const noteTexts: MeasureNote[] = [];
  const modelName = settings.transactionModel === 'pareto-nbd' ? 'Pareto/NBD' : 'BG/NBD';
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
        select cid, day, amount, min(day) over (partition by cid) as first_seen from purchase_day where day <= ${calEnd}
      ), summary as (
        select cid, first_seen, max(day) as last_seen, count(*)::int as days, sum(amount) as spend,
               coalesce(sum(amount) filter (where day > first_seen), 0)::float8 as repeat_amount
        from kept group by cid, first_seen
      )
      select ${c.id} as "customerId", s.first_seen as "firstDay", s.last_seen as "lastDay", s.days as "purchaseDays",
             s.spend as "spend", s.repeat_amount as "repeatSpend",
             case when s.cid is not null then (rank() over (partition by s.cid is null order by s.last_seen) - 1)::int end as "recencyBelow",
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
        noteTexts.push(note('purchaseFitFailed', { model: modelName, error: (err as Error).message }));
      }
    } else {
      notes.push(`Purchase model not fitted: needs at least ${MIN_CUSTOMERS_TO_FIT} customers with orders and ${MIN_REPEAT_TO_FIT} repeat customers (has ${n} and ${repeatCustomers}).`);
      noteTexts.push(note('purchaseNotFitted', { min: MIN_CUSTOMERS_TO_FIT, minRepeat: MIN_REPEAT_TO_FIT, customers: n, repeat: repeatCustomers }));
    }
    let spend: FitResult<GammaGammaParams> | null = null;
    if (repeatCustomers >= MIN_CUSTOMERS_TO_FIT) {
      try {
        const fit = fitGammaGamma(fitSet.x, fitSet.monetary);
        // With q ≤ 1 the population mean spend is infinite: the fit says nothing usable.
        if (fit.params.q > 1 && Number.isFinite(fit.logLikelihood)) spend = fit;
        else {
          notes.push('The Gamma-Gamma spend model gave no finite mean spend; expected spend uses each customer\'s own average.');
          noteTexts.push(note('spendNoFiniteMean'));
        }
      } catch (err) {
        notes.push(`The Gamma-Gamma spend model could not be fitted: ${(err as Error).message}`);
        noteTexts.push(note('spendFitFailed', { error: (err as Error).message }));
      }
    } else {
      notes.push(`Spend model not fitted: needs at least ${MIN_CUSTOMERS_TO_FIT} repeat customers (has ${repeatCustomers}); expected spend uses each customer's own average.`);
      noteTexts.push(note('spendNotFitted', { min: MIN_CUSTOMERS_TO_FIT, repeat: repeatCustomers }));
    }
    if (purchase) fits.push({ model: purchase.model, params: roundParams(purchase.fit.params), logLikelihood: purchase.fit.logLikelihood, customers: purchase.fit.customers, converged: purchase.fit.converged });
    if (spend) fits.push({ model: 'gamma-gamma', params: roundParams(spend.params), logLikelihood: spend.logLikelihood, customers: spend.customers, converged: spend.converged });
    const model = purchase ? { model: purchase.model, params: roundParams(purchase.fit.params), fittedAt, customersInFit: purchase.fit.customers } : null;
    const spendModel = spend ? { model: 'gamma-gamma', params: roundParams(spend.params), fittedAt, customersInFit: spend.customers } : null;
    const ctx: InsightRunContext = {
      n, calEnd, calEndIso, period, currency: le.currency,
      purchase: purchase ? { model: purchase.model, params: purchase.fit.params } : null,
      spend: spend ? spend.params : null, model, spendModel,
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
      const es = explainExpectedSpend(ctx.spend, fitSet.spend[i], fitSet.purchaseDays[i], fitSet.x[i], fitSet.monetary[i]).value;
      sampleClv[i] = es * tupleScores(fitSet.x[i], r.lastDay - r.firstDay, calEnd - r.firstDay)[2];
    }
    const sorted = sampleClv.filter((v) => !Number.isNaN(v)).sort();
    const percentileOf = (v: number) => { let lo = 0, hi = sorted.length; while (lo < hi) { const mid = (lo + hi) >> 1; if (sorted[mid] < v) lo = mid + 1; else hi = mid; } return sorted.length ? lo / sorted.length : 0; };
    const tFit = performance.now();

    /**
     * The values of one chunk of the book, one object a customer with orders or with a next best action. Drivers are
     * not built here: insight-drivers.ts derives them from these values and the run's context when they are read.
     */
    const scoreChunk = async (chunk: BookRow[], signals: Awaited<ReturnType<typeof loadNbaSignals>>): Promise<InsightValues[]> => {
      const out: InsightValues[] = [];
      // Object literals of one shape (no spreads): this loop runs for every customer of the book.
      for (let i = 0; i < chunk.length; i++) {
        // Now and then let the connection's queue move on (the next query starts as soon as the last one is done).
        if (i % YIELD_EVERY === YIELD_EVERY - 1) await new Promise((resolve) => setImmediate(resolve));
        const r = chunk[i];
        const other = signals.get(r.customerId);
        const v: InsightValues = {
          customerId: r.customerId, firstDay: r.firstDay, lastDay: r.lastDay, purchaseDays: r.purchaseDays, spend: r.spend, repeatSpend: r.repeatSpend,
          recencyBelow: r.recencyBelow, frequencyBelow: r.frequencyBelow, monetaryBelow: r.monetaryBelow, rfmScore: null, rfmSegment: null,
          expectedSpend: null, pAlive: null, expectedPurchases90d: null, clv12m: null, expectedPurchases12m: null, clvBookPercentile: null,
          nextBestAction: null, nextBestActionScore: null, nextBestActionDrivers: null,
        };
        let clv: number | null = null;
        let since: number | null = null;
        if (r.firstDay !== null) {
          const o = r as OrderedRow;
          const x = o.purchaseDays - 1;
          const monetary = x > 0 ? o.repeatSpend / x : 0;
          since = calEnd - o.lastDay;
          const rs = quintile(o.recencyBelow, n), fs = quintile(o.frequencyBelow, n), ms = quintile(o.monetaryBelow, n);
          v.rfmScore = rs * 100 + fs * 10 + ms;
          v.rfmSegment = rfmSegment(rs, fs);
          const es = ctx.spend ? gammaGammaConditionalExpectedSpend(ctx.spend, x, monetary) : o.spend / o.purchaseDays;
          v.expectedSpend = Math.round(es);
          if (purchase) {
            const scores = tupleScores(x, o.lastDay - o.firstDay, calEnd - o.firstDay);
            clv = es * scores[2];
            v.pAlive = scores[0];
            v.expectedPurchases90d = scores[1];
            v.clv12m = Math.round(clv);
            v.expectedPurchases12m = scores[3];
            v.clvBookPercentile = percentileOf(clv);
          }
        }
        // Customers without orders still get a next best action (birthday, anniversary, welcome …).
        if (other) {
          const known = clv !== null && !Number.isNaN(clv);
          const actions = rankNextBestActions({
            probabilityAlive: v.pAlive, clv12mMinor: known ? clv : null, clvBookPercentile: known ? v.clvBookPercentile : null,
            rfmSegment: v.rfmSegment, daysSinceLastPurchase: since, purchaseDays: r.purchaseDays ?? 0,
            isVip: other.isVip, birthDate: other.birthDate, anniversaryDate: other.anniversaryDate, preferredChannel: other.preferredChannel,
            consents: other.consents, openCases: other.openCases, wishlistInStock: other.wishlistInStock, recentlyViewed: other.recentlyViewed, recommended: other.recommended,
          }, today);
          if (actions.length) {
            const top = actions[0];
            v.nextBestAction = top.title;
            v.nextBestActionScore = top.score;
            v.nextBestActionDrivers = { action: top.key, channel: top.channel, reasons: top.reasons, alternatives: actions.slice(1, 4).map((a) => ({ action: a.key, title: a.title, score: a.score })) };
          }
        }
        if (r.firstDay !== null || v.nextBestAction !== null) out.push(v);
      }
      return out;
    };

    // The book a chunk at a time through a cursor, in customer id order; each chunk's first and last id are known
    // beforehand, so reading the next chunk and its next best action signals need not wait for this one's scoring.
    // The transaction's one connection takes one statement at a time: they are queued in order (write chunk k − 1,
    // read chunk k + 1) and the database runs them while this process scores chunk k, yielding now and then so the
    // queue moves on. Memory holds about three chunks.
    const size = Math.max(1, Math.floor(chunkSize));
    const bounds = await query<{ from: string; to: string }>(tdb, sql`
      select min(id) as "from", max(id) as "to"
      from (select "customerId"::text collate "C" as id, (row_number() over (order by "customerId") - 1) / ${size} as k from insights_book) t
      group by k order by k`); // no min(uuid) before PostgreSQL 16; a uuid's text in byte order sorts as the uuid
    await tdb.execute(sql`declare insights_chunks no scroll cursor for select * from insights_book order by "customerId"`);
    let lane: Promise<unknown> = Promise.resolve();
    const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
      const done = lane.then(work);
      lane = done.catch(() => {});
      done.catch(() => {}); // awaited below; a failure must not count as unhandled meanwhile
      return done;
    };
    const readChunk = (range: { from: string; to: string }) => inTurn(async () => [
      await query<BookRow>(tdb, sql`fetch forward ${sql.raw(String(size))} from insights_chunks`),
      await loadNbaSignals(tdb, legalEntityId, range),
    ] as const);
    let readMs = 0, scoreMs = 0, writeMs = 0;
    let written: Promise<void> = Promise.resolve();
    let next = bounds.length ? readChunk(bounds[0]) : null;
    for (let k = 0; next; k++) {
      let t = performance.now();
      const [chunk, signals] = await next;
      readMs += performance.now() - t;
      next = k + 1 < bounds.length ? readChunk(bounds[k + 1]) : null;
      t = performance.now();
      const values = await scoreChunk(chunk, signals);
      scoreMs += performance.now() - t;
      t = performance.now();
      await written;
      writeMs += performance.now() - t;
      written = inTurn(() => writeCustomerInsights(tdb, legalEntityId, values, computedAt));
    }
    let t = performance.now();
    await written;
    writeMs += performance.now() - t;
    await tdb.execute(sql`close insights_chunks`);
    // Customers gone from the book (erased, merged, lost their orders and have no next best action), and the rows
    // the built-in measures had in customer_measures before they moved to customer_insights.
    await tdb.execute(sql`delete from ${customerInsights} where ${customerInsights.legalEntityId} = ${legalEntityId} and ${customerInsights.computedAt} < ${computedAt}::timestamptz`);
    await deleteStaleMeasures(tdb, legalEntityId, BUILTIN_KEYS, computedAt);
    const ir = insightRuns;
    await tdb.execute(sql`insert into ${ir} (${columnNames(ir.legalEntityId, ir.computedAt, ir.context)}) values (${legalEntityId}, ${computedAt}, ${JSON.stringify(ctx)}::jsonb)
      on conflict (${columnNames(ir.legalEntityId)}) do update set ${columnName(ir.computedAt)} = excluded.${columnName(ir.computedAt)}, ${columnName(ir.context)} = excluded.${columnName(ir.context)}`);
    const f = insightModelFits;
    const updated = [f.params, f.logLikelihood, f.customers, f.period, f.calibrationEnd, f.converged, f.durationMs, f.fittedAt]
      .map((col) => sql`${columnName(col)} = excluded.${columnName(col)}`);
    for (const fit of fits) {
      await tdb.execute(sql`insert into ${f} (${columnNames(f.legalEntityId, f.model, f.params, f.logLikelihood, f.customers, f.period, f.calibrationEnd, f.converged, f.durationMs, f.fittedAt)})
        values (${legalEntityId}, ${fit.model}, ${JSON.stringify(fit.params)}::jsonb, ${fit.logLikelihood}, ${fit.customers}, ${period}, ${calEndIso}, ${fit.converged}, ${Math.round(tFit - tLoad)}, ${fittedAt})
        on conflict (${columnNames(f.legalEntityId, f.model)}) do update set ${sql.join(updated, sql`, `)}`);
    }
    const d = measureDefinitions;
    await tdb.execute(sql`update ${d} set ${columnName(d.lastRunAt)} = ${computedAt}, ${columnName(d.lastError)} = ${notes.length ? notes.join(' ') : null},
      ${columnName(d.lastErrorNotes)} = ${noteTexts.length ? JSON.stringify(noteTexts) : null}::jsonb
      where ${d.legalEntityId} = ${legalEntityId} and ${d.source} = 'builtin'`);
    const tEnd = performance.now();
    result = {
      legalEntityId, computedAt, model: settings.transactionModel, period, customersScored: counts.book, customersWithOrders: n, fits, notes, noteTexts,
      // score covers reading each chunk (and its next best action signals), scoring it and sending its values; write
      // the time spent waiting for the writes (those not done while the next chunk was scored) and the final updates.
      timingsMs: { load: Math.round(tLoad - t0), fit: Math.round(tFit - tLoad), score: Math.round(readMs + scoreMs), write: Math.round(tEnd - tFit - readMs - scoreMs), total: Math.round(tEnd - t0) },
      phasesMs: { read: Math.round(readMs), score: Math.round(scoreMs), writeWait: Math.round(writeMs), final: Math.round(tEnd - tFit - readMs - scoreMs - writeMs) },
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
