import { formatMoney } from './money.ts';

// A measure's value as the customer card shows it, on the server (card rows) and in the screens (insights panel).

export interface MeasureValue { valueNumber: number | null; valueText: string | null }

/**
 * Currency measures are stored in minor units of the legal entity's currency (possibly with a fraction of a minor
 * unit: averages) and shown in whole major units; probabilities as percentages. Null when there is no value.
 */
export function formatMeasureValue(format: string | undefined, v: MeasureValue, currency: string, locale?: string): string | null {
  if (v.valueNumber === null || v.valueNumber === undefined) return v.valueText ?? null;
  const n = v.valueNumber;
  switch (format) {
    case 'percent': return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(n);
    case 'currency': return formatMoney(Math.round(n), currency, locale, { maximumFractionDigits: 0 });
    case 'text': return v.valueText ?? String(n);
    // Counts and ratios too in the reader's locale ("0,20" for a French associate, not "0.20"); without one, plain digits.
    default:
      if (locale) return new Intl.NumberFormat(locale, Number.isInteger(n) ? {} : { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(n);
      return Number.isInteger(n) ? String(n) : n.toFixed(2);
  }
}
