import { describe, expect, it } from 'vitest';
import { i18next } from '../../web/src/i18n/i18n.ts';

// French writes "d’Adam" and "de Hugo": the catalogue's {{name, de}} elides before a vowel, and English is untouched.
describe('"de" before a name in French', () => {
  const fr = i18next.getFixedT('fr') as unknown as (key: string, params?: Record<string, unknown>) => string;
  const en = i18next.getFixedT('en') as unknown as (key: string, params?: Record<string, unknown>) => string;

  it('elides before a vowel, accented or not, and keeps "de" before a consonant or an h', () => {
    expect(fr('clientBook.bookOf', { name: 'Adam Martinez' })).toBe('Client book d’Adam Martinez');
    expect(fr('clientBook.bookOf', { name: 'Élodie Roux' })).toBe('Client book d’Élodie Roux');
    expect(fr('clientBook.bookOf', { name: 'Olivier Chen' })).toBe('Client book d’Olivier Chen');
    expect(fr('clientBook.bookOf', { name: 'Hugo Bernard' })).toBe('Client book de Hugo Bernard');
    expect(fr('clientBook.bookOf', { name: 'Camille Laurent' })).toBe('Client book de Camille Laurent');
  });

  it('leaves the English sentence as it was', () => {
    expect(en('clientBook.bookOf', { name: 'Adam Martinez' })).toBe('Client book of Adam Martinez');
  });
});
