import { pgTable, pgView, uuid, text, timestamp, jsonb, doublePrecision, boolean, integer, smallint, primaryKey, uniqueIndex, index } from 'drizzle-orm/pg-core';
import { legalEntities } from '../organisation/schema.ts';
import { customers } from '../customers/schema.ts';
import { personalData, keep } from '../../db/personal-data.ts';

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
  /** How to show the value: percent (0-1), currency (minor units of the legal entity's currency), number, text, date. */
  format: text().notNull().default('number'),
  sqlText: text(),
  providerId: uuid(),
  /** External measures: the field name of the value in the provider's response. */
  externalField: text(),
  enabled: boolean().notNull().default(true),
  createdAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  /** When values were last (re)computed or pulled, and why the last attempt failed, if it did. */
  lastRunAt: timestamp({ withTimezone: true, mode: 'string' }),
  lastError: text(),
  /** The same by key for the web to word (measureNote.<key>, measure-notes.ts), one per sentence; null on runs before it was kept. */
  lastErrorNotes: jsonb().$type<{ key: string; params: Record<string, string | number> }[]>(),
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

/**
 * The built-in measures of a customer as one row (#18: eight rows a customer, each with its drivers, took 70% of a
 * recompute to write): the summary of their orders the values came from, the values, and next best action. Drivers are
 * not stored: the customer card derives them from this row and the run's context (insight_runs) when it reads them.
 * A customer without orders has a row only when they have a next best action (the order columns are then null).
 */
export const customerInsights = pgTable('customer_insights', {
  customerId: uuid().primaryKey().references(() => customers.id, { onDelete: 'cascade' }),
  legalEntityId: uuid().notNull().references(() => legalEntities.id),
  computedAt: timestamp({ withTimezone: true, mode: 'string' }).notNull(),
  /** Days since 1970-01-01, local to the legal entity. */
  firstDay: integer(),
  lastDay: integer(),
  purchaseDays: integer(),
  spend: doublePrecision(),
  repeatSpend: doublePrecision(),
  /** Customers with orders strictly worse on recency, frequency, monetary (RFM's ranks over the book). */
  recencyBelow: integer(),
  frequencyBelow: integer(),
  monetaryBelow: integer(),
  /** RFM quintile scores as a three-digit number, e.g. 545, and its segment. */
  rfmScore: smallint(),
  rfmSegment: text(),
  /** Minor units, rounded. */
  expectedSpend: doublePrecision(),
  /** Null when no purchase model was fitted; NaN when the model gave none for this customer. */
  pAlive: doublePrecision(),
  expectedPurchases90d: doublePrecision('expected_purchases_90d'),
  /** Minor units, rounded. */
  clv12m: doublePrecision('clv_12m'),
  expectedPurchases12m: doublePrecision('expected_purchases_12m'),
  clvBookPercentile: doublePrecision(),
  nextBestAction: text(),
  nextBestActionScore: doublePrecision(),
  /** The top suggestion's action, channel, reasons and alternatives. */
  nextBestActionDrivers: jsonb().$type<{ action: string; channel: string; reasons: string[]; alternatives: { action: string; title: string; score: number }[] }>(),
}, (t) => [index('customer_insights_le').on(t.legalEntityId)]);

/** What a legal entity's last recompute shared by every customer (book size, day, fits …): the drivers' other half. */
export const insightRuns = pgTable('insight_runs', {
  legalEntityId: uuid().primaryKey().references(() => legalEntities.id),
  computedAt: timestamp({ withTimezone: true, mode: 'string' }).notNull(),
  context: jsonb().$type<Record<string, unknown>>().notNull(),
});

/**
 * Every measure value as a row: customer_measures (SQL and external measures) and customer_insights' built-in values
 * unpivoted (migration 0029). Built-in rows carry no drivers here (measures-service derives them per customer).
 */
export const customerMeasureValues = pgView('customer_measure_values', {
  customerId: uuid().notNull(),
  measureKey: text().notNull(),
  legalEntityId: uuid().notNull(),
  valueNumber: doublePrecision(),
  valueText: text(),
  drivers: jsonb().$type<Record<string, unknown>>(),
  computedAt: timestamp({ withTimezone: true, mode: 'string' }).notNull(),
}).existing();

/** How a legal entity's built-in measures are computed (Pareto/NBD instead of BG/NBD, days or weeks). */
export const insightSettings = pgTable('insight_settings', {
  legalEntityId: uuid().primaryKey().references(() => legalEntities.id),
  transactionModel: text().$type<'bgnbd' | 'pareto-nbd'>().notNull().default('bgnbd'),
  period: text().$type<'day' | 'week'>().notNull().default('week'),
  updatedAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});

/** The latest fitted model per legal entity, so the set-up page can show the model and how fresh it is. */
export const insightModelFits = pgTable('insight_model_fits', {
  id: uuid().primaryKey().defaultRandom(),
  legalEntityId: uuid().notNull().references(() => legalEntities.id),
  model: text().$type<'bgnbd' | 'pareto-nbd' | 'gamma-gamma'>().notNull(),
  params: jsonb().$type<Record<string, number>>().notNull(),
  logLikelihood: doublePrecision().notNull(),
  customers: integer().notNull(),
  period: text().notNull(),
  calibrationEnd: text().notNull(),
  converged: boolean().notNull(),
  durationMs: integer().notNull(),
  fittedAt: timestamp({ withTimezone: true, mode: 'string' }).notNull(),
}, (t) => [uniqueIndex('insight_model_fits_le_model').on(t.legalEntityId, t.model)]);

/** An external Customer Insights provider: OAuth2 client credentials, the secret stored encrypted. */
export const measureProviders = pgTable('measure_providers', {
  id: uuid().primaryKey().defaultRandom(),
  legalEntityId: uuid().notNull().references(() => legalEntities.id),
  name: text().notNull(),
  tokenUrl: text().notNull(),
  clientId: text().notNull(),
  /** encryptSecret(...) of the client secret; never returned by the API. */
  secretEncrypted: text().notNull(),
  secretExpiresAt: timestamp({ withTimezone: true, mode: 'string' }),
  scope: text(),
  /** GET here returns the measure values (see external-provider.ts for the contract). */
  baseUrl: text().notNull(),
  /** Which customer field the provider's ids refer to. */
  customerKey: text().$type<'accountNumber' | 'externalId' | 'id'>().notNull().default('accountNumber'),
  lastValidatedAt: timestamp({ withTimezone: true, mode: 'string' }),
  lastSyncedAt: timestamp({ withTimezone: true, mode: 'string' }),
  lastError: text(),
  createdAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
}, (t) => [uniqueIndex('measure_providers_le_name').on(t.legalEntityId, t.name)]);

export const customerMeasuresPersonal = personalData(customerMeasures, {
  onErase: 'delete', reason: 'profiling of the customer (churn, value, next best action); nothing to keep',
});
export const customerInsightsPersonal = personalData(customerInsights, {
  onErase: 'delete', reason: 'profiling of the customer (churn, value, next best action); nothing to keep',
});
