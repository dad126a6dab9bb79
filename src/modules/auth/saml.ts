import { randomBytes, X509Certificate } from 'node:crypto';
import { SAML, ValidateInResponseTo, type CacheProvider, type Profile } from '@node-saml/node-saml';
import { DOMParser } from '@xmldom/xmldom';
import { and, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { legalEntities } from '../organisation/schema.ts';
import { rolesInLegalEntity } from '../organisation/queries.ts';
import { authErrors } from './errors.ts';
import { samlProviders, samlRequests } from './schema.ts';
import { sha256 } from './passwords.ts';
import { normaliseDomains, signInVouchedFor } from './sso-sign-in.ts';

/*
 * SAML 2.0 sign-in per legal entity, SP-initiated: an AuthnRequest goes out by HTTP-Redirect with a RelayState, the
 * IdP posts a Response back (HTTP-POST binding). @node-saml/node-saml checks the XML signature (the Response's, or
 * else the Assertion's, against the IdP certificates saved here), the audience (our SP entity id), NotBefore and
 * NotOnOrAfter, and that InResponseTo names the request. We add what it leaves out: the request is taken from the
 * database once (a replayed Response finds nothing), the Destination and the bearer Recipient must be our ACS URL,
 * and the assertion's issuer must be the IdP's entity id. Then the associate signs in as with OpenID Connect.
 */

const REQUEST_MINUTES = 10;
const CLOCK_SKEW_MS = 60_000;
export const SAML_ACS_PATH = '/api/v1/auth/saml/acs';
const EMAIL_FORMAT = 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress';

export interface SamlSettings {
  enabled: boolean;
  displayName: string;
  idpEntityId: string;
  idpSsoUrl: string;
  idpCertificates: string[];
  spEntityId: string;
  allowedDomains: string[];
  roleAttribute: string | null;
  roleMapping: { value: string; roleId: string }[];
  passwordSignIn: boolean;
}

type Provider = typeof samlProviders.$inferSelect;

const loopback = (u: URL) => u.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);

/** The certificate as PEM, whatever way it was pasted (PEM, or the bare base64 of IdP metadata); null if not one. */
export function normaliseCertificate(text: string): string | null {
  const body = text.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+=*$/.test(body)) return null;
  const pem = `-----BEGIN CERTIFICATE-----\n${body.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;
  try { new X509Certificate(pem); return pem; } catch { return null; }
}

/** node-saml's request-id cache, answering only for the one request this Response was taken against. */
function oneRequest(id: string | null): CacheProvider {
  const created = new Date().toISOString();
  return {
    saveAsync: async (key, value) => ({ value, createdAt: Date.now() }),
    getAsync: async (key) => (key === id ? created : null),
    removeAsync: async (key) => key,
  };
}

function samlFor(p: Provider, acsUrl: string, opts: { requestId?: string; answering?: string | null } = {}) {
  return new SAML({
    entryPoint: p.idpSsoUrl,
    issuer: p.spEntityId,
    audience: p.spEntityId,
    callbackUrl: acsUrl,
    idpCert: p.idpCertificates,
    identifierFormat: EMAIL_FORMAT,
    disableRequestedAuthnContext: true,
    // Either the whole Response or its Assertion must be signed (IdPs differ); node-saml refuses when neither is.
    wantAuthnResponseSigned: false,
    wantAssertionsSigned: false,
    acceptedClockSkewMs: CLOCK_SKEW_MS,
    validateInResponseTo: ValidateInResponseTo.always,
    requestIdExpirationPeriodMs: REQUEST_MINUTES * 60_000,
    cacheProvider: oneRequest(opts.answering ?? null),
    generateUniqueId: () => opts.requestId ?? `_${randomBytes(20).toString('hex')}`,
  });
}

async function checkRoles(db: Db, legalEntityId: string, mapping: { roleId: string }[]) {
  const roleIds = [...new Set(mapping.map((m) => m.roleId))];
  const known = roleIds.length ? await rolesInLegalEntity(db, legalEntityId, roleIds) : [];
  if (known.length !== roleIds.length) throw authErrors.role_not_found('A mapped role does not belong to this legal entity.', { field: 'roleMapping' });
}

export async function getSamlSettings(db: Db, legalEntityId: string): Promise<SamlSettings | null> {
  const p = samlProviders;
  const [row] = await db.select({
    enabled: p.enabled, displayName: p.displayName, idpEntityId: p.idpEntityId, idpSsoUrl: p.idpSsoUrl, idpCertificates: p.idpCertificates,
    spEntityId: p.spEntityId, allowedDomains: p.allowedDomains, roleAttribute: p.roleAttribute, roleMapping: p.roleMapping, passwordSignIn: p.passwordSignIn,
  }).from(p).where(eq(p.legalEntityId, legalEntityId));
  return row ?? null;
}

export async function saveSamlSettings(db: Db, legalEntityId: string, input: SamlSettings) {
  const sso = new URL(input.idpSsoUrl);
  if (sso.protocol !== 'https:' && !loopback(sso)) throw authErrors.sso_settings_invalid('The IdP\'s sign-in URL must be an https:// address.', { field: 'idpSsoUrl' });
  const certificates = input.idpCertificates.map(normaliseCertificate);
  if (certificates.some((c) => c === null)) throw authErrors.sso_settings_invalid('An IdP signing certificate is not an X.509 certificate (PEM or base64).', { field: 'idpCertificates' });
  await checkRoles(db, legalEntityId, input.roleMapping);
  const values = {
    ...input, idpCertificates: certificates as string[], allowedDomains: normaliseDomains(input.allowedDomains), updatedAt: sql`now()`,
  };
  await db.insert(samlProviders).values({ legalEntityId, ...values }).onConflictDoUpdate({ target: samlProviders.legalEntityId, set: values });
}

async function providerByCode(db: Db, legalEntityCode: string) {
  const [row] = await db.select({ p: samlProviders }).from(samlProviders)
    .innerJoin(legalEntities, eq(legalEntities.id, samlProviders.legalEntityId)).where(eq(legalEntities.code, legalEntityCode));
  if (!row) throw authErrors.sso_not_configured('This legal entity has no SAML sign-in.');
  if (!row.p.enabled) throw authErrors.saml_disabled('This legal entity\'s SAML sign-in is switched off: sign in another way, or ask head office to switch it on.');
  return row.p;
}

/** The SP metadata to give the IdP: our entity id and the ACS (HTTP-POST). */
export async function samlMetadata(db: Db, legalEntityCode: string, acsUrl: string) {
  const p = await providerByCode(db, legalEntityCode);
  return samlFor(p, acsUrl).generateServiceProviderMetadata(null, null);
}

/** Starts a sign-in: the IdP's URL carrying the AuthnRequest and RelayState (HTTP-Redirect), and the request kept. */
export async function startSamlSignIn(db: Db, legalEntityCode: string, acsUrl: string) {
  const p = await providerByCode(db, legalEntityCode);
  const requestId = `_${randomBytes(20).toString('hex')}`;
  const relayState = randomBytes(24).toString('base64url');
  await db.delete(samlRequests).where(lt(samlRequests.expiresAt, sql`now()`));
  await db.insert(samlRequests).values({
    id: requestId, legalEntityId: p.legalEntityId, relayStateHash: sha256(relayState),
    expiresAt: new Date(Date.now() + REQUEST_MINUTES * 60_000).toISOString(),
  });
  const url = await samlFor(p, acsUrl, { requestId }).getAuthorizeUrlAsync(relayState, undefined, {});
  return { url, relayState };
}

/** The Response's InResponseTo and Destination, read before anything is trusted (only to find the request). */
function envelope(samlResponse: string) {
  const xml = Buffer.from(samlResponse, 'base64').toString('utf8');
  let root: Element | null = null;
  try {
    root = new DOMParser({ errorHandler: { warning: () => undefined, error: () => undefined } }).parseFromString(xml, 'text/xml').documentElement;
  } catch { root = null; }
  if (!root || root.localName !== 'Response' || root.namespaceURI !== 'urn:oasis:names:tc:SAML:2.0:protocol') {
    throw authErrors.saml_response_invalid('This is not a SAML 2.0 Response.');
  }
  return { inResponseTo: root.getAttribute('InResponseTo') || null, destination: root.getAttribute('Destination') || null };
}

const values = (v: unknown): string[] => (Array.isArray(v) ? v.flatMap(values) : typeof v === 'string' ? [v] : []);

/** The bearer confirmations' Recipients in the checked assertion (node-saml's xml2js form). */
function recipients(profile: Profile): string[] {
  const assertion = (profile.getAssertion?.() as { Assertion?: any } | undefined)?.Assertion;
  const confirmations: any[] = assertion?.Subject?.[0]?.SubjectConfirmation ?? [];
  return confirmations
    .filter((c) => c?.$?.Method === 'urn:oasis:names:tc:SAML:2.0:cm:bearer')
    .flatMap((c) => (c.SubjectConfirmationData ?? []).map((d: any) => d?.$?.Recipient).filter((r: unknown): r is string => typeof r === 'string'));
}

/** The address the IdP vouches for: an email attribute, else a NameID in email format. */
function emailOf(profile: Profile): string {
  const attrs = (profile.attributes ?? {}) as Record<string, unknown>;
  const fromAttribute = [profile.email, attrs.email, attrs.mail, attrs.emailAddress, attrs['urn:oid:0.9.2342.19200300.100.1.3'],
    attrs['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress']].flatMap(values)[0];
  if (fromAttribute) return fromAttribute;
  return profile.nameIDFormat === EMAIL_FORMAT ? profile.nameID : '';
}

/**
 * The IdP posted a Response to the ACS. The request it answers is taken (deleted) first, so it counts once whatever
 * follows; the RelayState must be the one sent with it and, when the browser could keep it (`browserRelayState`
 * not null: https), the one this browser kept. Answers whom to start a session for.
 */
export async function finishSamlSignIn(db: Db, acsUrl: string, form: { SAMLResponse: string; RelayState?: string }, browserRelayState: string | null) {
  const { inResponseTo, destination } = envelope(form.SAMLResponse);
  if (!inResponseTo) throw authErrors.sso_state_invalid('This SAML Response answers no sign-in started here (IdP-initiated sign-in is not accepted): start again.');
  const [request] = await db.delete(samlRequests).where(and(eq(samlRequests.id, inResponseTo), gt(samlRequests.expiresAt, sql`now()`)))
    .returning({ legalEntityId: samlRequests.legalEntityId, relayStateHash: samlRequests.relayStateHash });
  if (!request) throw authErrors.sso_state_invalid('This sign-in was already used or has expired: start again.');
  if (!form.RelayState || sha256(form.RelayState) !== request.relayStateHash) throw authErrors.sso_state_invalid('This sign-in was not started here: start again.');
  // Over https the browser keeps the RelayState in a cookie too: a Response carried into another browser is refused.
  if (browserRelayState !== null && browserRelayState !== form.RelayState) throw authErrors.sso_state_invalid('This sign-in was not started from this browser: start again.');
  const [p] = await db.select().from(samlProviders).where(eq(samlProviders.legalEntityId, request.legalEntityId));
  if (!p) throw authErrors.sso_not_configured('This legal entity has no SAML sign-in.');
  if (!p.enabled) throw authErrors.saml_disabled('This legal entity\'s SAML sign-in is switched off.');
  if (destination !== null && destination !== acsUrl) throw authErrors.saml_response_invalid(`The Response is addressed to ${destination}, not to this service.`);

  let profile: Profile | null;
  try {
    ({ profile } = await samlFor(p, acsUrl, { answering: inResponseTo }).validatePostResponseAsync({ SAMLResponse: form.SAMLResponse }));
  } catch (err) {
    throw authErrors.saml_response_invalid(`The IdP's answer was refused: ${(err as Error).message}`);
  }
  if (!profile) throw authErrors.saml_response_invalid('The IdP did not sign anyone in.');
  if (profile.issuer !== p.idpEntityId) throw authErrors.saml_response_invalid('The assertion was not issued by this legal entity\'s IdP.');
  const to = recipients(profile);
  if (!to.length || to.some((r) => r !== acsUrl)) throw authErrors.saml_response_invalid('The assertion is not for this service\'s address (Recipient).');

  const attrs = (profile.attributes ?? {}) as Record<string, unknown>;
  return signInVouchedFor(db, request.legalEntityId, { allowedDomains: p.allowedDomains, roleSource: p.roleAttribute, roleMapping: p.roleMapping }, {
    email: emailOf(profile), roleValues: p.roleAttribute ? values(attrs[p.roleAttribute]) : null,
  });
}
