import { pgTable, uuid, text, timestamp, jsonb, doublePrecision, boolean, primaryKey, uniqueIndex, index } from 'drizzle-orm/pg-core';
import { legalEntities } from '../organisation/schema.ts';
import { customers } from '../customers/schema.ts';

/**
 * A measure head office can show on the customer card: built in (RFM, churn probability, CLV, next best
 * action…), defined in SQL by head office, or pulled from an external provider.
 */
export const measureDefinitions = pgTable('measure_definitions', {
  id: uuid().primaryKey().defaultRandom(),
  legalEntityId: uuid().notNull().references(() => legalEntities.id),
  key: text().notNull(),
  name: text().notNull(),
  description: text(),
  source: text().$type<'builtin' | 'sql' | 'external'>().notNull(),
  /** How to show the value: percent, currency, number, text, date. */
  format: text().notNull().default('number'),
  sqlText: text(),
  providerId: uuid(),
  enabled: boolean().notNull().default(true),
  createdAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
}, (t) => [uniqueIndex('measure_definitions_le_key').on(t.legalEntityId, t.key)]);

/** The latest value of each measure per customer, with its drivers (why) and when it was computed (how fresh). */
export const customerMeasures = pgTable('customer_measures', {
  customerId: uuid().notNull().references(() => customers.id, { onDelete: 'cascade' }),
  measureKey: text().notNull(),
  legalEntityId: uuid().notNull().references(() => legalEntities.id),
  valueNumber: doublePrecision(),
  valueText: text(),
  drivers: jsonb().$type<Record<string, unknown>>(),
  computedAt: timestamp({ withTimezone: true, mode: 'string' }).notNull(),
}, (t) => [primaryKey({ columns: [t.customerId, t.measureKey] }), index('customer_measures_le_key').on(t.legalEntityId, t.measureKey)]);
