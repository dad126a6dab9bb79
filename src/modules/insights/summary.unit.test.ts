import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture } from '../../../test/fixtures.ts';
import { compressSummaries, parseDay, summarizeTransactions, validateSummary, type Transaction } from './summary.ts';

const CDNOW = fixture('cdnow');

describe('parseDay', () => {
  it('accepts YYYY-MM-DD and YYYYMMDD as UTC days', () => {
    expect(parseDay('1970-01-02')).toBe(1);
    expect(parseDay('19970930')).toBe(parseDay('1997-09-30'));
    expect(parseDay('1997-09-30') - parseDay('1997-01-01')).toBe(272);
  });
  it('rejects malformed or impossible dates', () => {
    expect(() => parseDay('1997-02-30')).toThrow();
    expect(() => parseDay('30/09/1997')).toThrow();
  });
});

describe('summarizeTransactions', () => {
  it('merges same-day purchases and averages repeat spend only', () => {
    const tx: Transaction[] = [
      { customerId: 'a', date: '2024-01-01', amount: 100 }, // first purchase: excluded from monetary
      { customerId: 'a', date: '2024-01-08', amount: 10 },
      { customerId: 'a', date: '2024-01-08', amount: 20 }, // same day → one 30 transaction
      { customerId: 'a', date: '2024-01-15', amount: 50 },
      { customerId: 'a', date: '2024-02-01', amount: 999 }, // after calibration end
      { customerId: 'b', date: '2024-01-29', amount: 5 },
      { customerId: 'c', date: '2024-02-02', amount: 5 }, // first purchase after end: dropped
    ];
    const out = summarizeTransactions(tx, { calibrationEnd: '2024-01-29', period: 'week', observationEnd: '2024-02-29' });
    expect(out).toHaveLength(2);
    const a = out.find((s) => s.customerId === 'a')!;
    expect(a).toEqual({ customerId: 'a', frequency: 2, recency: 2, T: 4, monetaryValue: 40, holdoutFrequency: 1 });
    const b = out.find((s) => s.customerId === 'b')!;
    expect(b).toMatchObject({ frequency: 0, recency: 0, T: 0, monetaryValue: 0 });
    const daily = summarizeTransactions(tx, { calibrationEnd: '2024-01-29', period: 'day' });
    expect(daily.find((s) => s.customerId === 'a')).toMatchObject({ recency: 14, T: 28 });
  });

  it('reproduces the published CDNOW calibration/holdout summary exactly', () => {
    const tx: Transaction[] = readFileSync(path.join(CDNOW, 'CDNOW_sample.txt'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => {
        const [, sampleId, date, , dollars] = line.trim().split(/\s+/);
        return { customerId: String(Number(sampleId)), date, amount: Number(dollars) };
      });
    expect(tx).toHaveLength(6919);
    const out = summarizeTransactions(tx, { calibrationEnd: '1997-09-30', period: 'week', observationEnd: '1998-06-30' });
    expect(out).toHaveLength(2357);
    const byId = new Map(out.map((s) => [s.customerId, s]));
    const rows = readFileSync(path.join(CDNOW, 'derived_cdnow_cal_holdout.csv'), 'utf8').trim().split('\n').slice(1);
    let calibrationRepeats = 0;
    for (const row of rows) {
      const [id, x, tx_, T, zbar, xStar] = row.split(',');
      const s = byId.get(id)!;
      expect(s.frequency).toBe(Number(x));
      expect(Math.abs(s.recency - Number(tx_))).toBeLessThan(1e-6);
      expect(Math.abs(s.T - Number(T))).toBeLessThan(1e-6);
      expect(Math.abs(s.monetaryValue - Number(zbar))).toBeLessThan(1e-5);
      expect(s.holdoutFrequency).toBe(Number(xStar));
      calibrationRepeats += s.frequency;
    }
    // 6,696 purchase days in total after merging same-day purchases (README).
    const holdout = out.reduce((acc, s) => acc + s.holdoutFrequency!, 0);
    expect(2357 + calibrationRepeats + holdout).toBe(6696);
  });
});

describe('compressSummaries', () => {
  it('groups identical tuples with counts and maps customers back', () => {
    const { weighted, index } = compressSummaries([0, 2, 0, 2, 1], [0, 5, 0, 5, 1], [10, 10, 10, 10, 10]);
    expect(weighted.length).toBe(3);
    expect(Array.from(weighted.weight)).toEqual([2, 2, 1]);
    expect(Array.from(index)).toEqual([0, 1, 0, 1, 2]);
    expect([weighted.x[2], weighted.tx[2], weighted.T[2]]).toEqual([1, 1, 10]);
  });
  it('validateSummary flags impossible rows', () => {
    expect(validateSummary(1, 5, 4)).toMatch(/exceeds/);
    expect(validateSummary(-1, 0, 4)).toMatch(/frequency/);
    expect(validateSummary(2, 3, 4)).toBeNull();
  });
});
