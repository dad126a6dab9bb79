import { sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';
import { activityErrors } from './errors.ts';
import { audit } from '../audit/service.ts';
import type { AuthContext } from '../auth/context.ts';
import { announceChange, changeFeedConnected, onChange } from '../../db/change-feed.ts';

export interface ActivityType { id: string; name: string; displayOrder: number; active: boolean }

/**
 * Activity types are read on every activity form and timeline, so they are cached per legal entity. The seed's
 * scale unit kept them for hours; here a change clears the entry at once in every server process (the change feed),
 * and nothing is cached while this process cannot hear about changes.
 */
const cache = new Map<string, ActivityType[]>();
onChange('activity-types', (legalEntityId) => { if (legalEntityId) cache.delete(legalEntityId); else cache.clear(); });

function typesChanged(db: Db, legalEntityId: string) {
  return announceChange(db, 'activity-types', legalEntityId);
}

export async function listActivityTypes(db: Db, legalEntityId: string): Promise<ActivityType[]> {
  const hit = cache.get(legalEntityId);
  if (hit && changeFeedConnected()) return hit;
  const types = await query<ActivityType>(db, sql`select id, name, display_order as "displayOrder", active from activity_types
    where legal_entity_id = ${legalEntityId} order by display_order, name`);
  if (changeFeedConnected()) cache.set(legalEntityId, types);
  return types;
}

export async function createActivityType(db: Db, auth: AuthContext, input: { name: string; displayOrder?: number }) {
  const rows = await query<{ id: string }>(db, sql`insert into activity_types (legal_entity_id, name, display_order)
    values (${auth.legalEntityId}, ${input.name.trim()}, ${input.displayOrder ?? 100}) on conflict (legal_entity_id, name) do nothing returning id`);
  if (!rows[0]) throw activityErrors.activity_type_name_taken(`An activity type named "${input.name}" already exists.`, { field: 'name' });
  await typesChanged(db, auth.legalEntityId);
  await audit(db, auth, 'create', 'activity_type', rows[0].id, { name: input.name });
  return (await listActivityTypes(db, auth.legalEntityId)).find((t) => t.id === rows[0].id)!;
}

export async function updateActivityType(db: Db, auth: AuthContext, id: string, patch: { name?: string; displayOrder?: number; active?: boolean }) {
  if (patch.name) {
    const clash = await query(db, sql`select 1 from activity_types where legal_entity_id = ${auth.legalEntityId} and name = ${patch.name.trim()} and id <> ${id}`);
    if (clash.length) throw activityErrors.activity_type_name_taken(`An activity type named "${patch.name}" already exists.`, { field: 'name' });
  }
  const rows = await query(db, sql`update activity_types set
      name = coalesce(${patch.name?.trim() ?? null}, name), display_order = coalesce(${patch.displayOrder ?? null}::int, display_order),
      active = coalesce(${patch.active ?? null}::boolean, active)
    where id = ${id} and legal_entity_id = ${auth.legalEntityId} returning id`);
  if (!rows.length) throw activityErrors.activity_type_not_found('Activity type was not found.');
  await typesChanged(db, auth.legalEntityId);
  await audit(db, auth, 'update', 'activity_type', id, patch);
  return (await listActivityTypes(db, auth.legalEntityId)).find((t) => t.id === id)!;
}

/** A type already used by activities is retired (kept on past activities), otherwise deleted. */
export async function deleteActivityType(db: Db, auth: AuthContext, id: string): Promise<{ retired: boolean }> {
  const used = await query(db, sql`select 1 from activities where activity_type_id = ${id} limit 1`);
  const rows = used.length
    ? await query(db, sql`update activity_types set active = false where id = ${id} and legal_entity_id = ${auth.legalEntityId} returning id`)
    : await query(db, sql`delete from activity_types where id = ${id} and legal_entity_id = ${auth.legalEntityId} returning id`);
  if (!rows.length) throw activityErrors.activity_type_not_found('Activity type was not found.');
  await typesChanged(db, auth.legalEntityId);
  await audit(db, auth, 'delete', 'activity_type', id, { retired: used.length > 0 });
  return { retired: used.length > 0 };
}
