import { and, asc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { products, productStock } from './schema.ts';
import { byLegalEntityKey, insertRecords, upsertRows, type UpsertResult } from '../../db/bulk.ts';
import { query } from '../../db/client.ts';
import { columnName } from '../../db/sql.ts';

/** A product as shown to associates and customers, with what is on hand at one store (null: no store given). */
export interface ProductCard {
  id: string; sku: string; name: string; brand: string | null; category: string; priceMinor: number; imageUrl: string | null; active: boolean; onHand: number | null;
}

const card = {
  id: products.id, sku: products.sku, name: products.name, brand: products.brand, category: products.category,
  priceMinor: products.priceMinor, imageUrl: products.imageUrl, active: products.active, onHand: productStock.onHand,
};

/** Products with the stock row of one store joined (none when no store is given: onHand stays null). */
const withStock = (db: Db, storeId: string | null) => db.select(card).from(products)
  .leftJoin(productStock, and(eq(productStock.productId, products.id), storeId ? eq(productStock.storeId, storeId) : sql`false`));

/** The legal entity's products among `ids` (others are left out: the caller tells unknown ids apart). */
export async function productCards(db: Db, legalEntityId: string, ids: string[], storeId: string | null): Promise<ProductCard[]> {
  if (!ids.length) return [];
  return withStock(db, storeId).where(and(eq(products.legalEntityId, legalEntityId), inArray(products.id, ids)));
}

/** Active products matching a name, brand, category or SKU fragment. */
export async function searchProductCards(db: Db, legalEntityId: string, text: string, storeId: string | null, limit: number): Promise<ProductCard[]> {
  const like = `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
  return withStock(db, storeId)
    .where(and(eq(products.legalEntityId, legalEntityId), eq(products.active, true),
      or(ilike(products.name, like), ilike(products.brand, like), ilike(products.category, like), ilike(products.sku, like))))
    .orderBy(asc(products.name)).limit(limit);
}

type Rows<T extends { $inferInsert: object }> = Partial<Record<keyof T['$inferInsert'], unknown>>[];

/** Products upserted on (legal entity, SKU), for bulk loads (imports); the result is keyed by SKU. */
export function upsertProducts(db: Db, rows: Rows<typeof products>): Promise<UpsertResult[]> {
  return upsertRows(db, {
    table: products,
    columns: ['legalEntityId', 'sku', 'name', 'category', 'subcategory', 'brand', 'attributes', 'priceMinor', 'arrivalDate', 'active', 'imageUrl', 'careInstructions'],
    conflict: ['legalEntityId', 'sku'],
    update: ['name', 'category', 'subcategory', 'brand', 'attributes', 'priceMinor', 'arrivalDate', 'active', 'imageUrl', 'careInstructions'],
    returnKey: sql`${products.sku}`,
  }, rows);
}

/** Stock on hand upserted per (product, store), for bulk loads; the result is keyed "productId:storeId". */
export function upsertStock(db: Db, rows: Rows<typeof productStock>): Promise<UpsertResult[]> {
  return upsertRows(db, {
    table: productStock, columns: ['productId', 'storeId', 'onHand'], conflict: ['productId', 'storeId'],
    update: ['onHand'], alsoSet: sql`${columnName(productStock.updatedAt)} = now()`, returnKey: sql`${productStock.productId} || ':' || ${productStock.storeId}`,
  }, rows);
}

/** Product IDs of a legal entity by SKU (SKUs not found are left out). */
export function productIdsBySku(db: Db, legalEntityId: string, skus: readonly string[]): Promise<{ sku: string; id: string }[]> {
  return query<{ sku: string; id: string }>(db, byLegalEntityKey(products, 'sku', legalEntityId, skus, (t) => sql`${t.sku} as sku, ${t.id} as id`));
}

/** Generated products (the demo), inserted whole. */
export function insertProductRows(db: Db, rows: (typeof products.$inferInsert)[]): Promise<void> {
  return insertRecords(db, products, rows);
}

/** Generated stock on hand (the demo), inserted whole. */
export function insertStockRows(db: Db, rows: (typeof productStock.$inferInsert)[]): Promise<void> {
  return insertRecords(db, productStock, rows);
}
