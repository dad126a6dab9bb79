import { sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';
import { AppError } from '../../http/errors.ts';
import type { AuthContext } from '../auth/context.ts';
import type { ClientBookFilter } from './filter.ts';

export interface SavedFilter { id: string; name: string; scope: 'mine' | 'store'; filter: ClientBookFilter; createdAt: string }

export async function listSavedFilters(db: Db, auth: AuthContext): Promise<SavedFilter[]> {
  return query<SavedFilter>(db, sql`select id, name, scope, filter, created_at::text as "createdAt" from client_book_saved_filters
    where legal_entity_id = ${auth.legalEntityId} and associate_id = ${auth.associateId} order by name`);
}

/** Saving under an existing name replaces that filter: associates refine a filter and keep its name. */
export async function saveFilter(db: Db, auth: AuthContext, input: { name: string; scope: 'mine' | 'store'; filter: ClientBookFilter }): Promise<SavedFilter> {
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
  if (!rows.length) throw new AppError('not_found', 'Saved filter was not found.');
}
