import type { TFunction } from 'i18next';
import type { Formatter } from '../../i18n/i18n.ts';
import { ago } from '../../i18n/ago.ts';

// The drivers worth showing, in this order; each label is insightsPanel.driver.<key> in the catalogue.
const DRIVERS = [
  'purchaseDays', 'firstPurchase', 'lastPurchase', 'daysSinceLastPurchase', 'totalSpendMinor', 'typicalDaysBetweenPurchases', 'probabilityAlive',
  'expectedPurchases12m', 'expectedSpendMinor', 'bookPercentile', 'code', 'channel', 'horizonDays', 'populationMeanSpend', 'individualWeight',
  'provider', 'field', 'source',
] as const;

const MONEY_DRIVERS = new Set<string>(['totalSpendMinor', 'expectedSpendMinor', 'populationMeanSpend']);
const PERCENT_DRIVERS = new Set<string>(['probabilityAlive', 'bookPercentile', 'individualWeight']);

/** The drivers worth showing, in words, money as money, in the reader's language; model internals stay in the model line. */
export function driverLines(drivers: Record<string, unknown> | null, currency: string, t: TFunction, format: Formatter): { label: string; value: string }[] {
  if (!drivers) return [];
  return DRIVERS.flatMap((k) => {
    const v = drivers[k];
    if (v === undefined || v === null || typeof v === 'object') return [];
    const label = t(`insightsPanel.driver.${k}`);
    if (typeof v === 'number' && MONEY_DRIVERS.has(k)) return [{ label, value: format.moneyShort(Math.round(v), currency) }];
    if (typeof v === 'number' && PERCENT_DRIVERS.has(k)) return [{ label, value: format.percent(v) }];
    if (typeof v === 'number') return [{ label, value: format.number(v, { maximumFractionDigits: Number.isInteger(v) ? 0 : 2, minimumFractionDigits: Number.isInteger(v) ? 0 : 2 }) }];
    if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return [{ label, value: format.day(v) }];
    return [{ label, value: String(v) }];
  });
}

export function modelLine(drivers: Record<string, unknown> | null, t: TFunction, format: Formatter): string | null {
  const m = drivers?.model as { model: string; params: Record<string, number>; fittedAt: string; customersInFit: number } | undefined;
  if (!m) return null;
  const model = m.model === 'bgnbd' ? 'BG/NBD' : m.model === 'pareto-nbd' ? 'Pareto/NBD' : m.model;
  const params = Object.entries(m.params).map(([k, v]) => `${k} ${format.number(Number(Number(v).toPrecision(3)), { maximumSignificantDigits: 3 })}`).join(', ');
  return t('insightsPanel.model', { model, count: m.customersInFit, ago: ago(m.fittedAt, t, format.locale), params });
}
