import { and, asc, eq, sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';
import { columnName } from '../../db/sql.ts';
import { clientBookSavedFilters as f } from './schema.ts';
import { attributeCount } from '../customer-attributes/queries.ts';
import { associates } from '../organisation/schema.ts';
import { clientBookErrors } from './errors.ts';
import type { AuthContext } from '../auth/context.ts';
import type { ClientBookFilter, SavedFilter } from './client-book-schemas.ts';

const savedFilterColumns = {
  id: f.id, name: f.name, scope: f.scope, filter: sql<ClientBookFilter>`${f.filter}`.mapWith(f.filter), createdAt: sql<string>`${f.createdAt}::text`,
};

export async function listSavedFilters(db: Db, auth: AuthContext): Promise<SavedFilter[]> {
  return db.select(savedFilterColumns).from(f)
    .where(and(eq(f.legalEntityId, auth.legalEntityId), eq(f.associateId, auth.associateId))).orderBy(asc(f.name));
}

/**
 * A filter names attributes and an owner by ID; it is kept and run later, so it may only name this legal entity's
 * (another entity's IDs would be stored as if they were ours).
 */
async function assertOwnReferences(db: Db, auth: AuthContext, filter: ClientBookFilter) {
  const attributeIds = [...new Set(filter.attributes?.map((a) => a.attributeId) ?? [])];
  const [row] = await query<{ attributes: number; owner: boolean }>(db, sql`
    select ${attributeCount(auth.legalEntityId, attributeIds)} as attributes,
      ${filter.ownerAssociateId
        ? sql`exists (select 1 from ${associates} where ${associates.legalEntityId} = ${auth.legalEntityId} and ${associates.id} = ${filter.ownerAssociateId})`
        : sql`true`} as owner`);
  if (row.attributes !== attributeIds.length) throw clientBookErrors.unknown_attribute('That attribute does not exist.', { field: 'filter.attributes' });
  if (!row.owner) throw clientBookErrors.unknown_owner('That associate does not exist.', { field: 'filter.ownerAssociateId' });
}

/** Saving under an existing name replaces that filter: associates refine a filter and keep its name. */
export async function saveFilter(db: Db, auth: AuthContext, input: Pick<SavedFilter, 'name' | 'scope' | 'filter'>): Promise<SavedFilter> {
  await assertOwnReferences(db, auth, input.filter);
  const rows = await db.insert(f)
    .values({ legalEntityId: auth.legalEntityId, associateId: auth.associateId, name: input.name.trim(), scope: input.scope, filter: { ...input.filter } })
    .onConflictDoUpdate({ target: [f.associateId, f.name], set: { scope: sql`excluded.${columnName(f.scope)}`, filter: sql`excluded.${columnName(f.filter)}` } })
    .returning(savedFilterColumns);
  return rows[0];
}

export async function deleteSavedFilter(db: Db, auth: AuthContext, id: string) {
  const rows = await db.delete(f).where(and(eq(f.id, id), eq(f.associateId, auth.associateId), eq(f.legalEntityId, auth.legalEntityId)))
    .returning({ id: f.id });
  if (!rows.length) throw clientBookErrors.saved_filter_not_found('Saved filter was not found.');
}
