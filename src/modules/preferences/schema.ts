import { pgTable, uuid, text, timestamp, index } from 'drizzle-orm/pg-core';
import { legalEntities, associates } from '../organisation/schema.ts';
import { customers } from '../customers/schema.ts';
import { personalData } from '../../db/personal-data.ts';

/**
 * The customer's signed link to their preference page. The token names the row's public id; the row makes the link
 * expire and lets an associate revoke it (a forwarded email), which a signature alone could not.
 */
export const preferenceLinks = pgTable('preference_links', {
  /** pref_…: opaque, never the customer's id. */
  publicId: text().primaryKey(),
  legalEntityId: uuid().notNull().references(() => legalEntities.id),
  customerId: uuid().notNull().references(() => customers.id, { onDelete: 'cascade' }),
  createdAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  expiresAt: timestamp({ withTimezone: true, mode: 'string' }).notNull(),
  revokedAt: timestamp({ withTimezone: true, mode: 'string' }),
}, (t) => [index('preference_links_customer').on(t.customerId, t.expiresAt)]);

/** A customer asked, from their preference page, to be looked after by another associate. */
export const associateChangeRequests = pgTable('associate_change_requests', {
  id: uuid().primaryKey().defaultRandom(),
  legalEntityId: uuid().notNull().references(() => legalEntities.id),
  customerId: uuid().notNull().references(() => customers.id, { onDelete: 'cascade' }),
  /** Who looked after the customer when they asked. */
  associateId: uuid().references(() => associates.id),
  message: text(),
  requestedAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
}, (t) => [index('associate_change_requests_customer').on(t.customerId, t.requestedAt)]);

export const preferenceLinksPersonal = personalData(preferenceLinks, { onErase: 'delete', reason: 'links to the erased customer\'s page; none may keep working' });
export const associateChangeRequestsPersonal = personalData(associateChangeRequests, { onErase: 'delete', reason: 'a request of the customer; no record to keep' });
