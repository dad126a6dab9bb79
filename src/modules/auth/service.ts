import { and, eq, sql } from 'drizzle-orm';
import { columnName } from '../../db/sql.ts';
import type { Db } from '../../db/client.ts';
import { query } from '../../db/client.ts';
import { authErrors } from './errors.ts';
import { users, sessions, apiTokens } from './schema.ts';
import { associates, addressBookMembers, stores, legalEntities } from '../organisation/schema.ts';
import { permissionsOfAssociate, rolesOfAssociate } from '../organisation/queries.ts';
import { hashPassword, verifyPassword, verifyAgainstNothing, newToken, sha256 } from './passwords.ts';
import { normaliseEmail } from './sign-in-throttle.ts';
import { isPermission, type Permission } from './permissions.ts';
import type { AuthContext } from './context.ts';
import { passwordSignInAllowed } from './sso-sign-in.ts';
import type { ApiTokenCreated, Me } from './auth-schemas.ts';

export interface SignInResult {
  token: string;
  expiresAt: string;
  auth: AuthContext;
}

const WRONG = 'The email or password is not right.';

/**
 * Checks the password (against a dummy hash when no account has the address, so both cost the same), then picks the
 * legal entity: the one asked for; else the only one the user is an active associate of; else none: a user of
 * several legal entities is answered 409 `auth.choose_legal_entity` with the list, and signs in again naming one.
 * Throttling is the route's (sign-in-throttle.ts); so is the second factor (second-factor.ts), before any session.
 */
export async function checkSignIn(
  db: Db,
  input: { email: string; password: string; legalEntityId?: string; storeId?: string },
): Promise<{ userId: string; legalEntityId: string; associateId: string; storeId: string | null }> {
  const email = normaliseEmail(input.email);
  const [user] = await db.select({ id: users.id, passwordHash: users.passwordHash }).from(users).where(eq(users.email, email));
  const ok = user ? await verifyPassword(input.password, user.passwordHash) : await verifyAgainstNothing(input.password);
  if (!user || !ok) throw authErrors.wrong_credentials(WRONG);

  const employments = await db
    .select({ associateId: associates.id, legalEntityId: associates.legalEntityId, code: legalEntities.code, name: legalEntities.name })
    .from(associates)
    .innerJoin(legalEntities, eq(legalEntities.id, associates.legalEntityId))
    .where(and(eq(associates.userId, user.id), eq(associates.active, true)))
    .orderBy(legalEntities.name, legalEntities.code);
  if (employments.length === 0) throw authErrors.no_active_associate('This user is not an active associate of any legal entity.');
  let employment = employments[0];
  if (input.legalEntityId) {
    const asked = employments.find((e) => e.legalEntityId === input.legalEntityId);
    if (!asked) throw authErrors.not_associate_of_legal_entity('You are not an associate of that legal entity.', { field: 'legalEntityId' });
    employment = asked;
  } else if (employments.length > 1) {
    throw authErrors.choose_legal_entity('You work for several legal entities: choose the one to sign in to.', {
      field: 'legalEntityId',
      extra: { legalEntities: employments.map((e) => ({ id: e.legalEntityId, code: e.code, name: e.name })) },
    });
  }

  if (!(await passwordSignInAllowed(db, employment.legalEntityId))) {
    throw authErrors.password_sign_in_disabled(`${employment.name} signs in through its single sign-on: use "Sign in with" on the sign-in page.`);
  }
  const storeIds = await storesOfAssociate(db, employment.associateId);
  let storeId: string | null = storeIds[0] ?? null;
  if (input.storeId) {
    if (!storeIds.includes(input.storeId)) throw authErrors.not_at_store('You do not work at that store.', { field: 'storeId' });
    storeId = input.storeId;
  }
  return { userId: user.id, legalEntityId: employment.legalEntityId, associateId: employment.associateId, storeId };
}

/** A new session for a user as one of their associates (after sign-in, or on accepting an invitation). */
export async function startSession(
  db: Db,
  who: { userId: string; legalEntityId: string; associateId: string; storeId?: string | null },
  sessionHours: number,
  client: { userAgent?: string; ipAddress?: string } = {},
): Promise<SignInResult> {
  const storeId = who.storeId !== undefined ? who.storeId : (await storesOfAssociate(db, who.associateId))[0] ?? null;
  const token = newToken('ses');
  const expiresAt = new Date(Date.now() + sessionHours * 3600_000).toISOString();
  const [created] = await db.insert(sessions).values({
    tokenHash: sha256(token), userId: who.userId, legalEntityId: who.legalEntityId, storeId, expiresAt,
    userAgent: client.userAgent?.slice(0, 300) ?? null, ipAddress: client.ipAddress ?? null,
  }).returning({ id: sessions.id });
  const auth = await loadAuthContext(db, who.associateId, storeId, 'session');
  if (!auth) throw authErrors.associate_inactive('This associate is not active.');
  return { token, expiresAt, auth: { ...auth, sessionId: created.id } };
}

export async function signOut(db: Db, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, sha256(token)));
}

export async function storesOfAssociate(db: Db, associateId: string): Promise<string[]> {
  const rows = await db
    .select({ id: stores.id })
    .from(stores)
    .innerJoin(addressBookMembers, eq(addressBookMembers.addressBookId, stores.addressBookId))
    .where(and(eq(addressBookMembers.associateId, associateId), eq(stores.active, true)))
    .orderBy(stores.code);
  return rows.map((r) => r.id);
}

export async function loadAuthContext(
  db: Db,
  associateId: string,
  storeId: string | null,
  via: 'session' | 'token',
): Promise<AuthContext | null> {
  const [a] = await db
    .select({ id: associates.id, userId: associates.userId, name: associates.displayName, le: associates.legalEntityId, active: associates.active })
    .from(associates)
    .where(eq(associates.id, associateId));
  if (!a || !a.active || !a.userId) return null;
  const roleRows = await rolesOfAssociate(db, a.id);
  const permissions = new Set<Permission>();
  for (const r of roleRows) for (const p of r.permissions) if (isPermission(p)) permissions.add(p);
  return { userId: a.userId, associateId: a.id, associateName: a.name, legalEntityId: a.le, storeId, permissions, via };
}

/** The permissions of an associate's roles, as a JSON array (for the one-statement authentications below). */
const permissionsOf = permissionsOfAssociate;

type AuthRow = {
  associateId: string; userId: string; associateName: string; legalEntityId: string; storeId: string | null; permissions: string[];
  sessionId?: string; stale?: boolean; scopes?: string[] | null;
};

/** The scope of a directory's provisioning token (SCIM): alone in a token's scopes, and only for an owner who manages users. */
export const SCIM_SCOPE = 'scim';

function authContextOf(row: AuthRow, via: 'session' | 'token'): AuthContext {
  // A SCIM token holds no operation of the API: it provisions associates through /scim/v2 while its owner manages users.
  // One whose associate no longer manages users is a token of no operation at all.
  const scimScoped = !!row.scopes?.includes(SCIM_SCOPE);
  const scim = scimScoped && row.permissions.includes('users.manage');
  // A scoped token gets the operations of its scope that its associate still holds.
  const permissions = scimScoped ? [] : row.scopes ? row.permissions.filter((p) => row.scopes!.includes(p)) : row.permissions;
  return {
    userId: row.userId, associateId: row.associateId, associateName: row.associateName, legalEntityId: row.legalEntityId, storeId: row.storeId,
    permissions: new Set(permissions.filter(isPermission)), via, ...(row.sessionId ? { sessionId: row.sessionId } : {}),
    ...(scim ? { scim: true } : {}),
  };
}

/**
 * The signed-in associate of a session, with the permissions of their roles, in one statement: it runs before every
 * request, so it is one round trip rather than four.
 */
export async function authenticateSession(db: Db, token: string): Promise<AuthContext | null> {
  const [row] = await query<AuthRow>(db, sql`
    select ${associates.id} as "associateId", ${associates.userId} as "userId", ${associates.displayName} as "associateName",
      ${associates.legalEntityId} as "legalEntityId", ${sessions.storeId} as "storeId", ${permissionsOf(associates.id)} as permissions,
      ${sessions.id} as "sessionId", ${sessions.lastSeenAt} < now() - interval '1 minute' as stale
    from ${sessions} join ${associates} on ${associates.userId} = ${sessions.userId} and ${associates.legalEntityId} = ${sessions.legalEntityId}
    where ${sessions.tokenHash} = ${sha256(token)} and ${sessions.expiresAt} > now() and ${associates.active}`);
  if (!row) return null;
  // Last seen is kept to the minute, so most requests write nothing.
  if (row.stale) await db.update(sessions).set({ lastSeenAt: sql`now()` }).where(eq(sessions.id, row.sessionId!));
  return authContextOf(row, 'session');
}

/** An integration's API token: its associate, their first active store and their permissions; notes when it was used. */
export async function authenticateToken(db: Db, token: string): Promise<AuthContext | null> {
  const [row] = await query<AuthRow>(db, sql`
    with t as (update ${apiTokens} set ${columnName(apiTokens.lastUsedAt)} = now()
      where ${apiTokens.tokenHash} = ${sha256(token)} and ${apiTokens.revokedAt} is null
      returning ${apiTokens.associateId} as "associateId", ${apiTokens.scopes} as scopes)
    select ${associates.id} as "associateId", ${associates.userId} as "userId", ${associates.displayName} as "associateName",
      ${associates.legalEntityId} as "legalEntityId",
      (select ${stores.id} from ${stores} join ${addressBookMembers} on ${addressBookMembers.addressBookId} = ${stores.addressBookId}
        where ${addressBookMembers.associateId} = ${associates.id} and ${stores.active} order by ${stores.code} limit 1) as "storeId",
      ${permissionsOf(associates.id)} as permissions, t.scopes
    from t join ${associates} on ${associates.id} = t."associateId"
    where ${associates.active}`);
  return row ? authContextOf(row, 'token') : null;
}

/** A token for an associate; `scopes` narrows it to some of the associate's own permissions (null: all of them). */
export async function createApiToken(db: Db, associateId: string, name: string, scopes: string[] | null = null): Promise<ApiTokenCreated> {
  if (scopes?.includes(SCIM_SCOPE)) {
    const owner = await loadAuthContext(db, associateId, null, 'token');
    if (scopes.length > 1) throw authErrors.scope_not_granted(`The "${SCIM_SCOPE}" scope stands alone: a SCIM token calls nothing else.`, { field: 'scopes' });
    if (!owner?.permissions.has('users.manage')) throw authErrors.scope_not_granted(`A "${SCIM_SCOPE}" token provisions associates: its associate needs "users.manage".`, { field: 'scopes' });
  } else if (scopes) {
    const owner = await loadAuthContext(db, associateId, null, 'token');
    const beyond = scopes.filter((p) => !isPermission(p) || !owner?.permissions.has(p));
    if (beyond.length) {
      throw authErrors.scope_not_granted(`A token's scope is narrower than its associate's permissions; not theirs: ${beyond.join(', ')}.`, { field: 'scopes' });
    }
  }
  const token = newToken('clt');
  const [row] = await db
    .insert(apiTokens)
    .values({ associateId, name, prefix: token.slice(0, 10), tokenHash: sha256(token), scopes })
    .returning({ id: apiTokens.id, createdAt: apiTokens.createdAt });
  return { id: row.id, name, token, createdAt: row.createdAt, scopes };
}

/**
 * The user with this address, created with this password when there is none. An existing user is left exactly as
 * they are (name, password): for trusted set-up (demo data, tests, command line) only; associates created through the
 * API are invited instead (invitations.ts).
 */
export async function createUser(db: Db, input: { email: string; displayName: string; password: string }) {
  const email = normaliseEmail(input.email);
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (existing) return existing.id;
  const passwordHash = await hashPassword(input.password);
  const [row] = await db
    .insert(users)
    .values({ email, displayName: input.displayName, passwordHash })
    .onConflictDoNothing({ target: users.email })
    .returning({ id: users.id });
  if (row) return row.id;
  const [raced] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  return raced.id;
}

export async function switchStore(db: Db, token: string, auth: AuthContext, storeId: string) {
  const storeIds = await storesOfAssociate(db, auth.associateId);
  if (!storeIds.includes(storeId)) throw authErrors.not_at_store('You do not work at that store.', { field: 'storeId' });
  await db.update(sessions).set({ storeId }).where(eq(sessions.tokenHash, sha256(token)));
}

export async function describeMe(db: Db, auth: AuthContext): Promise<Me> {
  const storeRows = await db
    .select({ id: stores.id, code: stores.code, name: stores.name })
    .from(stores)
    .innerJoin(addressBookMembers, eq(addressBookMembers.addressBookId, stores.addressBookId))
    .where(and(eq(addressBookMembers.associateId, auth.associateId), eq(stores.active, true)))
    .orderBy(stores.code);
  const [le] = await db.select().from(legalEntities).where(eq(legalEntities.id, auth.legalEntityId));
  const [u] = await db.select({ email: users.email, language: users.language }).from(users).where(eq(users.id, auth.userId));
  return {
    associateId: auth.associateId,
    name: auth.associateName,
    email: u?.email ?? '',
    legalEntity: { id: le.id, code: le.code, name: le.name, currency: le.currency, timeZone: le.timeZone },
    storeId: auth.storeId,
    stores: storeRows,
    permissions: [...auth.permissions].sort(),
    language: u?.language === 'en' ? 'en' as const : u?.language === 'fr' ? 'fr' as const : null,
  };
}

/** The language of the user's own screens; null returns to following the browser. */
export async function setLanguage(db: Db, userId: string, language: 'en' | 'fr' | null) {
  await db.update(users).set({ language }).where(eq(users.id, userId));
}

/** The same, for the user signing in with this email (the demo's French associates). */
export async function setLanguageOfEmail(db: Db, email: string, language: 'en' | 'fr' | null) {
  await db.update(users).set({ language }).where(eq(users.email, email.toLowerCase()));
}
