import { pgTable, uuid, text, timestamp, primaryKey, index } from 'drizzle-orm/pg-core';
import { legalEntities } from '../organisation/schema.ts';

/** One webhook signing secret per legal entity, encrypted at rest; head office rotates it. */
export const webhookSecrets = pgTable('webhook_secrets', {
  legalEntityId: uuid().primaryKey().references(() => legalEntities.id),
  secretEncrypted: text().notNull(),
  rotatedAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});

/** Signatures already accepted inside the replay window, so a captured request cannot be sent twice. */
export const webhookDeliveries = pgTable('webhook_deliveries', {
  legalEntityId: uuid().notNull().references(() => legalEntities.id),
  signature: text().notNull(),
  receivedAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.legalEntityId, t.signature] }), index('webhook_deliveries_at').on(t.receivedAt)]);
