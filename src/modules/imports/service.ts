import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../http/errors.ts';
import { audit } from '../audit/service.ts';
import type { AuthContext } from '../auth/context.ts';
import { Fields, RowError } from './fields.ts';
import { References } from './refs.ts';
import { importerFor, ENTITY_NAMES } from './entities.ts';
import type { Importer, Item, Outcome } from './importer.ts';
import type { SourceRecord } from './parse.ts';

export interface ImportSummary {
  entity: string;
  received: number;
  inserted: number;
  updated: number;
  unchanged: number;
  failed: number;
  /** The bad rows with their line in the source; the first 1,000 are listed, `failed` counts them all. */
  errors: { line: number; message: string }[];
}

export type ImportActor = Pick<AuthContext, 'legalEntityId' | 'associateId' | 'associateName'> | { legalEntityId: string; associateId: null; associateName: string };

const MAX_LISTED_ERRORS = 1000;

export function requireImporter(entity: string): Importer<any> {
  const importer = importerFor(entity);
  if (!importer) throw new AppError('validation', `Unknown entity "${entity}". Known: ${ENTITY_NAMES.join(', ')}.`, { field: 'entity' });
  return importer;
}

/**
 * Streams records into the database in batches: each batch is one transaction of multi-row upserts, so a re-run
 * changes nothing, memory stays constant, and a bad row is reported with its line while the good rows land.
 */
export async function runImport(db: Db, actor: ImportActor, entity: string, records: AsyncIterable<SourceRecord>,
  opts: { onProgress?: (s: ImportSummary) => void } = {}): Promise<ImportSummary> {
  const importer = requireImporter(entity);
  // Start reading at once, before the first await: a source already flowing (a stream with a 'data' listener, as the
  // command line's progress bar adds) would otherwise emit chunks that nobody reads while the references load.
  const source = records[Symbol.asyncIterator]();
  const firstRecord = source.next();
  firstRecord.catch(() => {}); // awaited below; only keeps an early read error from counting as unhandled meanwhile
  const refs = await new References(db, actor.legalEntityId).init();
  const summary: ImportSummary = { entity: importer.entity, received: 0, inserted: 0, updated: 0, unchanged: 0, failed: 0, errors: [] };
  const fail = (line: number, message: string) => {
    summary.failed++;
    if (summary.errors.length < MAX_LISTED_ERRORS) summary.errors.push({ line, message });
  };

  // A record may give several items (an order with lines); its outcome is the strongest of its items'.
  let batch: Item<unknown>[] = [];
  let keys = new Set<string>();
  const recordOutcome = new Map<number, Outcome>();
  const rank = (o: Outcome) => (typeof o === 'object' ? 3 : o === 'inserted' ? 2 : o === 'updated' ? 1 : 0);

  // Each batch commits without waiting for its WAL flush: a crash could only lose batches that a re-run writes again
  // (imports are idempotent), and the audit entry written at the end is an ordinary commit, which flushes the WAL up
  // to it, so once the summary is returned every batch before it is durable.
  const writeBatch = (items: Item<unknown>[]) => db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    await t.execute(sql`set local synchronous_commit = off`);
    return importer.write(t, refs.within(t), items);
  });

  const settle = async (items: Item<unknown>[], pendingLine: number) => {
    let outcomes: Outcome[];
    try {
      outcomes = await writeBatch(items);
    } catch {
      // Something the checks did not catch (a constraint): write the rows one by one to find the culprit.
      outcomes = [];
      for (const item of items) {
        try { outcomes.push((await writeBatch([item]))[0]); }
        catch (e) { outcomes.push({ error: databaseMessage(e) }); }
      }
    }
    outcomes.forEach((o, i) => {
      const line = items[i].line;
      const prev = recordOutcome.get(line);
      if (!prev || rank(o) > rank(prev)) recordOutcome.set(line, o);
    });
    // A record is settled once all its items are written; a nested order may still have lines to come.
    for (const [line, o] of recordOutcome) {
      if (line >= pendingLine) continue;
      if (typeof o === 'object') fail(line, o.error); else summary[o]++;
      recordOutcome.delete(line);
    }
    opts.onProgress?.(summary);
  };

  // One batch is written while the next is read and checked, so parsing and the database work at the same time;
  // batches still reach the database one after the other, in file order (later rows win), and memory holds two at most.
  let writing: Promise<void> = Promise.resolve();
  const flush = async (pendingLine: number) => {
    if (!batch.length) return;
    const items = batch;
    batch = []; keys = new Set();
    await writing;
    writing = settle(items, pendingLine);
    writing.catch(() => {}); // awaited at the next flush; this only keeps it from counting as unhandled meanwhile
  };

  try {
    for (let next = await firstRecord; !next.done; next = await source.next()) {
      const rec = next.value;
      summary.received++;
      if (rec.error) { fail(rec.line, rec.error); continue; }
      let values: unknown[];
      try {
        const v = importer.prepare(new Fields(rec.record!), rec.record!);
        values = Array.isArray(v) ? v : [v];
      } catch (e) {
        if (e instanceof RowError) { fail(rec.line, e.message); continue; }
        throw e;
      }
      for (const value of values) {
        const key = importer.key(value);
        if (keys.has(key) || batch.length >= importer.batchSize) await flush(rec.line);
        keys.add(key);
        batch.push({ line: rec.line, value });
      }
    }
  } finally {
    await source.return?.(undefined); // closes the source (a no-op once it is read to the end)
  }
  await flush(Infinity);
  await writing;
  summary.errors.sort((a, b) => a.line - b.line);
  await audit(db, actor, 'import', importer.entity, null, { received: summary.received, inserted: summary.inserted, updated: summary.updated, unchanged: summary.unchanged, failed: summary.failed });
  return summary;
}

function databaseMessage(e: unknown): string {
  const err = e as { message?: string; cause?: { message?: string; detail?: string } };
  const m = err.cause?.message ?? err.message ?? String(e);
  return `Rejected by the database: ${m.replace(/^Failed query: [\s\S]*?\nparams: [\s\S]*$/, 'constraint violated')}`;
}
