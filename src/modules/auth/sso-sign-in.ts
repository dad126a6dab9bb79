import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { associates, legalEntities } from '../organisation/schema.ts';
import { setAssociateRoles } from '../organisation/service.ts';
import { authErrors } from './errors.ts';
import { oidcProviders, samlProviders, users } from './schema.ts';
import { storesOfAssociate } from './service.ts';

/*
 * What OpenID Connect and SAML sign-in share once the provider's answer has been checked: the address must be of an
 * allowed domain and be an active associate's of the legal entity (no account is created here: SCIM or invitations do
 * that), and mapped roles replace the associate's. Also what the sign-in page and password sign-in ask of both.
 */

export interface SsoIdentity {
  email: string;
  /** The values of the claim or attribute that maps to roles; null when the legal entity maps none. */
  roleValues: string[] | null;
}

export interface SsoPolicy {
  allowedDomains: string[];
  /** The claim or attribute's name, for the refusal's message; null: roles are left as they are. */
  roleSource: string | null;
  roleMapping: { value: string; roleId: string }[];
}

export const normaliseDomains = (domains: string[]) => domains.map((d) => d.trim().toLowerCase().replace(/^@/, ''));

/** Whom to start a session for, once the provider vouched for `identity`. */
export async function signInVouchedFor(db: Db, legalEntityId: string, policy: SsoPolicy, identity: SsoIdentity) {
  const email = identity.email.trim().toLowerCase();
  if (!email) throw authErrors.sso_email_missing('The sign-in provider did not give a verified email address.');
  if (!policy.allowedDomains.includes(email.split('@')[1] ?? '')) throw authErrors.sso_domain_not_allowed('This address is not of a domain allowed to sign in here.');
  const [a] = await db.select({ associateId: associates.id, userId: users.id }).from(associates)
    .innerJoin(users, eq(users.id, associates.userId))
    .where(and(eq(users.email, email), eq(associates.legalEntityId, legalEntityId), eq(associates.active, true)));
  if (!a) throw authErrors.no_active_associate('This address is not an active associate of this legal entity.');
  if (policy.roleSource) {
    const values = identity.roleValues ?? [];
    const roleIds = [...new Set(policy.roleMapping.filter((m) => values.includes(m.value)).map((m) => m.roleId))];
    if (!roleIds.length) throw authErrors.sso_no_role(`None of your groups (${policy.roleSource}) gives a role here.`);
    await setAssociateRoles(db, legalEntityId, a.associateId, roleIds);
  }
  const storeId = (await storesOfAssociate(db, a.associateId))[0] ?? null;
  return { userId: a.userId!, associateId: a.associateId, legalEntityId, storeId };
}

/** Whether the legal entity still lets its associates sign in with a password: not once any single sign-on says no. */
export async function passwordSignInAllowed(db: Db, legalEntityId: string): Promise<boolean> {
  // A check keeps password sign-in on while a provider is off, so a switched-off OIDC provider always says yes here.
  const [o] = await db.select({ allowed: oidcProviders.passwordSignIn }).from(oidcProviders).where(eq(oidcProviders.legalEntityId, legalEntityId));
  const [s] = await db.select({ allowed: samlProviders.passwordSignIn }).from(samlProviders)
    .where(and(eq(samlProviders.legalEntityId, legalEntityId), eq(samlProviders.enabled, true)));
  return (o?.allowed ?? true) && (s?.allowed ?? true);
}

/** For the sign-in page: the single sign-on (OpenID Connect or SAML) of the legal entities using the address's domain. */
export async function signInOptions(db: Db, email: string) {
  const domain = email.trim().toLowerCase().split('@')[1] ?? '';
  if (!domain) return { providers: [], passwordSignIn: true };
  const oidcRows = await db.select({ code: legalEntities.code, name: legalEntities.name, displayName: oidcProviders.displayName, passwordSignIn: oidcProviders.passwordSignIn })
    .from(oidcProviders).innerJoin(legalEntities, eq(legalEntities.id, oidcProviders.legalEntityId))
    .where(and(sql`${oidcProviders.allowedDomains} ? ${domain}`, eq(oidcProviders.enabled, true)));
  const samlRows = await db.select({ code: legalEntities.code, name: legalEntities.name, displayName: samlProviders.displayName, passwordSignIn: samlProviders.passwordSignIn })
    .from(samlProviders).innerJoin(legalEntities, eq(legalEntities.id, samlProviders.legalEntityId))
    .where(and(sql`${samlProviders.allowedDomains} ? ${domain}`, eq(samlProviders.enabled, true)));
  const rows = [...oidcRows.map((r) => ({ ...r, protocol: 'oidc' as const })), ...samlRows.map((r) => ({ ...r, protocol: 'saml' as const }))]
    .sort((a, b) => a.name.localeCompare(b.name) || a.protocol.localeCompare(b.protocol));
  // A legal entity that turned passwords off under either protocol has turned them off.
  const passwordOff = new Set(rows.filter((r) => !r.passwordSignIn).map((r) => r.code));
  return {
    providers: rows.map((r) => ({ legalEntityCode: r.code, legalEntityName: r.name, displayName: r.displayName, protocol: r.protocol })),
    passwordSignIn: rows.length === 0 || rows.some((r) => !passwordOff.has(r.code)),
  };
}
