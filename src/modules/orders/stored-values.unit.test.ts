import { describe, expect, it } from 'vitest';
import { StoredValues } from './queries.ts';

describe('StoredValues: comparing an order line as storedOrders reads it with the values a record gives', () => {
  const line = '0190a1b2-0000-7000-8000-000000000001|2|12900|0|25800|';

  it('finds the same values the same', () => {
    expect(new StoredValues(line).is('0190a1b2-0000-7000-8000-000000000001').isInt(2).isInt(12900).isInt(0).isInt(25800).is(null).same()).toBe(true);
  });

  it('tells any one changed value', () => {
    const v = () => new StoredValues(line).is('0190a1b2-0000-7000-8000-000000000001');
    expect(v().isInt(3).isInt(12900).isInt(0).isInt(25800).is(null).same()).toBe(false);
    expect(v().isInt(2).isInt(1290).isInt(0).isInt(25800).is(null).same()).toBe(false); // a prefix of the stored number
    expect(v().isInt(2).isInt(129000).isInt(0).isInt(25800).is(null).same()).toBe(false);
    expect(v().isInt(2).isInt(12900).isInt(0).isInt(25800).is('0190a1b2-0000-7000-8000-000000000009').same()).toBe(false);
    expect(new StoredValues(line).is('0190a1b2-0000-7000-8000-00000000000').isInt(2).isInt(12900).isInt(0).isInt(25800).is(null).same()).toBe(false);
  });

  it('tells a text with more or fewer fields than compared', () => {
    expect(new StoredValues(line).is('0190a1b2-0000-7000-8000-000000000001').isInt(2).isInt(12900).isInt(0).isInt(25800).same()).toBe(false);
    expect(new StoredValues(line).is('0190a1b2-0000-7000-8000-000000000001').isInt(2).isInt(12900).isInt(0).isInt(25800).is(null).is(null).same()).toBe(false);
  });

  it('reads negative and empty numbers as PostgreSQL writes them', () => {
    expect(new StoredValues('-5|x').isInt(-5).is('x').same()).toBe(true);
    expect(new StoredValues('5|x').isInt(-5).is('x').same()).toBe(false);
    expect(new StoredValues('|x').isInt(0).is('x').same()).toBe(false);
    expect(new StoredValues('1700000000000000').isInt(1_700_000_000_000_000).same()).toBe(true);
  });
});
