// The built-in measures of a legal entity: read its orders, fit the purchase model (BG/NBD or Pareto/NBD) and the
// Gamma-Gamma spend model, score every customer and store each value with its drivers (why) and computed_at.

import { formatMoney } from '../../../shared/money.ts';
import { daysBetweenPurchases } from '../../../shared/purchase-interval.ts';
import { sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';
import { columnName, columnNames } from '../../db/sql.ts';
import { getLegalEntityLocale } from '../organisation/queries.ts';
import { orders } from '../orders/schema.ts';
import { insightModelFits, measureDefinitions } from './schema.ts';
import { bgNbdConditionalExpectedPurchases, fitBgNbd, scoreBgNbd, type BgNbdParams, type FitResult } from './bgnbd.ts';
import { fitParetoNbd, paretoNbdConditionalExpectedPurchases, scoreParetoNbd, type ParetoNbdParams } from './pareto-nbd.ts';
import { customerLifetimeValue, explainGammaGammaConditionalExpectedSpend, fitGammaGamma, type GammaGammaParams } from './gamma-gamma.ts';
import { scoreRfm } from './rfm.ts';
import { compressSummaries, PERIOD_DAYS, summarizeTransactions, type Period } from './summary.ts';
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
/** Measure rows built before they are written (a customer with orders has up to eight). */
const ROWS_PER_WRITE = 10_000;

const dayOf = (d: Date, timeZone: string) => {
  const ymd = localDate(d, timeZone);
  return { ymd, day: Math.round(Date.parse(`${ymd}T00:00:00Z`) / 86_400_000) };
};
const isoOfDay = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);
const round = (v: number, digits = 4) => Number(v.toPrecision(digits));
const roundParams = (p: object) => Object.fromEntries(Object.entries(p).map(([k, v]) => [k, round(v as number, 6)]));

export async function recomputeBuiltinMeasures(db: Db, legalEntityId: string, opts: { today?: Date } = {}): Promise<RecomputeResult> {
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

  // Customers who can be scored (not erased, not merged); their orders are read without a join, which PGlite's
  // planner (no statistics after bulk loads) turns into a nested loop over every order.
  const signals = await loadNbaSignals(db, legalEntityId, null);
  // Same-day orders merge into one purchase day (FHL 2005); days are local to the legal entity.
  const o = orders;
  const days = (await query<{ customerId: string; day: number; amount: string | number }>(db, sql`
    select ${o.customerId} as "customerId", ((${o.orderedAt} at time zone ${le.timeZone})::date - date '1970-01-01')::int as "day",
           sum(${o.totalMinor})::float8 as "amount"
    from ${o}
    where ${o.legalEntityId} = ${legalEntityId} and ${o.customerId} is not null and ${o.status} <> 'cancelled'
    group by 1, 2`)).filter((r) => signals.has(r.customerId));
  const totals = new Map<string, { spend: number; first: number; last: number; purchaseDays: number }>();
  const tx = [];
  for (const r of days) {
    if (r.day > calEnd) continue;
    const amount = Number(r.amount);
    tx.push({ customerId: r.customerId, date: r.day, amount });
    const t = totals.get(r.customerId);
    if (!t) totals.set(r.customerId, { spend: amount, first: r.day, last: r.day, purchaseDays: 1 });
    else { t.spend += amount; t.first = Math.min(t.first, r.day); t.last = Math.max(t.last, r.day); t.purchaseDays++; }
  }
  const summaries = summarizeTransactions(tx, { calibrationEnd: calEnd, period });
  const n = summaries.length;
  const x = Float64Array.from(summaries, (s) => s.frequency);
  const tx_ = Float64Array.from(summaries, (s) => s.recency);
  const T = Float64Array.from(summaries, (s) => s.T);
  const tLoad = performance.now();

  const notes: string[] = [];
  const fits: FitSummary[] = [];
  const fittedAt = new Date().toISOString();
  const repeatCustomers = summaries.filter((s) => s.frequency > 0).length;
  let purchase: { model: 'bgnbd'; fit: FitResult<BgNbdParams> } | { model: 'pareto-nbd'; fit: FitResult<ParetoNbdParams> } | null = null;
  if (n >= MIN_CUSTOMERS_TO_FIT && repeatCustomers >= MIN_REPEAT_TO_FIT) {
    try {
      purchase = settings.transactionModel === 'pareto-nbd'
        ? { model: 'pareto-nbd', fit: fitParetoNbd(x, tx_, T) }
        : { model: 'bgnbd', fit: fitBgNbd(x, tx_, T) };
    } catch (err) {
      notes.push(`The ${settings.transactionModel} model could not be fitted: ${(err as Error).message}`);
    }
  } else {
    notes.push(`Purchase model not fitted: needs at least ${MIN_CUSTOMERS_TO_FIT} customers with orders and ${MIN_REPEAT_TO_FIT} repeat customers (has ${n} and ${repeatCustomers}).`);
  }
  let spend: FitResult<GammaGammaParams> | null = null;
  if (repeatCustomers >= MIN_CUSTOMERS_TO_FIT) {
    try {
      const fit = fitGammaGamma(x, Float64Array.from(summaries, (s) => s.monetaryValue));
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
  const tFit = performance.now();

  // Scores per customer; the expensive series (CLV's 12 monthly expectations) once per distinct (x, t_x, T).
  const horizon = HORIZON_DAYS / periodDays;
  let pAlive: Float64Array | null = null;
  let expected: Float64Array | null = null;
  let discountedPurchases: Float64Array | null = null;
  let purchases12m: Float64Array | null = null;
  let compressedIndex: Uint32Array | null = null;
  if (purchase) {
    const scores = purchase.model === 'bgnbd' ? scoreBgNbd(purchase.fit.params, x, tx_, T, horizon) : scoreParetoNbd(purchase.fit.params, x, tx_, T, horizon);
    pAlive = scores.probabilityAlive;
    expected = scores.expectedPurchases;
    const { weighted, index } = compressSummaries(x, tx_, T);
    compressedIndex = index;
    discountedPurchases = new Float64Array(weighted.length);
    purchases12m = new Float64Array(weighted.length);
    const p = purchase;
    for (let i = 0; i < weighted.length; i++) {
      const xi = weighted.x[i], ti = weighted.tx[i], Ti = weighted.T[i];
      const upTo = p.model === 'bgnbd'
        ? (t: number) => bgNbdConditionalExpectedPurchases(p.fit.params, t, xi, ti, Ti)
        : (t: number) => paretoNbdConditionalExpectedPurchases(p.fit.params, t, xi, ti, Ti);
      const clv = customerLifetimeValue(upTo, 1, { periodsPerMonth: PERIOD_DAYS.month / periodDays });
      discountedPurchases[i] = clv.value;
      purchases12m[i] = clv.drivers.expectedPurchases;
    }
  }

  const rfm = scoreRfm(summaries.map((s) => {
    const t = totals.get(s.customerId)!;
    return { recency: calEnd - t.last, frequency: t.purchaseDays, monetary: t.spend };
  }));
  const model = purchase ? { model: purchase.model, params: roundParams(purchase.fit.params), fittedAt, customersInFit: purchase.fit.customers } : null;
  const spendModel = spend ? { model: 'gamma-gamma', params: roundParams(spend.params), fittedAt, customersInFit: spend.customers } : null;

  // Expected spend and CLV of every customer first (numbers only): each clv_12m row and next best action carry the
  // customer's CLV percentile in the whole book, so the book's CLVs are known before the first row is built.
  const expectedSpend = (i: number) => {
    const s = summaries[i];
    const t = totals.get(s.customerId)!;
    const ownAverage = t.spend / t.purchaseDays;
    return spend
      ? explainGammaGammaConditionalExpectedSpend(spend.params, s.frequency, s.monetaryValue)
      : { value: ownAverage, drivers: { averageSpend: ownAverage, fallback: 1 } as Record<string, number> };
  };
  const clvOf = new Float64Array(n).fill(NaN);
  if (purchase && compressedIndex && discountedPurchases) {
    for (let i = 0; i < n; i++) clvOf[i] = expectedSpend(i).value * discountedPurchases[compressedIndex[i]];
  }
  // Book percentile of CLV, for "high value" in next best action and shown among the drivers.
  const sorted = clvOf.filter((v) => !Number.isNaN(v)).sort();
  const percentileOf = (v: number) => { let lo = 0, hi = sorted.length; while (lo < hi) { const mid = (lo + hi) >> 1; if (sorted[mid] < v) lo = mid + 1; else hi = mid; } return sorted.length ? lo / sorted.length : 0; };

  const nextBestAction = (customerId: string, model: ModelSignals, out: MeasureRow[]) => {
    const other = signals.get(customerId);
    if (!other) return;
    const actions = rankNextBestActions({ ...model, ...other }, today);
    if (!actions.length) return;
    const top = actions[0];
    out.push({ customerId, measureKey: 'next_best_action', valueNumber: top.score, valueText: top.title,
      drivers: { action: top.key, channel: top.channel, reasons: top.reasons, alternatives: actions.slice(1, 4).map((a) => ({ action: a.key, title: a.title, score: a.score })), explanation: top.reasons.join('; ') } });
  };
  /** The measure rows of the i-th customer with orders, and their next best action. */
  const customerRows = (i: number, rows: MeasureRow[]) => {
    const s = summaries[i];
    const t = totals.get(s.customerId)!;
    const since = calEnd - t.last;
    const history = {
      purchaseDays: t.purchaseDays, firstPurchase: isoOfDay(t.first), lastPurchase: isoOfDay(t.last), daysSinceLastPurchase: since,
      totalSpendMinor: Math.round(t.spend), frequency: s.frequency, recency: round(s.recency), T: round(s.T), period, calibrationEnd: calEndIso,
    };
    const r = rfm[i];
    const rfmDrivers = {
      ...history, code: r.code, recencyScore: r.recencyScore, frequencyScore: r.frequencyScore, monetaryScore: r.monetaryScore,
      recencyPercentile: round(r.drivers.recencyPercentile, 3), frequencyPercentile: round(r.drivers.frequencyPercentile, 3), monetaryPercentile: round(r.drivers.monetaryPercentile, 3),
      explanation: `Last purchase ${since} days ago (R${r.recencyScore}), ${t.purchaseDays} purchase days (F${r.frequencyScore}), ${money(t.spend)} spent (M${r.monetaryScore}); quintiles of ${n} customers.`,
    };
    rows.push({ customerId: s.customerId, measureKey: 'rfm_segment', valueNumber: null, valueText: r.segment, drivers: rfmDrivers });
    rows.push({ customerId: s.customerId, measureKey: 'rfm_score', valueNumber: Number(r.code), valueText: r.code, drivers: rfmDrivers });

    // Expected spend: the Gamma-Gamma blend of the customer's repeat average and the book's, else their own average.
    const spendExplained = expectedSpend(i);
    rows.push({
      customerId: s.customerId, measureKey: 'expected_spend', valueNumber: Math.round(spendExplained.value), valueText: null,
      drivers: { ...history, ...roundAll(spendExplained.drivers), unit: 'minor', spendModel,
        explanation: spend
          ? `Blend of their average repeat purchase (${money(s.monetaryValue)}) and the book's (${money(spendExplained.drivers.populationMeanSpend)}), ${Math.round(spendExplained.drivers.individualWeight * 100)}% weight on their own history.`
          : `Their own average purchase: the spend model needs more repeat customers.` },
    });

    let probabilityAlive: number | null = null;
    if (purchase && pAlive && expected && compressedIndex && discountedPurchases && purchases12m) {
      const pa = pAlive[i];
      probabilityAlive = pa;
      const rate = (purchase.fit.params.r + s.frequency) / (purchase.fit.params.alpha + s.T);
      const modelDrivers = {
        ...history, model, expectedPurchaseRatePerPeriod: round(rate), typicalDaysBetweenPurchases: round(periodDays / rate, 3),
        ...(purchase.model === 'bgnbd' && s.frequency === 0 ? { note: 'BG/NBD counts a customer with a single purchase day as active until a repeat purchase shows otherwise.' } : {}),
      };
      // The interval is the one the profile shows (daysBetweenPurchases); the model's rate stays among the statistics.
      const every = daysBetweenPurchases(t.first, t.last, t.purchaseDays);
      const aliveWhy = every === null
        ? `One purchase day so far, ${since} days ago.`
        : `Bought on ${t.purchaseDays} days, about every ${every} days; the last ${since} days ago.`;
      rows.push({ customerId: s.customerId, measureKey: 'p_alive', valueNumber: pa, valueText: null, drivers: { ...modelDrivers, explanation: aliveWhy } });
      rows.push({ customerId: s.customerId, measureKey: 'churn_probability', valueNumber: 1 - pa, valueText: null, drivers: { ...modelDrivers, probabilityAlive: round(pa), explanation: aliveWhy } });
      rows.push({ customerId: s.customerId, measureKey: 'expected_purchases_90d', valueNumber: expected[i], valueText: null,
        drivers: { ...modelDrivers, horizonDays: HORIZON_DAYS, probabilityAlive: round(pa), explanation: `${round(pa * 100, 3)}% likely still active; at their rate that is ${round(expected[i], 3)} purchase days in ${HORIZON_DAYS} days.` } });
      const k = compressedIndex[i];
      const clv = clvOf[i];
      rows.push({ customerId: s.customerId, measureKey: 'clv_12m', valueNumber: Math.round(clv), valueText: null,
        drivers: { ...modelDrivers, unit: 'minor', expectedPurchases12m: round(purchases12m[k]), expectedSpendMinor: Math.round(spendExplained.value), monthlyDiscountRate: 0.01, months: 12, spendModel,
          bookPercentile: round(percentileOf(clv), 3),
          explanation: `${round(purchases12m[k], 3)} expected purchases in 12 months × ${money(spendExplained.value)} expected spend, discounted 1% a month.` } });
    }
    const modelSignals: ModelSignals = {
      probabilityAlive, clv12mMinor: Number.isNaN(clvOf[i]) ? null : clvOf[i], clvBookPercentile: Number.isNaN(clvOf[i]) ? null : percentileOf(clvOf[i]),
      rfmSegment: r.segment, daysSinceLastPurchase: since, purchaseDays: t.purchaseDays,
    };
    nextBestAction(s.customerId, modelSignals, rows);
  };

  // Rows are built and written a chunk of customers at a time, so memory holds one chunk's rows (with their drivers)
  // rather than every customer's.
  let writeMs = 0;
  let tScore = 0;
  await db.transaction(async (txDb) => {
    const tdb: Db = txDb;
    // One recompute per legal entity at a time (the daily job and "Recompute now" may meet).
    await tdb.execute(sql`select pg_advisory_xact_lock(hashtext(${'insights:' + legalEntityId}))`);
    let rows: MeasureRow[] = [];
    const flush = async () => {
      const t = performance.now();
      await upsertMeasures(tdb, legalEntityId, rows, computedAt);
      writeMs += performance.now() - t;
      rows = [];
    };
    for (let i = 0; i < n; i++) {
      customerRows(i, rows);
      if (rows.length >= ROWS_PER_WRITE) await flush();
    }
    // Customers without orders still get a next best action (birthday, anniversary, welcome …).
    for (const customerId of signals.keys()) {
      if (totals.has(customerId)) continue;
      nextBestAction(customerId, NO_MODEL_SIGNALS, rows);
      if (rows.length >= ROWS_PER_WRITE) await flush();
    }
    await flush();
    tScore = performance.now() - writeMs;
    await deleteStaleMeasures(tdb, legalEntityId, BUILTIN_KEYS, computedAt);
    const f = insightModelFits;
    const updated = [f.params, f.logLikelihood, f.customers, f.period, f.calibrationEnd, f.converged, f.durationMs, f.fittedAt]
      .map((c) => sql`${columnName(c)} = excluded.${columnName(c)}`);
    for (const fit of fits) {
      await tdb.execute(sql`insert into ${f} (${columnNames(f.legalEntityId, f.model, f.params, f.logLikelihood, f.customers, f.period, f.calibrationEnd, f.converged, f.durationMs, f.fittedAt)})
        values (${legalEntityId}, ${fit.model}, ${JSON.stringify(fit.params)}::jsonb, ${fit.logLikelihood}, ${fit.customers}, ${period}, ${calEndIso}, ${fit.converged}, ${Math.round(tFit - tLoad)}, ${fittedAt})
        on conflict (${columnNames(f.legalEntityId, f.model)}) do update set ${sql.join(updated, sql`, `)}`);
    }
    const d = measureDefinitions;
    await tdb.execute(sql`update ${d} set ${columnName(d.lastRunAt)} = ${computedAt}, ${columnName(d.lastError)} = ${notes.length ? notes.join(' ') : null}
      where ${d.legalEntityId} = ${legalEntityId} and ${d.source} = 'builtin'`);
  });
  const tWrite = performance.now();
  return {
    legalEntityId, computedAt, model: settings.transactionModel, period, customersScored: signals.size, customersWithOrders: n, fits, notes,
    timingsMs: { load: Math.round(tLoad - t0), fit: Math.round(tFit - tLoad), score: Math.round(tScore - tFit), write: Math.round(tWrite - tScore), total: Math.round(tWrite - t0) },
  };
}

function roundAll(d: Record<string, number>) {
  return Object.fromEntries(Object.entries(d).map(([k, v]) => [k, Number.isFinite(v) ? round(v, 6) : null]));
}
