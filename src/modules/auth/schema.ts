import { pgTable, uuid, text, timestamp, index } from 'drizzle-orm/pg-core';
import { associates, legalEntities } from '../organisation/schema.ts';

export const users = pgTable('users', {
  id: uuid().primaryKey().defaultRandom(),
  email: text().notNull().unique(),
  displayName: text().notNull(),
  passwordHash: text().notNull(),
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
}, (t) => [index('sessions_user').on(t.userId)]);

export const apiTokens = pgTable('api_tokens', {
  id: uuid().primaryKey().defaultRandom(),
  associateId: uuid().notNull().references(() => associates.id, { onDelete: 'cascade' }),
  name: text().notNull(),
  prefix: text().notNull(),
  tokenHash: text().notNull().unique(),
  createdAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  lastUsedAt: timestamp({ withTimezone: true, mode: 'string' }),
  revokedAt: timestamp({ withTimezone: true, mode: 'string' }),
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
