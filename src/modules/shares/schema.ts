import { pgTable, uuid, text, timestamp, integer, bigserial, index, primaryKey, uniqueIndex } from 'drizzle-orm/pg-core';
import { legalEntities, associates, stores } from '../organisation/schema.ts';
import { customers } from '../customers/schema.ts';
import { products } from '../catalogue/schema.ts';
import { personalData, keep } from '../../db/personal-data.ts';

export const SHARE_CHANNELS = ['email', 'sms', 'whatsapp'] as const;
export type ShareChannel = (typeof SHARE_CHANNELS)[number];

/** A curated selection of products an associate sends to one customer, shown on a signed public page. */
export const looks = pgTable('looks', {
  id: uuid().primaryKey().defaultRandom(),
  /** look_…: the opaque id in the public link. */
  publicId: text().notNull().unique(),
  legalEntityId: uuid().notNull().references(() => legalEntities.id),
  customerId: uuid().notNull().references(() => customers.id, { onDelete: 'cascade' }),
  associateId: uuid().notNull().references(() => associates.id),
  /** Stock is shown at this store: the customer's home store when the look was made, else the associate's. */
  storeId: uuid().references(() => stores.id),
  title: text().notNull(),
  note: text(),
  channel: text().$type<ShareChannel>().notNull(),
  /** The outreach message that carried the link: a view or click credits the sale to it (attribution window). */
  outreachMessageId: uuid(),
  /** The share dialog's key: a double tap sends one look. */
  idempotencyKey: text(),
  createdAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
}, (t) => [index('looks_customer').on(t.customerId, t.createdAt), uniqueIndex('looks_le_idempotency').on(t.legalEntityId, t.idempotencyKey)]);

export const lookItems = pgTable('look_items', {
  lookId: uuid().notNull().references(() => looks.id, { onDelete: 'cascade' }),
  productId: uuid().notNull().references(() => products.id),
  position: integer().notNull(),
}, (t) => [primaryKey({ columns: [t.lookId, t.productId] })]);

/** The customer opened the look, or clicked one of its products. */
export const lookEvents = pgTable('look_events', {
  id: bigserial({ mode: 'number' }).primaryKey(),
  lookId: uuid().notNull().references(() => looks.id, { onDelete: 'cascade' }),
  legalEntityId: uuid().notNull().references(() => legalEntities.id),
  customerId: uuid().notNull().references(() => customers.id, { onDelete: 'cascade' }),
  kind: text().$type<'view' | 'click'>().notNull(),
  productId: uuid().references(() => products.id),
  occurredAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
}, (t) => [index('look_events_customer').on(t.customerId, t.occurredAt), index('look_events_look').on(t.lookId)]);

export const looksPersonal = personalData(looks, {
  onErase: 'delete', reason: 'a selection sent to the customer; its public page must stop working',
  columns: { publicId: keep('an opaque key'), channel: keep('a channel') },
});
export const lookItemsPersonal = personalData(lookItems, { owner: 'lookId', parent: looksPersonal, onErase: 'delete', reason: 'part of the erased look' });
export const lookEventsPersonal = personalData(lookEvents, { onErase: 'delete', reason: 'browsing behaviour; no record to keep' });
