import { describe, it, expect } from 'vitest';
import { currencyDecimals, minorToDecimal, decimalToMinor, majorAmount, isWholeAmount, formatMoney, formatMoneyShort } from './money.ts';
import { formatMeasureValue } from './measures.ts';

describe('currency decimals (ISO 4217 exponents)', () => {
  it('has none for yen, three for dinars, four for the Chilean UF, two for most, whatever the case', () => {
    expect(currencyDecimals('JPY')).toBe(0);
    expect(currencyDecimals('jpy')).toBe(0);
    expect(currencyDecimals('BHD')).toBe(3);
    expect(currencyDecimals('KWD')).toBe(3);
    expect(currencyDecimals('CLF')).toBe(4);
    expect(currencyDecimals('EUR')).toBe(2);
    expect(currencyDecimals('CHF')).toBe(2);
  });
});

describe('minor units to decimal text', () => {
  it('places the point by the currency, exactly', () => {
    expect(minorToDecimal(12_345, 'EUR')).toBe('123.45');
    expect(minorToDecimal(12_345, 'JPY')).toBe('12345');
    expect(minorToDecimal(12_345, 'BHD')).toBe('12.345');
    expect(minorToDecimal(5, 'EUR')).toBe('0.05');
    expect(minorToDecimal(-5, 'EUR')).toBe('-0.05');
    expect(minorToDecimal(0, 'KWD')).toBe('0.000');
    // Beyond what a float divided by 100 keeps exact.
    expect(minorToDecimal(9_007_199_254_740_993n, 'EUR')).toBe('90071992547409.93');
    expect(minorToDecimal(Number.MAX_SAFE_INTEGER, 'EUR')).toBe('90071992547409.91');
  });
  it('refuses a fraction of a minor unit', () => {
    expect(() => minorToDecimal(1.5, 'EUR')).toThrow(RangeError);
  });
});

describe('decimal text to minor units', () => {
  it('parses without floats (0.29 × 100 is 28.999… as a float)', () => {
    expect(decimalToMinor('0.29', 'EUR')).toEqual({ ok: true, minor: 29 });
    expect(decimalToMinor('129.9', 'EUR')).toEqual({ ok: true, minor: 12_990 });
    expect(decimalToMinor(' 1290 ', 'JPY')).toEqual({ ok: true, minor: 1290 });
    expect(decimalToMinor('12.345', 'BHD')).toEqual({ ok: true, minor: 12_345 });
    expect(decimalToMinor('-3', 'EUR')).toEqual({ ok: true, minor: -300 });
  });
  it('says why it refuses', () => {
    expect(decimalToMinor('12.5', 'JPY')).toEqual({ ok: false, reason: 'decimals' });
    expect(decimalToMinor('1.234', 'EUR')).toEqual({ ok: false, reason: 'decimals' });
    expect(decimalToMinor('12,50', 'EUR')).toEqual({ ok: false, reason: 'format' });
    expect(decimalToMinor('€12', 'EUR')).toEqual({ ok: false, reason: 'format' });
    expect(decimalToMinor('', 'EUR')).toEqual({ ok: false, reason: 'format' });
    expect(decimalToMinor('1e3', 'EUR')).toEqual({ ok: false, reason: 'format' });
    expect(decimalToMinor('90071992547409.92', 'EUR')).toEqual({ ok: false, reason: 'range' });
  });
  it('round-trips with minorToDecimal', () => {
    for (const [minor, cur] of [[1, 'EUR'], [-100_001, 'BHD'], [987_654_321, 'JPY'], [40_000, 'CLF']] as const) {
      expect(decimalToMinor(minorToDecimal(minor, cur), cur)).toEqual({ ok: true, minor });
    }
  });
});

describe('formatting for people', () => {
  it('uses the locale\'s symbol and grouping and the currency\'s decimals', () => {
    expect(formatMoney(12_345, 'JPY', 'en-GB')).toBe('JP¥12,345');
    expect(formatMoney(12_345, 'EUR', 'en-GB')).toBe('€123.45');
    expect(formatMoney(12_345, 'EUR', 'fr-FR')).toBe('123,45\u00a0€');
    expect(formatMoney(123_456_789, 'EUR', 'de-DE')).toBe('1.234.567,89\u00a0€');
    expect(formatMoney(12_345, 'BHD', 'en-GB')).toBe('BHD\u00a012.345');
    expect(formatMoney(150_000, 'EUR', 'en-GB', { maximumFractionDigits: 0 })).toBe('€1,500');
    expect(formatMoney(-5, 'EUR', 'en-GB')).toBe('-€0.05');
  });
  it('drops the decimals of whole amounts only in the short form', () => {
    expect(isWholeAmount(125_000, 'EUR')).toBe(true);
    expect(isWholeAmount(1_250, 'EUR')).toBe(false);
    expect(formatMoneyShort(125_000, 'EUR', 'en-GB')).toBe('€1,250');
    expect(formatMoneyShort(1_250, 'EUR', 'en-GB')).toBe('€12.50');
    expect(formatMoneyShort(12_345, 'KWD', 'en-GB')).toBe('KWD\u00a012.345');
  });
  it('gives charts a float in the major unit', () => {
    expect(majorAmount(12_345, 'EUR')).toBe(123.45);
    expect(majorAmount(12_345, 'JPY')).toBe(12_345);
  });
});

describe('measure values', () => {
  it('shows currency measures, stored in minor units, in whole units of the currency', () => {
    expect(formatMeasureValue('currency', { valueNumber: 123_456, valueText: null }, 'EUR', 'en-GB')).toBe('€1,235');
    expect(formatMeasureValue('currency', { valueNumber: 123_456, valueText: null }, 'JPY', 'en-GB')).toBe('JP¥123,456');
    expect(formatMeasureValue('currency', { valueNumber: 12_345.6, valueText: null }, 'BHD', 'en-GB')).toBe('BHD\u00a012');
  });
  it('shows probabilities as percentages, text as text, and nothing as null', () => {
    expect(formatMeasureValue('percent', { valueNumber: 0.734, valueText: null }, 'EUR')).toBe('73%');
    expect(formatMeasureValue('text', { valueNumber: null, valueText: 'Win-back call' }, 'EUR')).toBe('Win-back call');
    expect(formatMeasureValue('count', { valueNumber: 2.345, valueText: null }, 'EUR')).toBe('2.35');
    // In the screen's language: a French associate reads a decimal comma and a space before the percent sign.
    expect(formatMeasureValue('count', { valueNumber: 0.2, valueText: null }, 'EUR', 'fr-FR')).toBe('0,20');
    expect(formatMeasureValue('percent', { valueNumber: 0.734, valueText: null }, 'EUR', 'fr-FR')).toMatch(/^73[\u00a0\u202f]%$/);
    expect(formatMeasureValue('count', { valueNumber: 111, valueText: null }, 'EUR', 'fr-FR')).toBe('111');
    expect(formatMeasureValue('count', { valueNumber: null, valueText: null }, 'EUR')).toBeNull();
  });
});
