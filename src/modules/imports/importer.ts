import type { Db } from '../../db/client.ts';
import type { Fields } from './fields.ts';
import type { References } from './refs.ts';
import type { UpsertResult } from '../../db/bulk.ts';

export type Outcome = 'inserted' | 'updated' | 'unchanged' | { error: string };

export interface Item<P> { line: number; value: P }

/** One importable entity: how a source record is checked, and how a batch of them is written. */
export interface Importer<P> {
  entity: string;
  summary: string;
  /** Required and optional fields, for help texts and the API description. */
  fields: string;
  batchSize: number;
  /** Checks one record; throws RowError with a message naming the field. Nested orders give several items. */
  prepare(f: Fields, record: Record<string, unknown>): P | P[];
  /**
   * Identity within the source: a batch never holds the same key twice (a repeat starts a new batch, so later rows win).
   * The items of one record always share a batch, side by side.
   */
  key(value: P): string;
  /**
   * Items of different groups never touch the same rows (an order and its lines), so their batches may be written at
   * the same time; items of one group are written in file order. Without it, batches are written one at a time.
   */
  group?(value: P): string;
  /** Writes a batch inside a transaction; returns one outcome per item, in order. */
  write(db: Db, refs: References, items: Item<P>[]): Promise<Outcome[]>;
}

/** Maps the rows an upsert returned (inserted or changed) back to the items; the others were unchanged. */
export function outcomesFrom(keys: (string | null)[], results: UpsertResult[], errors: (string | null)[] = []): Outcome[] {
  const byKey = new Map(results.map((r) => [r.key, r.inserted ? 'inserted' as const : 'updated' as const]));
  return keys.map((k, i) => (errors[i] ? { error: errors[i]! } : k === null ? { error: 'Not written.' } : byKey.get(k) ?? 'unchanged'));
}

export function missingRef(what: string, key: string) {
  return `Unknown ${what} "${key}": import it first.`;
}

/** Where each record's items lie in a batch (they sit side by side): [start, end) index ranges, in order. */
export function* recordRanges(items: readonly Item<unknown>[]): Generator<[number, number]> {
  for (let start = 0, end = 0; start < items.length; start = end) {
    for (end = start + 1; end < items.length && items[end].line === items[start].line;) end++;
    yield [start, end];
  }
}
