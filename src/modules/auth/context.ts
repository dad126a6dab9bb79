import type { Db } from '../../db/client.ts';
import type { Permission } from './permissions.ts';

/** Who is calling, resolved once per request; every service call is scoped by it. */
export interface AuthContext {
  userId: string;
  associateId: string;
  associateName: string;
  legalEntityId: string;
  /** The store the associate signed in at (for store client books and customer search). */
  storeId: string | null;
  permissions: ReadonlySet<Permission>;
  via: 'session' | 'token';
  /** The session's id (sessions.id) when signed in with one. */
  sessionId?: string;
  /** An API token with the `scim` scope: it calls /scim/v2 only, and no /api/ route (no permissions). */
  scim?: boolean;
}

export interface ServiceContext {
  db: Db;
  auth: AuthContext;
}

export function can(auth: AuthContext, permission: Permission): boolean {
  return auth.permissions.has(permission);
}
