import { describe, it, expect } from 'vitest';
import { arrayLiteral } from './bulk.ts';

describe('arrayLiteral', () => {
  it('writes numbers and booleans bare, strings quoted and escaped, missing values as NULL', () => {
    expect(arrayLiteral([])).toBe('{}');
    expect(arrayLiteral([1, -2.5, 10n, true, false])).toBe('{1,-2.5,10,t,f}');
    expect(arrayLiteral([null, undefined, 'NULL', ''])).toBe('{NULL,NULL,"NULL",""}');
    expect(arrayLiteral(['a,b', 'say "hi"', 'C:\\x', '{}'])).toBe('{"a,b","say \\"hi\\"","C:\\\\x","{}"}');
    expect(arrayLiteral([new Date('2026-01-01T10:00:00Z')])).toBe('{"2026-01-01T10:00:00.000Z"}');
  });

  it('writes the same text when every value is a number, or a string with nothing to escape', () => {
    expect(arrayLiteral([3, -0, 1.5, 12_000])).toBe('{3,0,1.5,12000}');
    expect(arrayLiteral(['0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', 'O1', ''])).toBe('{"0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b","O1",""}');
    expect(arrayLiteral(['a', 'b c', 'say "hi"'])).toBe('{"a","b c","say \\"hi\\""}');
    expect(arrayLiteral(['a', null, 'b'])).toBe('{"a",NULL,"b"}');
    expect(arrayLiteral([1, '2', null])).toBe('{1,"2",NULL}');
    expect(arrayLiteral(['x', 2])).toBe('{"x",2}');
  });
});
