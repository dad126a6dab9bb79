import { pgTable, uuid, text, timestamp, bigint, integer, uniqueIndex, index, check } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { legalEntities, stores, associates } from '../organisation/schema.ts';
import { customers } from '../customers/schema.ts';
import { products } from '../catalogue/schema.ts';

// Channels as in Commerce: the till, the web shop, the call center, and the associate's remote order-from-home.
export const ORDER_CHANNELS = ['store', 'online', 'call-center', 'remote'] as const;
export const ORDER_STATUSES = ['completed', 'processing', 'ready-for-pickup', 'shipped', 'awaiting-receipt', 'cancelled'] as const;

export const orders = pgTable('orders', {
  id: uuid().primaryKey().defaultRandom(),
  legalEntityId: uuid().notNull().references(() => legalEntities.id),
  externalId: text().notNull(),
  customerId: uuid().references(() => customers.id),
  channel: text().$type<(typeof ORDER_CHANNELS)[number]>().notNull(),
  status: text().$type<(typeof ORDER_STATUSES)[number]>().notNull(),
  storeId: uuid().references(() => stores.id),
  /** Who created the order (the associate of a remote order, or the cashier). */
  associateId: uuid().references(() => associates.id),
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
  orderId: uuid().notNull().references(() => orders.id, { onDelete: 'cascade' }),
  lineNumber: integer().notNull(),
  productId: uuid().notNull().references(() => products.id),
  quantity: integer().notNull(),
  unitPriceMinor: bigint({ mode: 'number' }).notNull(),
  discountMinor: bigint({ mode: 'number' }).notNull().default(0),
  netMinor: bigint({ mode: 'number' }).notNull(),
  /** The associate on the sale line at the till (sales attribution). */
  associateId: uuid().references(() => associates.id),
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
