import type { PgTable } from 'drizzle-orm/pg-core';

/**
 * Tables of a module that every other module may read (never write) without going through the owner's queries: the
 * shared facts that scope and label everything else. Declared in the owner's schema.ts, each with why, so the owner
 * knows the columns are read elsewhere; src/modules/table-ownership.ts then lets other modules' reads of them pass.
 */
export interface ReadModel { readonly table: PgTable; readonly reason: string }

export function declareReadModels<const T extends readonly ReadModel[]>(models: T): T {
  for (const m of models) if (!m.reason.trim()) throw new Error('a read model needs a reason');
  return models;
}
