import { sql } from 'drizzle-orm';
import { pgTable, uuid, text, timestamp, integer, boolean, jsonb, bigserial, primaryKey, uniqueIndex, index } from 'drizzle-orm/pg-core';
import { legalEntities, stores, associates } from '../organisation/schema.ts';
import { customers } from '../customers/schema.ts';
import { products } from '../catalogue/schema.ts';
import { orders } from '../orders/schema.ts';
import { personalData, keep } from '../../db/personal-data.ts';
import { declareReadModels } from '../../db/read-models.ts';

export const loyaltyAccounts = pgTable('loyalty_accounts', {
  customerId: uuid().primaryKey().references(() => customers.id, { onDelete: 'cascade' }),
  legalEntityId: uuid().notNull().references(() => legalEntities.id),
  programme: text().notNull(),
  tier: text().notNull(),
  cardNumber: text().notNull(),
  joinedAt: timestamp({ withTimezone: true, mode: 'string' }).notNull(),
}, (t) => [uniqueIndex('loyalty_le_card').on(t.legalEntityId, t.cardNumber)]);

/** Points are a ledger: the balance is the sum, so every change is explained. */
export const loyaltyLedger = pgTable('loyalty_ledger', {
  id: uuid().primaryKey().defaultRandom(),
  legalEntityId: uuid().notNull().references(() => legalEntities.id),
  customerId: uuid().notNull().references(() => customers.id, { onDelete: 'cascade' }),
  externalId: text().notNull(),
  occurredAt: timestamp({ withTimezone: true, mode: 'string' }).notNull(),
  points: integer().notNull(),
  reason: text().notNull(),
  orderId: uuid().references(() => orders.id),
}, (t) => [uniqueIndex('loyalty_ledger_le_external').on(t.legalEntityId, t.externalId), index('loyalty_ledger_customer').on(t.customerId, t.occurredAt)]);

export const wishlistItems = pgTable('wishlist_items', {
  id: uuid().primaryKey().defaultRandom(),
  legalEntityId: uuid().notNull().references(() => legalEntities.id),
  customerId: uuid().notNull().references(() => customers.id, { onDelete: 'cascade' }),
  productId: uuid().notNull().references(() => products.id),
  list: text().$type<'wishlist' | 'saved'>().notNull().default('wishlist'),
  addedAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
}, (t) => [uniqueIndex('wishlist_customer_product_list').on(t.customerId, t.productId, t.list)]);

export const PREFERENCE_KINDS = ['size', 'brand', 'category', 'colour', 'style', 'dietary', 'other'] as const;
export type PreferenceKind = (typeof PREFERENCE_KINDS)[number];

export const customerPreferences = pgTable('customer_preferences', {
  id: uuid().primaryKey().defaultRandom(),
  legalEntityId: uuid().notNull().references(() => legalEntities.id),
  customerId: uuid().notNull().references(() => customers.id, { onDelete: 'cascade' }),
  kind: text().$type<(typeof PREFERENCE_KINDS)[number]>().notNull(),
  /** For sizes, the kind of size (shoes, dress, ring); otherwise empty. */
  qualifier: text().notNull().default(''),
  value: text().notNull(),
  source: text().notNull().default('associate'),
  updatedAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
}, (t) => [uniqueIndex('prefs_customer_kind_value').on(t.customerId, t.kind, t.qualifier, t.value)]);

export const CONSENT_CHANNELS = ['email', 'sms', 'whatsapp', 'phone', 'mail'] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];
/** What a consent row is about: a channel, or a marketing topic the customer can turn off (preference page). */
export type ConsentName = ConsentChannel | `topic:${string}`;

/** Current consent per channel; every change is also kept in consent_history. */
export const customerConsents = pgTable('customer_consents', {
  customerId: uuid().notNull().references(() => customers.id, { onDelete: 'cascade' }),
  channel: text().$type<ConsentName>().notNull(),
  legalEntityId: uuid().notNull().references(() => legalEntities.id),
  granted: boolean().notNull(),
  source: text().notNull(),
  recordedAt: timestamp({ withTimezone: true, mode: 'string' }).notNull(),
}, (t) => [primaryKey({ columns: [t.customerId, t.channel] })]);

export const consentHistory = pgTable('consent_history', {
  id: bigserial({ mode: 'number' }).primaryKey(),
  customerId: uuid().notNull().references(() => customers.id, { onDelete: 'cascade' }),
  channel: text().notNull(),
  granted: boolean().notNull(),
  source: text().notNull(),
  recordedAt: timestamp({ withTimezone: true, mode: 'string' }).notNull(),
  /** What the source adds in words: the keyword received, the message unsubscribed from, what the customer said. */
  note: text(),
}, (t) => [index('consent_history_customer').on(t.customerId, t.recordedAt)]);

// Service cases, complaints, emails, store visits, calls and marketing touches: one timeline of interactions.
export const INTERACTION_KINDS = ['service-case', 'complaint', 'email', 'store-visit', 'phone-call', 'chat', 'marketing-touch'] as const;

export const interactions = pgTable('interactions', {
  id: uuid().primaryKey().defaultRandom(),
  legalEntityId: uuid().notNull().references(() => legalEntities.id),
  customerId: uuid().notNull().references(() => customers.id, { onDelete: 'cascade' }),
  externalId: text().notNull(),
  kind: text().$type<(typeof INTERACTION_KINDS)[number]>().notNull(),
  subject: text().notNull(),
  /** Service cases and complaints: open, pending, resolved, closed. Others: null. */
  status: text(),
  channel: text(),
  /** Marketing touches: the campaign or journey that reached the customer. */
  campaign: text(),
  storeId: uuid().references(() => stores.id),
  associateId: uuid().references(() => associates.id),
  occurredAt: timestamp({ withTimezone: true, mode: 'string' }).notNull(),
  closedAt: timestamp({ withTimezone: true, mode: 'string' }),
  detail: jsonb().$type<Record<string, unknown>>(),
}, (t) => [uniqueIndex('interactions_le_external').on(t.legalEntityId, t.externalId), index('interactions_customer_at').on(t.customerId, t.occurredAt)]);

export const browsingEvents = pgTable('browsing_events', {
  id: bigserial({ mode: 'number' }).primaryKey(),
  legalEntityId: uuid().notNull().references(() => legalEntities.id),
  customerId: uuid().notNull().references(() => customers.id, { onDelete: 'cascade' }),
  productId: uuid().notNull().references(() => products.id),
  externalId: text().notNull(),
  event: text().$type<'view' | 'add-to-cart' | 'remove-from-cart'>().notNull().default('view'),
  sessionId: text(),
  occurredAt: timestamp({ withTimezone: true, mode: 'string' }).notNull(),
}, (t) => [uniqueIndex('browsing_le_external').on(t.legalEntityId, t.externalId), index('browsing_customer_at').on(t.customerId, t.occurredAt)]);

/**
 * Whether a customer may be contacted is checked where a contact is proposed or sent (outreach's sends and contact
 * policy, insights' next best actions), inside the statements that pick the customers. Writes go through this
 * module's recordConsentChange only, which keeps consent_history and the audit log. Browsing events are written by
 * imports through this module only. No trigger runs on either table.
 */
export const readModels = declareReadModels([
  { table: customerConsents, reason: 'the current consent per channel and topic: no module may propose or send a contact the customer refused' },
  { table: browsingEvents, reason: 'what customers looked at online, an imported event log: next best actions, save-the-sale prompts and recommendations rank it over many customers at once' },
]);

const LOYALTY = 'loyalty points are a financial liability: kept with the account';
export const loyaltyAccountsPersonal = personalData(loyaltyAccounts, {
  onErase: 'anonymise',
  columns: { programme: keep(LOYALTY), tier: keep(LOYALTY), cardNumber: keep(LOYALTY) },
});
export const loyaltyLedgerPersonal = personalData(loyaltyLedger, {
  onErase: 'anonymise',
  columns: { externalId: keep('the source system\'s key'), reason: keep(LOYALTY) },
});
export const wishlistItemsPersonal = personalData(wishlistItems, { onErase: 'delete', reason: 'tastes of the customer; no record to keep' });
export const customerPreferencesPersonal = personalData(customerPreferences, { onErase: 'delete', reason: 'tastes and sizes of the customer; no record to keep' });
/** Every consent is withdrawn: nobody may contact an erased customer. */
export const customerConsentsPersonal = personalData(customerConsents, {
  onErase: 'anonymise',
  columns: { channel: keep('a channel'), granted: { replace: false }, source: { replace: 'erasure' }, recordedAt: { replace: sql`now()` } },
});
export const consentHistoryPersonal = personalData(consentHistory, {
  onErase: 'anonymise',
  columns: { channel: keep('proof of the consent given'), source: keep('proof of the consent given'), note: 'blank' },
});
export const interactionsPersonal = personalData(interactions, {
  onErase: 'anonymise',
  columns: {
    subject: { replace: '[erased]' }, detail: 'blank',
    externalId: keep('the source system\'s key: a re-import must find the erased row'), kind: keep('a category'), status: keep('a state'),
    channel: keep('a channel'), campaign: keep('the retailer\'s campaign name'),
  },
});
export const browsingEventsPersonal = personalData(browsingEvents, { onErase: 'delete', reason: 'browsing behaviour; no record to keep' });
