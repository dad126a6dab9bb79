// What a directory (SCIM provisioning, src/modules/scim) reads and changes of a legal entity's associates, roles and
// stores: the organisation's tables stay written only here.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';
import { associates, associateRoles, roles, stores, addressBookMembers } from './schema.ts';

export interface DirectoryAssociate {
  id: string;
  displayName: string;
  email: string | null;
  personnelNumber: string;
  jobTitle: string | null;
  active: boolean;
  createdAt: string;
  roles: { id: string; name: string }[];
  stores: { id: string; name: string; code: string }[];
}

/** A page of the legal entity's associates (in creation order), or those with this address / id; with the total. */
export async function directoryAssociates(
  db: Db, legalEntityId: string, input: { email?: string; id?: string; offset: number; limit: number },
): Promise<{ total: number; items: DirectoryAssociate[] }> {
  const where = sql`${associates.legalEntityId} = ${legalEntityId}
    ${input.email !== undefined ? sql`and lower(${associates.email}) = ${input.email.trim().toLowerCase()}` : sql``}
    ${input.id !== undefined ? sql`and ${associates.id} = ${input.id}` : sql``}`;
  const [{ total }] = await query<{ total: number }>(db, sql`select count(*)::int as total from ${associates} where ${where}`);
  if (input.limit <= 0) return { total, items: [] };
  const items = await query<DirectoryAssociate>(db, sql`
    select ${associates.id}, ${associates.displayName} as "displayName", ${associates.email}, ${associates.personnelNumber} as "personnelNumber",
      ${associates.jobTitle} as "jobTitle", ${associates.active}, ${associates.createdAt}::text as "createdAt",
      coalesce((select json_agg(json_build_object('id', ${roles.id}, 'name', ${roles.name}) order by ${roles.name}) from ${associateRoles}
        join ${roles} on ${roles.id} = ${associateRoles.roleId} where ${associateRoles.associateId} = ${associates.id}), '[]') as ${sql.identifier('roles')},
      coalesce((select json_agg(json_build_object('id', ${stores.id}, 'name', ${stores.name}, 'code', ${stores.code}) order by ${stores.code}) from ${addressBookMembers}
        join ${stores} on ${stores.addressBookId} = ${addressBookMembers.addressBookId}
        where ${addressBookMembers.associateId} = ${associates.id} and ${stores.legalEntityId} = ${legalEntityId}), '[]') as ${sql.identifier('stores')}
    from ${associates} where ${where}
    order by ${associates.createdAt}, ${associates.id} offset ${input.offset} limit ${input.limit}`);
  return { total, items };
}

/** Changes an associate's details from the directory; only one with a sign-in can be made active. False when not found. */
export async function updateDirectoryAssociate(
  db: Db, legalEntityId: string, associateId: string,
  input: { displayName?: string; email?: string; jobTitle?: string | null; active?: boolean },
): Promise<boolean> {
  const set: Partial<typeof associates.$inferInsert> = {};
  if (input.displayName !== undefined) set.displayName = input.displayName;
  if (input.email !== undefined) set.email = input.email.trim().toLowerCase();
  if (input.jobTitle !== undefined) set.jobTitle = input.jobTitle;
  if (input.active !== undefined) set.active = input.active;
  const where = and(eq(associates.id, associateId), eq(associates.legalEntityId, legalEntityId),
    input.active ? sql`${associates.userId} is not null` : undefined);
  if (!Object.keys(set).length) return (await db.select({ id: associates.id }).from(associates).where(where)).length > 0;
  return (await db.update(associates).set(set).where(where).returning({ id: associates.id })).length > 0;
}

/** The legal entity's roles and stores: the directory's groups. */
export async function directoryGroups(db: Db, legalEntityId: string) {
  const roleRows = await db.select({ id: roles.id, name: roles.name }).from(roles).where(eq(roles.legalEntityId, legalEntityId)).orderBy(asc(roles.name));
  const storeRows = await db.select({ id: stores.id, name: stores.name, code: stores.code, addressBookId: stores.addressBookId }).from(stores)
    .where(eq(stores.legalEntityId, legalEntityId)).orderBy(asc(stores.code));
  return { roles: roleRows, stores: storeRows };
}

/** The associates holding a role, or working at a store (its address book). */
export async function membersOfGroup(db: Db, legalEntityId: string, group: { roleId: string } | { addressBookId: string }) {
  const rows = 'roleId' in group
    ? await db.select({ id: associates.id, displayName: associates.displayName }).from(associateRoles)
      .innerJoin(associates, eq(associates.id, associateRoles.associateId))
      .where(and(eq(associateRoles.roleId, group.roleId), eq(associates.legalEntityId, legalEntityId))).orderBy(asc(associates.displayName))
    : await db.select({ id: associates.id, displayName: associates.displayName }).from(addressBookMembers)
      .innerJoin(associates, eq(associates.id, addressBookMembers.associateId))
      .where(and(eq(addressBookMembers.addressBookId, group.addressBookId), eq(associates.legalEntityId, legalEntityId))).orderBy(asc(associates.displayName));
  return rows;
}

/**
 * Adds or removes associates of the legal entity to a role or a store (its address book); ids of other legal entities
 * are left out. Returns the ids that are not the legal entity's associates.
 */
export async function changeGroupMembers(
  db: Db, legalEntityId: string, group: { roleId: string } | { addressBookId: string }, change: { add?: string[]; remove?: string[]; replace?: string[] },
): Promise<string[]> {
  const named = [...new Set([...(change.add ?? []), ...(change.remove ?? []), ...(change.replace ?? [])])];
  const ours = named.length
    ? new Set((await db.select({ id: associates.id }).from(associates).where(and(eq(associates.legalEntityId, legalEntityId), inArray(associates.id, named)))).map((r) => r.id))
    : new Set<string>();
  const unknown = named.filter((id) => !ours.has(id));
  if (unknown.length) return unknown;
  await db.transaction(async (tx) => {
    if (change.replace) {
      const current = await membersOfGroup(tx, legalEntityId, group);
      const keep = new Set(change.replace);
      await removeMembers(tx, group, current.map((c) => c.id).filter((id) => !keep.has(id)));
      await addMembers(tx, group, change.replace);
    }
    if (change.remove?.length) await removeMembers(tx, group, change.remove);
    if (change.add?.length) await addMembers(tx, group, change.add);
  });
  return [];
}

async function addMembers(tx: Db, group: { roleId: string } | { addressBookId: string }, ids: string[]) {
  if (!ids.length) return;
  if ('roleId' in group) await tx.insert(associateRoles).values(ids.map((associateId) => ({ associateId, roleId: group.roleId }))).onConflictDoNothing();
  else await tx.insert(addressBookMembers).values(ids.map((associateId) => ({ associateId, addressBookId: group.addressBookId }))).onConflictDoNothing();
}

async function removeMembers(tx: Db, group: { roleId: string } | { addressBookId: string }, ids: string[]) {
  if (!ids.length) return;
  if ('roleId' in group) await tx.delete(associateRoles).where(and(eq(associateRoles.roleId, group.roleId), inArray(associateRoles.associateId, ids)));
  else await tx.delete(addressBookMembers).where(and(eq(addressBookMembers.addressBookId, group.addressBookId), inArray(addressBookMembers.associateId, ids)));
}

/** The names of some of the legal entity's associates, by id. */
export async function associateNames(db: Db, legalEntityId: string, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await db.select({ id: associates.id, name: associates.displayName }).from(associates)
    .where(and(eq(associates.legalEntityId, legalEntityId), inArray(associates.id, unique)));
  return new Map(rows.map((r) => [r.id, r.name]));
}
