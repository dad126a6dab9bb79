import { pgTable, uuid, text, timestamp, integer, index, check } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { legalEntities, stores, associates } from '../organisation/schema.ts';

export const HAND_OVER_RULES = ['store-queue', 'successor'] as const;
export type HandOverRule = (typeof HAND_OVER_RULES)[number];

/**
 * A legal entity's rule for the client book of an associate the directory deactivates: it stays in the store client
 * book for the store manager to share out ('store-queue', the default when there is no row), or moves whole to a named
 * successor ('successor').
 */
export const handOverRules = pgTable('hand_over_rules', {
  legalEntityId: uuid().primaryKey().references(() => legalEntities.id),
  rule: text().$type<HandOverRule>().notNull().default('store-queue'),
  successorAssociateId: uuid().references(() => associates.id),
  updatedAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
}, (t) => [check('hand_over_rules_successor_named', sql`${t.rule} <> 'successor' or ${t.successorAssociateId} is not null`)]);

export const HAND_OVER_TASK_STATUSES = ['open', 'done'] as const;
export type HandOverTaskStatus = (typeof HAND_OVER_TASK_STATUSES)[number];

/**
 * The store manager's task when an associate leaves: their client book went to a successor or waits in the store
 * client book (store queue); the task says whose, how many customers, and is closed by the manager.
 */
export const handOverTasks = pgTable('hand_over_tasks', {
  id: uuid().primaryKey().defaultRandom(),
  legalEntityId: uuid().notNull().references(() => legalEntities.id),
  /** The leaving associate's store (their first); null when they worked at none. */
  storeId: uuid().references(() => stores.id),
  leavingAssociateId: uuid().notNull().references(() => associates.id),
  /** Who received the book; null: it waits in the store queue. */
  successorAssociateId: uuid().references(() => associates.id),
  customerCount: integer().notNull(),
  status: text().$type<HandOverTaskStatus>().notNull().default('open'),
  createdAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  doneAt: timestamp({ withTimezone: true, mode: 'string' }),
  doneBy: uuid().references(() => associates.id),
}, (t) => [index('hand_over_tasks_le_status').on(t.legalEntityId, t.status, t.createdAt)]);
