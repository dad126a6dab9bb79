import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { importsErrors } from './errors.ts';
import { audit } from '../audit/service.ts';
import type { AuthContext } from '../auth/context.ts';
import { Fields, RowError } from './fields.ts';
import { References } from './refs.ts';
import { importerFor, ENTITY_NAMES } from './entities.ts';
import { recordRanges, type Importer, type Item, type Outcome } from './importer.ts';
import type { SourceRecord } from './parse.ts';
import { findBadInput } from '../../http/input-guard.ts';
import type { ImportSummary } from './import-schemas.ts';

export type { ImportSummary };

export type ImportActor = Pick<AuthContext, 'legalEntityId' | 'associateId' | 'associateName'> | { legalEntityId: string; associateId: null; associateName: string };

const MAX_LISTED_ERRORS = 1000;

export function requireImporter(entity: string): Importer<any> {
  const importer = importerFor(entity);
  if (!importer) throw importsErrors.unknown_entity(`Unknown entity "${entity}". Known: ${ENTITY_NAMES.join(', ')}.`, { field: 'entity' });
  return importer;
}

/**
 * Streams records into the database in batches: each batch is one transaction of multi-row writes keyed by the
 * source's IDs, so a re-run changes nothing, memory stays constant, and a bad row is reported with its line while the
 * good rows land.
 */
export async function runImport(db: Db, actor: ImportActor, entity: string, records: AsyncIterable<SourceRecord[]>,
  opts: { onProgress?: (s: ImportSummary) => void } = {}): Promise<ImportSummary> {
  const importer = requireImporter(entity);
  // Start reading at once, before the first await: a source already flowing (a stream with a 'data' listener, as the
  // command line's progress bar adds) would otherwise emit chunks that nobody reads while the references load.
  const source = records[Symbol.asyncIterator]();
  const firstBlock = source.next();
  firstBlock.catch(() => {}); // awaited below; only keeps an early read error from counting as unhandled meanwhile
  const refs = await new References(db, actor.legalEntityId).init();
  const summary: ImportSummary = { entity: importer.entity, received: 0, inserted: 0, updated: 0, unchanged: 0, failed: 0, errors: [] };
  const fail = (line: number, message: string) => {
    summary.failed++;
    if (summary.errors.length < MAX_LISTED_ERRORS) summary.errors.push({ line, message });
  };

  // A record may give several items (an order with its lines); they always go into the same batch, and the record's
  // outcome is the strongest of its items'.
  const rank = (o: Outcome) => (typeof o === 'object' ? 3 : o === 'inserted' ? 2 : o === 'updated' ? 1 : 0);

  // Each batch commits without waiting for its WAL flush: a crash could only lose batches that a re-run writes again
  // (imports are idempotent), and the audit entry written at the end is an ordinary commit, which flushes the WAL up
  // to it, so once the summary is returned every batch before it is durable.
  // Nor is a batch's work compiled (JIT): its statements are many small index lookups whose row estimates, swollen by
  // the batch's arrays, passed the planner's JIT threshold: compiling one batch's order lookup took 277 ms of its 377 ms
  // in EXPLAIN ANALYZE on PostgreSQL 15 (a re-run, 2 runs each with and without: 43,276–45,673 against 48,552–49,373 lines/s).
  const writeBatch = (items: Item<unknown>[]) => db.transaction(async (tx) => {
    const t: Db = tx;
    await t.execute(sql`select set_config('synchronous_commit', 'off', true), set_config('jit', 'off', true)`);
    return importer.write(t, refs.within(t), items);
  });

  const settle = async (items: Item<unknown>[]) => {
    let outcomes: Outcome[];
    try {
      outcomes = await writeBatch(items);
    } catch {
      // Something the checks did not catch (a constraint, or a concurrent import of the same rows): write the records
      // one by one to find the culprit.
      outcomes = [];
      for (const [start, end] of recordRanges(items)) {
        const record = items.slice(start, end);
        try { outcomes.push(...await writeBatch(record)); }
        catch (e) { outcomes.push(...record.map(() => ({ error: databaseMessage(e) }))); }
      }
    }
    // Each record's items side by side (as recordRanges, without an array per record: this runs for every line).
    for (let start = 0, end = 0; start < items.length; start = end) {
      for (end = start + 1; end < items.length && items[end].line === items[start].line;) end++;
      let outcome = outcomes[start];
      for (let i = start + 1; i < end; i++) if (rank(outcomes[i]) > rank(outcome)) outcome = outcomes[i];
      if (typeof outcome === 'object') fail(items[start].line, outcome.error); else summary[outcome]++;
    }
    opts.onProgress?.(summary);
  };

  // One batch is written while the next is read and checked, so parsing and the database work at the same time. An
  // importer whose items fall into independent groups (orders) has two lanes, each writing its groups' batches on its
  // own connection, so the database can use two cores: a group's items always take the same lane, so they still reach
  // the database in file order (later rows win). Memory holds two batches per lane at most.
  const lanes: Lane[] = Array.from({ length: importer.group ? LANES : 1 }, () => ({ batch: [], keys: new Set(), writing: Promise.resolve() }));
  const laneOf = (value: unknown) => (lanes.length === 1 ? lanes[0] : lanes[hash(importer.group!(value)) % lanes.length]);
  const flush = async (lane: Lane) => {
    if (!lane.batch.length) return;
    const items = lane.batch;
    lane.batch = []; lane.keys = new Set();
    await lane.writing;
    lane.writing = settle(items);
    lane.writing.catch(() => {}); // awaited at the lane's next flush; this only keeps it from counting as unhandled meanwhile
  };

  try {
    for (let next = await firstBlock; !next.done; next = await source.next()) {
      for (const rec of next.value) {
        summary.received++;
        if (rec.error) { fail(rec.line, rec.error); continue; }
        // The same text rule as every other request (no NUL, no lone surrogate): the row is refused, the rest land.
        const bad = findBadInput(rec.record, '', { stringsChecked: rec.stringsChecked });
        if (bad) { fail(rec.line, `${bad.field} ${bad.reason}.`); continue; }
        let value: unknown;
        try {
          value = importer.prepare(new Fields(rec.record!, refs.currency), rec.record!);
        } catch (e) {
          if (e instanceof RowError) { fail(rec.line, e.message); continue; }
          throw e;
        }
        // A key already in the batch starts a new one, so a later row for the same thing wins. (Awaiting only when a
        // batch is full: an await per record was a few percent of the CPU.)
        if (!Array.isArray(value)) {
          const lane = laneOf(value);
          const key = importer.key(value);
          if (lane.batch.length >= importer.batchSize || lane.keys.has(key)) await flush(lane);
          lane.keys.add(key);
          lane.batch.push({ line: rec.line, value });
          continue;
        }
        if (!value.length) continue;
        const lane = laneOf(value[0]);
        const recordKeys = value.map((v) => importer.key(v));
        if (lane.batch.length && (lane.batch.length + value.length > importer.batchSize || recordKeys.some((k) => lane.keys.has(k)))) await flush(lane);
        for (let i = 0; i < value.length; i++) {
          lane.keys.add(recordKeys[i]);
          lane.batch.push({ line: rec.line, value: value[i] });
        }
      }
    }
  } finally {
    await source.return?.(undefined); // closes the source (a no-op once it is read to the end)
  }
  for (const lane of lanes) await flush(lane);
  await Promise.all(lanes.map((l) => l.writing));
  summary.errors.sort((a, b) => a.line - b.line);
  await audit(db, actor, 'import', importer.entity, null, { received: summary.received, inserted: summary.inserted, updated: summary.updated, unchanged: summary.unchanged, failed: summary.failed });
  return summary;
}

const LANES = 2;

interface Lane { batch: Item<unknown>[]; keys: Set<string>; writing: Promise<void> }

/** FNV-1a: spreads groups over the lanes evenly and the same way every time. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The database's reason, with its detail (which key was missing or taken) so the row's error says what to fix. */
function databaseMessage(e: unknown): string {
  const err = e as { message?: string; cause?: { message?: string; detail?: string } };
  const m = err.cause?.message ?? err.message ?? String(e);
  const detail = err.cause?.detail ? ` (${err.cause.detail})` : '';
  return `Rejected by the database: ${m.replace(/^Failed query: [\s\S]*?\nparams: [\s\S]*$/, 'constraint violated')}${detail}`;
}
