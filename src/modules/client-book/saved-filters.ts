import { sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';
import { clientBookErrors } from './errors.ts';
import type { AuthContext } from '../auth/context.ts';
import type { ClientBookFilter } from './filter.ts';

export interface SavedFilter { id: string; name: string; scope: 'mine' | 'store'; filter: ClientBookFilter; createdAt: string }

export async function listSavedFilters(db: Db, auth: AuthContext): Promise<SavedFilter[]> {
  return query<SavedFilter>(db, sql`select id, name, scope, filter, created_at::text as "createdAt" from client_book_saved_filters
    where legal_entity_id = ${auth.legalEntityId} and associate_id = ${auth.associateId} order by name`);
}

/**
 * A filter names attributes and an owner by ID; it is kept and run later, so it may only name this legal entity's
 * (another entity's IDs would be stored as if they were ours).
 */
async function assertOwnReferences(db: Db, auth: AuthContext, filter: ClientBookFilter) {
  const attributeIds = [...new Set(filter.attributes?.map((a) => a.attributeId) ?? [])];
  const [row] = await query<{ attributes: number; owner: boolean }>(db, sql`
    select (select count(*)::int from customer_attributes where legal_entity_id = ${auth.legalEntityId}
        and id = any(${sql.param(attributeIds)}::uuid[])) as attributes,
      ${filter.ownerAssociateId
        ? sql`exists (select 1 from associates where legal_entity_id = ${auth.legalEntityId} and id = ${filter.ownerAssociateId})`
        : sql`true`} as owner`);
  if (row.attributes !== attributeIds.length) throw clientBookErrors.unknown_attribute('That attribute does not exist.', { field: 'filter.attributes' });
  if (!row.owner) throw clientBookErrors.unknown_owner('That associate does not exist.', { field: 'filter.ownerAssociateId' });
}

/** Saving under an existing name replaces that filter: associates refine a filter and keep its name. */
export async function saveFilter(db: Db, auth: AuthContext, input: { name: string; scope: 'mine' | 'store'; filter: ClientBookFilter }): Promise<SavedFilter> {
  await assertOwnReferences(db, auth, input.filter);
  const rows = await query<SavedFilter>(db, sql`
    insert into client_book_saved_filters (legal_entity_id, associate_id, name, scope, filter)
    values (${auth.legalEntityId}, ${auth.associateId}, ${input.name.trim()}, ${input.scope}, ${JSON.stringify(input.filter)}::jsonb)
    on conflict (associate_id, name) do update set scope = excluded.scope, filter = excluded.filter
    returning id, name, scope, filter, created_at::text as "createdAt"`);
  return rows[0];
}

export async function deleteSavedFilter(db: Db, auth: AuthContext, id: string) {
  const rows = await query(db, sql`delete from client_book_saved_filters where id = ${id} and associate_id = ${auth.associateId}
    and legal_entity_id = ${auth.legalEntityId} returning id`);
  if (!rows.length) throw clientBookErrors.saved_filter_not_found('Saved filter was not found.');
}
