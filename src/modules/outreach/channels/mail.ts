/**
 * Physical mail: letters are printed in batches as one PDF, one page per letter. A minimal PDF 1.4 writer
 * (text objects in the standard Helvetica fonts, WinAnsi encoding) is enough for letters and needs no package.
 */
export interface Letter {
  sender: string;
  /** The postal address block, one line per line. */
  address: string;
  date: string;
  subject: string | null;
  body: string;
}

const PAGE_W = 595; // A4 in points
const PAGE_H = 842;
const MARGIN = 72;
const LINE = 15;
const MAX_CHARS = 88; // Helvetica 11 pt across 451 pt, conservatively

// WinAnsi code points for the typographic characters letters use; other Latin-1 characters keep their code.
// French typography's narrow no-break space (before ? ! ;) has no WinAnsi code: it prints as the no-break space.
const WIN_ANSI: Record<string, number> = { '€': 0x80, '…': 0x85, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96, '—': 0x97, 'œ': 0x9c, 'Œ': 0x8c, '\u202f': 0xa0 };

/** A PDF string literal: escapes, and characters outside ASCII as octal WinAnsi codes. */
export function pdfString(text: string): string {
  let out = '(';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\' || ch === '(' || ch === ')') out += `\\${ch}`;
    else if (code >= 0x20 && code < 0x7f) out += ch;
    else {
      const win = WIN_ANSI[ch] ?? (code >= 0xa0 && code <= 0xff ? code : 0x3f); // '?' for what Helvetica cannot show
      out += `\\${win.toString(8).padStart(3, '0')}`;
    }
  }
  return `${out})`;
}

/** Word-wraps a paragraph to lines of at most `width` characters. */
export function wrap(text: string, width = MAX_CHARS): string[] {
  const lines: string[] = [];
  for (const para of text.replace(/\r/g, '').split('\n')) {
    let line = '';
    // Breaks at ordinary spaces only: a no-break space keeps '?' or ':' on its word's line (French typography).
    for (const word of para.split(/[^\S\u00a0\u202f]+/).filter(Boolean)) {
      if (!line) line = word;
      else if (line.length + 1 + word.length <= width) line += ` ${word}`;
      else { lines.push(line); line = word; }
      while (line.length > width) { lines.push(line.slice(0, width)); line = line.slice(width); }
    }
    lines.push(line);
  }
  return lines;
}

type Run = { font: 'F1' | 'F2'; size: number; text: string } | { gap: number };

function letterRuns(l: Letter): Run[] {
  const runs: Run[] = [{ font: 'F2', size: 12, text: l.sender }, { gap: 3 }];
  for (const line of l.address.split('\n')) runs.push({ font: 'F1', size: 11, text: line });
  runs.push({ gap: 2 }, { font: 'F1', size: 11, text: l.date }, { gap: 1 });
  if (l.subject) runs.push({ font: 'F2', size: 11, text: l.subject }, { gap: 1 });
  for (const line of wrap(l.body)) runs.push({ font: 'F1', size: 11, text: line });
  return runs;
}

/** Page content streams for one letter: one page, or more when the text does not fit. */
function letterPages(l: Letter): string[] {
  const pages: string[] = [];
  let ops: string[] = [];
  let y = PAGE_H - MARGIN;
  const flush = () => { pages.push(ops.join('\n')); ops = []; y = PAGE_H - MARGIN; };
  for (const run of letterRuns(l)) {
    if ('gap' in run) { y -= run.gap * LINE; continue; }
    if (y < MARGIN) flush();
    ops.push(`BT /${run.font} ${run.size} Tf ${MARGIN} ${y} Td ${pdfString(run.text)} Tj ET`);
    y -= LINE;
  }
  flush();
  return pages;
}

/** The batch as one PDF document. */
export function renderLettersPdf(letters: Letter[]): Buffer {
  const contents = letters.flatMap(letterPages);
  // Objects: 1 catalog, 2 page tree, 3 Helvetica, 4 Helvetica-Bold, then a page and its content stream per page.
  const objects: string[] = [];
  const kids = contents.map((_, i) => `${5 + i * 2} 0 R`).join(' ');
  objects.push('<< /Type /Catalog /Pages 2 0 R >>');
  objects.push(`<< /Type /Pages /Kids [${kids}] /Count ${contents.length} >>`);
  objects.push('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  objects.push('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>');
  contents.forEach((stream, i) => {
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE_W} ${PAGE_H}] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${6 + i * 2} 0 R >>`);
    objects.push(`<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`);
  });
  // Everything is ASCII (non-ASCII went out as octal escapes), so string length is byte length.
  let pdf = '%PDF-1.4\n%\xE2\xE3\xCF\xD3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(pdf, 'latin1'));
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) pdf += `${String(o).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}
