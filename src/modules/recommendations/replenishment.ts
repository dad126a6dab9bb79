// Replenishment reminders: products a customer rebuys on a regular cycle (coffee, skincare)
// are due again roughly one median interval after the last purchase.

export interface ReplenishmentDue<T = string> {
  product: T;
  /** Estimated next purchase: last purchase + median interval (UTC days). */
  dueDate: Date;
  medianIntervalDays: number;
  /** Distinct purchase days (same-day repeats count once). */
  purchases: number;
  lastPurchase: Date;
  /** Coefficient of variation of the intervals (population standard deviation / mean). */
  intervalCv: number;
}

export interface ReplenishmentOptions {
  /** Minimum distinct purchase days, default 3 (two intervals). */
  minPurchases?: number;
  /** Maximum coefficient of variation of intervals for the cycle to count as regular, default 0.5. */
  maxCv?: number;
}

const DAY_MS = 86_400_000;

function toDay(d: Date | string): number {
  const ms = d instanceof Date ? d.getTime() : Date.parse(d);
  if (Number.isNaN(ms)) throw new RangeError(`invalid date: ${String(d)}`);
  // Whole UTC days so that time of day does not distort intervals.
  return Math.floor(ms / DAY_MS);
}

function median(sorted: number[]): number {
  const m = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
}

/**
 * Returns products bought on at least `minPurchases` distinct days at a regular interval,
 * with due date = last purchase + median interval, sorted by due date (then product).
 */
export function replenishmentDue<T = string>(
  purchaseDatesByProduct: Map<T, readonly (Date | string)[]> | Record<string, readonly (Date | string)[]>,
  options: ReplenishmentOptions = {},
): ReplenishmentDue<T>[] {
  const minPurchases = options.minPurchases ?? 3;
  const maxCv = options.maxCv ?? 0.5;
  const entries: [T, readonly (Date | string)[]][] =
    purchaseDatesByProduct instanceof Map
      ? [...purchaseDatesByProduct.entries()]
      : (Object.entries(purchaseDatesByProduct) as unknown as [T, readonly (Date | string)[]][]);
  const out: ReplenishmentDue<T>[] = [];
  for (const [product, dates] of entries) {
    const days = [...new Set(dates.map(toDay))].sort((a, b) => a - b);
    if (days.length < Math.max(2, minPurchases)) continue;
    const intervals: number[] = [];
    for (let i = 1; i < days.length; i++) intervals.push(days[i] - days[i - 1]);
    const mean = intervals.reduce((s, x) => s + x, 0) / intervals.length;
    const variance = intervals.reduce((s, x) => s + (x - mean) ** 2, 0) / intervals.length;
    const cv = Math.sqrt(variance) / mean;
    if (!(cv <= maxCv)) continue;
    const med = median([...intervals].sort((a, b) => a - b));
    const last = days[days.length - 1];
    out.push({
      product,
      dueDate: new Date((last + med) * DAY_MS),
      medianIntervalDays: med,
      purchases: days.length,
      lastPurchase: new Date(last * DAY_MS),
      intervalCv: cv,
    });
  }
  out.sort((a, b) => a.dueDate.getTime() - b.dueDate.getTime() || String(a.product).localeCompare(String(b.product)));
  return out;
}
