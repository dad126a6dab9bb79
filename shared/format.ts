// Dates, numbers and money for people, in one language's locale, for the screens and the server alike (emails,
// letters, public pages). Everything goes through Intl; nothing here hard-codes a locale elsewhere.
import { formatMoney, formatMoneyShort } from './money.ts';

export type Language = 'en' | 'fr';
export const LANGUAGES: readonly Language[] = ['en', 'fr'];

/** The locale each language is written in: British English (the retailer is European), French of France. */
export const LOCALES: Record<Language, string> = { en: 'en-GB', fr: 'fr-FR' };

/** 'fr', 'fr-FR', 'fr-CA' → 'fr'; anything else (or nothing) → 'en'. */
export function languageOf(tag: string | null | undefined): Language {
  return (tag ?? '').trim().toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

/** The first language of an Accept-Language header we write in ('fr-CH,fr;q=0.9,en;q=0.8' → 'fr'), else English. */
export function languageOfAcceptLanguage(header: string | null | undefined): Language {
  const tags = (header ?? '').split(',')
    .map((part) => { const [tag, ...params] = part.trim().split(';'); const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)).find(Boolean); return { tag: tag.trim().toLowerCase(), q: q ? Number(q[1]) : 1 }; })
    .filter((x) => x.tag && x.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of tags) { if (tag.startsWith('fr')) return 'fr'; if (tag.startsWith('en')) return 'en'; }
  return 'en';
}

type When = string | number | Date;
const toDate = (w: When) => (w instanceof Date ? w : new Date(w));

/** Formats for one language: each takes an optional time zone (the store's), else the device's. */
export interface Formatter {
  language: Language;
  locale: string;
  /** 19 Nov 2026 / 19 nov. 2026 */
  date(at: When, timeZone?: string): string;
  /** A calendar day "2026-08-14" (no time zone shift): 14 Aug 2026 / 14 août 2026. */
  day(isoDay: string, opts?: Intl.DateTimeFormatOptions): string;
  /** 19 Nov 2026, 16:45 / 19 nov. 2026, 16:45 */
  dateTime(at: When, timeZone?: string): string;
  /** 16:45 */
  time(at: When, timeZone?: string): string;
  /** Monday 19 November, 16:45 / lundi 19 novembre, 16:45 */
  longDateTime(at: When, timeZone?: string): string;
  /** Any other shape of date. */
  custom(at: When, opts: Intl.DateTimeFormatOptions): string;
  /** 1,234 / 1 234 */
  number(n: number, opts?: Intl.NumberFormatOptions): string;
  /** 0.25 → 25% / 25 % */
  percent(share: number, maximumFractionDigits?: number): string;
  /** Amounts in minor units (see shared/money.ts): €1,250.00 / 1 250,00 € */
  money(minor: number, currency: string, opts?: Intl.NumberFormatOptions): string;
  /** Whole amounts without decimals: €1,250 / 1 250 € */
  moneyShort(minor: number, currency: string): string;
}

const cache = new Map<string, Formatter>();

export function formatter(language: Language): Formatter {
  const hit = cache.get(language);
  if (hit) return hit;
  const locale = LOCALES[language];
  const dtf = (opts: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale, opts);
  const f: Formatter = {
    language, locale,
    date: (at, timeZone) => dtf({ timeZone, day: 'numeric', month: 'short', year: 'numeric' }).format(toDate(at)),
    day: (isoDay, opts = { day: 'numeric', month: 'short', year: 'numeric' }) => {
      const [y, m, d] = isoDay.slice(0, 10).split('-').map(Number);
      return dtf({ ...opts, timeZone: 'UTC' }).format(new Date(Date.UTC(y, (m || 1) - 1, d || 1)));
    },
    dateTime: (at, timeZone) => dtf({ timeZone, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(toDate(at)),
    time: (at, timeZone) => dtf({ timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(toDate(at)),
    longDateTime: (at, timeZone) => dtf({ timeZone, weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(toDate(at)),
    custom: (at, opts) => dtf(opts).format(toDate(at)),
    number: (n, opts) => new Intl.NumberFormat(locale, opts).format(n),
    percent: (share, maximumFractionDigits = 0) => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits }).format(share),
    money: (minor, currency, opts) => formatMoney(minor, currency, locale, opts),
    moneyShort: (minor, currency) => formatMoneyShort(minor, currency, locale),
  };
  cache.set(language, f);
  return f;
}
