import { describe, it, expect } from 'vitest';
import { Readable } from 'node:stream';
import { findBadInput, MAX_NESTING } from './input-guard.ts';
import { readNdjson } from '../modules/imports/parse.ts';

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

  it('an NDJSON line whose text the reader found clean still has its numbers and nesting checked, and any escape or surrogate takes the full check', async () => {
    const lines = [
      '{"sku":"x\\u0000"}', // an escaped NUL
      '{"sku":"end\\ud83d"}', // an escaped lone surrogate
      '{"k\\u0000":1}', // an escaped NUL in a name
      '{"sku":"Zoë 😀","q":1}', // a good surrogate pair, raw
      '{"quantity":1e400}', // Infinity, in a line with nothing suspect
      '{"sku":"plain","lines":[{"q":1e400}]}',
      '{"sku":"C:\\\\users"}', // a backslash then "u": suspect, and fine
    ];
    const records = [];
    for await (const block of readNdjson(Readable.from([lines.join('\n')]))) records.push(...block);
    const verdicts = records.map((r) => findBadInput(r.record, '', { stringsChecked: r.stringsChecked }));
    expect(records.map((r) => r.stringsChecked)).toEqual([false, false, false, false, true, true, false]);
    expect(verdicts[0]).toMatchObject({ field: 'sku', reason: expect.stringContaining('NUL') });
    expect(verdicts[1]).toMatchObject({ field: 'sku', reason: expect.stringContaining('lone surrogate') });
    expect(verdicts[2]).toMatchObject({ reason: expect.stringContaining('name') });
    expect(verdicts[3]).toBeNull();
    expect(verdicts[4]).toMatchObject({ field: 'quantity', reason: 'is not a finite number' });
    expect(verdicts[5]).toMatchObject({ field: 'lines.0.q', reason: 'is not a finite number' });
    expect(verdicts[6]).toBeNull();
  });
});
