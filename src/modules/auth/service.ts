import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { query } from '../../db/client.ts';
import { AppError } from '../../http/errors.ts';
import { users, sessions, apiTokens } from './schema.ts';
import { associates, associateRoles, roles, addressBookMembers, stores, legalEntities } from '../organisation/schema.ts';
import { hashPassword, verifyPassword, newToken, sha256 } from './passwords.ts';
import { isPermission, type Permission } from './permissions.ts';
import type { AuthContext } from './context.ts';

const MAX_FAILED = 5;
const LOCK_MINUTES = 15;

export interface SignInResult {
  token: string;
  expiresAt: string;
  auth: AuthContext;
}

export async function signIn(
  db: Db,
  input: { email: string; password: string; legalEntityId?: string; storeId?: string },
  sessionHours: number,
): Promise<SignInResult> {
  const email = input.email.trim().toLowerCase();
  const [user] = await db.select().from(users).where(eq(users.email, email));
  const generic = new AppError('unauthenticated', 'The email or password is not right.');
  if (!user) {
    // Spend the same time as a real check so response time doesn't reveal which emails exist.
    await verifyPassword(input.password, 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=');
    throw generic;
  }
  if (user.lockedUntil && new Date(user.lockedUntil) > new Date()) {
    throw new AppError('locked', `This account is locked after ${MAX_FAILED} failed sign-ins. Try again after ${new Date(user.lockedUntil).toISOString()}.`);
  }
  const ok = await verifyPassword(input.password, user.passwordHash);
  if (!ok) {
    const failed = user.failedSignIns + 1;
    const lockedUntil = failed >= MAX_FAILED ? new Date(Date.now() + LOCK_MINUTES * 60_000).toISOString() : null;
    await db.update(users).set({ failedSignIns: lockedUntil ? 0 : failed, lockedUntil }).where(eq(users.id, user.id));
    throw generic;
  }
  await db.update(users).set({ failedSignIns: 0, lockedUntil: null }).where(eq(users.id, user.id));

  const employments = await db
    .select({ associateId: associates.id, legalEntityId: associates.legalEntityId })
    .from(associates)
    .where(and(eq(associates.userId, user.id), eq(associates.active, true)));
  if (employments.length === 0) throw new AppError('forbidden', 'This user is not an active associate of any legal entity.');
  const employment = input.legalEntityId
    ? employments.find((e) => e.legalEntityId === input.legalEntityId)
    : employments[0];
  if (!employment) throw new AppError('forbidden', 'You are not an associate of that legal entity.', { field: 'legalEntityId' });

  const storeIds = await storesOfAssociate(db, employment.associateId);
  let storeId: string | null = storeIds[0] ?? null;
  if (input.storeId) {
    if (!storeIds.includes(input.storeId)) throw new AppError('forbidden', 'You do not work at that store.', { field: 'storeId' });
    storeId = input.storeId;
  }

  const token = newToken('ses');
  const expiresAt = new Date(Date.now() + sessionHours * 3600_000).toISOString();
  await db.insert(sessions).values({
    tokenHash: sha256(token), userId: user.id, legalEntityId: employment.legalEntityId, storeId, expiresAt,
  });
  const auth = await loadAuthContext(db, employment.associateId, storeId, 'session');
  return { token, expiresAt, auth: auth! };
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
  if (!a || !a.active) return null;
  const roleRows = await db
    .select({ permissions: roles.permissions })
    .from(associateRoles)
    .innerJoin(roles, eq(roles.id, associateRoles.roleId))
    .where(eq(associateRoles.associateId, a.id));
  const permissions = new Set<Permission>();
  for (const r of roleRows) for (const p of r.permissions) if (isPermission(p)) permissions.add(p);
  return { userId: a.userId, associateId: a.id, associateName: a.name, legalEntityId: a.le, storeId, permissions, via };
}

/** The permissions of an associate's roles, as a JSON array (for the one-statement authentications below). */
const permissionsOf = (associateId: SQL) => sql`(select coalesce(json_agg(distinct p.value), '[]') from associate_roles ar join roles r on r.id = ar.role_id
  cross join jsonb_array_elements_text(r.permissions) p where ar.associate_id = ${associateId})`;

type AuthRow = { associateId: string; userId: string; associateName: string; legalEntityId: string; storeId: string | null; permissions: string[] };

function authContextOf(row: AuthRow, via: 'session' | 'token'): AuthContext {
  return {
    userId: row.userId, associateId: row.associateId, associateName: row.associateName, legalEntityId: row.legalEntityId, storeId: row.storeId,
    permissions: new Set(row.permissions.filter(isPermission)), via,
  };
}

/**
 * The signed-in associate of a session, with the permissions of their roles, in one statement: it runs before every
 * request, so it is one round trip rather than four.
 */
export async function authenticateSession(db: Db, token: string): Promise<AuthContext | null> {
  const [row] = await query<AuthRow>(db, sql`
    select a.id as "associateId", a.user_id as "userId", a.display_name as "associateName", a.legal_entity_id as "legalEntityId", s.store_id as "storeId",
      ${permissionsOf(sql`a.id`)} as permissions
    from sessions s join associates a on a.user_id = s.user_id and a.legal_entity_id = s.legal_entity_id
    where s.token_hash = ${sha256(token)} and s.expires_at > now() and a.active`);
  return row ? authContextOf(row, 'session') : null;
}

/** An integration's API token: its associate, their first active store and their permissions; notes when it was used. */
export async function authenticateToken(db: Db, token: string): Promise<AuthContext | null> {
  const [row] = await query<AuthRow>(db, sql`
    with t as (update api_tokens set last_used_at = now() where token_hash = ${sha256(token)} and revoked_at is null returning associate_id)
    select a.id as "associateId", a.user_id as "userId", a.display_name as "associateName", a.legal_entity_id as "legalEntityId",
      (select s.id from stores s join address_book_members abm on abm.address_book_id = s.address_book_id
        where abm.associate_id = a.id and s.active order by s.code limit 1) as "storeId",
      ${permissionsOf(sql`a.id`)} as permissions
    from t join associates a on a.id = t.associate_id
    where a.active`);
  return row ? authContextOf(row, 'token') : null;
}

export async function createApiToken(db: Db, associateId: string, name: string) {
  const token = newToken('clt');
  const [row] = await db
    .insert(apiTokens)
    .values({ associateId, name, prefix: token.slice(0, 10), tokenHash: sha256(token) })
    .returning({ id: apiTokens.id, createdAt: apiTokens.createdAt });
  return { id: row.id, name, token, createdAt: row.createdAt };
}

export async function createUser(db: Db, input: { email: string; displayName: string; password: string }) {
  const passwordHash = await hashPassword(input.password);
  const [row] = await db
    .insert(users)
    .values({ email: input.email.trim().toLowerCase(), displayName: input.displayName, passwordHash })
    .onConflictDoUpdate({ target: users.email, set: { displayName: input.displayName } })
    .returning({ id: users.id });
  return row.id;
}

export async function switchStore(db: Db, token: string, auth: AuthContext, storeId: string) {
  const storeIds = await storesOfAssociate(db, auth.associateId);
  if (!storeIds.includes(storeId)) throw new AppError('forbidden', 'You do not work at that store.', { field: 'storeId' });
  await db.update(sessions).set({ storeId }).where(eq(sessions.tokenHash, sha256(token)));
}

export async function describeMe(db: Db, auth: AuthContext) {
  const storeRows = await query<{ id: string; code: string; name: string }>(db, sql`
    select s.id, s.code, s.name from stores s
    join address_book_members m on m.address_book_id = s.address_book_id
    where m.associate_id = ${auth.associateId} and s.active order by s.code`);
  const [le] = await db.select().from(legalEntities).where(eq(legalEntities.id, auth.legalEntityId));
  const [u] = await db.select({ email: users.email }).from(users).where(eq(users.id, auth.userId));
  return {
    associateId: auth.associateId,
    name: auth.associateName,
    email: u?.email ?? '',
    legalEntity: { id: le.id, code: le.code, name: le.name, currency: le.currency, timeZone: le.timeZone },
    storeId: auth.storeId,
    stores: storeRows,
    permissions: [...auth.permissions].sort(),
  };
}
