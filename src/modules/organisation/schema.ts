import { pgTable, uuid, text, timestamp, jsonb, primaryKey, uniqueIndex, index, boolean, integer, bigint, check } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { declareReadModels } from '../../db/read-models.ts';

export const legalEntities = pgTable('legal_entities', {
  id: uuid().primaryKey().defaultRandom(),
  code: text().notNull().unique(),
  name: text().notNull(),
  currency: text().notNull(),
  timeZone: text().notNull(),
  createdAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});

// A store and the associates who work there share one address book (as in the seed).
export const addressBooks = pgTable('address_books', {
  id: uuid().primaryKey().defaultRandom(),
  legalEntityId: uuid().notNull().references(() => legalEntities.id),
  name: text().notNull(),
}, (t) => [uniqueIndex('address_books_le_name').on(t.legalEntityId, t.name)]);

export const stores = pgTable('stores', {
  id: uuid().primaryKey().defaultRandom(),
  legalEntityId: uuid().notNull().references(() => legalEntities.id),
  code: text().notNull(),
  name: text().notNull(),
  addressBookId: uuid().notNull().references(() => addressBooks.id),
  timeZone: text().notNull(),
  address: text(),
  city: text(),
  phone: text(),
  email: text(),
  active: boolean().notNull().default(true),
}, (t) => [uniqueIndex('stores_le_code').on(t.legalEntityId, t.code)]);

export const roles = pgTable('roles', {
  id: uuid().primaryKey().defaultRandom(),
  legalEntityId: uuid().notNull().references(() => legalEntities.id),
  name: text().notNull(),
  description: text(),
  permissions: jsonb().$type<string[]>().notNull(),
}, (t) => [uniqueIndex('roles_le_name').on(t.legalEntityId, t.name)]);

/**
 * A person's employment in one legal entity. A user may be an associate in several legal entities. The display name
 * is the associate's, per legal entity; the user's own profile is never changed from here. An invited associate has
 * no user until the invitation is accepted (see associate_invitations).
 */
export const associates = pgTable('associates', {
  id: uuid().primaryKey().defaultRandom(),
  legalEntityId: uuid().notNull().references(() => legalEntities.id),
  userId: uuid(),
  personnelNumber: text().notNull(),
  displayName: text().notNull(),
  email: text(),
  jobTitle: text(),
  active: boolean().notNull().default(true),
  createdAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('associates_le_personnel').on(t.legalEntityId, t.personnelNumber),
  uniqueIndex('associates_le_user').on(t.legalEntityId, t.userId),
  index('associates_user').on(t.userId),
  // Nobody signs in as an associate whose invitation is not accepted.
  check('associates_active_has_user', sql`not ${t.active} or ${t.userId} is not null`),
]);

export const associateRoles = pgTable('associate_roles', {
  associateId: uuid().notNull().references(() => associates.id, { onDelete: 'cascade' }),
  roleId: uuid().notNull().references(() => roles.id, { onDelete: 'cascade' }),
}, (t) => [primaryKey({ columns: [t.associateId, t.roleId] })]);

/** Which address books (and so which stores) an associate works in. */
export const addressBookMembers = pgTable('address_book_members', {
  addressBookId: uuid().notNull().references(() => addressBooks.id, { onDelete: 'cascade' }),
  associateId: uuid().notNull().references(() => associates.id, { onDelete: 'cascade' }),
}, (t) => [primaryKey({ columns: [t.addressBookId, t.associateId] }), index('abm_associate').on(t.associateId)]);

/** Number sequences per legal entity, e.g. customer accounts and client book identifiers. */
export const numberSequences = pgTable('number_sequences', {
  legalEntityId: uuid().notNull().references(() => legalEntities.id),
  code: text().notNull(),
  prefix: text().notNull(),
  padding: integer().notNull().default(6),
  nextValue: bigint({ mode: 'number' }).notNull().default(1),
}, (t) => [primaryKey({ columns: [t.legalEntityId, t.code] })]);

/**
 * Who and where: every module scopes its rows by legal entity, labels them with store and associate names, and finds
 * an associate's stores through the address book membership. Other modules read these tables directly (joins would
 * otherwise become round trips through this module); only organisation writes them.
 */
export const readModels = declareReadModels([
  { table: legalEntities, reason: 'the tenant every query is scoped by; its currency and time zone format every amount and date' },
  { table: stores, reason: 'store names, codes and time zones label and scope rows in every module' },
  { table: associates, reason: 'associate names label who did what; the active flag decides who may act' },
  { table: addressBookMembers, reason: 'which stores an associate works in: the visibility rule for customers, appointments and sales' },
]);
