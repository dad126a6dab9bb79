import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { legalEntities, addressBooks, stores, roles, associates, associateRoles, addressBookMembers } from './schema.ts';
import { DEFAULT_ROLES, isPermission } from '../auth/permissions.ts';
import { createUser } from '../auth/service.ts';
import { organisationErrors } from './errors.ts';
import type { AssociateDetails, AssociateActiveChange } from './organisation-schemas.ts';
import type { AuthContext } from '../auth/context.ts';
import { audit } from '../audit/service.ts';
import { handOverBook } from '../scim/hand-over.ts';
import { setAssociateActive } from './queries.ts';

export async function createLegalEntity(db: Db, input: { code: string; name: string; currency: string; timeZone: string }) {
  return db.transaction(async (tx) => {
    const [le] = await tx.insert(legalEntities).values(input).returning();
    const roleRows = await tx
      .insert(roles)
      .values(DEFAULT_ROLES.map((r) => ({ legalEntityId: le.id, name: r.name, description: r.description, permissions: [...r.permissions] })))
      .returning({ id: roles.id, name: roles.name });
    return { ...le, roles: Object.fromEntries(roleRows.map((r) => [r.name, r.id])) as Record<string, string> };
  });
}

/** A store gets its own address book unless it shares one with other stores. */
export async function createStore(
  db: Db,
  legalEntityId: string,
  input: { code: string; name: string; timeZone: string; addressBookId?: string; address?: string; city?: string; phone?: string; email?: string },
) {
  return db.transaction(async (tx) => {
    let addressBookId = input.addressBookId;
    if (!addressBookId) {
      const [ab] = await tx.insert(addressBooks).values({ legalEntityId, name: `${input.code} ${input.name}` }).returning({ id: addressBooks.id });
      addressBookId = ab.id;
    } else {
      const [ab] = await tx.select({ id: addressBooks.id }).from(addressBooks)
        .where(and(eq(addressBooks.id, addressBookId), eq(addressBooks.legalEntityId, legalEntityId)));
      if (!ab) throw organisationErrors.address_book_not_found('Address book was not found.', { field: 'addressBookId' });
    }
    const [store] = await tx.insert(stores).values({ ...input, legalEntityId, addressBookId }).returning();
    return store;
  });
}

export type { AssociateDetails };

export interface NewAssociate extends AssociateDetails {
  password: string;
}

/**
 * An associate with a sign-in, attached to the user of that address if there is one (whose name and password stay as
 * they are). Trusted set-up only (demo data, tests): the API invites associates instead (auth/invitations.ts), so
 * nobody attaches another legal entity's account or learns that an address has one.
 */
export async function createAssociate(db: Db, legalEntityId: string, input: NewAssociate) {
  const userId = await createUser(db, { email: input.email, displayName: input.displayName, password: input.password });
  return db.transaction((tx) => insertAssociate(tx, legalEntityId, input, userId));
}

/** The associate row with roles and stores (all checked to be the legal entity's); inactive and without user when invited. */
export async function insertAssociate(tx: Db, legalEntityId: string, input: AssociateDetails, userId: string | null) {
  const roleRows = input.roleIds.length
    ? await tx.select({ id: roles.id }).from(roles).where(and(eq(roles.legalEntityId, legalEntityId), inArray(roles.id, input.roleIds)))
    : [];
  if (roleRows.length !== new Set(input.roleIds).size) throw organisationErrors.unknown_role('A role does not belong to this legal entity.', { field: 'roleIds' });
  const storeRows = input.storeIds.length
    ? await tx.select({ id: stores.id, addressBookId: stores.addressBookId }).from(stores)
      .where(and(eq(stores.legalEntityId, legalEntityId), inArray(stores.id, input.storeIds)))
    : [];
  if (storeRows.length !== new Set(input.storeIds).size) throw organisationErrors.unknown_store('A store does not belong to this legal entity.', { field: 'storeIds' });
  const [a] = await tx.insert(associates).values({
    legalEntityId, userId, active: userId !== null, personnelNumber: input.personnelNumber, displayName: input.displayName,
    email: input.email.trim().toLowerCase(), jobTitle: input.jobTitle,
  }).returning();
  if (roleRows.length) await tx.insert(associateRoles).values(roleRows.map((r) => ({ associateId: a.id, roleId: r.id })));
  const books = [...new Set(storeRows.map((s) => s.addressBookId))];
  if (books.length) await tx.insert(addressBookMembers).values(books.map((b) => ({ addressBookId: b, associateId: a.id })));
  return a;
}

/** A role's name and description in the head office's own words (the defaults are English). */
export async function renameRole(db: Db, legalEntityId: string, roleId: string, words: { name: string; description: string | null }) {
  const rows = await db.update(roles).set(words).where(and(eq(roles.id, roleId), eq(roles.legalEntityId, legalEntityId))).returning({ id: roles.id });
  if (!rows.length) throw organisationErrors.role_not_found('Role was not found.');
}

export async function setRolePermissions(db: Db, legalEntityId: string, roleId: string, permissions: string[]) {
  const bad = permissions.find((p) => !isPermission(p));
  if (bad) throw organisationErrors.unknown_permission(`"${bad}" is not a known permission.`, { field: 'permissions' });
  const rows = await db.update(roles).set({ permissions }).where(and(eq(roles.id, roleId), eq(roles.legalEntityId, legalEntityId))).returning({ id: roles.id });
  if (!rows.length) throw organisationErrors.role_not_found('Role was not found.');
}

/**
 * Replaces an associate's roles with these (single sign-on maps the directory's groups to roles at each sign-in).
 * Roles of another legal entity are refused; false when the associate is not of this legal entity.
 */
export async function setAssociateRoles(db: Db, legalEntityId: string, associateId: string, roleIds: string[]): Promise<boolean> {
  const [a] = await db.select({ id: associates.id }).from(associates).where(and(eq(associates.id, associateId), eq(associates.legalEntityId, legalEntityId)));
  if (!a) return false;
  const roleRows = roleIds.length
    ? await db.select({ id: roles.id }).from(roles).where(and(eq(roles.legalEntityId, legalEntityId), inArray(roles.id, roleIds)))
    : [];
  if (roleRows.length !== new Set(roleIds).size) throw organisationErrors.unknown_role('A role does not belong to this legal entity.', { field: 'roleIds' });
  await db.delete(associateRoles).where(eq(associateRoles.associateId, associateId));
  if (roleRows.length) await db.insert(associateRoles).values(roleRows.map((r) => ({ associateId, roleId: r.id })));
  return true;
}

/** An invited associate who accepted: their user is attached and they become active. */
export async function attachUser(db: Db, associateId: string, userId: string): Promise<void> {
  await db.update(associates).set({ userId, active: true }).where(eq(associates.id, associateId));
}

/** Removes an associate still waiting for their invitation (no user yet); false when there is none such. */
export async function removePendingAssociate(db: Db, legalEntityId: string, associateId: string): Promise<boolean> {
  const rows = await db.delete(associates)
    .where(and(eq(associates.id, associateId), eq(associates.legalEntityId, legalEntityId), isNull(associates.userId)))
    .returning({ id: associates.id });
  return rows.length > 0;
}

/**
 * Head office activates or deactivates an associate. Deactivating an active one hands their client book over by the
 * legal entity's rule (scim/hand-over.ts, as when the directory deactivates them), in the same transaction: to the
 * successor (the rule's, or the one chosen here when the rule allows it) or into the store client book, with a task
 * for the store manager. Reactivating gives nothing back: the book stays where the hand-over put it.
 */
export async function changeAssociateActive(db: Db, auth: AuthContext, associateId: string, input: AssociateActiveChange) {
  if (input.active && input.successorAssociateId) {
    throw organisationErrors.successor_needs_deactivation('A successor is chosen only when deactivating an associate.', { field: 'successorAssociateId' });
  }
  return db.transaction(async (tx) => {
    const { wasActive } = await setAssociateActive(tx, auth.legalEntityId, associateId, input.active);
    const leaving = wasActive && !input.active;
    const handOver = leaving
      ? await handOverBook(tx, auth, associateId, input.successorAssociateId ? { successorAssociateId: input.successorAssociateId } : {})
      : null;
    if (wasActive !== input.active) await audit(tx, auth, 'update', 'associate', associateId, { active: input.active, ...(handOver ? { handOverTaskId: handOver.taskId } : {}) });
    return { ok: true, handOver };
  });
}
