import { formatMoneyShort } from '../../../../shared/money.ts';

/** "3 minutes ago", "2 days ago": how fresh a figure is. */
export function ago(iso: string | null, now = Date.now()): string {
  if (!iso) return 'never';
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (s < 60) return 'just now';
  const units: [number, string][] = [[86_400, 'day'], [3_600, 'hour'], [60, 'minute']];
  for (const [size, unit] of units) {
    if (s >= size) { const v = Math.floor(s / size); return `${v} ${unit}${v === 1 ? '' : 's'} ago`; }
  }
  return 'just now';
}

const DRIVER_LABELS: Record<string, string> = {
  purchaseDays: 'Purchase days', firstPurchase: 'First purchase', lastPurchase: 'Last purchase', daysSinceLastPurchase: 'Days since last purchase',
  totalSpendMinor: 'Total spend', typicalDaysBetweenPurchases: 'Model\'s expected days between purchases', probabilityAlive: 'Probability active',
  expectedPurchases12m: 'Expected purchases in 12 months', expectedSpendMinor: 'Expected spend per purchase', bookPercentile: 'Share of customers below',
  code: 'RFM code', channel: 'Channel', horizonDays: 'Horizon (days)', populationMeanSpend: 'Book average spend', individualWeight: 'Weight of own history',
  provider: 'Provider', field: 'Provider field', source: 'Source',
};

const MONEY_DRIVERS = new Set(['totalSpendMinor', 'expectedSpendMinor', 'populationMeanSpend']);
const PERCENT_DRIVERS = new Set(['probabilityAlive', 'bookPercentile', 'individualWeight']);

/** The drivers worth showing, in words, money as money; model internals stay in the model line. */
export function driverLines(drivers: Record<string, unknown> | null, currency: string): { label: string; value: string }[] {
  if (!drivers) return [];
  return Object.entries(DRIVER_LABELS).flatMap(([k, label]) => {
    const v = drivers[k];
    if (v === undefined || v === null || typeof v === 'object') return [];
    if (typeof v === 'number' && MONEY_DRIVERS.has(k)) return [{ label, value: formatMoneyShort(Math.round(v), currency) }];
    if (typeof v === 'number' && PERCENT_DRIVERS.has(k)) return [{ label, value: `${Math.round(v * 100)}%` }];
    return [{ label, value: typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(2) : String(v) }];
  });
}

export function modelLine(drivers: Record<string, unknown> | null): string | null {
  const m = drivers?.model as { model: string; params: Record<string, number>; fittedAt: string; customersInFit: number } | undefined;
  if (!m) return null;
  const name = m.model === 'bgnbd' ? 'BG/NBD' : m.model === 'pareto-nbd' ? 'Pareto/NBD' : m.model;
  const params = Object.entries(m.params).map(([k, v]) => `${k} ${Number(v).toPrecision(3)}`).join(', ');
  return `${name} fitted on ${m.customersInFit} customers ${ago(m.fittedAt)} (${params})`;
}
