import { describe, expect, it } from 'vitest';
import { quintileScores, rfmSegment, scoreRfm } from './rfm.ts';

describe('quintileScores', () => {
  it('splits distinct values into equal fifths', () => {
    const { scores } = quintileScores([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(Array.from(scores)).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    expect(Array.from(quintileScores([10, 9, 8, 7, 6, 5, 4, 3, 2, 1], false).scores)).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
  });
  it('gives ties one score, from the share of strictly worse customers', () => {
    const { scores, percentiles } = quintileScores([0, 0, 0, 0, 0, 0, 1, 2, 3, 3]);
    expect(Array.from(scores)).toEqual([1, 1, 1, 1, 1, 1, 4, 4, 5, 5]);
    expect(percentiles[9]).toBeCloseTo(0.8, 12);
  });
});

describe('rfmSegment', () => {
  it('maps the R×F grid', () => {
    expect(rfmSegment(5, 5)).toBe('Champions');
    expect(rfmSegment(4, 4)).toBe('Loyal');
    expect(rfmSegment(3, 5)).toBe('Loyal');
    expect(rfmSegment(5, 1)).toBe('New');
    expect(rfmSegment(4, 1)).toBe('Promising');
    expect(rfmSegment(5, 3)).toBe('Potential loyalist');
    expect(rfmSegment(3, 3)).toBe('Need attention');
    expect(rfmSegment(3, 1)).toBe('About to sleep');
    expect(rfmSegment(2, 4)).toBe('At risk');
    expect(rfmSegment(1, 5)).toBe("Can't lose them");
    expect(rfmSegment(1, 1)).toBe('Hibernating');
  });
});

describe('scoreRfm', () => {
  it('scores a book and reports drivers', () => {
    const book = Array.from({ length: 10 }, (_, i) => ({ recency: i * 10, frequency: 10 - i, monetary: 100 + i }));
    const out = scoreRfm(book);
    expect(out[0]).toMatchObject({ recencyScore: 5, frequencyScore: 5, monetaryScore: 1, code: '551', segment: 'Champions' });
    expect(out[9]).toMatchObject({ recencyScore: 1, frequencyScore: 1, monetaryScore: 5, segment: 'Hibernating' });
    expect(out[0].drivers).toMatchObject({ recency: 0, frequency: 10, monetary: 100, recencyPercentile: 0.9 });
  });
});
