import { describe, expect, it } from 'vitest';
import { renderLettersPdf, pdfString, wrap } from './mail.ts';

/** Checks what a PDF reader relies on: header, objects at the offsets the xref table gives, trailer, EOF. */
function parsePdf(buf: Buffer) {
  const text = buf.toString('latin1');
  expect(text.startsWith('%PDF-1.4\n')).toBe(true);
  expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
  const startxref = Number(/startxref\n(\d+)\n%%EOF/.exec(text)![1]);
  expect(text.slice(startxref, startxref + 4)).toBe('xref');
  const [, first, count] = /xref\n(\d+) (\d+)\n/.exec(text.slice(startxref))!.map(Number);
  expect(first).toBe(0);
  const entries = text.slice(startxref).split('\n').slice(2, 2 + count);
  entries.slice(1).forEach((e, i) => {
    const offset = Number(e.slice(0, 10));
    expect(text.slice(offset, offset + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`);
  });
  for (const m of text.matchAll(/<< \/Length (\d+) >>\nstream\n/g)) {
    const start = m.index! + m[0].length;
    expect(text.slice(start + Number(m[1]), start + Number(m[1]) + 10)).toBe('\nendstream');
  }
  const pages = (text.match(/\/Type \/Page\b(?!s)/g) ?? []).length;
  const declared = Number(/\/Type \/Pages \/Kids \[[^\]]*\] \/Count (\d+)/.exec(text)![1]);
  return { text, pages, declared };
}

describe('printable letters', () => {
  it('writes a valid PDF with one page per letter and the letters\' text', () => {
    const letters = ['Léa Martin', 'Tom Durand', 'Ana Costa'].map((name, i) => ({
      sender: 'Aurelle Paris', address: `${name}\n${i + 1} rue de Rivoli\n75001 Paris\nFR`, date: '12 March 2026',
      subject: 'Our new collection', body: `Dear ${name.split(' ')[0]},\n\nThe spring pieces (linen, silk) are in. Come and see them.`,
    }));
    const { text, pages, declared } = parsePdf(renderLettersPdf(letters));
    expect(pages).toBe(3);
    expect(declared).toBe(3);
    expect(text).toContain('(L\\351a Martin) Tj');
    expect(text).toContain('(Dear Tom,) Tj');
    expect(text).toContain('(The spring pieces \\(linen, silk\\) are in. Come and see them.) Tj');
    expect(text).toContain('/BaseFont /Helvetica ');
  });

  it('continues a letter too long for one page on the next page', () => {
    const body = Array.from({ length: 80 }, (_, i) => `Line ${i + 1}`).join('\n');
    const { pages, text } = parsePdf(renderLettersPdf([{ sender: 'S', address: 'A', date: 'D', subject: null, body }]));
    expect(pages).toBe(2);
    expect(text).toContain('(Line 80) Tj');
  });

  it('encodes typographic characters in WinAnsi and wraps long lines', () => {
    expect(pdfString('l’été — 20 €')).toBe('(l\\222\\351t\\351 \\227 20 \\200)');
    expect(pdfString('漢')).toBe('(\\077)');
    expect(wrap('aaa bbb ccc', 7)).toEqual(['aaa bbb', 'ccc']);
    // French typography: the narrow no-break space prints as a no-break space, and neither breaks a line.
    expect(pdfString('oui\u202f?')).toBe('(oui\\240?)');
    expect(wrap('essayer cette semaine\u202f? Note\u00a0: oui', 16)).toEqual(['essayer cette', 'semaine\u202f? Note\u00a0:', 'oui']);
  });
});
