import { describe, expect, it } from 'vitest';
import { i18next } from '../../web/src/i18n/i18n.ts';
import { ago } from '../../web/src/i18n/ago.ts';
import { LOCALES } from '../../shared/format.ts';

const now = Date.parse('2026-12-07T10:00:00Z');
const before = (seconds: number) => new Date(now - seconds * 1000).toISOString();

describe('how long ago a figure was computed', () => {
  it('reads in English as the measures screens always said it', () => {
    const t = i18next.getFixedT('en');
    expect(ago(null, t, LOCALES.en, now)).toBe('never');
    expect(ago(before(59), t, LOCALES.en, now)).toBe('just now');
    expect(ago(before(60), t, LOCALES.en, now)).toBe('1 minute ago');
    expect(ago(before(3 * 3600 + 59), t, LOCALES.en, now)).toBe('3 hours ago');
    expect(ago(before(2 * 86_400), t, LOCALES.en, now)).toBe('2 days ago');
  });

  it('reads in French', () => {
    const t = i18next.getFixedT('fr');
    expect(ago(null, t, LOCALES.fr, now)).toBe('jamais');
    expect(ago(before(5), t, LOCALES.fr, now)).toBe('à l’instant');
    expect(ago(before(3 * 60), t, LOCALES.fr, now)).toBe('il y a 3 minutes');
    expect(ago(before(86_400), t, LOCALES.fr, now)).toBe('il y a 1 jour');
  });
});
