import { describe, it, expect } from 'vitest';
import { formatMeasure } from './card.ts';

describe('measure values on the customer card', () => {
  it('shows currency measures, stored in minor units, in whole units of the currency', () => {
    expect(formatMeasure('currency', { valueNumber: 123456, valueText: null }, 'EUR')).toBe('€1,235');
    expect(formatMeasure('currency', { valueNumber: 123456, valueText: null }, 'JPY')).toBe('JP¥123,456');
  });
  it('shows probabilities as percentages and text measures as text', () => {
    expect(formatMeasure('percent', { valueNumber: 0.734, valueText: null }, 'EUR')).toBe('73%');
    expect(formatMeasure('text', { valueNumber: null, valueText: 'Win-back call' }, 'EUR')).toBe('Win-back call');
  });
});
