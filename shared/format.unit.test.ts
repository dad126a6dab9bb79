import { describe, it, expect } from 'vitest';
import { formatter, languageOf, languageOfAcceptLanguage } from './format.ts';

describe('formats for people', () => {
  it('write dates, times, numbers and money the way each language does', () => {
    const at = '2026-11-19T15:45:00Z';
    const fr = formatter('fr');
    const en = formatter('en');
    expect(fr.date(at, 'Europe/Paris')).toBe('19 nov. 2026');
    expect(en.date(at, 'Europe/Paris')).toBe('19 Nov 2026');
    expect(fr.time(at, 'Europe/Paris')).toBe('16:45');
    expect(fr.day('1990-08-14')).toBe('14 août 1990');
    expect(en.day('1990-08-14')).toBe('14 Aug 1990');
    // A calendar day is the same day whatever the device's time zone.
    expect(fr.day('2026-01-01', { day: 'numeric', month: 'long' })).toBe('1 janvier');
    expect(fr.money(125000, 'EUR').replace(/\s/g, ' ')).toBe('1 250,00 €');
    expect(en.money(125000, 'EUR')).toBe('€1,250.00');
    expect(fr.moneyShort(125000, 'EUR').replace(/\s/g, ' ')).toBe('1 250 €');
    expect(fr.number(1234567).replace(/\s/g, ' ')).toBe('1 234 567');
    expect(fr.percent(0.25).replace(/\s/g, ' ')).toBe('25 %');
  });

  it("take the language from a customer's setting or a browser's Accept-Language", () => {
    expect(languageOf('fr-CA')).toBe('fr');
    expect(languageOf('de')).toBe('en');
    expect(languageOf(null)).toBe('en');
    expect(languageOfAcceptLanguage('fr-CH,fr;q=0.9,en;q=0.8')).toBe('fr');
    expect(languageOfAcceptLanguage('de-DE,en;q=0.5,fr;q=0.9')).toBe('fr');
    expect(languageOfAcceptLanguage('de-DE,en-US;q=0.7')).toBe('en');
    expect(languageOfAcceptLanguage('fr;q=0, en')).toBe('en');
    expect(languageOfAcceptLanguage(undefined)).toBe('en');
  });
});
