import { pgTable, uuid, text, timestamp, bigint, integer, uniqueIndex, index, check } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { legalEntities, stores } from '../organisation/schema.ts';
import { customers } from '../customers/schema.ts';
import { products } from '../catalogue/schema.ts';
import { personalData, keep } from '../../db/personal-data.ts';
import { declareReadModels } from '../../db/read-models.ts';

// Channels as in Commerce: the till, the web shop, the call center, and the associate's remote order-from-home.
export const ORDER_CHANNELS = ['store', 'online', 'call-center', 'remote'] as const;
export const ORDER_STATUSES = ['completed', 'processing', 'ready-for-pickup', 'shipped', 'awaiting-receipt', 'cancelled'] as const;

// Orders and their lines are written thousands of rows per statement (imports). A foreign key checks each row on its
// own (a query and a row lock per row and key), which was half of PostgreSQL's work in a first load, so their
// references are not foreign keys but checked once per statement by triggers (migration 0008, which explains them):
// every distinct key is locked FOR KEY SHARE in one query, as a foreign key would lock it, and a missing one fails the
// statement with the foreign key's error, named as the constraint was. The referenced tables' triggers refuse to delete
// or re-key a referenced row (or to truncate under one), and an order's delete still takes its lines with it.

/**
 * The migration triggers behind those references (src/db/migrations/0008_order_references_per_statement.sql), named
 * here because drizzle's schema cannot declare them: whoever changes these tables or the tables they reference
 * finds what else runs. Checked against the migrations by order-references.test.ts.
 */
export const ORDER_TRIGGERS = {
  /** check_references() per statement: the orders' legal entity, customer, store and associate exist (FOR KEY SHARE). */
  checkReferences: {
    'orders': ['orders_references_inserted', 'orders_references_updated'],
    'order_lines': ['order_lines_references_inserted', 'order_lines_references_updated'],
  },
  /** refuse_if_referenced(): a referenced row is not deleted, re-keyed or truncated under orders or order lines. */
  refuseIfReferenced: {
    'orders': ['orders_referenced_by_order_lines', 'orders_truncated_under_order_lines'],
    'products': ['products_referenced_by_order_lines', 'products_truncated_under_order_lines'],
    'associates': ['associates_referenced_by_order_lines', 'associates_truncated_under_order_lines', 'associates_referenced_by_orders', 'associates_truncated_under_orders'],
    'customers': ['customers_referenced_by_orders', 'customers_truncated_under_orders'],
    'stores': ['stores_referenced_by_orders', 'stores_truncated_under_orders'],
    'legal_entities': ['legal_entities_referenced_by_orders', 'legal_entities_truncated_under_orders'],
  },
} as const;
export const orders = pgTable('orders', {
  id: uuid().primaryKey().defaultRandom(),
  /** References legal_entities (per-statement check). */
  legalEntityId: uuid().notNull(),
  externalId: text().notNull(),
  /** References customers (per-statement check). */
  customerId: uuid(),
  channel: text().$type<(typeof ORDER_CHANNELS)[number]>().notNull(),
  status: text().$type<(typeof ORDER_STATUSES)[number]>().notNull(),
  /** References stores (per-statement check). */
  storeId: uuid(),
  /** Who created the order (the associate of a remote order, or the cashier). References associates (per-statement check). */
  associateId: uuid(),
  orderedAt: timestamp({ withTimezone: true, mode: 'string' }).notNull(),
  currency: text().notNull(),
  /** Sum of the lines' net amounts, minor units. */
  totalMinor: bigint({ mode: 'number' }).notNull(),
  discountMinor: bigint({ mode: 'number' }).notNull().default(0),
  fulfilment: text().$type<'carry-out' | 'pickup' | 'ship'>().notNull().default('carry-out'),
}, (t) => [
  uniqueIndex('orders_le_external').on(t.legalEntityId, t.externalId),
  index('orders_customer_at').on(t.customerId, t.orderedAt),
  index('orders_le_at').on(t.legalEntityId, t.orderedAt),
  check('orders_channel', sql`${t.channel} in ('store', 'online', 'call-center', 'remote')`),
]);

export const orderLines = pgTable('order_lines', {
  id: uuid().primaryKey().defaultRandom(),
  /** References orders, deleted with its order (per-statement check, see orders). */
  orderId: uuid().notNull(),
  lineNumber: integer().notNull(),
  /** References products (per-statement check). */
  productId: uuid().notNull(),
  quantity: integer().notNull(),
  unitPriceMinor: bigint({ mode: 'number' }).notNull(),
  discountMinor: bigint({ mode: 'number' }).notNull().default(0),
  netMinor: bigint({ mode: 'number' }).notNull(),
  /** The associate on the sale line at the till (sales attribution). References associates (per-statement check). */
  associateId: uuid(),
}, (t) => [
  uniqueIndex('order_lines_order_line').on(t.orderId, t.lineNumber),
  index('order_lines_product').on(t.productId),
  check('order_lines_quantity', sql`${t.quantity} > 0`),
]);

export const returns = pgTable('returns', {
  id: uuid().primaryKey().defaultRandom(),
  legalEntityId: uuid().notNull().references(() => legalEntities.id),
  externalId: text().notNull(),
  orderId: uuid().references(() => orders.id),
  customerId: uuid().references(() => customers.id),
  storeId: uuid().references(() => stores.id),
  returnedAt: timestamp({ withTimezone: true, mode: 'string' }).notNull(),
  /** The refund's currency: the returned order's (a refund goes back the way it was paid), else the legal entity's. */
  currency: text().notNull(),
  refundMinor: bigint({ mode: 'number' }).notNull(),
}, (t) => [uniqueIndex('returns_le_external').on(t.legalEntityId, t.externalId), index('returns_customer_at').on(t.customerId, t.returnedAt)]);

export const returnLines = pgTable('return_lines', {
  id: uuid().primaryKey().defaultRandom(),
  returnId: uuid().notNull().references(() => returns.id, { onDelete: 'cascade' }),
  /** Position on the return; imports upsert on (return, line number). */
  lineNumber: integer().notNull().default(1),
  orderLineId: uuid().references(() => orderLines.id),
  productId: uuid().notNull().references(() => products.id),
  quantity: integer().notNull(),
  reason: text().notNull(),
  refundMinor: bigint({ mode: 'number' }).notNull(),
}, (t) => [
  uniqueIndex('return_lines_return_line').on(t.returnId, t.lineNumber),
  // Finds the returns of an order line: an import removing a line checks them, as does the foreign key on delete.
  index('return_lines_order_line').on(t.orderLineId),
]);

/**
 * The sales history is read by every module that measures or recommends (attribution, insights, recommendations, the
 * customer card and timeline, the appointment brief, outreach's prompts): they aggregate it together with their own
 * tables in one statement, which functions returning rows would turn into round trips or copies. Only this module
 * and the imports (through orders/queries.ts) write it; the triggers that run on writes are ORDER_TRIGGERS above.
 */
export const readModels = declareReadModels([
  { table: orders, reason: 'the sales history: who bought, where, when, for how much; measures, commission and recommendations are computed from it' },
  { table: orderLines, reason: 'what each sale was made of and by which associate: product affinities, commission and the purchase history read it' },
  { table: returns, reason: 'refunds net the sales history: commission, measures and the purchase history subtract them' },
  { table: returnLines, reason: 'which products came back: commission and the purchase history subtract them line by line' },
]);

const FINANCIAL = 'financial record the law requires to keep';
export const ordersPersonal = personalData(orders, {
  onErase: 'anonymise',
  columns: { externalId: keep(FINANCIAL), channel: keep(FINANCIAL), status: keep(FINANCIAL), currency: keep(FINANCIAL), fulfilment: keep(FINANCIAL) },
});
export const orderLinesPersonal = personalData(orderLines, { owner: 'orderId', parent: ordersPersonal, onErase: 'anonymise', columns: {} });
export const returnsPersonal = personalData(returns, {
  onErase: 'anonymise',
  columns: { externalId: keep(FINANCIAL), currency: keep(FINANCIAL) },
});
export const returnLinesPersonal = personalData(returnLines, {
  owner: 'returnId', parent: returnsPersonal, onErase: 'anonymise',
  columns: { reason: keep('financial record: the return reason code of the till') },
});
