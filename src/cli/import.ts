import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import { parseArgs } from './args.ts';
import { openConfiguredDatabase } from './database.ts';
import { query } from '../db/client.ts';
import { readRecords, type ImportFormat } from '../modules/imports/parse.ts';
import { runImport } from '../modules/imports/service.ts';
import { importerFor, IMPORTERS } from '../modules/imports/entities.ts';
import { SYSTEM_ACTORS } from '../../shared/system-actors.ts';

const USAGE = `clienteling import <entity> <file> [--legal-entity CODE] [--format csv|ndjson] [--data-dir DIR]

Upserts by external ID: running the same file again changes nothing. Bad rows are listed with their line; the good rows land.
Entities:
${IMPORTERS.map((i) => `  ${i.entity.padEnd(18)} ${i.summary}\n  ${''.padEnd(18)} fields: ${i.fields}`).join('\n')}`;

function bar(done: number, total: number) {
  const width = 30;
  const ratio = total ? Math.min(1, done / total) : 0;
  const filled = Math.round(ratio * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(ratio * 100).toFixed(0).padStart(3)}%`;
}

export async function importCommand(argv: string[]): Promise<number> {
  const { flags, positional } = parseArgs(argv);
  const [entity, file] = positional;
  if (flags.help || flags.h) { console.log(USAGE); return 0; }
  if (!entity || !file) { console.error(`Give an entity and a file.\n\n${USAGE}`); return 2; }
  const importer = importerFor(entity);
  if (!importer) { console.error(`Unknown entity "${entity}".\n\n${USAGE}`); return 2; }
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) { console.error(`No file at ${file}.`); return 2; }
  let format: ImportFormat;
  if (typeof flags.format === 'string') {
    if (flags.format !== 'csv' && flags.format !== 'ndjson') { console.error('--format must be csv or ndjson.'); return 2; }
    format = flags.format;
  } else if (/\.csv$/i.test(file)) format = 'csv';
  else if (/\.(ndjson|jsonl)$/i.test(file)) format = 'ndjson';
  else { console.error('Cannot tell the format from the file name; add --format csv or --format ndjson.'); return 2; }

  const { database } = await openConfiguredDatabase(flags);
  try {
    const les = await query<{ id: string; code: string }>(database.db, sql`select id, code from legal_entities order by code`);
    const code = typeof flags['legal-entity'] === 'string' ? flags['legal-entity'] : null;
    const le = code ? les.find((l) => l.code === code) : les.length === 1 ? les[0] : undefined;
    if (!le) {
      console.error(code ? `No legal entity "${code}". Known: ${les.map((l) => l.code).join(', ') || 'none'}.` : `Say which legal entity with --legal-entity CODE (${les.map((l) => l.code).join(', ') || 'none yet'}).`);
      return 2;
    }
    const size = fs.statSync(file).size;
    const stream = fs.createReadStream(file, { highWaterMark: 256 * 1024 });
    // Progress from the stream's own byte count: a 'data' listener would switch the stream to flowing mode
    // and drop chunks while the importer is still loading references.
    const t0 = Date.now();
    const tty = process.stderr.isTTY;
    let lastDraw = 0;
    const summary = await runImport(database.db, { legalEntityId: le.id, associateId: null, associateName: SYSTEM_ACTORS.commandLineImport }, importer.entity, readRecords(stream, format), {
      onProgress: (s) => {
        const now = Date.now();
        if (now - lastDraw < (tty ? 100 : 2000)) return;
        lastDraw = now;
        const rate = Math.round(s.received / Math.max(0.001, (now - t0) / 1000));
        const text = `${bar(stream.bytesRead, size)} ${s.received} rows, ${rate}/s, ${s.failed} bad`;
        process.stderr.write(tty ? `\r${text}` : `${text}\n`);
      },
    });
    const secs = (Date.now() - t0) / 1000;
    process.stderr.write(`${tty ? '\r' : ''}${bar(size, size)} ${summary.received} rows in ${secs.toFixed(1)} s\n`);
    for (const e of summary.errors) console.error(`line ${e.line}: ${e.message}`);
    if (summary.failed > summary.errors.length) console.error(`… and ${summary.failed - summary.errors.length} more bad rows.`);
    console.log(`${importer.entity}: ${summary.received} received, ${summary.inserted} inserted, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.failed} rejected`);
    return 0;
  } finally {
    await database.close();
  }
}
