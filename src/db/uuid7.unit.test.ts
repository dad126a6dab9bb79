import { describe, it, expect } from 'vitest';
import { uuid7 } from './uuid7.ts';

describe('uuid7', () => {
  it('makes version 7 UUIDs with the current time, ascending', () => {
    const before = Date.now();
    const ids = Array.from({ length: 10_000 }, () => uuid7());
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    const ms = parseInt(ids[0].replace(/-/g, '').slice(0, 12), 16);
    expect(ms).toBeGreaterThanOrEqual(before);
    expect(ms).toBeLessThan(before + 60_000);
  });
});
