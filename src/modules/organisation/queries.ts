import { and, asc, eq, inArray, sql, type Column, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { query, type Db } from '../../db/client.ts';
import { invitationExpiresAtOf, invitationStatusOf } from '../auth/queries.ts';
import { legalEntities, stores, associates, roles, associateRoles, addressBookMembers } from './schema.ts';
import { organisationErrors } from './errors.ts';
import type { AssociateListItem, AssociateStatus } from './organisation-schemas.ts';

export async function listStores(db: Db, legalEntityId: string) {
  return db.select({
    id: stores.id, code: stores.code, name: stores.name, timeZone: stores.timeZone, addressBookId: stores.addressBookId, city: stores.city, active: stores.active,
  }).from(stores).where(eq(stores.legalEntityId, legalEntityId)).orderBy(asc(stores.code));
}

/** Whether the installation has any legal entity yet (an empty database gets the demo on request). */
export async function hasAnyLegalEntity(db: Db): Promise<boolean> {
  return (await db.select({ id: legalEntities.id }).from(legalEntities).limit(1)).length > 0;
}

export type { AssociateStatus };

export async function listAssociates(db: Db, legalEntityId: string, storeId?: string) {
  const a = alias(associates, 'a');
  const m = alias(addressBookMembers, 'm');
  const s = alias(stores, 's');
  const ar = alias(associateRoles, 'ar');
  const r = alias(roles, 'r');
  const worksAt = sql`from ${addressBookMembers} as ${m} join ${stores} as ${s} on ${s.addressBookId} = ${m.addressBookId} where ${m.associateId} = ${a.id}`;
  return query<AssociateListItem>(db, sql`
    select ${a.id}, ${a.personnelNumber} as "personnelNumber", ${a.displayName} as "displayName", ${a.email}, ${a.jobTitle} as "jobTitle", ${a.active},
      case when ${a.userId} is not null then (case when ${a.active} then 'active' else 'inactive' end)
           else ${invitationStatusOf(a.id)} end as status,
      case when ${a.userId} is null then ${invitationExpiresAtOf(a.id)} end as "invitationExpiresAt",
      coalesce((select array_agg(${s.id} order by ${s.code}) ${worksAt}), '{}') as "storeIds",
      coalesce((select array_agg(${r.name} order by ${r.name}) from ${associateRoles} as ${ar} join ${roles} as ${r} on ${r.id} = ${ar.roleId}
        where ${ar.associateId} = ${a.id}), '{}') as ${sql.identifier('roles')}
    from ${associates} as ${a}
    where ${a.legalEntityId} = ${legalEntityId}
      ${storeId ? sql`and exists (select 1 ${worksAt} and ${s.id} = ${storeId})` : sql``}
    order by ${a.displayName}`);
}

export async function listRoles(db: Db, legalEntityId: string) {
  return db.select({ id: roles.id, name: roles.name, description: roles.description, permissions: roles.permissions })
    .from(roles).where(eq(roles.legalEntityId, legalEntityId)).orderBy(asc(roles.name));
}

/**
 * Sets whether an associate is active and answers whether they were (the row is locked until the transaction ends, so
 * two deactivations at once see one change). An invited associate becomes active only by accepting the invitation.
 */
export async function setAssociateActive(db: Db, legalEntityId: string, associateId: string, active: boolean): Promise<{ wasActive: boolean }> {
  const where = and(eq(associates.id, associateId), eq(associates.legalEntityId, legalEntityId));
  const [row] = await db.select({ invited: sql<boolean>`${associates.userId} is null`, active: associates.active }).from(associates).where(where).for('update');
  if (!row) throw organisationErrors.associate_not_found('Associate was not found.');
  if (row.invited) throw organisationErrors.invitation_pending('This associate has not accepted their invitation yet; they become active when they do.');
  if (row.active !== active) await db.update(associates).set({ active }).where(where);
  return { wasActive: row.active };
}

/** Every legal entity, in code order: the scheduled jobs run once per legal entity. */
export async function listLegalEntityIds(db: Db): Promise<string[]> {
  return (await db.select({ id: legalEntities.id }).from(legalEntities).orderBy(legalEntities.code)).map((r) => r.id);
}

/** A legal entity's currency and time zone (money and local dates in figures), or undefined when there is none. */
export async function getLegalEntityLocale(db: Db, legalEntityId: string): Promise<{ currency: string; timeZone: string } | undefined> {
  const [le] = await db.select({ currency: legalEntities.currency, timeZone: legalEntities.timeZone }).from(legalEntities).where(eq(legalEntities.id, legalEntityId));
  return le;
}

/** The permissions of an associate's roles, as a JSON array: an SQL expression for auth's one-statement authentications. */
export const permissionsOfAssociate = (associateId: SQL | Column) => sql`(select coalesce(json_agg(distinct p.value), '[]') from ${associateRoles}
  join ${roles} on ${roles.id} = ${associateRoles.roleId}
  cross join jsonb_array_elements_text(${roles.permissions}) p where ${associateRoles.associateId} = ${associateId})`;

/** An associate's roles with their permissions. */
export async function rolesOfAssociate(db: Db, associateId: string): Promise<{ id: string; permissions: string[] }[]> {
  return db.select({ id: roles.id, permissions: roles.permissions }).from(associateRoles)
    .innerJoin(roles, eq(roles.id, associateRoles.roleId)).where(eq(associateRoles.associateId, associateId));
}

/** Of these role IDs, those of the legal entity. */
export async function rolesInLegalEntity(db: Db, legalEntityId: string, roleIds: string[]): Promise<string[]> {
  if (!roleIds.length) return [];
  return (await db.select({ id: roles.id }).from(roles).where(and(eq(roles.legalEntityId, legalEntityId), inArray(roles.id, roleIds)))).map((r) => r.id);
}
