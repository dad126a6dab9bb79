import { describe, expect, it } from 'vitest';
import { demoTemplateRows, frenchTypography } from './demo.ts';

describe('demo outreach templates', () => {
  it('write French with a no-break space before a colon and a narrow one before ? ! ;, and leave English alone', () => {
    expect(frenchTypography('Nouveauté : {{product.name}} ? Oui ! Bien ; merci')).toBe('Nouveauté\u00a0: {{product.name}}\u202f? Oui\u202f! Bien\u202f; merci');
    const rows = demoTemplateRows('00000000-0000-0000-0000-000000000000');
    const french = rows.filter((r) => r.language === 'fr').map((r) => `${r.subject ?? ''}\n${r.body}`);
    const english = rows.filter((r) => r.language === 'en').map((r) => `${r.subject ?? ''}\n${r.body}`);
    expect(french.length).toBeGreaterThan(10);
    expect(french.filter((t) => /[^\S\u00a0\u202f][:?!;]/.test(t))).toEqual([]);
    expect(french.some((t) => t.includes('\u00a0:')) && french.some((t) => t.includes('\u202f?')) && french.some((t) => t.includes('\u202f!'))).toBe(true);
    expect(english.some((t) => /[\u00a0\u202f]/.test(t))).toBe(false);
  });
});
