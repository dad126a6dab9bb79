import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// The server (src/) and the screens (web/src/) share code only through shared/, which imports neither: the web
// bundle never pulls in server source, and the server never depends on the screens.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function* sources(dir: string): Generator<string> {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) { if (e.name !== 'node_modules') yield* sources(p); } else if (/\.(ts|tsx|mts)$/.test(e.name)) yield p;
  }
}

/** Every relative module a file imports, re-exports or loads dynamically, resolved to a path under the repository. */
export function importsOf(file: string, text = fs.readFileSync(file, 'utf8')): string[] {
  const specs = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm)].map((m) => m[1]);
  return specs.filter((s) => s.startsWith('.')).map((s) => path.relative(root, path.resolve(path.dirname(file), s)));
}

function crossings(fromDir: string, forbidden: string[], skip: (file: string) => boolean = () => false) {
  const found: string[] = [];
  for (const file of sources(path.join(root, fromDir))) {
    if (skip(file)) continue;
    for (const target of importsOf(file)) {
      if (forbidden.some((f) => target === f || target.startsWith(f + path.sep))) found.push(`${path.relative(root, file)} → ${target}`);
    }
  }
  return found;
}

describe('module boundaries', () => {
  it('the web imports no server source', () => {
    expect(crossings('web/src', ['src'])).toEqual([]);
  });
  it('the server imports nothing of the web', () => {
    // Except its tests, which are not built into dist/: they may render what the server sends with the screens'
    // catalogue (a timeline title key must exist in it), the contract between the two.
    expect(crossings('src', ['web'], (file) => file.endsWith('.test.ts'))).toEqual([]);
  });
  it('shared/ imports neither, so both (and any build) can take it as it is', () => {
    expect(crossings('shared', ['src', 'web'])).toEqual([]);
  });
  it('sees an import that crosses, in each form', () => {
    const file = path.join(root, 'web/src/features/x/page.tsx');
    for (const line of [
      "import { a } from '../../../../src/modules/a.ts';",
      "import type { B } from '../../../../src/modules/b.ts';",
      "export { c } from '../../../../src/c.ts';",
      "const d = await import('../../../../src/d.ts');",
      "import '../../../../src/e.ts';",
    ]) expect(importsOf(file, line)[0]).toMatch(/^src\//);
    expect(importsOf(file, "import { formatMoney } from '../../../../shared/money.ts';")).toEqual(['shared/money.ts']);
  });
});
