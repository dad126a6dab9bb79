import { pgTable, uuid, text, timestamp, index, bigint, boolean, jsonb, check } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { associates, legalEntities, roles } from '../organisation/schema.ts';

export const users = pgTable('users', {
  id: uuid().primaryKey().defaultRandom(),
  email: text().notNull().unique(),
  displayName: text().notNull(),
  passwordHash: text().notNull(),
  /** The language of the user's screens ('en' or 'fr'); null follows the browser. */
  language: text(),
  createdAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});

// Only a hash of the session token is stored, so a leaked table can't be replayed.
export const sessions = pgTable('sessions', {
  tokenHash: text().primaryKey(),
  userId: uuid().notNull().references(() => users.id, { onDelete: 'cascade' }),
  legalEntityId: uuid().notNull().references(() => legalEntities.id),
  storeId: uuid(),
  createdAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  expiresAt: timestamp({ withTimezone: true, mode: 'string' }).notNull(),
  /** Names a session in lists and revocations (the token's hash is never shown). */
  id: uuid().notNull().unique().defaultRandom(),
  /** Kept to the minute: refreshed by a request when more than a minute old. */
  lastSeenAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  userAgent: text(),
  ipAddress: text(),
}, (t) => [index('sessions_user').on(t.userId), index('sessions_le').on(t.legalEntityId)]);

export const apiTokens = pgTable('api_tokens', {
  id: uuid().primaryKey().defaultRandom(),
  associateId: uuid().notNull().references(() => associates.id, { onDelete: 'cascade' }),
  name: text().notNull(),
  prefix: text().notNull(),
  tokenHash: text().notNull().unique(),
  createdAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  lastUsedAt: timestamp({ withTimezone: true, mode: 'string' }),
  revokedAt: timestamp({ withTimezone: true, mode: 'string' }),
  /** The operations (permissions) the token may use, narrower than its associate's; null: all of theirs. */
  scopes: jsonb().$type<string[]>(),
});

/**
 * An invitation to become an associate of a legal entity. Creating an associate never looks at the users table: the
 * invitee chooses a password (new address) or proves they own the existing account (signed in, or its password) when
 * they accept, and only then is the associate tied to their user and activated. Only a hash of the link's token is
 * kept; the link expires and works once.
 */
export const associateInvitations = pgTable('associate_invitations', {
  id: uuid().primaryKey().defaultRandom(),
  associateId: uuid().notNull().unique().references(() => associates.id, { onDelete: 'cascade' }),
  legalEntityId: uuid().notNull().references(() => legalEntities.id),
  email: text().notNull(),
  tokenHash: text().notNull().unique(),
  invitedBy: uuid().references(() => associates.id, { onDelete: 'set null' }),
  createdAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  expiresAt: timestamp({ withTimezone: true, mode: 'string' }).notNull(),
  acceptedAt: timestamp({ withTimezone: true, mode: 'string' }),
  declinedAt: timestamp({ withTimezone: true, mode: 'string' }),
}, (t) => [index('associate_invitations_le').on(t.legalEntityId)]);

/**
 * A user's TOTP second factor. The secret is encrypted with the installation's key (db/secret-key.ts); it counts
 * once confirmed by a first code. `lastStep` is the time step of the last code accepted: a code is taken once.
 */
export const secondFactors = pgTable('second_factors', {
  userId: uuid().primaryKey().references(() => users.id, { onDelete: 'cascade' }),
  secretEncrypted: text().notNull(),
  confirmedAt: timestamp({ withTimezone: true, mode: 'string' }),
  lastStep: bigint({ mode: 'number' }),
  createdAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});

/** Ten single-use codes for a lost phone; only their hashes are kept. */
export const recoveryCodes = pgTable('recovery_codes', {
  id: uuid().primaryKey().defaultRandom(),
  userId: uuid().notNull().references(() => users.id, { onDelete: 'cascade' }),
  codeHash: text().notNull(),
  usedAt: timestamp({ withTimezone: true, mode: 'string' }),
}, (t) => [index('recovery_codes_user').on(t.userId)]);

/**
 * A password sign-in waiting for its second factor (or, for a role that requires one, for its enrolment): the
 * short-lived pending token stands for the checked password, and nothing else is reachable with it.
 */
/** The first step of a sign-in that still needs this app's second factor: a password, or an OpenID provider without multi-factor. */
export type FirstFactor = 'password' | 'openid' | 'saml';

export const signInChallenges = pgTable('sign_in_challenges', {
  tokenHash: text().primaryKey(),
  userId: uuid().notNull().references(() => users.id, { onDelete: 'cascade' }),
  associateId: uuid().notNull().references(() => associates.id, { onDelete: 'cascade' }),
  legalEntityId: uuid().notNull().references(() => legalEntities.id),
  storeId: uuid(),
  enrol: boolean().notNull(),
  /** How the first step was passed: the audit log records the sign-in as `<firstFactor>+code` and so on. */
  firstFactor: text().$type<FirstFactor>().notNull().default('password'),
  expiresAt: timestamp({ withTimezone: true, mode: 'string' }).notNull(),
});

/** Roles whose associates must sign in with a second factor (roles granting users.manage always do). */
export const secondFactorRoles = pgTable('second_factor_roles', {
  roleId: uuid().primaryKey().references(() => roles.id, { onDelete: 'cascade' }),
  createdAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});

/**
 * A legal entity's single sign-on through OpenID Connect, and whether its associates may still sign in with a
 * password. The client secret is encrypted with the installation's key (db/secret-key.ts). Only addresses of the
 * allowed domains sign in through it; `roleClaim` names the ID token claim whose values map to roles (`roleMapping`),
 * which then replace the associate's roles at each sign-in.
 */
export const oidcProviders = pgTable('oidc_providers', {
  legalEntityId: uuid().primaryKey().references(() => legalEntities.id, { onDelete: 'cascade' }),
  displayName: text().notNull(),
  issuer: text().notNull(),
  clientId: text().notNull(),
  clientSecretEncrypted: text().notNull(),
  allowedDomains: jsonb().$type<string[]>().notNull(),
  roleClaim: text(),
  roleMapping: jsonb().$type<{ value: string; roleId: string }[]>().notNull().default([]),
  passwordSignIn: boolean().notNull().default(true),
  /** Off: the settings are kept but nobody signs in through the provider (and passwords must then be allowed). */
  enabled: boolean().notNull().default(true),
  updatedAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
}, (t) => [check('oidc_providers_a_way_in', sql`${t.enabled} or ${t.passwordSignIn}`)]);

/**
 * An OpenID Connect sign-in under way: the state (its hash; the browser holds the value in a cookie too), the nonce
 * and the PKCE verifier the callback checks. Used once, expires in ten minutes.
 */
export const oidcLogins = pgTable('oidc_logins', {
  stateHash: text().primaryKey(),
  legalEntityId: uuid().notNull().references(() => legalEntities.id, { onDelete: 'cascade' }),
  nonce: text().notNull(),
  codeVerifierEncrypted: text().notNull(),
  expiresAt: timestamp({ withTimezone: true, mode: 'string' }).notNull(),
});

/**
 * A legal entity's single sign-on through SAML 2.0 (SP-initiated, HTTP-Redirect out, HTTP-POST back), for retailers
 * whose directory speaks SAML and not OpenID Connect. The IdP's signing certificates (PEM, several while it rolls its
 * key over) check each Response; `spEntityId` is the audience the IdP must name. Only addresses of the allowed domains
 * sign in; `roleAttribute` names the assertion attribute whose values map to roles (`roleMapping`), which then replace
 * the associate's roles at each sign-in. Nothing here is secret: the SP signs nothing.
 */
export const samlProviders = pgTable('saml_providers', {
  legalEntityId: uuid().primaryKey().references(() => legalEntities.id, { onDelete: 'cascade' }),
  enabled: boolean().notNull().default(true),
  displayName: text().notNull(),
  idpEntityId: text().notNull(),
  idpSsoUrl: text().notNull(),
  idpCertificates: jsonb().$type<string[]>().notNull(),
  spEntityId: text().notNull(),
  allowedDomains: jsonb().$type<string[]>().notNull(),
  roleAttribute: text(),
  roleMapping: jsonb().$type<{ value: string; roleId: string }[]>().notNull().default([]),
  passwordSignIn: boolean().notNull().default(true),
  updatedAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});

/**
 * An AuthnRequest sent and not yet answered: its ID (the Response's InResponseTo must name it) and a hash of the
 * RelayState that went with it. Deleted by the first Response that names it, so a replayed Response finds nothing;
 * expires in ten minutes.
 */
export const samlRequests = pgTable('saml_requests', {
  id: text().primaryKey(),
  legalEntityId: uuid().notNull().references(() => legalEntities.id, { onDelete: 'cascade' }),
  relayStateHash: text().notNull(),
  expiresAt: timestamp({ withTimezone: true, mode: 'string' }).notNull(),
}, (t) => [index('saml_requests_expires').on(t.expiresAt)]);
