// `backup <file>` and `restore <file>` of the embedded PGlite database: the whole data directory as one gzipped tar
// (PGlite's dumpDataDir / loadDataDir). PostgreSQL servers are backed up with pg_dump / pg_restore (README).
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { loadConfig } from '../config.ts';
import { parseArgs } from './args.ts';

const extensions = { pg_trgm, btree_gist };

function target(rest: string[], verb: string): { file: string; dataDir: string } | null {
  const { flags, positional } = parseArgs(rest);
  const config = loadConfig(typeof flags['data-dir'] === 'string' ? { dataDir: flags['data-dir'] } : {});
  if (config.databaseUrl) {
    console.error(`${verb} is for the embedded PGlite database; with DATABASE_URL set use pg_dump / pg_restore (see "Running in production" in the README).`);
    return null;
  }
  if (positional.length !== 1) {
    console.error(`Usage: clienteling ${verb} <file> [--data-dir DIR]`);
    return null;
  }
  return { file: path.resolve(positional[0]), dataDir: path.resolve(config.dataDir) };
}

/** Writes the data directory to <file> (gzipped tar). Run it with the server stopped: PGlite has one user at a time. */
export async function backupCommand(rest: string[]): Promise<number> {
  const t = target(rest, 'backup');
  if (!t) return 2;
  if (!fs.existsSync(path.join(t.dataDir, 'PG_VERSION'))) {
    console.error(`No PGlite database in ${t.dataDir}.`);
    return 1;
  }
  const bytes = await backupPglite(t.dataDir, t.file);
  console.log(`Backed up ${t.dataDir} to ${t.file} (${bytes.toLocaleString('en')} bytes).`);
  return 0;
}

/** Writes the PGlite data directory to file (written aside, then renamed: never half a backup); returns its size. */
export async function backupPglite(dataDir: string, file: string): Promise<number> {
  const pglite = await PGlite.create(dataDir, { extensions });
  try {
    const dump = await pglite.dumpDataDir('gzip');
    const tmp = `${file}.tmp-${process.pid}`;
    fs.writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
    fs.renameSync(tmp, file);
    return fs.statSync(file).size;
  } finally {
    await pglite.close();
  }
}

/**
 * Replaces the data directory with the one in <file>. The backup is unpacked and opened in a new directory beside the
 * current one first; only when that worked is the current one moved aside (kept as <dir>.before-restore-<time>) and the
 * restored one put in its place, so a bad file never costs the current data.
 */
export async function restoreCommand(rest: string[]): Promise<number> {
  const t = target(rest, 'restore');
  if (!t) return 2;
  if (!fs.existsSync(t.file)) {
    console.error(`No such file: ${t.file}`);
    return 1;
  }
  let kept: string | null;
  try {
    kept = await restorePglite(t.file, t.dataDir);
  } catch (err) {
    console.error(`Could not restore ${t.file}: ${(err as Error).message}`);
    return 1;
  }
  console.log(`Restored ${t.file} into ${t.dataDir}.${kept ? ` The previous data is kept in ${kept} (delete it when satisfied).` : ''}`);
  return 0;
}

/** Restores file into dataDir; returns where the previous data directory was moved, or null when there was none. */
export async function restorePglite(file: string, dataDir: string): Promise<string | null> {
  const fresh = `${dataDir}.restoring-${process.pid}`;
  fs.rmSync(fresh, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(fresh), { recursive: true });
  try {
    const pglite = await PGlite.create(fresh, { extensions, loadDataDir: new Blob([fs.readFileSync(file)]) });
    await pglite.query('select 1');
    await pglite.close();
  } catch (err) {
    fs.rmSync(fresh, { recursive: true, force: true });
    throw err;
  }
  let kept: string | null = null;
  if (fs.existsSync(dataDir)) {
    kept = `${dataDir}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    fs.renameSync(dataDir, kept);
  }
  fs.renameSync(fresh, dataDir);
  return kept;
}
