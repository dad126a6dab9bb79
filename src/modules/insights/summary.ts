// Turn raw transactions into the (frequency, recency, T, monetary) summaries the models use,
// and compress summaries into unique weighted tuples so fitting cost scales with distinct rows.

export type Period = 'day' | 'week' | 'month';

/** Days per period; a month is an average Gregorian month (365.25 / 12). */
export const PERIOD_DAYS: Record<Period, number> = { day: 1, week: 7, month: 30.4375 };

export interface Transaction {
  customerId: string;
  /** 'YYYY-MM-DD', 'YYYYMMDD' or a day number (days since 1970-01-01 UTC). */
  date: string | number;
  amount: number;
}

export interface CustomerSummary {
  customerId: string;
  /** Repeat purchase days in the calibration window (x). */
  frequency: number;
  /** Last − first purchase, in periods (t_x). */
  recency: number;
  /** Calibration end − first purchase, in periods. */
  T: number;
  /** Mean amount of the repeat purchase days; 0 when frequency is 0. */
  monetaryValue: number;
  /** Purchase days after calibration end up to observationEnd (only when requested). */
  holdoutFrequency?: number;
}

export interface SummarizeOptions {
  /** Inclusive calibration end; customers whose first purchase is later are dropped. */
  calibrationEnd: string | number;
  period?: Period;
  /** Inclusive end of the holdout window; enables holdoutFrequency. */
  observationEnd?: string | number;
}

const MS_PER_DAY = 86_400_000;

/** Parse 'YYYY-MM-DD' or 'YYYYMMDD' into whole days since the Unix epoch (UTC). */
export function parseDay(value: string | number): number {
  if (typeof value === 'number') return value;
  const s = value.trim();
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(s);
  if (!m) throw new Error(`invalid date "${value}" (expected YYYY-MM-DD or YYYYMMDD)`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const ms = Date.UTC(y, mo - 1, d);
  const check = new Date(ms);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) {
    throw new Error(`invalid date "${value}"`);
  }
  return Math.round(ms / MS_PER_DAY);
}

/**
 * Summaries as in Fader, Hardie & Lee (2005): same-day purchases merge into one transaction,
 * frequency counts repeat purchase days up to the (inclusive) calibration end.
 */
export function summarizeTransactions(
  transactions: Iterable<Transaction>,
  options: SummarizeOptions,
): CustomerSummary[] {
  const calEnd = parseDay(options.calibrationEnd);
  const obsEnd = options.observationEnd === undefined ? undefined : parseDay(options.observationEnd);
  const periodDays = PERIOD_DAYS[options.period ?? 'week'];
  const byCustomer = new Map<string, { days: number[]; amounts: number[] }>();
  for (const t of transactions) {
    const day = parseDay(t.date);
    let entry = byCustomer.get(t.customerId);
    if (!entry) {
      entry = { days: [], amounts: [] };
      byCustomer.set(t.customerId, entry);
    }
    entry.days.push(day);
    entry.amounts.push(t.amount);
  }
  const out: CustomerSummary[] = [];
  for (const [customerId, { days, amounts }] of byCustomer) {
    const order = days.map((_, i) => i).sort((i, j) => days[i] - days[j]);
    // Merge same-day purchases (sum their amounts).
    const uDays: number[] = [];
    const uAmounts: number[] = [];
    for (const i of order) {
      const last = uDays.length - 1;
      if (last >= 0 && uDays[last] === days[i]) uAmounts[last] += amounts[i];
      else {
        uDays.push(days[i]);
        uAmounts.push(amounts[i]);
      }
    }
    const first = uDays[0];
    if (first > calEnd) continue; // not yet a customer during calibration
    let lastCal = first;
    let repeat = 0;
    let repeatSpend = 0;
    let holdout = 0;
    for (let k = 1; k < uDays.length; k++) {
      if (uDays[k] <= calEnd) {
        repeat++;
        repeatSpend += uAmounts[k];
        lastCal = uDays[k];
      } else if (obsEnd !== undefined && uDays[k] <= obsEnd) holdout++;
    }
    const summary: CustomerSummary = {
      customerId,
      frequency: repeat,
      recency: (lastCal - first) / periodDays,
      T: (calEnd - first) / periodDays,
      monetaryValue: repeat > 0 ? repeatSpend / repeat : 0,
    };
    if (obsEnd !== undefined) summary.holdoutFrequency = holdout;
    out.push(summary);
  }
  return out;
}

/** Distinct (x, t_x, T) rows with how many customers share each one. */
export interface WeightedSummaries {
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  weight: Float64Array;
  length: number;
}

export interface CompressedSummaries {
  weighted: WeightedSummaries;
  /** For each input customer, the row of `weighted` it maps to. */
  index: Uint32Array;
}

/**
 * Collapse customers into unique (x, t_x, T) tuples. Real books have many customers sharing
 * a tuple (e.g. all one-time buyers from the same day), so likelihoods are evaluated once per
 * tuple and multiplied by the count. Nested numeric Maps avoid building string keys.
 */
export function compressSummaries(
  x: ArrayLike<number>,
  tx: ArrayLike<number>,
  T: ArrayLike<number>,
): CompressedSummaries {
  const n = x.length;
  if (tx.length !== n || T.length !== n) throw new Error('compressSummaries: arrays differ in length');
  const index = new Uint32Array(n);
  const rows = new Map<number, Map<number, Map<number, number>>>();
  let ux: Float64Array<ArrayBuffer> = new Float64Array(1024);
  let utx = new Float64Array(1024);
  let uT = new Float64Array(1024);
  let w = new Float64Array(1024);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const xi = x[i];
    const ti = tx[i];
    const Ti = T[i];
    let byTx = rows.get(xi);
    if (!byTx) rows.set(xi, (byTx = new Map()));
    let byT = byTx.get(ti);
    if (!byT) byTx.set(ti, (byT = new Map()));
    let row = byT.get(Ti);
    if (row === undefined) {
      if (m === ux.length) {
        ux = grow(ux);
        utx = grow(utx);
        uT = grow(uT);
        w = grow(w);
      }
      row = m++;
      byT.set(Ti, row);
      ux[row] = xi;
      utx[row] = ti;
      uT[row] = Ti;
    }
    w[row] += 1;
    index[i] = row;
  }
  return {
    weighted: { x: ux.slice(0, m), tx: utx.slice(0, m), T: uT.slice(0, m), weight: w.slice(0, m), length: m },
    index,
  };
}

/** Validate summary rows: x ≥ 0, 0 ≤ t_x ≤ T, and t_x = 0 when x = 0. */
export function validateSummary(x: number, tx: number, T: number): string | null {
  if (!(x >= 0) || !Number.isFinite(x)) return `frequency must be ≥ 0 (got ${x})`;
  if (!(tx >= 0) || !(T >= 0)) return `recency and T must be ≥ 0 (got ${tx}, ${T})`;
  if (tx > T + 1e-9) return `recency ${tx} exceeds T ${T}`;
  return null;
}

function grow(a: Float64Array): Float64Array<ArrayBuffer> {
  const b = new Float64Array(a.length * 2);
  b.set(a);
  return b;
}
