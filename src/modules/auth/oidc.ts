import * as oidc from 'openid-client';
import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { encryptSecret, decryptSecret } from '../../db/secret-key.ts';
import { legalEntities } from '../organisation/schema.ts';
import { rolesInLegalEntity } from '../organisation/queries.ts';
import { authErrors } from './errors.ts';
import { oidcProviders, oidcLogins } from './schema.ts';
import { sha256 } from './passwords.ts';
import { normaliseDomains, signInVouchedFor } from './sso-sign-in.ts';

/*
 * OpenID Connect sign-in per legal entity: Authorization Code with PKCE (S256), state and nonce, through openid-client.
 * The ID token's signature is checked against the provider's published keys (non-repudiation checks on), as are its
 * issuer, audience, expiry and nonce. The person signs in as the active associate of the legal entity whose address
 * is the token's (verified) email, of an allowed domain; no account is created here (SCIM or invitations do that).
 */

const LOGIN_MINUTES = 10;
export const OIDC_SCOPE = 'openid email profile';

export interface OidcSettings {
  displayName: string;
  issuer: string;
  clientId: string;
  allowedDomains: string[];
  roleClaim: string | null;
  roleMapping: { value: string; roleId: string }[];
  passwordSignIn: boolean;
  /** Whether associates may sign in through the provider (default on); off requires password sign-in on. */
  enabled?: boolean;
}

/** Plain http is for a provider on this machine only (development and tests); anything else must be https. */
const loopback = (u: URL) => u.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);

async function clientFor(issuer: string, clientId: string, clientSecret: string) {
  const url = new URL(issuer);
  const execute = [oidc.enableNonRepudiationChecks, ...(loopback(url) ? [oidc.allowInsecureRequests] : [])];
  try {
    return await oidc.discovery(url, clientId, clientSecret, undefined, { execute });
  } catch (err) {
    throw authErrors.sso_provider_unreachable(`The sign-in provider could not be reached: ${(err as Error).message}`);
  }
}

export async function getOidcSettings(db: Db, legalEntityId: string): Promise<(OidcSettings & { enabled: boolean; hasClientSecret: true }) | null> {
  const p = oidcProviders;
  const [row] = await db.select({
    displayName: p.displayName, issuer: p.issuer, clientId: p.clientId, allowedDomains: p.allowedDomains, roleClaim: p.roleClaim,
    roleMapping: p.roleMapping, passwordSignIn: p.passwordSignIn, enabled: p.enabled,
  }).from(p).where(eq(p.legalEntityId, legalEntityId));
  return row ? { ...row, hasClientSecret: true } : null;
}

/** Saves the legal entity's provider; the secret is kept when not given again. Checks the issuer answers discovery. */
export async function saveOidcSettings(db: Db, key: string, legalEntityId: string, input: OidcSettings & { clientSecret?: string }) {
  const issuer = new URL(input.issuer);
  if (issuer.protocol !== 'https:' && !loopback(issuer)) throw authErrors.sso_settings_invalid('The issuer must be an https:// address.', { field: 'issuer' });
  const enabled = input.enabled ?? true;
  if (!enabled && !input.passwordSignIn) {
    throw authErrors.sso_settings_invalid('With single sign-on off, password sign-in must stay on, or nobody could sign in.', { field: 'passwordSignIn' });
  }
  const roleIds = [...new Set(input.roleMapping.map((m) => m.roleId))];
  const known = await rolesInLegalEntity(db, legalEntityId, roleIds);
  if (known.length !== roleIds.length) throw authErrors.role_not_found('A mapped role does not belong to this legal entity.', { field: 'roleMapping' });
  const [existing] = await db.select({ secret: oidcProviders.clientSecretEncrypted }).from(oidcProviders).where(eq(oidcProviders.legalEntityId, legalEntityId));
  if (!input.clientSecret && !existing) throw authErrors.sso_settings_invalid('The client secret is needed.', { field: 'clientSecret' });
  const secretEncrypted = input.clientSecret ? encryptSecret(key, input.clientSecret) : existing.secret;
  await clientFor(input.issuer, input.clientId, input.clientSecret ?? decryptSecret(key, existing.secret));
  const values = {
    displayName: input.displayName, issuer: input.issuer, clientId: input.clientId, clientSecretEncrypted: secretEncrypted,
    allowedDomains: normaliseDomains(input.allowedDomains), roleClaim: input.roleClaim,
    roleMapping: input.roleMapping, passwordSignIn: input.passwordSignIn, enabled, updatedAt: sql`now()`,
  };
  await db.insert(oidcProviders).values({ legalEntityId, ...values }).onConflictDoUpdate({ target: oidcProviders.legalEntityId, set: values });
}

/** Starts a sign-in: the provider's authorization URL (PKCE S256, state, nonce) and the state the browser keeps. */
export async function startOidcSignIn(db: Db, key: string, legalEntityCode: string, redirectUri: string) {
  const [row] = await db.select({ legalEntityId: oidcProviders.legalEntityId, issuer: oidcProviders.issuer, clientId: oidcProviders.clientId, secret: oidcProviders.clientSecretEncrypted })
    .from(oidcProviders).innerJoin(legalEntities, eq(legalEntities.id, oidcProviders.legalEntityId))
    .where(and(eq(legalEntities.code, legalEntityCode), eq(oidcProviders.enabled, true)));
  if (!row) throw authErrors.sso_not_configured('This legal entity has no single sign-on.');
  const config = await clientFor(row.issuer, row.clientId, decryptSecret(key, row.secret));
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  await db.delete(oidcLogins).where(lt(oidcLogins.expiresAt, sql`now()`));
  await db.insert(oidcLogins).values({
    stateHash: sha256(state), legalEntityId: row.legalEntityId, nonce, codeVerifierEncrypted: encryptSecret(key, codeVerifier),
    expiresAt: new Date(Date.now() + LOGIN_MINUTES * 60_000).toISOString(),
  });
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri, scope: OIDC_SCOPE, state, nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier), code_challenge_method: 'S256',
  });
  return { url: url.href, state };
}

/**
 * Whether the provider says it used more than one factor: its ID token's `amr` (RFC 8176) names a multi-factor method
 * (mfa), a one-time code (otp), a hardware or software key (hwk, swk), or more than one method. Anything else (no amr,
 * a password alone) is one factor, and this app asks for its own second factor as a password sign-in does.
 */
export function providerUsedMultiFactor(amr: unknown): boolean {
  const methods = new Set(claimValues(amr).map((m) => m.trim().toLowerCase()).filter(Boolean));
  return ['mfa', 'otp', 'hwk', 'swk'].some((m) => methods.has(m)) || methods.size > 1;
}

function claimValues(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : [];
}

/**
 * The provider sent the browser back: the state must be the one this browser started (cookie) and still open; the
 * code is exchanged with the PKCE verifier; the ID token must be signed by the provider, for this client, unexpired,
 * with the nonce. Answers whom to start a session for, and whether the provider used several factors (then its word
 * is taken for the second factor; otherwise the caller asks for this app's own, see nextStep).
 */
export async function finishOidcSignIn(db: Db, key: string, callbackUrl: URL, browserState: string | undefined) {
  const state = callbackUrl.searchParams.get('state') ?? '';
  if (!state || state !== browserState) throw authErrors.sso_state_invalid('This sign-in was not started from this browser, or has expired: start again.');
  const [login] = await db.delete(oidcLogins).where(and(eq(oidcLogins.stateHash, sha256(state)), gt(oidcLogins.expiresAt, sql`now()`)))
    .returning({ legalEntityId: oidcLogins.legalEntityId, nonce: oidcLogins.nonce, verifier: oidcLogins.codeVerifierEncrypted });
  if (!login) throw authErrors.sso_state_invalid('This sign-in was not started from this browser, or has expired: start again.');
  const [p] = await db.select().from(oidcProviders).where(and(eq(oidcProviders.legalEntityId, login.legalEntityId), eq(oidcProviders.enabled, true)));
  if (!p) throw authErrors.sso_not_configured('This legal entity has no single sign-on.');
  const config = await clientFor(p.issuer, p.clientId, decryptSecret(key, p.clientSecretEncrypted));
  let claims: oidc.IDToken;
  try {
    const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: decryptSecret(key, login.verifier), expectedState: state, expectedNonce: login.nonce, idTokenExpected: true,
    });
    claims = tokens.claims()!;
  } catch (err) {
    throw authErrors.sso_token_invalid(`The sign-in provider's answer was refused: ${(err as Error).message}`);
  }
  const email = typeof claims.email === 'string' && claims.email_verified !== false ? claims.email : '';
  const who = await signInVouchedFor(db, login.legalEntityId, { allowedDomains: p.allowedDomains, roleSource: p.roleClaim, roleMapping: p.roleMapping }, {
    email, roleValues: p.roleClaim ? claimValues(claims[p.roleClaim]) : null,
  });
  return { ...who, providerMfa: providerUsedMultiFactor(claims.amr) };
}
