import { sql } from 'drizzle-orm';
import { pgTable, uuid, text, timestamp, date, jsonb, bigint, integer, boolean, primaryKey, uniqueIndex, index } from 'drizzle-orm/pg-core';
import { legalEntities, stores } from '../organisation/schema.ts';
import { declareReadModels } from '../../db/read-models.ts';

export const products = pgTable('products', {
  id: uuid().primaryKey().defaultRandom(),
  legalEntityId: uuid().notNull().references(() => legalEntities.id),
  /** The product number of the source system; imports upsert on it. */
  sku: text().notNull(),
  name: text().notNull(),
  category: text().notNull(),
  subcategory: text(),
  brand: text(),
  attributes: jsonb().$type<Record<string, string>>().notNull().default(sql`'{}'::jsonb`),
  /** Price in minor units of the legal entity's currency. */
  priceMinor: bigint({ mode: 'number' }).notNull(),
  arrivalDate: date({ mode: 'string' }),
  active: boolean().notNull().default(true),
  imageUrl: text(),
  careInstructions: text(),
  createdAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('products_le_sku').on(t.legalEntityId, t.sku),
  index('products_le_category').on(t.legalEntityId, t.category),
  index('products_le_arrival').on(t.legalEntityId, t.arrivalDate),
]);

export const productStock = pgTable('product_stock', {
  productId: uuid().notNull().references(() => products.id, { onDelete: 'cascade' }),
  storeId: uuid().notNull().references(() => stores.id, { onDelete: 'cascade' }),
  onHand: integer().notNull(),
  updatedAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.productId, t.storeId] }), index('stock_store').on(t.storeId)]);

/**
 * The catalogue labels and filters what every other module shows or proposes (purchase history, recommendations,
 * prompts, briefs, commission statements), joined into their own statements; only catalogue (queries.ts, imports)
 * writes it. Triggers on products, from migration 0008 and named in orders/schema.ts ORDER_TRIGGERS:
 * products_referenced_by_order_lines and products_truncated_under_order_lines refuse to delete, re-key or truncate
 * a product that order lines still refer to.
 */
export const readModels = declareReadModels([
  { table: products, reason: 'names, categories, prices and arrival dates label and select products in every module that shows or proposes them' },
  { table: productStock, reason: 'what a store has on hand: a product is proposed or shown as available only when in stock' },
]);
