import { describe, expect, it } from 'vitest';
import { spokenDay } from '../../web/src/i18n/i18n.ts';

describe('a day in a sentence', () => {
  const now = new Date('2026-12-07T12:00:00Z');
  it('says the first of the month as French does, "1er", and the other days and English as Intl writes them', () => {
    expect(spokenDay('2026-12-01', 'fr', now)).toBe('1er décembre');
    expect(spokenDay('2025-03-01', 'fr', now)).toBe('1er mars 2025');
    expect(spokenDay('2026-12-11', 'fr', now)).toBe('11 décembre');
    expect(spokenDay('2026-12-01', 'en', now)).toBe('1 December');
  });
});
