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
});
