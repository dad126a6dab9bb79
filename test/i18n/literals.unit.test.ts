import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Screens not yet through the translator (each still has English literals; remove a file from here once it is).
// Empty: every screen goes through the translator.
const NOT_YET_TRANSLATED = new Set<string>([]);

const ROOT = path.resolve('web/src');
function tsxFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    // routes.tsx only registers screens: their nav labels are checked against the catalogue (catalogue.unit.test.ts).
    return e.isDirectory() ? tsxFiles(p) : e.name.endsWith('.tsx') && e.name !== 'routes.tsx' ? [p] : [];
  });
}

/** English words a person would read, written straight into the markup rather than through t(). */
export function literals(source: string): string[] {
  const code = source
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`])\/\/[^\n]*/g, '$1')
    // A profile section's registration: its title is checked against the catalogue's panels.<key> (catalogue.unit.test.ts).
    .replace(/\{ key: '[^']+', title: '[^']+'/g, '');
  const found: string[] = [];
  // Text between tags: <h1>Tasks</h1>, </strong> open tasks<
  // (after an opening or closing tag; TypeScript generics such as useState<string>(…) have code, not text, after them)
  for (const m of code.matchAll(/(?:<[A-Za-z][\w.]*(?:\s[^<>]*)?(?<!=)>|<\/[A-Za-z][\w.]*>|\/>)([^<>{}]*)(?=[<{])/g)) {
    const text = m[1].trim();
    if (/[A-Za-z]{2,}/.test(text) && !/[;=]|\bconst\b|\breturn\b|&&|\|\||^[:?|]/.test(text)) found.push(text);
  }
  // Attributes people read or hear: aria-label="Main", placeholder="Search", title="…", alt="…"
  for (const m of code.matchAll(/\b(aria-label|placeholder|title|alt|label)="([^"]*[A-Za-z]{2,}[^"]*)"/g)) found.push(`${m[1]}="${m[2]}"`);
  // Sentences and labels as string literals inside JSX expressions: {busy ? 'Saving…' : 'Save'}
  for (const m of code.matchAll(/[?:(,]\s*'([A-Z][a-z][^'\n]*)'/g)) found.push(`'${m[1]}'`);
  return found;
}

describe('the web app', () => {
  const files = tsxFiles(ROOT).map((f) => path.relative(path.resolve('.'), f).split(path.sep).join('/'));

  it('finds literals the way the check means (it can fail)', () => {
    expect(literals('<p className="muted">Loading…</p>')).toEqual(['Loading…']);
    expect(literals('<nav aria-label="Main">')).toEqual(['aria-label="Main"']);
    expect(literals("{busy ? 'Saving…' : 'Save'}")).toEqual(["'Saving…'", "'Save'"]);
    expect(literals("<h1>{t('home.greeting', { name })}</h1> <span className=\"badge\">{n}</span>")).toEqual([]);
  });

  it('shows no text that does not go through the translator', () => {
    const offending = files.filter((f) => !NOT_YET_TRANSLATED.has(f)).map((f) => [f, literals(fs.readFileSync(f, 'utf8'))] as const).filter(([, l]) => l.length);
    expect(Object.fromEntries(offending)).toEqual({});
  });

  it('keeps the list of screens not yet translated honest', () => {
    for (const f of NOT_YET_TRANSLATED) {
      expect(files, f).toContain(f);
      expect(literals(fs.readFileSync(f, 'utf8')).length, `${f} has no English literal left: remove it from NOT_YET_TRANSLATED`).toBeGreaterThan(0);
    }
  });
});
