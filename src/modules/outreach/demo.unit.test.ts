import { describe, expect, it } from 'vitest';
import { demoTemplateRows } from './demo.ts';

const ID = '00000000-0000-0000-0000-000000000000';

describe('demo outreach templates', () => {
  it('write French with a no-break space before a colon and a narrow one before ? ! ;, and leave English alone', () => {
    const rows = demoTemplateRows({ id: ID, language: 'en' });
    const french = rows.filter((r) => r.language === 'fr').map((r) => `${r.subject ?? ''}\n${r.body}`);
    const english = rows.filter((r) => r.language === 'en').map((r) => `${r.subject ?? ''}\n${r.body}`);
    expect(french.length).toBeGreaterThan(10);
    expect(french.filter((t) => /[^\S\u00a0\u202f][:?!;]/.test(t))).toEqual([]);
    expect(french.some((t) => t.includes('\u00a0:')) && french.some((t) => t.includes('\u202f?')) && french.some((t) => t.includes('\u202f!'))).toBe(true);
    expect(english.some((t) => /[\u00a0\u202f]/.test(t))).toBe(false);
  });

  it('are named in the head office\'s language: French for the French retailer, English for the others', () => {
    const names = (language: 'en' | 'fr') => [...new Set(demoTemplateRows({ id: ID, language }).map((r) => r.name))];
    expect(names('en')).toEqual(['Save the sale', 'Birthday', 'Anniversary', 'New arrivals', 'Thank you', 'Care instructions', 'Satisfaction check', 'Personal note']);
    expect(names('fr')).toEqual(['Vente à conclure', 'Anniversaire', 'Anniversaire de mariage', 'Nouveautés', 'Remerciements', 'Conseils d’entretien', 'Suivi de satisfaction', 'Mot personnel']);
    // Both languages of customer still have every template of the French retailer.
    const fr = demoTemplateRows({ id: ID, language: 'fr' });
    expect(fr.filter((r) => r.language === 'en').length).toBe(fr.filter((r) => r.language === 'fr').length);
  });
});
