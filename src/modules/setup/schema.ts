import { pgTable, uuid, boolean, jsonb, timestamp } from 'drizzle-orm/pg-core';
import { legalEntities } from '../organisation/schema.ts';

/**
 * Clienteling set-up of a legal entity (the seed's Commerce parameters, Clienteling tab). No row means
 * clienteling has not been turned on yet.
 */
export const clientelingSettings = pgTable('clienteling_settings', {
  legalEntityId: uuid().primaryKey().references(() => legalEntities.id),
  enabled: boolean().notNull().default(false),
  /** The attribute group whose attributes show on the customer card and filter the client book. */
  clientBookAttributeGroupId: uuid(),
  /** Up to three measure keys shown first on the customer card, in this order. */
  cardMeasureKeys: jsonb().$type<string[]>().notNull().default([]),
  /** When on, a customer may be in several client books, one of which is the primary owner. */
  allowMultipleBooks: boolean().notNull().default(false),
  updatedAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});
