import { describe, it, expect } from 'vitest';
import { minorUnits, majorAmount, decimalText, formatMinor } from './currency.ts';

describe('amounts in minor units', () => {
  it('uses each currency\'s decimals: none for yen, three for dinars, two for most', () => {
    expect(minorUnits('jpy')).toBe(0);
    expect(majorAmount(12_345, 'JPY')).toBe(12_345);
    expect(decimalText(12_345, 'KWD')).toBe('12.345');
    expect(decimalText(12_345, 'EUR')).toBe('123.45');
    expect(formatMinor(12_345, 'JPY', 'en-GB')).toBe('JP¥12,345');
    expect(formatMinor(12_345, 'EUR', 'en-GB')).toBe('€123.45');
    expect(formatMinor(150_000, 'EUR', 'en-GB', { minimumFractionDigits: 0, maximumFractionDigits: 0 })).toBe('€1,500');
  });
});
