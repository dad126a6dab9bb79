import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Every capability throws the codes it declares in its errors.ts (defineErrors), so clients and tests can tell
// failures apart by code. A bare `new AppError(kind, …)` is the shared HTTP core's alone.
const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function* sources(dir: string): Generator<string> {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* sources(p);
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && e.name !== 'errors.ts') yield p;
  }
}

export function bareErrors(text: string): string[] {
  return text.split('\n').filter((line) => /\bnew AppError\(/.test(line)).map((line) => line.trim());
}

describe('error codes', () => {
  it('finds a bare AppError (so the check below can fail)', () => {
    expect(bareErrors(`if (x) throw new AppError('conflict', 'Taken.');\nthrow errors.taken('Taken.');`)).toEqual([`if (x) throw new AppError('conflict', 'Taken.');`]);
  });

  it('capabilities throw only the codes of their errors.ts, never a bare AppError', () => {
    const found: string[] = [];
    for (const file of sources(path.join(src, 'modules'))) {
      for (const line of bareErrors(fs.readFileSync(file, 'utf8'))) found.push(`${path.relative(src, file)}: ${line}`);
    }
    expect(found).toEqual([]);
  });

  it('each capability declares its codes under its own name', () => {
    const wrong: string[] = [];
    for (const dir of fs.readdirSync(path.join(src, 'modules'))) {
      const file = path.join(src, 'modules', dir, 'errors.ts');
      if (!fs.existsSync(file)) continue;
      for (const m of fs.readFileSync(file, 'utf8').matchAll(/defineErrors\('([^']+)'/g)) {
        if (m[1] !== dir.replace(/-/g, '_')) wrong.push(`${dir}/errors.ts declares '${m[1]}'`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
