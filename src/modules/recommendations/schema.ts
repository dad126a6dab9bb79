import { sql } from 'drizzle-orm';
import { pgTable, uuid, text, timestamp, integer, doublePrecision, primaryKey, uniqueIndex, index, check } from 'drizzle-orm/pg-core';
import { legalEntities, associates } from '../organisation/schema.ts';
import { products } from '../catalogue/schema.ts';

/**
 * Item-to-item "also bought" rules {antecedent} => {consequent}, mined per legal entity from baskets
 * (one order = one basket). A mining run replaces the legal entity's rules in one transaction.
 */
export const productAssociationRules = pgTable('product_association_rules', {
  legalEntityId: uuid().notNull().references(() => legalEntities.id),
  antecedentProductId: uuid().notNull().references(() => products.id, { onDelete: 'cascade' }),
  consequentProductId: uuid().notNull().references(() => products.id, { onDelete: 'cascade' }),
  support: doublePrecision().notNull(),
  confidence: doublePrecision().notNull(),
  lift: doublePrecision().notNull(),
  /** Baskets holding both products. */
  count: integer().notNull(),
  minedAt: timestamp({ withTimezone: true, mode: 'string' }).notNull(),
}, (t) => [
  // Serving reads "rules of the products she bought, best lift first": the primary key prefix plus lift.
  primaryKey({ columns: [t.legalEntityId, t.antecedentProductId, t.consequentProductId] }),
  index('product_rules_le_antecedent_lift').on(t.legalEntityId, t.antecedentProductId, t.lift),
]);

/** How many baskets held each product at the last mining run: the "top sellers" of a category. */
export const productPopularity = pgTable('product_popularity', {
  legalEntityId: uuid().notNull().references(() => legalEntities.id),
  productId: uuid().notNull().references(() => products.id, { onDelete: 'cascade' }),
  /** The product's category at mining time, so "top sellers of a category" is one index range. */
  category: text().notNull(),
  baskets: integer().notNull(),
  minedAt: timestamp({ withTimezone: true, mode: 'string' }).notNull(),
}, (t) => [
  primaryKey({ columns: [t.legalEntityId, t.productId] }),
  // Read backwards (best sellers first) and stopped after a few rows; product id makes the order total.
  index('product_popularity_le_category_rank').on(t.legalEntityId, t.category, t.baskets, t.productId),
]);

/** Head office's merchandising rules: a purchase in one category suggests products of another. */
export const categoryComplements = pgTable('category_complements', {
  id: uuid().primaryKey().defaultRandom(),
  legalEntityId: uuid().notNull().references(() => legalEntities.id),
  fromCategory: text().notNull(),
  toCategory: text().notNull(),
  note: text(),
  createdAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('category_complements_le_from_to').on(t.legalEntityId, t.fromCategory, t.toCategory),
  check('category_complements_distinct', sql`${t.fromCategory} <> ${t.toCategory}`),
]);

/** Mining thresholds per legal entity; a missing row means the defaults. */
export const recommendationSettings = pgTable('recommendation_settings', {
  legalEntityId: uuid().primaryKey().references(() => legalEntities.id),
  /** Absolute minimum number of baskets holding a pair (support as a count is easier to reason about). */
  minSupportCount: integer().notNull().default(3),
  minConfidence: doublePrecision().notNull().default(0.05),
  /** Only orders of the last N days are mined, so rules follow the current assortment. */
  lookbackDays: integer().notNull().default(730),
  updatedAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
}, (t) => [
  check('recommendation_settings_min_count', sql`${t.minSupportCount} >= 1`),
  check('recommendation_settings_confidence', sql`${t.minConfidence} >= 0 and ${t.minConfidence} <= 1`),
  check('recommendation_settings_lookback', sql`${t.lookbackDays} >= 1`),
]);

/** One row per mining run, so head office can see when rules were last refreshed and how many there are. */
export const recommendationMiningRuns = pgTable('recommendation_mining_runs', {
  id: uuid().primaryKey().defaultRandom(),
  legalEntityId: uuid().notNull().references(() => legalEntities.id),
  trigger: text().$type<'schedule' | 'manual' | 'demo'>().notNull(),
  triggeredBy: uuid().references(() => associates.id),
  status: text().$type<'running' | 'succeeded' | 'failed'>().notNull(),
  startedAt: timestamp({ withTimezone: true, mode: 'string' }).notNull(),
  finishedAt: timestamp({ withTimezone: true, mode: 'string' }),
  baskets: integer(),
  products: integer(),
  rules: integer(),
  durationMs: integer(),
  minSupportCount: integer(),
  minConfidence: doublePrecision(),
  error: text(),
}, (t) => [index('recommendation_mining_runs_le_started').on(t.legalEntityId, t.startedAt)]);
