import { describe, expect, it } from 'vitest';
import { fixture, readFixture } from '../../../test/fixtures.ts';
import { encodeBaskets, parseBasketText, parseOrdersCsv, readBasketFile, splitCsvLine, toBasketMatrix } from './baskets.ts';

const GROCERIES_CSV = fixture('groceries_csv', 'groceries.csv');

describe('splitCsvLine', () => {
  it('splits plain and quoted fields without trimming', () => {
    expect(splitCsvLine('a,b ,c')).toEqual(['a', 'b ', 'c']);
    expect(splitCsvLine('"x, y",z,"say ""hi"""')).toEqual(['x, y', 'z', 'say "hi"']);
  });
});

describe('parseBasketText', () => {
  it('dedupes within a basket, keeps inner blank lines as empty baskets, ignores the final newline, strips CR', () => {
    const db = parseBasketText('a,b,a\r\n\nb,c\n');
    expect(db.labels).toEqual(['a', 'b', 'c']);
    expect([...db.offsets]).toEqual([0, 2, 2, 4]);
    expect([...db.items]).toEqual([0, 1, 1, 2]);
  });
  it('toBasketMatrix and encodeBaskets build CSR arrays', () => {
    expect(toBasketMatrix([[3, 1], [], [2]])).toEqual({ items: Int32Array.from([3, 1, 2]), offsets: Int32Array.from([0, 2, 2, 3]) });
    expect(encodeBaskets([['x', 'y'], ['y']]).labels).toEqual(['x', 'y']);
  });
});

describe('parseOrdersCsv', () => {
  it('reads columns by header name and reports bad lines', () => {
    expect(parseOrdersCsv('date,product,customer_id\n2024-01-01,milk,c1\n')).toEqual([{ customerId: 'c1', date: '2024-01-01', product: 'milk' }]);
    expect(() => parseOrdersCsv('customer_id,date,product\nc1,,milk\n')).toThrow(/line 2/);
    expect(() => parseOrdersCsv('a,b\n')).toThrow(/header/);
  });
});

// Groceries.data holds purchase quantities (values 0..7, 48,332 in total); arules builds the
// transactions as `quantity > 0`, which is the comparison made here.
describe('Groceries: parsed CSV agrees with the arules count matrix (binarised)', async () => {
  const db = await readBasketFile(GROCERIES_CSV);
  // Labels file: code \t name \t German name, CRLF line ends; column j of the matrix = line j.
  const labels = readFixture('groceries_arules', 'Groceries.labels')
    .split('\n')
    .map((l) => l.replace(/\r$/, ''))
    .filter((l) => l !== '')
    .map((l) => l.split('\t')[1]);
  const rows = readFixture('groceries_arules', 'Groceries.data.gz')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => l.trim().split('\t').map((x) => (Number(x) > 0 ? 1 : 0) as number));

  it('has 9835 baskets and 169 items in both', () => {
    expect(db.offsets.length - 1).toBe(9835);
    expect(rows.length).toBe(9835);
    expect(db.labels.length).toBe(169);
    expect(labels.length).toBe(169);
    expect(db.items.length).toBe(43367);
    expect(rows.reduce((s, r) => s + r.reduce((a, x) => a + x, 0), 0)).toBe(43367);
  });

  it('keeps the two trailing-space names exactly as arules labels them', () => {
    expect(labels.filter((l) => l.endsWith(' ')).sort()).toEqual(['cream cheese ', 'roll products ']);
    expect(new Set(db.labels)).toEqual(new Set(labels));
  });

  it('gives identical per-item counts and identical baskets row by row', () => {
    const csvCount = new Map<string, number>();
    for (const id of db.items) csvCount.set(db.labels[id], (csvCount.get(db.labels[id]) ?? 0) + 1);
    labels.forEach((name, j) => {
      const col = rows.reduce((s, r) => s + r[j], 0);
      expect(csvCount.get(name), name).toBe(col);
    });
    expect(csvCount.get('whole milk')).toBe(2513);
    expect(csvCount.get('cream cheese ')).toBe(390);
    let mismatches = 0;
    rows.forEach((r, b) => {
      const fromMatrix = labels.filter((_, j) => r[j] === 1).sort();
      const fromCsv = [...db.items.subarray(db.offsets[b], db.offsets[b + 1])].map((id) => db.labels[id]).sort();
      if (fromMatrix.join('|') !== fromCsv.join('|')) mismatches++;
    });
    expect(mismatches).toBe(0);
  });
});
