import { sql } from 'drizzle-orm';
import { pgTable, uuid, text, integer, boolean, jsonb, doublePrecision, date, timestamp, primaryKey, uniqueIndex, index, check } from 'drizzle-orm/pg-core';
import { legalEntities } from '../organisation/schema.ts';
import { customers } from '../customers/schema.ts';
import { personalData, keep } from '../../db/personal-data.ts';

export const ATTRIBUTE_TYPES = ['text', 'number', 'date', 'boolean', 'list'] as const;
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];

export const attributeGroups = pgTable('attribute_groups', {
  id: uuid().primaryKey().defaultRandom(),
  legalEntityId: uuid().notNull().references(() => legalEntities.id),
  name: text().notNull(),
  createdAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
}, (t) => [uniqueIndex('attribute_groups_le_name').on(t.legalEntityId, t.name)]);

/** A customer attribute head office defines (text, number, date, yes/no or a list of values). */
export const customerAttributes = pgTable('customer_attributes', {
  id: uuid().primaryKey().defaultRandom(),
  legalEntityId: uuid().notNull().references(() => legalEntities.id),
  groupId: uuid().notNull().references(() => attributeGroups.id, { onDelete: 'cascade' }),
  name: text().notNull(),
  dataType: text().$type<AttributeType>().notNull(),
  /** Associates can filter the client book by it. */
  canBeRefined: boolean().notNull().default(false),
  /** 1 shows before 2 on the customer card. */
  displayOrder: integer().notNull().default(100),
  /** The allowed values of a list attribute. */
  listValues: jsonb().$type<string[]>().notNull().default([]),
  createdAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('customer_attributes_le_name').on(t.legalEntityId, t.name),
  index('customer_attributes_group').on(t.groupId, t.displayOrder),
  check('customer_attributes_type', sql`${t.dataType} in ('text', 'number', 'date', 'boolean', 'list')`),
]);

/** One typed value per customer and attribute; each type has its own column so filters use an index. */
export const customerAttributeValues = pgTable('customer_attribute_values', {
  customerId: uuid().notNull().references(() => customers.id, { onDelete: 'cascade' }),
  attributeId: uuid().notNull().references(() => customerAttributes.id, { onDelete: 'cascade' }),
  legalEntityId: uuid().notNull().references(() => legalEntities.id),
  valueText: text(),
  valueNumber: doublePrecision(),
  valueDate: date({ mode: 'string' }),
  valueBoolean: boolean(),
  updatedAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.customerId, t.attributeId] }),
  index('cav_attr_text').on(t.attributeId, t.valueText, t.customerId),
  index('cav_attr_number').on(t.attributeId, t.valueNumber, t.customerId),
  index('cav_attr_date').on(t.attributeId, t.valueDate, t.customerId),
]);

export const customerAttributeValuesPersonal = personalData(customerAttributeValues, {
  onErase: 'delete', reason: 'what head office records about the customer; nothing to keep once erased',
});
