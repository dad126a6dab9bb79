import { sql } from 'drizzle-orm';
import { pgTable, uuid, text, boolean, jsonb, timestamp, primaryKey, uniqueIndex, index } from 'drizzle-orm/pg-core';
import { legalEntities, associates } from '../organisation/schema.ts';
import { customers } from '../customers/schema.ts';
import { personalData, keep } from '../../db/personal-data.ts';
import { declareReadModels } from '../../db/read-models.ts';

/** One client book per associate per legal entity, numbered from the 'client-book' number sequence. */
export const clientBooks = pgTable('client_books', {
  id: uuid().primaryKey().defaultRandom(),
  legalEntityId: uuid().notNull().references(() => legalEntities.id),
  associateId: uuid().notNull().references(() => associates.id),
  bookNumber: text().notNull(),
  createdAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('client_books_le_associate').on(t.legalEntityId, t.associateId),
  uniqueIndex('client_books_le_number').on(t.legalEntityId, t.bookNumber),
]);

/*
 * Triggers that keep client book behaviour in the database (created by migrations, which drizzle cannot declare).
 * A membership row carries copies of its customer's attribute values and name so that a page of a book is a walk of
 * the book's index with the filter checked on the row it reads; these triggers keep the copies right, whatever
 * module changes the customer (forms, imports, merges, erasure).
 *
 * Trigger client_book_members_fill_attributes, BEFORE INSERT OR UPDATE OF customer_id ON client_book_members, per row,
 *   function client_book_members_fill_attributes(). A new membership (or one a merge moves to the surviving customer)
 *   starts with the customer's attribute values (customer_attribute_values_json(customer_id): {attributeId: value},
 *   text and list values as strings, numbers as numbers, dates as 'YYYY-MM-DD', yes/no as booleans) and the lower-cased
 *   last and first name. Migration 0003 creates it (values only); 0005 replaces the function to copy the name too.
 *
 * Triggers customer_attribute_values_inserted, customer_attribute_values_updated and customer_attribute_values_deleted,
 *   AFTER INSERT / UPDATE / DELETE ON customer_attribute_values (customer-attributes' table), once per statement with
 *   its transition tables, function client_book_members_refresh_attributes(). Rewrites attribute_values of the memberships of every customer
 *   the statement touched who is in a client book (an import of values for many customers touches few memberships),
 *   only where the copy changed. Migration 0003.
 *
 * Trigger customers_name_to_client_books, AFTER UPDATE OF first_name, last_name ON customers, per row when either name
 *   changed, function client_book_members_follow_name(). A renamed (or erased, so anonymised) customer keeps their
 *   place in name order in every book: sort_last_name and sort_first_name follow. Migration 0005.
 *
 * Without them, a page filtered by an attribute or in name order would show stale values; client-book-filters.test.ts
 * changes values, names and books through the API and checks the pages follow.
 */
export const clientBookMembers = pgTable('client_book_members', {
  clientBookId: uuid().notNull().references(() => clientBooks.id, { onDelete: 'cascade' }),
  customerId: uuid().notNull().references(() => customers.id, { onDelete: 'cascade' }),
  legalEntityId: uuid().notNull().references(() => legalEntities.id),
  /** The owner of the customer; with one book per customer (the default) every membership is primary. */
  isPrimary: boolean().notNull().default(true),
  addedAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  addedBy: uuid().references(() => associates.id),
  /**
   * A copy of the customer's attribute values ({attributeId: value}), kept by triggers (migration 0003), so a filter on
   * refinable attributes is checked on the membership row while a page walks the book's index, not by a lookup per row.
   */
  attributeValues: jsonb().$type<Record<string, string | number | boolean>>().notNull().default({}),
  /** The customer's last and first name in lower case, kept by triggers (migration 0005), for pages in name order. */
  sortLastName: text().notNull().default(''),
  sortFirstName: text().notNull().default(''),
}, (t) => [
  primaryKey({ columns: [t.clientBookId, t.customerId] }),
  // At most one owner per customer and legal entity, whatever the setting: the database makes it impossible.
  uniqueIndex('cbm_le_customer_primary').on(t.legalEntityId, t.customerId).where(sql`${t.isPrimary}`),
  index('cbm_customer').on(t.customerId),
  // Pages of a book in "recently added" order come from the index cbm_book_added (client_book_id, added_at desc,
  // customer_id) INCLUDE (attribute_values), made in migration 0006 because drizzle cannot declare INCLUDE: an
  // attribute filter is then checked in the index itself (an index-only scan), without a heap visit per member.
  // Pages of a book (or of a store's books, merged) in name order, the same way.
  index('cbm_book_name').on(t.clientBookId, t.sortLastName, t.sortFirstName, t.customerId),
]);

/**
 * Who looks after which customer is the clienteling relation itself: conversations and prompts go to the book's
 * owner, store performance counts each associate's book. Only client-book writes these tables (add, remove,
 * reassign, imports through it); the triggers that also write client_book_members are listed above.
 */
export const readModels = declareReadModels([
  { table: clientBooks, reason: 'which associate a book belongs to: the owner of its customers for routing and credit' },
  { table: clientBookMembers, reason: 'which customers an associate looks after (the primary owner): replies, tasks and prompts are routed to them and store performance counts them' },
]);

/** A filter an associate saved to reopen their client book with it. */
export const clientBookSavedFilters = pgTable('client_book_saved_filters', {
  id: uuid().primaryKey().defaultRandom(),
  legalEntityId: uuid().notNull().references(() => legalEntities.id),
  associateId: uuid().notNull().references(() => associates.id, { onDelete: 'cascade' }),
  name: text().notNull(),
  scope: text().$type<'mine' | 'store'>().notNull(),
  filter: jsonb().$type<Record<string, unknown>>().notNull(),
  createdAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
}, (t) => [uniqueIndex('cbsf_associate_name').on(t.associateId, t.name)]);

export const clientBookMembersPersonal = personalData(clientBookMembers, {
  onErase: 'anonymise',
  columns: {
    attributeValues: keep('a copy of customer_attribute_values kept by triggers: follows their deletion'),
    sortLastName: keep('a copy of the customer\'s name kept by triggers: follows its replacement'),
    sortFirstName: keep('a copy of the customer\'s name kept by triggers: follows its replacement'),
  },
});
