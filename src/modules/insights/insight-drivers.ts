// The built-in measures of one customer with their drivers (why), derived from the customer's row of customer_insights
// and the run's context (insight_runs). The recompute stores only those two (#18: storing eight rows a customer with
// their drivers took 70% of its time); the customer card and next best action read the drivers through here, and get
// what the recompute used to store, value for value.

import { formatMoney } from '../../../shared/money.ts';
import { daysBetweenPurchases } from '../../../shared/purchase-interval.ts';
import { sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';
import { customerInsights as ci, insightRuns as ir } from './schema.ts';
import { explainGammaGammaConditionalExpectedSpend, type GammaGammaParams } from './gamma-gamma.ts';
import type { BgNbdParams } from './bgnbd.ts';
import type { ParetoNbdParams } from './pareto-nbd.ts';
import { rfmSegment } from './rfm.ts';
import { PERIOD_DAYS } from './summary.ts';
import type { MeasureRow } from './measure-store.ts';
import type { KeyedTextValue } from '../../http/schemas.ts';

export const HORIZON_DAYS = 90;

/**
 * A measure's explanation by key (drivers.explanationText beside the English drivers.explanation): the web words it in
 * the reader's language as measureWhy.<key>; money goes as minor units with its currency.
 */
export const MEASURE_WHY_KEYS = ['rfm', 'spendBlend', 'spendOwn', 'aliveOnce', 'aliveEvery', 'expectedPurchases', 'clv'] as const;
const why = (key: (typeof MEASURE_WHY_KEYS)[number], params: KeyedTextValue['params']): KeyedTextValue => ({ key, params });

/** A fitted model as the drivers show it (parameters rounded to six digits). */
export interface ModelShown { model: string; params: Record<string, number>; fittedAt: string; customersInFit: number }

/** What every customer's drivers of one run share. */
export interface InsightRunContext {
  /** Customers with orders (the RFM quintiles' book). */
  n: number;
  calEnd: number;
  calEndIso: string;
  period: 'day' | 'week';
  currency: string;
  /** The purchase model's parameters at full precision (the drivers' rates), or null when none was fitted. */
  purchase: { model: 'bgnbd' | 'pareto-nbd'; params: BgNbdParams | ParetoNbdParams } | null;
  /** The spend model's parameters at full precision, or null: expected spend is then the customer's own average. */
  spend: GammaGammaParams | null;
  model: ModelShown | null;
  spendModel: ModelShown | null;
}

/** A customer's row of customer_insights; the order columns are null for a customer without orders. */
export interface CustomerInsight {
  customerId: string;
  computedAt: string;
  firstDay: number | null;
  lastDay: number | null;
  purchaseDays: number | null;
  spend: number | null;
  repeatSpend: number | null;
  /** Customers with orders whose value is strictly worse (RFM ranks over the book). */
  recencyBelow: number | null;
  frequencyBelow: number | null;
  monetaryBelow: number | null;
  rfmScore: number | null;
  rfmSegment: string | null;
  expectedSpend: number | null;
  pAlive: number | null;
  expectedPurchases90d: number | null;
  clv12m: number | null;
  expectedPurchases12m: number | null;
  clvBookPercentile: number | null;
  nextBestAction: string | null;
  nextBestActionScore: number | null;
  nextBestActionDrivers: { action: string; channel: string; reasons: string[]; alternatives: { action: string; title: string; score: number }[] } | null;
}

export const isoOfDay = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);
export const round = (v: number, digits = 4) => Number(v.toPrecision(digits));
export const quintile = (below: number, n: number) => Math.min(5, Math.floor((5 * below) / n) + 1);

/** Model inputs of a customer with orders: x repeat purchase days, t_x and T in periods, their repeat-purchase average. */
export function modelInputs(firstDay: number, lastDay: number, purchaseDays: number, repeatSpend: number, calEnd: number, periodDays: number) {
  const x = purchaseDays - 1;
  return { x, tx: (lastDay - firstDay) / periodDays, T: (calEnd - firstDay) / periodDays, monetary: x > 0 ? repeatSpend / x : 0 };
}

/** Expected spend: the Gamma-Gamma blend of the customer's repeat average and the book's, else their own average. */
export function explainExpectedSpend(spend: GammaGammaParams | null, totalSpend: number, purchaseDays: number, x: number, monetary: number) {
  const ownAverage = totalSpend / purchaseDays;
  return spend
    ? explainGammaGammaConditionalExpectedSpend(spend, x, monetary)
    : { value: ownAverage, drivers: { averageSpend: ownAverage, fallback: 1 } as Record<string, number> };
}

const finite = (v: number | null) => (v !== null && Number.isFinite(v) ? v : null);

/** The customer's built-in measure rows with their drivers, in the order the recompute used to write them. */
export function builtinMeasureRows(ctx: InsightRunContext, r: CustomerInsight): MeasureRow[] {
  const rows: MeasureRow[] = [];
  const customerId = r.customerId;
  if (r.firstDay !== null && r.lastDay !== null && r.purchaseDays !== null && r.spend !== null && r.repeatSpend !== null) {
    const { n, calEnd, period } = ctx;
    const periodDays = PERIOD_DAYS[period];
    const money = (minor: number) => formatMoney(Math.round(minor), ctx.currency, 'en');
    const { x, tx, T, monetary } = modelInputs(r.firstDay, r.lastDay, r.purchaseDays, r.repeatSpend, calEnd, periodDays);
    const since = calEnd - r.lastDay;
    const history = {
      purchaseDays: r.purchaseDays, firstPurchase: isoOfDay(r.firstDay), lastPurchase: isoOfDay(r.lastDay), daysSinceLastPurchase: since,
      totalSpendMinor: Math.round(r.spend), frequency: x, recency: round(tx), T: round(T), period, calibrationEnd: ctx.calEndIso,
    };
    const rb = r.recencyBelow!, fb = r.frequencyBelow!, mb = r.monetaryBelow!;
    const rs = quintile(rb, n), fs = quintile(fb, n), ms = quintile(mb, n);
    const code = `${rs}${fs}${ms}`;
    const segment = rfmSegment(rs, fs);
    const rfmDrivers = {
      ...history, code, recencyScore: rs, frequencyScore: fs, monetaryScore: ms,
      recencyPercentile: round(rb / n, 3), frequencyPercentile: round(fb / n, 3), monetaryPercentile: round(mb / n, 3),
      explanation: `Last purchase ${since} days ago (R${rs}), ${r.purchaseDays} purchase days (F${fs}), ${money(r.spend)} spent (M${ms}); quintiles of ${n} customers.`,
      explanationText: why('rfm', { since, r: rs, purchaseDays: r.purchaseDays, f: fs, spend: Math.round(r.spend), currency: ctx.currency, m: ms, customers: n }),
    };
    rows.push({ customerId, measureKey: 'rfm_segment', valueNumber: null, valueText: segment, drivers: rfmDrivers });
    rows.push({ customerId, measureKey: 'rfm_score', valueNumber: Number(code), valueText: code, drivers: rfmDrivers });

    const spendExplained = explainExpectedSpend(ctx.spend, r.spend, r.purchaseDays, x, monetary);
    rows.push({
      customerId, measureKey: 'expected_spend', valueNumber: finite(Math.round(spendExplained.value)), valueText: null,
      drivers: { ...history, ...roundAll(spendExplained.drivers), unit: 'minor', spendModel: ctx.spendModel,
        explanation: ctx.spend
          ? `Blend of their average repeat purchase (${money(monetary)}) and the book's (${money(spendExplained.drivers.populationMeanSpend)}), ${Math.round(spendExplained.drivers.individualWeight * 100)}% weight on their own history.`
          : `Their own average purchase: the spend model needs more repeat customers.`,
        explanationText: ctx.spend
          ? why('spendBlend', { own: Math.round(monetary), book: Math.round(spendExplained.drivers.populationMeanSpend), currency: ctx.currency, weight: Math.round(spendExplained.drivers.individualWeight * 100) / 100 })
          : why('spendOwn', {}) },
    });

    if (ctx.purchase && r.pAlive !== null) {
      const pa = r.pAlive;
      const expected = r.expectedPurchases90d!;
      const rate = (ctx.purchase.params.r + x) / (ctx.purchase.params.alpha + T);
      const modelDrivers = {
        ...history, model: ctx.model, expectedPurchaseRatePerPeriod: round(rate), typicalDaysBetweenPurchases: round(periodDays / rate, 3),
        ...(ctx.purchase.model === 'bgnbd' && x === 0 ? { note: 'BG/NBD counts a customer with a single purchase day as active until a repeat purchase shows otherwise.' } : {}),
      };
      // The interval is the one the profile shows (daysBetweenPurchases); the model's rate stays among the statistics.
      const every = daysBetweenPurchases(r.firstDay, r.lastDay, r.purchaseDays);
      const aliveWhy = every === null
        ? `One purchase day so far, ${since} days ago.`
        : `Bought on ${r.purchaseDays} days, about every ${every} days; the last ${since} days ago.`;
      const aliveText = every === null ? why('aliveOnce', { since }) : why('aliveEvery', { purchaseDays: r.purchaseDays, every, since });
      rows.push({ customerId, measureKey: 'p_alive', valueNumber: finite(pa), valueText: null, drivers: { ...modelDrivers, explanation: aliveWhy, explanationText: aliveText } });
      rows.push({ customerId, measureKey: 'churn_probability', valueNumber: finite(1 - pa), valueText: null, drivers: { ...modelDrivers, probabilityAlive: round(pa), explanation: aliveWhy, explanationText: aliveText } });
      rows.push({ customerId, measureKey: 'expected_purchases_90d', valueNumber: finite(expected), valueText: null,
        drivers: { ...modelDrivers, horizonDays: HORIZON_DAYS, probabilityAlive: round(pa), explanation: `${round(pa * 100, 3)}% likely still active; at their rate that is ${round(expected, 3)} purchase days in ${HORIZON_DAYS} days.`,
          explanationText: why('expectedPurchases', { alive: round(pa * 100, 3), expected: round(expected, 3), horizon: HORIZON_DAYS }) } });
      const purchases12m = r.expectedPurchases12m!;
      rows.push({ customerId, measureKey: 'clv_12m', valueNumber: finite(r.clv12m), valueText: null,
        drivers: { ...modelDrivers, unit: 'minor', expectedPurchases12m: round(purchases12m), expectedSpendMinor: Math.round(spendExplained.value), monthlyDiscountRate: 0.01, months: 12, spendModel: ctx.spendModel,
          bookPercentile: round(r.clvBookPercentile!, 3),
          explanation: `${round(purchases12m, 3)} expected purchases in 12 months × ${money(spendExplained.value)} expected spend, discounted 1% a month.`,
          explanationText: why('clv', { purchases: round(purchases12m, 3), spend: Math.round(spendExplained.value), currency: ctx.currency }) } });
    }
  }
  if (r.nextBestAction !== null && r.nextBestActionDrivers) {
    const d = r.nextBestActionDrivers;
    rows.push({ customerId, measureKey: 'next_best_action', valueNumber: r.nextBestActionScore, valueText: r.nextBestAction,
      drivers: { action: d.action, channel: d.channel, reasons: d.reasons, alternatives: d.alternatives, explanation: d.reasons.join('; ') } });
  }
  return rows;
}

function roundAll(d: Record<string, number>) {
  return Object.fromEntries(Object.entries(d).map(([k, v]) => [k, Number.isFinite(v) ? round(v, 6) : null]));
}

/** A customer's built-in measure rows with drivers and computedAt (text, as PostgreSQL shows a timestamptz); none before a recompute. */
export async function customerInsightRows(db: Db, legalEntityId: string, customerId: string): Promise<(MeasureRow & { computedAt: string })[]> {
  const [row] = await query<CustomerInsight & { context: InsightRunContext }>(db, sql`
    select ${ci.customerId} as "customerId", ${ci.computedAt}::text as "computedAt", ${ci.firstDay} as "firstDay", ${ci.lastDay} as "lastDay",
           ${ci.purchaseDays} as "purchaseDays", ${ci.spend} as "spend", ${ci.repeatSpend} as "repeatSpend", ${ci.recencyBelow} as "recencyBelow",
           ${ci.frequencyBelow} as "frequencyBelow", ${ci.monetaryBelow} as "monetaryBelow", ${ci.rfmScore} as "rfmScore", ${ci.rfmSegment} as "rfmSegment",
           ${ci.expectedSpend} as "expectedSpend", ${ci.pAlive} as "pAlive", ${ci.expectedPurchases90d} as "expectedPurchases90d", ${ci.clv12m} as "clv12m",
           ${ci.expectedPurchases12m} as "expectedPurchases12m", ${ci.clvBookPercentile} as "clvBookPercentile", ${ci.nextBestAction} as "nextBestAction",
           ${ci.nextBestActionScore} as "nextBestActionScore", ${ci.nextBestActionDrivers} as "nextBestActionDrivers", ${ir.context} as "context"
    from ${ci} join ${ir} on ${ir.legalEntityId} = ${ci.legalEntityId}
    where ${ci.customerId} = ${customerId} and ${ci.legalEntityId} = ${legalEntityId}`);
  if (!row) return [];
  return builtinMeasureRows(row.context, row).map((m) => ({ ...m, computedAt: row.computedAt }));
}
