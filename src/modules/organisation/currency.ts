// Minor units (decimal places) of ISO 4217 currencies. Most have 2; these are the exceptions, from the ISO 4217
// list (not CLDR's display digits, which differ for a few, e.g. IQD and ISK).
const MINOR_UNITS: Record<string, number> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0, UYI: 0, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  CLF: 4, UYW: 4,
};

/** Decimal places of an amount in the currency (an ISO 4217 code): 0 for JPY, 3 for KWD, 2 for most. */
export function minorUnits(currency: string): number {
  return MINOR_UNITS[currency.toUpperCase()] ?? 2;
}

/** An amount in minor units (cents, yen, fils) in the currency's major unit: 12345 EUR → 123.45, 12345 JPY → 12345. */
export function majorAmount(minor: number, currency: string): number {
  return minor / 10 ** minorUnits(currency);
}

/** The amount as plain decimal text with the currency's decimal places (for CSV files and explanations). */
export function decimalText(minor: number, currency: string): string {
  return majorAmount(minor, currency).toFixed(minorUnits(currency));
}

/**
 * An amount formatted for people. Intl knows each currency's symbol; the number of decimals stored comes from
 * ISO 4217 (Intl's display digits differ for a few currencies).
 */
export function formatMinor(minor: number, currency: string, locale?: string, opts: Intl.NumberFormatOptions = {}): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency, ...opts }).format(majorAmount(minor, currency));
}
