import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
// The scenarios beside this file: compiled .js when it runs from dist/, TypeScript (through tsx) from the sources.
const ext = path.extname(fileURLToPath(import.meta.url));

/**
 * `npm run bench [scenario ...]`: runs each bench/<scenario>.ts (compiled, see scripts/build.mjs) in its own process (so one scenario's
 * memory doesn't skew the next) and lets it print its figures. Scale is set per scenario with env vars
 * documented at the top of each file; defaults finish in minutes on 2 cores.
 */
export async function benchCommand(args: string[]): Promise<number> {
  const all = fs.readdirSync(here).filter((f) => f.endsWith(ext) && f !== `run${ext}` && !f.startsWith('_')).map((f) => f.slice(0, -ext.length)).sort();
  const chosen = args.length ? args : all;
  const unknown = chosen.filter((c) => !all.includes(c));
  if (unknown.length) {
    console.error(`Unknown benchmark: ${unknown.join(', ')}. Available: ${all.join(', ')}`);
    return 2;
  }
  let failed = 0;
  for (const name of chosen) {
    console.log(`\n=== bench: ${name} ===`);
    const file = path.join(here, `${name}${ext}`);
    const res = spawnSync(process.execPath, ext === '.ts' ? ['--import', 'tsx', file] : [file], { stdio: 'inherit', env: process.env });
    if (res.status !== 0) failed++;
  }
  return failed ? 1 : 0;
}
