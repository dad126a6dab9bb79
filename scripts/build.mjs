// Compiles the server, CLI and benchmarks (src/, bench/) to plain JavaScript in dist/, same layout, with esbuild:
// TypeScript compiled at every start cost 1.2–1.4 s before the CLI did anything. Types are not checked here
// (`npm run typecheck` does that), so a build never fails on a type error. Tests run the TypeScript sources.
//
// `node scripts/build.mjs` builds (npm's `prepare` runs it on `npm install`/`npm ci`); bin/clienteling.mjs calls
// ensureBuilt(), which rebuilds only when a source is newer than the build.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE_DIRS = ['src', 'bench', 'shared'];
const DIST = path.join(root, 'dist');
const STAMP = path.join(DIST, '.built');
// Read at run time by path, so copied beside the compiled code: the migrations drizzle's migrator applies (its journal
// and the SQL files; the schema snapshots are for drizzle-kit only).
const ASSETS = [{ dir: 'src/db/migrations', keep: (rel) => rel.endsWith('.sql') || rel === path.join('meta', '_journal.json') }];

const isEntry = (file) => file.endsWith('.ts') && !file.endsWith('.d.ts') && !file.endsWith('.test.ts') && path.basename(file) !== 'test-helpers.ts';

/** Every file and folder under the source folders (folders too: a deleted or renamed file changes its folder's mtime). */
function* walk(dir) {
  let entries;
  try { entries = fs.readdirSync(dir, { withFileTypes: true }); } catch { return; }
  yield dir;
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* walk(p);
    else yield p;
  }
}

/** True when dist/ is missing or older than a source file, a source folder, tsconfig.json or this script. */
export function isStale() {
  let built;
  try { built = fs.statSync(STAMP).mtimeMs; } catch { return true; }
  const inputs = [fileURLToPath(import.meta.url), path.join(root, 'tsconfig.json'), ...SOURCE_DIRS.flatMap((d) => [...walk(path.join(root, d))])];
  return inputs.some((p) => { try { return fs.statSync(p).mtimeMs > built; } catch { return false; } });
}

/** Builds into dist/ (or outDir: the test of the build builds aside). */
export async function build({ outDir = DIST, quiet = false } = {}) {
  const started = performance.now();
  const startedAt = new Date();
  const { build: esbuild } = await import('esbuild');
  const entryPoints = SOURCE_DIRS.flatMap((d) => [...walk(path.join(root, d))]).filter(isEntry);
  // Built aside and swapped in, so a process starting meanwhile never sees half a build or files of deleted sources.
  const tmp = `${outDir}.tmp-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  await esbuild({
    entryPoints,
    outdir: tmp,
    outbase: root,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // One output file per source file: packages stay imports, relative imports point at the compiled sibling.
    bundle: true,
    packages: 'external',
    plugins: [{
      name: 'relative-imports-to-js',
      setup(b) {
        b.onResolve({ filter: /^\.\.?\// }, (args) => (args.kind === 'entry-point' ? undefined : { path: args.path.replace(/\.ts$/, '.js'), external: true }));
      },
    }],
    logLevel: 'warning',
  });
  for (const { dir, keep } of ASSETS) {
    const from = path.join(root, dir);
    fs.cpSync(from, path.join(tmp, dir), { recursive: true, filter: (src) => fs.statSync(src).isDirectory() || keep(path.relative(from, src)) });
  }
  // Dated from the start: a source saved while building is newer than the build and triggers the next one.
  fs.writeFileSync(path.join(tmp, '.built'), `${startedAt.toISOString()}\n`);
  fs.utimesSync(path.join(tmp, '.built'), startedAt, startedAt);
  const old = `${outDir}.old-${process.pid}`;
  try { fs.renameSync(outDir, old); } catch (err) { if (err.code !== 'ENOENT') throw err; }
  try {
    fs.renameSync(tmp, outDir);
  } catch (err) {
    // Another process built at the same moment and swapped its build in first: keep that one.
    if (err.code !== 'ENOTEMPTY' && err.code !== 'EEXIST') throw err;
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  fs.rmSync(old, { recursive: true, force: true });
  if (!quiet) console.error(`Built dist/ from ${entryPoints.length} TypeScript files in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
}

/** Builds when needed; a build that cannot run (read-only install) falls back to the existing dist/ if there is one. */
export async function ensureBuilt() {
  if (!isStale()) return;
  // An installed package has dist/ but not necessarily the sources: nothing to rebuild from.
  if (!fs.existsSync(path.join(root, 'src')) && fs.existsSync(STAMP)) return;
  try {
    await build();
  } catch (err) {
    if (!fs.existsSync(STAMP)) throw err;
    console.error(`Could not rebuild dist/ (${err.message}); running the existing build.`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await build();
