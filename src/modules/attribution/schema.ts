import { sql } from 'drizzle-orm';
import { pgTable, uuid, text, jsonb, timestamp, date, bigint, bigserial, integer, numeric, boolean, primaryKey, uniqueIndex, index, check, unique } from 'drizzle-orm/pg-core';
import { legalEntities, stores, associates } from '../organisation/schema.ts';
import { orderLines, returnLines } from '../orders/schema.ts';
import { personalData, keep } from '../../db/personal-data.ts';

export const ATTRIBUTION_RULES = ['till', 'remote-order', 'outreach', 'sales-group'] as const;
export type AttributionRule = (typeof ATTRIBUTION_RULES)[number];

/** Head office's attribution settings per legal entity. */
export const attributionSettings = pgTable('attribution_settings', {
  legalEntityId: uuid().primaryKey().references(() => legalEntities.id),
  /** A sale counts for the associate whose outreach reached the customer at most this many days before. */
  outreachWindowDays: integer().notNull().default(14),
  lastRunAt: timestamp({ withTimezone: true, mode: 'string' }),
  updatedAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
}, (t) => [check('attribution_settings_window', sql`${t.outreachWindowDays} between 1 and 365`)]);

/**
 * The attribution ledger: who gets credit for which part of which sale line. Returns add negative entries
 * that reverse the credited share, so a period's figures are plain sums and nothing is ever rewritten.
 */
export const attributionLedger = pgTable('attribution_ledger', {
  id: uuid().primaryKey().defaultRandom(),
  legalEntityId: uuid().notNull().references(() => legalEntities.id),
  orderLineId: uuid().notNull().references(() => orderLines.id, { onDelete: 'cascade' }),
  /** Copied from the order line (which is the foreign key) so statements and reports need no extra join. */
  orderId: uuid().notNull(),
  associateId: uuid().notNull().references(() => associates.id),
  /** Where the sale was booked (commission rates by store); null for orders without a store. */
  storeId: uuid().references(() => stores.id),
  /** Copied from the order for reports; customers are anonymised on erasure, never deleted. */
  customerId: uuid(),
  /** The product category at the time of sale (commission rates by category). */
  category: text().notNull(),
  /** The associate's part of the line, 0..1; the parts of one line add up to at most 1. */
  share: numeric({ precision: 5, scale: 4 }).notNull(),
  /** Credited amount in minor units; negative for a return. */
  amountMinor: bigint({ mode: 'number' }).notNull(),
  rule: text().$type<AttributionRule>().notNull(),
  /** Why, in English (API clients, the CSV statement; the only text of entries written before explanation_key). */
  explanation: text().notNull(),
  /** The same by key for the web to word in the reader's language (attributionWhy.<key>, explanations.ts), with its parameters. */
  explanationKey: text(),
  explanationParams: jsonb().$type<Record<string, string | number>>(),
  /** The outreach message that earned an outreach attribution. */
  outreachMessageId: uuid(),
  salesGroupId: uuid(),
  /** When the sale (or return) happened. */
  attributedAt: timestamp({ withTimezone: true, mode: 'string' }).notNull(),
  /** First day of the commission month, in the legal entity's time zone. */
  period: date({ mode: 'string' }).notNull(),
  /** Set on the negative entry of a return: the return line that reversed the credit. */
  reversedBy: uuid().references(() => returnLines.id, { onDelete: 'cascade' }),
  /** The positive entry a return entry reverses. */
  reversesEntryId: uuid(),
  recordedAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
}, (t) => [
  // No sale counted twice: one credit per line, associate and rule.
  uniqueIndex('attribution_ledger_line_associate_rule').on(t.orderLineId, t.associateId, t.rule).where(sql`${t.reversedBy} is null`),
  uniqueIndex('attribution_ledger_return_entry').on(t.reversedBy, t.reversesEntryId).where(sql`${t.reversedBy} is not null`),
  // Every entry of an order line, reversed or not: a line deleted by an import cascades here, and would scan the ledger.
  index('attribution_ledger_order_line').on(t.orderLineId),
  index('attribution_ledger_associate_period').on(t.legalEntityId, t.associateId, t.period),
  index('attribution_ledger_store_at').on(t.legalEntityId, t.storeId, t.attributedAt),
  check('attribution_ledger_share', sql`${t.share} > 0 and ${t.share} <= 1`),
  check('attribution_ledger_rule', sql`${t.rule} in ('till', 'remote-order', 'outreach', 'sales-group')`),
]);

/**
 * The processed watermark: every order line and return line the engine has looked at, attributed or not,
 * so a rerun (scheduled or on demand) never credits a sale twice and late imports are still picked up.
 */
export const attributionProcessed = pgTable('attribution_processed', {
  sourceKind: text().$type<'order-line' | 'return-line'>().notNull(),
  sourceId: uuid().notNull(),
  legalEntityId: uuid().notNull().references(() => legalEntities.id),
  outcome: text().$type<'attributed' | 'unattributed'>().notNull(),
  processedAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.sourceKind, t.sourceId] }), index('attribution_processed_le').on(t.legalEntityId)]);

/**
 * The customer engaged with an outreach message after it was sent (opened a shared look, clicked one of its products):
 * the outreach window opens again from then, credited to the message's sender. Recorded through recordOutreachEngagement.
 */
export const outreachEngagements = pgTable('attribution_outreach_engagements', {
  id: bigserial({ mode: 'number' }).primaryKey(),
  legalEntityId: uuid().notNull().references(() => legalEntities.id),
  customerId: uuid().notNull(),
  outreachMessageId: uuid().notNull(),
  kind: text().notNull(),
  engagedAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
}, (t) => [index('attribution_outreach_engagements_customer').on(t.customerId, t.engagedAt)]);

/** Commission sales groups: associates who sell together and split the credit by fixed shares. */
export const salesGroups = pgTable('commission_sales_groups', {
  id: uuid().primaryKey().defaultRandom(),
  legalEntityId: uuid().notNull().references(() => legalEntities.id),
  name: text().notNull(),
  /** The group applies to sales at this store; null means any store. */
  storeId: uuid().references(() => stores.id),
  active: boolean().notNull().default(true),
  createdAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
}, (t) => [uniqueIndex('commission_sales_groups_le_name').on(t.legalEntityId, t.name)]);

export const salesGroupMembers = pgTable('commission_sales_group_members', {
  salesGroupId: uuid().notNull().references(() => salesGroups.id, { onDelete: 'cascade' }),
  associateId: uuid().notNull().references(() => associates.id),
  /** Share in basis points (10000 = 100 %); a group's shares add up to 10000. */
  shareBp: integer().notNull(),
  /** Order of members; the first receives the rounding remainder of a split. */
  position: integer().notNull(),
}, (t) => [
  primaryKey({ columns: [t.salesGroupId, t.associateId] }),
  // An associate sells in at most one group, so a split is never ambiguous.
  uniqueIndex('commission_sales_group_members_associate').on(t.associateId),
  check('commission_sales_group_members_share', sql`${t.shareBp} > 0 and ${t.shareBp} <= 10000`),
]);

/** A commission plan for a range of months; rates by store and category, most specific wins. */
export const commissionPlans = pgTable('commission_plans', {
  id: uuid().primaryKey().defaultRandom(),
  legalEntityId: uuid().notNull().references(() => legalEntities.id),
  name: text().notNull(),
  /** First month the plan applies to (first day of the month). */
  validFrom: date({ mode: 'string' }).notNull(),
  /** Last month it applies to, or open-ended. */
  validTo: date({ mode: 'string' }),
  /** Rate in basis points (300 = 3 %) when no store or category rate matches. */
  defaultRateBp: integer().notNull(),
  createdAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
}, (t) => [
  index('commission_plans_le_from').on(t.legalEntityId, t.validFrom),
  check('commission_plans_rate', sql`${t.defaultRateBp} between 0 and 10000`),
  check('commission_plans_range', sql`${t.validTo} is null or ${t.validTo} >= ${t.validFrom}`),
]);

export const commissionRates = pgTable('commission_rates', {
  id: uuid().primaryKey().defaultRandom(),
  planId: uuid().notNull().references(() => commissionPlans.id, { onDelete: 'cascade' }),
  storeId: uuid().references(() => stores.id),
  category: text(),
  rateBp: integer().notNull(),
}, (t) => [
  unique('commission_rates_plan_store_category').on(t.planId, t.storeId, t.category).nullsNotDistinct(),
  check('commission_rates_rate', sql`${t.rateBp} between 0 and 10000`),
  check('commission_rates_specific', sql`${t.storeId} is not null or ${t.category} is not null`),
]);

export const attributionLedgerPersonal = personalData(attributionLedger, {
  onErase: 'anonymise',
  columns: {
    category: keep('commission record: product category'), rule: keep('commission record'),
    explanation: keep('commission record, written by the engine: order refs, associates and amounts, never the customer'),
    explanationKey: keep('commission record: which sentence explains the credit'),
    explanationParams: keep('commission record, written by the engine: order refs, associates and amounts, never the customer'),
  },
});
export const outreachEngagementsPersonal = personalData(outreachEngagements, { onErase: 'delete', reason: 'what the customer opened; credit already given stays in the ledger' });
