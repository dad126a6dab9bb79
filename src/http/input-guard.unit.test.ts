import { describe, it, expect } from 'vitest';
import { findBadInput, MAX_NESTING } from './input-guard.ts';

describe('findBadInput', () => {
  it('takes any well-formed text, emoji and other surrogate pairs included', () => {
    expect(findBadInput({ name: 'Zoë 😀 𝄞 日本', tags: ['ok', { note: 'line\nbreak\ttab' }], n: 1.5, none: null })).toBeNull();
  });

  it('names the first NUL, lone surrogate (high or low, at either end) or non-finite number by its path', () => {
    expect(findBadInput({ a: { b: ['ok', 'x\u0000'] } })).toMatchObject({ field: 'a.b.1', reason: expect.stringContaining('NUL') });
    expect(findBadInput({ s: 'end\ud83d' })).toMatchObject({ field: 's', reason: expect.stringContaining('lone surrogate') });
    expect(findBadInput({ s: '\ude00start' })).toMatchObject({ field: 's', reason: expect.stringContaining('lone surrogate') });
    expect(findBadInput({ s: '\ude00\ud83d' })).toMatchObject({ field: 's' }); // a pair in the wrong order is two lone halves
    expect(findBadInput({ k: 1, limit: Infinity })).toMatchObject({ field: 'limit', reason: 'is not a finite number' });
    expect(findBadInput('\u0000', 'q')).toMatchObject({ field: 'q' });
  });

  it('refuses a bad key without echoing it, and nesting past the limit without using the call stack', () => {
    expect(findBadInput({ outer: { ['k\u0000']: 1 } })).toMatchObject({ field: 'outer.k\uFFFD', reason: expect.stringContaining('name') });
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findBadInput(deep)).toMatchObject({ reason: `is nested more than ${MAX_NESTING} levels deep` });
    let fine: unknown = 'leaf';
    for (let i = 0; i < MAX_NESTING; i++) fine = { a: fine };
    expect(findBadInput(fine)).toBeNull();
  });

  it('judges a flat record (an import line) as the full walk does', () => {
    expect(findBadInput({ orderId: 'O1', sku: 'Zoë 😀', quantity: 2, vip: true, note: null })).toBeNull();
    expect(findBadInput({ orderId: 'O1', sku: 'x\u0000' })).toMatchObject({ field: 'sku', reason: expect.stringContaining('NUL') });
    expect(findBadInput({ orderId: 'O1', sku: 'end\ud83d' })).toMatchObject({ field: 'sku', reason: expect.stringContaining('lone surrogate') });
    expect(findBadInput({ ['k\u0000']: 1 })).toMatchObject({ field: 'k\uFFFD', reason: expect.stringContaining('name') });
    expect(findBadInput({ quantity: -Infinity })).toMatchObject({ field: 'quantity', reason: 'is not a finite number' });
  });
});
