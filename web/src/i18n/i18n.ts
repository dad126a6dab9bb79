// The web app's translations: i18next with typed catalogues (en.ts, fr.ts). Associates read their own language
// (users.language, else the browser's); customer-facing pages take the customer's (see useCustomerT).
import i18next from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { useEffect, useMemo } from 'react';
import { formatter, languageOf, type Formatter, type Language } from '../../../shared/format.ts';
import { en } from './en.ts';
import { fr } from './fr.ts';

export { languageOf, type Language };

export const resources = { en: { translation: en }, fr: { translation: fr } } as const;

void i18next.use(initReactI18next).init({
  resources,
  lng: 'en',
  fallbackLng: 'en',
  supportedLngs: ['en', 'fr'],
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
  initAsync: false,
});

// Formats a catalogue sentence may apply to a server's parameter: {{when, day}} "3 March" / "3 mars" (with the year
// when it is not this year), {{date, dayMonth}} "3 March" always without the year, {{confidence, share}} 0.42 → "42%" / "42 %"
// ({{rate, share(maximumFractionDigits: 2)}} keeps two decimals: 0.125 → "12.5%").
i18next.services.formatter?.add('day', (value: unknown, lng: string | undefined) => spokenDay(String(value), languageOf(lng)));
// French elides "de" before a vowel: "le client book d’Adam", "de Hugo" ({{name, de}} stands for "de {{name}}"). An h is
// left as written: which names take "d’" before an h needs a dictionary.
i18next.services.formatter?.add('de', (value: unknown, lng: string | undefined) => {
  const s = String(value);
  return languageOf(lng) === 'fr' && /^[aeiouyàâäéèêëîïôöùûüœæ]/i.test(s) ? `d’${s}` : `de ${s}`;
});
i18next.services.formatter?.add('dayMonth', (value: unknown, lng: string | undefined) => formatter(languageOf(lng)).day(String(value), { day: 'numeric', month: 'long' }));
i18next.services.formatter?.add('share', (value: unknown, lng: string | undefined, options: { maximumFractionDigits?: unknown }) =>
  formatter(languageOf(lng)).percent(Number(value), Number(options?.maximumFractionDigits ?? 0)));
// {{spend, money}} an amount in minor units of the text's {{currency}} parameter; {{rate, decimal}} a figure to three significant digits.
i18next.services.formatter?.add('money', (value: unknown, lng: string | undefined, options: { currency?: unknown }) => formatter(languageOf(lng)).money(Number(value), String(options?.currency ?? 'EUR')));
i18next.services.formatter?.add('decimal', (value: unknown, lng: string | undefined) => formatter(languageOf(lng)).number(Number(value), { maximumSignificantDigits: 3 }));

/** A calendar day as people say it: "3 March", "3 March 2025" outside this year. */
export function spokenDay(isoDay: string, language: Language, now = new Date()): string {
  const thisYear = isoDay.slice(0, 4) === String(now.getUTCFullYear());
  const words = formatter(language).day(isoDay, thisYear ? { day: 'numeric', month: 'long' } : { day: 'numeric', month: 'long', year: 'numeric' });
  // French says the first of the month as an ordinal: "le 1er décembre" (Intl writes "1 décembre").
  return language === 'fr' ? words.replace(/^1 /, '1er ') : words;
}

export { i18next };

/** The device's language, when the user has not chosen one. */
export const browserLanguage = (): Language => languageOf(typeof navigator === 'undefined' ? 'en' : navigator.language);

/** The translator and formats of the signed-in associate's language. */
export function useT() {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n.language);
  const format = useMemo(() => formatter(language), [language]);
  return { t, language, format };
}

/**
 * A customer-facing page: the whole app speaks the customer's language while it shows (the page is never inside the
 * associate's shell), so its error notes and shared parts follow too.
 */
export function useCustomerT(language: Language) {
  useLanguage(language);
  const { t } = useTranslation(undefined, { lng: language });
  const format = useMemo(() => formatter(language), [language]);
  return { t, language, format };
}

/** Keeps i18next (and <html lang>) on the given language; null leaves it as it is. */
export function useLanguage(language: Language | null) {
  useEffect(() => {
    if (!language) return;
    if (i18next.language !== language) void i18next.changeLanguage(language);
    document.documentElement.lang = language;
  }, [language]);
}

export type { Formatter };
