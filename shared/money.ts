// Money for the server and the screens alike: amounts are integers in the currency's minor unit (cents, yen, fils).
// Plain TypeScript without imports, so Node (src/), vite (web/src) and any build of either can take it as it is.

// Minor units (decimal places) of ISO 4217 currencies. Most have 2; these are the exceptions, from the ISO 4217
// list (not CLDR's display digits, which differ for a few, e.g. IQD and ISK).
const DECIMALS: Record<string, number> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0, UYI: 0, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  CLF: 4, UYW: 4,
};

/** Decimal places of an amount in the currency (an ISO 4217 code): 0 for JPY, 3 for BHD, 2 for most. */
export function currencyDecimals(currency: string): number {
  return DECIMALS[currency.toUpperCase()] ?? 2;
}

/** The amount as plain decimal text in the major unit, exactly (no float division): 12345 EUR → "123.45", -5 EUR → "-0.05". */
export function minorToDecimal(minor: number | bigint, currency: string): string {
  if (typeof minor === 'number' && !Number.isSafeInteger(minor)) throw new RangeError(`An amount in minor units must be a whole number, got ${minor}.`);
  const digits = currencyDecimals(currency);
  const negative = minor < 0;
  const abs = (negative ? -BigInt(minor) : BigInt(minor)).toString();
  if (!digits) return `${negative ? '-' : ''}${abs}`;
  const padded = abs.padStart(digits + 1, '0');
  return `${negative ? '-' : ''}${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
}

export type ParsedAmount = { ok: true; minor: number } | { ok: false; reason: 'format' | 'decimals' | 'range' };

/**
 * Decimal text in the major unit ("129.90", "-3", "0.5") as minor units, without floats. Refuses anything else
 * ('format'), more decimal places than the currency has ('decimals'), and amounts beyond safe integers ('range').
 */
export function decimalToMinor(text: string, currency: string): ParsedAmount {
  const digits = currencyDecimals(currency);
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m) return { ok: false, reason: 'format' };
  const frac = m[3] ?? '';
  if (frac.length > digits) return { ok: false, reason: 'decimals' };
  const minor = BigInt(`${m[1]}${m[2]}${frac.padEnd(digits, '0')}`);
  if (minor > BigInt(Number.MAX_SAFE_INTEGER) || minor < -BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false, reason: 'range' };
  return { ok: true, minor: Number(minor) };
}

/** The amount in the major unit as a float, for charts and sums shown approximately; never for stored amounts. */
export function majorAmount(minor: number, currency: string): number {
  return minor / 10 ** currencyDecimals(currency);
}

/** True when the amount has no fraction of the major unit (€1,250.00, not €12.50). */
export function isWholeAmount(minor: number, currency: string): boolean {
  return minor % 10 ** currencyDecimals(currency) === 0;
}

/**
 * The amount formatted for people in a locale (the runtime's when not given): Intl knows each currency's symbol and
 * grouping; the decimal places are ISO 4217's unless the options say otherwise. Formats the exact decimal text.
 */
export function formatMoney(minor: number, currency: string, locale?: string, opts: Intl.NumberFormatOptions = {}): string {
  const digits = currencyDecimals(currency);
  const max = opts.maximumFractionDigits ?? Math.max(digits, opts.minimumFractionDigits ?? 0);
  const min = opts.minimumFractionDigits ?? Math.min(digits, max);
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency, ...opts, minimumFractionDigits: min, maximumFractionDigits: max });
  return format.format(minorToDecimal(Math.round(minor), currency) as Intl.StringNumericLiteral);
}

/** Whole amounts without decimals (€1,250), others with the currency's decimals (€12.50, KWD 12.345). */
export function formatMoneyShort(minor: number, currency: string, locale?: string): string {
  return formatMoney(minor, currency, locale, isWholeAmount(minor, currency) ? { maximumFractionDigits: 0 } : {});
}
