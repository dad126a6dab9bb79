import { and, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { activities, activityTypes } from './schema.ts';
import { activityErrors } from './errors.ts';
import type { ActivityType, ActivityTypeInput, ActivityTypePatch } from './activity-schemas.ts';
import { audit } from '../audit/service.ts';
import type { AuthContext } from '../auth/context.ts';
import { announceChange, changeFeedConnected, onChange } from '../../db/change-feed.ts';

export type { ActivityType };

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
  const types: ActivityType[] = await db.select({ id: activityTypes.id, name: activityTypes.name, displayOrder: activityTypes.displayOrder, active: activityTypes.active })
    .from(activityTypes).where(eq(activityTypes.legalEntityId, legalEntityId)).orderBy(activityTypes.displayOrder, activityTypes.name);
  if (changeFeedConnected()) cache.set(legalEntityId, types);
  return types;
}

export async function createActivityType(db: Db, auth: AuthContext, input: ActivityTypeInput) {
  const rows = await db.insert(activityTypes).values({ legalEntityId: auth.legalEntityId, name: input.name.trim(), displayOrder: input.displayOrder ?? 100 })
    .onConflictDoNothing({ target: [activityTypes.legalEntityId, activityTypes.name] }).returning({ id: activityTypes.id });
  if (!rows[0]) throw activityErrors.activity_type_name_taken(`An activity type named "${input.name}" already exists.`, { field: 'name' });
  await typesChanged(db, auth.legalEntityId);
  await audit(db, auth, 'create', 'activity_type', rows[0].id, { name: input.name });
  return (await listActivityTypes(db, auth.legalEntityId)).find((t) => t.id === rows[0].id)!;
}

export async function updateActivityType(db: Db, auth: AuthContext, id: string, patch: ActivityTypePatch) {
  if (patch.name) {
    const clash = await db.select({ id: activityTypes.id }).from(activityTypes)
      .where(and(eq(activityTypes.legalEntityId, auth.legalEntityId), eq(activityTypes.name, patch.name.trim()), ne(activityTypes.id, id)));
    if (clash.length) throw activityErrors.activity_type_name_taken(`An activity type named "${patch.name}" already exists.`, { field: 'name' });
  }
  const t = activityTypes;
  const rows = await db.update(t).set({
    name: sql`coalesce(${patch.name?.trim() ?? null}, ${t.name})`, displayOrder: sql`coalesce(${patch.displayOrder ?? null}::int, ${t.displayOrder})`,
    active: sql`coalesce(${patch.active ?? null}::boolean, ${t.active})`,
  }).where(and(eq(t.id, id), eq(t.legalEntityId, auth.legalEntityId))).returning({ id: t.id });
  if (!rows.length) throw activityErrors.activity_type_not_found('Activity type was not found.');
  await typesChanged(db, auth.legalEntityId);
  await audit(db, auth, 'update', 'activity_type', id, patch);
  return (await listActivityTypes(db, auth.legalEntityId)).find((t) => t.id === id)!;
}

/** A type already used by activities is retired (kept on past activities), otherwise deleted. */
export async function deleteActivityType(db: Db, auth: AuthContext, id: string): Promise<{ retired: boolean }> {
  const used = await db.select({ id: activities.id }).from(activities).where(eq(activities.activityTypeId, id)).limit(1);
  const mine = and(eq(activityTypes.id, id), eq(activityTypes.legalEntityId, auth.legalEntityId));
  const rows = used.length
    ? await db.update(activityTypes).set({ active: false }).where(mine).returning({ id: activityTypes.id })
    : await db.delete(activityTypes).where(mine).returning({ id: activityTypes.id });
  if (!rows.length) throw activityErrors.activity_type_not_found('Activity type was not found.');
  await typesChanged(db, auth.legalEntityId);
  await audit(db, auth, 'delete', 'activity_type', id, { retired: used.length > 0 });
  return { retired: used.length > 0 };
}
