import { sql } from 'drizzle-orm';
import { pgTable, uuid, text, timestamp, date, index, uniqueIndex, boolean, primaryKey, check } from 'drizzle-orm/pg-core';
import { legalEntities, stores } from '../organisation/schema.ts';
import { personalData, keep } from '../../db/personal-data.ts';
import { declareReadModels } from '../../db/read-models.ts';

/*
 * Triggers on customers, from migrations (drizzle cannot declare them); other modules' behaviour, named here so a
 * reader of this table knows a change to it does more than this file shows:
 * - customers_name_to_client_books (AFTER UPDATE OF first_name, last_name; migration 0005): the client books' copies of
 *   the name follow a rename. Explained in client-book/schema.ts with the other client book triggers.
 * - customers_referenced_by_orders (AFTER DELETE OR UPDATE OF id) and customers_truncated_under_orders (AFTER TRUNCATE),
 *   function refuse_if_referenced('orders', 'customer_id', 'orders_customer_id_customers_id_fk'); migration 0008: orders
 *   check their references once per statement instead of by foreign key, and these refuse to delete, re-key or truncate
 *   a customer that orders still refer to, as the foreign key they replace did (same constraint name in the error).
 * - customers_name_terms_insert, customers_name_terms_update, customers_name_terms_delete (AFTER each statement, with
 *   its transition tables; migration 0028): customer_name_terms below follows the live customers' names.
 */
export const customers = pgTable('customers', {
  id: uuid().primaryKey().defaultRandom(),
  legalEntityId: uuid().notNull().references(() => legalEntities.id),
  /** The customer account number shown to associates (the seed's customer ID). */
  accountNumber: text().notNull(),
  /** Key of the source system; imports upsert on it. */
  externalId: text(),
  firstName: text().notNull(),
  lastName: text().notNull(),
  /**
   * How to address the customer formally: 'mr', 'ms' or 'mx' (written Mr/Ms/Mx, Monsieur/Madame in French); null
   * when none is known or the customer prefers none. Templates pick their wording by it ({{#salutation}}…|…{{/salutation}}).
   */
  salutation: text().$type<Salutation>(),
  email: text(),
  phone: text(),
  birthDate: date({ mode: 'string' }),
  anniversaryDate: date({ mode: 'string' }),
  language: text().notNull().default('en'),
  addressLine: text(),
  city: text(),
  postalCode: text(),
  country: text(),
  preferredChannel: text(),
  homeStoreId: uuid().references(() => stores.id),
  isVip: boolean().notNull().default(false),
  createdAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  /** Set when personal data was anonymised on the customer's request; financial records stay. */
  erasedAt: timestamp({ withTimezone: true, mode: 'string' }),
  /** Set when this record was merged into another (duplicate resolution). */
  mergedIntoId: uuid(),
  // Lower-cased name, email and phone for typo-tolerant search through pg_trgm.
  searchText: text().generatedAlwaysAs(
    sql`lower(coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' || coalesce(email, '') || ' ' || coalesce(phone, ''))`,
  ),
}, (t) => [
  uniqueIndex('customers_le_account').on(t.legalEntityId, t.accountNumber),
  uniqueIndex('customers_le_external').on(t.legalEntityId, t.externalId),
  index('customers_search_trgm').using('gin', sql`${t.searchText} gin_trgm_ops`),
  index('customers_le_name').on(t.legalEntityId, t.lastName, t.firstName),
  // Customer search (search.ts) walks these in order, live customers only: by last name then first name, by first name
  // then last name, and email and phone prefixes. Collation "C" so a prefix LIKE uses them and the order is the same everywhere.
  index('customers_search_last_first').on(t.legalEntityId, sql`(lower(${t.lastName}) collate "C")`, sql`(lower(${t.firstName}) collate "C")`, t.id).where(sql`${t.erasedAt} is null and ${t.mergedIntoId} is null`),
  index('customers_search_first_last').on(t.legalEntityId, sql`(lower(${t.firstName}) collate "C")`, sql`(lower(${t.lastName}) collate "C")`, t.id).where(sql`${t.erasedAt} is null and ${t.mergedIntoId} is null`),
  index('customers_search_email').on(t.legalEntityId, sql`(lower(${t.email}) collate "C")`).where(sql`${t.erasedAt} is null and ${t.mergedIntoId} is null`),
  index('customers_search_phone').on(t.legalEntityId, sql`(${t.phone} collate "C")`).where(sql`${t.erasedAt} is null and ${t.mergedIntoId} is null`),
  check('customers_salutation', sql`${t.salutation} in ('mr', 'ms', 'mx')`),
]);

/**
 * The distinct names of a legal entity's live customers (not erased, not merged), lower-cased, first and last apart:
 * typo-tolerant search looks for the names nearest to what was typed here (tens of thousands of rows at most) instead of
 * among every customer, then finds the customers through customers_search_last_first / _first_last.
 * Written only by triggers on customers (migration 0028, customers_name_terms_*): a name comes with the first live
 * customer who has it and goes with the last (renamed, erased, merged or deleted), so erasure removes an erased
 * customer's name unless another live customer has it. Not declared with personalData(): a row is a name, not any one
 * customer's, and it holds nothing the customers rows do not.
 */
export const customerNameTerms = pgTable('customer_name_terms', {
  legalEntityId: uuid().notNull().references(() => legalEntities.id),
  kind: text().$type<'first' | 'last'>().notNull(),
  term: text().notNull(),
}, (t) => [
  primaryKey({ columns: [t.legalEntityId, t.kind, t.term] }),
  // GIN, not GiST with the legal entity: ten times faster for <% on a name list (0.4 against 4 ms at 12,000 names).
  // Without a pending list (fastupdate): new names are few once a book is loaded, and until a vacuum merged it every
  // search read the whole list (12,720 pending names: 30-50 ms, and the planner chose a sequential scan).
  index('customer_name_terms_trgm').using('gin', sql`${t.term} gin_trgm_ops`).with({ fastupdate: false }),
  check('customer_name_terms_kind', sql`${t.kind} in ('first', 'last')`),
]);

export const SALUTATIONS = ['mr', 'ms', 'mx'] as const;
export type Salutation = (typeof SALUTATIONS)[number];

/**
 * Every capability shows a customer's name and account number and checks the customer belongs to the caller's legal
 * entity, mostly inside larger joins: other modules read customers directly. Creating and changing customers goes
 * through this module (service.ts insertCustomer, bulk.ts), which keeps the account numbers and address books.
 */
export const readModels = declareReadModels([
  { table: customers, reason: 'names, account numbers and contacts label and scope rows in every module; writes go through customers' },
]);

// Customer search at a store shows the customers of the store's address books (as in Commerce).
export const customerAddressBooks = pgTable('customer_address_books', {
  customerId: uuid().notNull().references(() => customers.id, { onDelete: 'cascade' }),
  addressBookId: uuid().notNull(),
}, (t) => [primaryKey({ columns: [t.customerId, t.addressBookId] }), index('cab_address_book').on(t.addressBookId)]);

/** The customer's own row: erasure replaces the name, removes the contacts and dates, and sets erased_at. */
export const customersPersonal = personalData(customers, {
  owner: 'id',
  onErase: 'anonymise',
  columns: {
    firstName: { replace: 'Erased' }, lastName: { replace: 'customer' }, salutation: 'blank', email: 'blank', phone: 'blank', birthDate: 'blank', anniversaryDate: 'blank',
    addressLine: 'blank', city: 'blank', postalCode: 'blank', preferredChannel: 'blank', isVip: { replace: false },
    erasedAt: { replace: sql`now()` }, updatedAt: { replace: sql`now()` },
    accountNumber: keep('the retailer\'s account number, on orders and receipts'),
    externalId: keep('the source system\'s key: a re-import must find the erased customer, not create a new one'),
    language: keep('a setting'), country: keep('the country of financial records'),
    searchText: keep('generated from name, email and phone: follows their erasure'),
  },
});

export const customerAddressBooksPersonal = personalData(customerAddressBooks, { onErase: 'delete', reason: 'where the customer can be found; nothing to keep' });
