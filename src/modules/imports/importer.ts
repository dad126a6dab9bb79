import type { Db } from '../../db/client.ts';
import type { Fields } from './fields.ts';
import type { References } from './refs.ts';
import type { UpsertResult } from './upsert.ts';

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
  /** Identity within the source: a batch never holds the same key twice (a repeat starts a new batch, so later rows win). */
  key(value: P): string;
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
