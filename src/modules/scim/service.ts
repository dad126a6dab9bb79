// Users and Groups as a directory provisions them: users are the legal entity's associates (userName = email), groups
// are its roles (by name) and its stores (by name): membership of a role's group grants the role, of a store's group
// makes the associate work there. Deactivating a user hands over their client book (hand-over.ts).
import crypto from 'node:crypto';
import type { Db } from '../../db/client.ts';
import type { AuthContext } from '../auth/context.ts';
import { audit } from '../audit/service.ts';
import { createAssociate } from '../organisation/service.ts';
import { changeGroupMembers, directoryAssociates, directoryGroups, membersOfGroup, updateDirectoryAssociate } from '../organisation/directory.ts';
import { scimErrors } from './errors.ts';
import { handOverBook, scimActor } from './hand-over.ts';
import {
  GROUP_SCHEMA, displayNameOf, listResponse, memberChanges, parseEqFilter, userResource, type PatchOperation, type UserFields,
} from './resources.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_PAGE = 200;

export function page(startIndex: number | undefined, count: number | undefined) {
  return { startIndex: Math.max(1, startIndex ?? 1), count: Math.min(MAX_PAGE, Math.max(0, count ?? 100)) };
}

export async function listUsers(db: Db, auth: AuthContext, baseUrl: string, q: { filter?: string; startIndex?: number; count?: number }) {
  const f = parseEqFilter(q.filter, ['userName', 'emails.value', 'emails', 'id']);
  const { startIndex, count } = page(q.startIndex, q.count);
  const by = !f ? {} : f.attribute === 'id' ? { id: UUID.test(f.value) ? f.value : '00000000-0000-0000-0000-000000000000' } : { email: f.value };
  const found = await directoryAssociates(db, auth.legalEntityId, { ...by, offset: startIndex - 1, limit: count });
  return listResponse(found.items.map((a) => userResource(a, baseUrl)), found.total, startIndex);
}

async function findUser(db: Db, auth: AuthContext, id: string) {
  const found = UUID.test(id) ? (await directoryAssociates(db, auth.legalEntityId, { id, offset: 0, limit: 1 })).items[0] : undefined;
  if (!found) throw scimErrors.user_not_found(`User ${id} was not found.`);
  return found;
}

export async function getUser(db: Db, auth: AuthContext, baseUrl: string, id: string) {
  return userResource(await findUser(db, auth, id), baseUrl);
}

export async function createUser(db: Db, auth: AuthContext, baseUrl: string, f: UserFields) {
  const emailAddress = f.userName ?? f.email;
  if (!emailAddress) throw scimErrors.invalid_value('userName (the associate\'s email address) is required.', { field: 'userName' });
  const existing = await directoryAssociates(db, auth.legalEntityId, { email: emailAddress, offset: 0, limit: 0 });
  if (existing.total) throw scimErrors.uniqueness(`A user with userName ${emailAddress} already exists.`, { field: 'userName' });
  // The associate signs in through single sign-on: the password is random and never shown (an existing account keeps its own).
  const created = await createAssociate(db, auth.legalEntityId, {
    email: emailAddress, displayName: displayNameOf(f) ?? emailAddress, personnelNumber: f.employeeNumber ?? `scim-${crypto.randomBytes(5).toString('hex')}`,
    ...(f.title ? { jobTitle: f.title } : {}), roleIds: [], storeIds: [], password: crypto.randomBytes(24).toString('base64url'),
  }).catch((e: unknown) => {
    const err = e as { code?: string; cause?: { code?: string } };
    if (err.code === '23505' || err.cause?.code === '23505') throw scimErrors.uniqueness('A user with this employeeNumber already exists.', { field: 'employeeNumber' });
    throw e;
  });
  const actor = scimActor(auth);
  await audit(db, actor, 'create', 'associate', created.id, { email: emailAddress });
  if (f.active === false) await updateDirectoryAssociate(db, auth.legalEntityId, created.id, { active: false });
  return getUser(db, auth, baseUrl, created.id);
}

/** Applies the directory's fields; active → inactive hands the client book over, in the same transaction. */
async function applyUser(db: Db, auth: AuthContext, id: string, f: UserFields) {
  const current = await findUser(db, auth, id);
  const actor = scimActor(auth);
  const emailAddress = f.userName ?? f.email;
  if (emailAddress && emailAddress !== current.email) {
    const taken = await directoryAssociates(db, auth.legalEntityId, { email: emailAddress, offset: 0, limit: 1 });
    if (taken.items.some((a) => a.id !== id)) throw scimErrors.uniqueness(`A user with userName ${emailAddress} already exists.`, { field: 'userName' });
  }
  const name = f.displayName ?? f.formatted ?? (f.givenName || f.familyName ? displayNameOf(f) : undefined);
  const leaving = f.active === false && current.active;
  await db.transaction(async (tx) => {
    if (leaving) await handOverBook(tx, actor, id);
    const ok = await updateDirectoryAssociate(tx, auth.legalEntityId, id, {
      ...(name ? { displayName: name } : {}), ...(emailAddress ? { email: emailAddress } : {}),
      ...(f.title !== undefined ? { jobTitle: f.title } : {}), ...(f.active !== undefined ? { active: f.active } : {}),
    });
    if (!ok) throw scimErrors.mutability('This associate has not accepted their invitation yet, so cannot be made active here.', { field: 'active' });
    await audit(tx, actor, 'update', 'associate', id, {
      ...(name && name !== current.displayName ? { displayName: name } : {}), ...(emailAddress && emailAddress !== current.email ? { email: emailAddress } : {}),
      ...(f.active !== undefined && f.active !== current.active ? { active: f.active } : {}),
    });
  });
}

export async function replaceUser(db: Db, auth: AuthContext, baseUrl: string, id: string, f: UserFields) {
  // PUT replaces the resource: an omitted active means active (RFC 7643 gives it no default; directories always send it).
  await applyUser(db, auth, id, { ...f, active: f.active ?? true, title: f.title ?? null });
  return getUser(db, auth, baseUrl, id);
}

export async function patchUser(db: Db, auth: AuthContext, baseUrl: string, id: string, f: UserFields) {
  await applyUser(db, auth, id, f);
  return getUser(db, auth, baseUrl, id);
}

export async function deactivateUser(db: Db, auth: AuthContext, id: string) {
  await applyUser(db, auth, id, { active: false });
}

// Groups -------------------------------------------------------------------------------------------------------------

type Group = { id: string; displayName: string; kind: 'role' | 'store'; ref: { roleId: string } | { addressBookId: string } };

async function groupsOf(db: Db, legalEntityId: string): Promise<Group[]> {
  const g = await directoryGroups(db, legalEntityId);
  return [
    ...g.roles.map((r) => ({ id: r.id, displayName: r.name, kind: 'role' as const, ref: { roleId: r.id } })),
    ...g.stores.map((s) => ({ id: s.id, displayName: s.name, kind: 'store' as const, ref: { addressBookId: s.addressBookId } })),
  ];
}

async function groupResource(db: Db, legalEntityId: string, g: Group, baseUrl: string, withMembers: boolean) {
  const members = withMembers ? await membersOfGroup(db, legalEntityId, g.ref) : [];
  return {
    schemas: [GROUP_SCHEMA], id: g.id, displayName: g.displayName,
    ...(withMembers ? { members: members.map((m) => ({ value: m.id, display: m.displayName, $ref: `${baseUrl}/Users/${m.id}` })) } : {}),
    meta: { resourceType: 'Group', location: `${baseUrl}/Groups/${g.id}` },
  };
}

async function findGroup(db: Db, auth: AuthContext, id: string): Promise<Group> {
  const g = (await groupsOf(db, auth.legalEntityId)).find((x) => x.id === id);
  if (!g) throw scimErrors.group_not_found(`Group ${id} was not found.`);
  return g;
}

const sameName = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;

export async function listGroups(db: Db, auth: AuthContext, baseUrl: string, q: { filter?: string; startIndex?: number; count?: number; excludedAttributes?: string }) {
  const f = parseEqFilter(q.filter, ['displayName', 'id']);
  const { startIndex, count } = page(q.startIndex, q.count);
  const all = (await groupsOf(db, auth.legalEntityId)).filter((g) => !f || (f.attribute === 'id' ? g.id === f.value : sameName(g.displayName, f.value)));
  const withMembers = !/\bmembers\b/i.test(q.excludedAttributes ?? '');
  const slice = all.slice(startIndex - 1, startIndex - 1 + count);
  const resources = [];
  for (const g of slice) resources.push(await groupResource(db, auth.legalEntityId, g, baseUrl, withMembers));
  return listResponse(resources, all.length, startIndex);
}

export async function getGroup(db: Db, auth: AuthContext, baseUrl: string, id: string, excludedAttributes?: string) {
  return groupResource(db, auth.legalEntityId, await findGroup(db, auth, id), baseUrl, !/\bmembers\b/i.test(excludedAttributes ?? ''));
}

async function changeMembers(db: Db, auth: AuthContext, g: Group, change: { add?: string[]; remove?: string[]; replace?: string[] }) {
  const named = [...(change.add ?? []), ...(change.remove ?? []), ...(change.replace ?? [])];
  const bad = named.filter((id) => !UUID.test(id));
  const unknown = bad.length ? bad : await changeGroupMembers(db, auth.legalEntityId, g.ref, change);
  if (unknown.length) throw scimErrors.invalid_value(`Not users of this legal entity: ${unknown.slice(0, 5).join(', ')}.`, { field: 'members' });
  if (named.length || change.replace) await audit(db, scimActor(auth), 'update', g.kind === 'role' ? 'role' : 'store', g.id, { members: change });
}

/** A directory "creates" a group it pushes: here that finds the role or store of that name and sets its members. */
export async function createGroup(db: Db, auth: AuthContext, baseUrl: string, body: unknown) {
  const b = (typeof body === 'object' && body !== null ? body : {}) as { displayName?: unknown; members?: unknown };
  if (typeof b.displayName !== 'string' || !b.displayName.trim()) throw scimErrors.invalid_value('displayName is required.', { field: 'displayName' });
  const name = b.displayName.trim();
  const g = (await groupsOf(db, auth.legalEntityId)).find((x) => sameName(x.displayName, name));
  if (!g) throw scimErrors.invalid_value(`Groups are this legal entity's roles and stores; none is named "${name}". Create the role or store first, or map another group.`, { field: 'displayName' });
  const change = memberChanges([{ op: 'add', path: 'members', value: b.members ?? [] }]);
  await changeMembers(db, auth, g, change);
  return groupResource(db, auth.legalEntityId, g, baseUrl, true);
}

export async function patchGroup(db: Db, auth: AuthContext, baseUrl: string, id: string, ops: PatchOperation[]) {
  const g = await findGroup(db, auth, id);
  await changeMembers(db, auth, g, memberChanges(ops));
  return groupResource(db, auth.legalEntityId, g, baseUrl, true);
}

export async function replaceGroup(db: Db, auth: AuthContext, baseUrl: string, id: string, body: unknown) {
  const g = await findGroup(db, auth, id);
  // Not a Group (a text body, a list): refused, rather than read as one without members, which would empty the group.
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw scimErrors.invalid_value('The body must be a SCIM Group.', { field: 'body' });
  const members = (body as { members?: unknown }).members ?? [];
  await changeMembers(db, auth, g, memberChanges([{ op: 'replace', path: 'members', value: members }]));
  return groupResource(db, auth.legalEntityId, g, baseUrl, true);
}

export async function deleteGroup(db: Db, auth: AuthContext, id: string) {
  await findGroup(db, auth, id);
  throw scimErrors.mutability('Groups are this legal entity\'s roles and stores, set up in the application; remove their members instead.');
}
