import { describe, expect, it } from 'vitest';
import { frenchTypography, inLanguage } from './language.ts';

describe('the demo in its legal entity\'s language', () => {
  it('typesets French with a no-break space before a colon and a narrow one before ? ! ;', () => {
    expect(frenchTypography('Nouveauté : bague ? Oui ! Bien ; merci')).toBe('Nouveauté\u00a0: bague\u202f? Oui\u202f! Bien\u202f; merci');
  });
  it('gives the French retailer French words, typeset, and the others English as written', () => {
    expect(inLanguage({ language: 'fr' }, { en: 'Redeemed: voucher', fr: 'Utilisés : bon' })).toBe('Utilisés\u00a0: bon');
    expect(inLanguage({ language: 'en' }, { en: 'Redeemed: voucher', fr: 'Utilisés : bon' })).toBe('Redeemed: voucher');
    expect(inLanguage({ language: 'fr' }, { en: ['Yes!', 'No'], fr: ['Oui !', 'Non'] })).toEqual(['Oui\u202f!', 'Non']);
  });
});
