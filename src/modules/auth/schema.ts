import { pgTable, uuid, text, timestamp, integer, index } from 'drizzle-orm/pg-core';
import { associates, legalEntities } from '../organisation/schema.ts';

export const users = pgTable('users', {
  id: uuid().primaryKey().defaultRandom(),
  email: text().notNull().unique(),
  displayName: text().notNull(),
  passwordHash: text().notNull(),
  failedSignIns: integer().notNull().default(0),
  lockedUntil: timestamp({ withTimezone: true, mode: 'string' }),
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
