import { getTableName, sql } from 'drizzle-orm';
import { QueryBuilder } from 'drizzle-orm/pg-core';
import { outreachMessages as m } from './schema.ts';

/** The messages table's name, for a module that checks it exists before reading sentMessages (attribution). */
export const OUTREACH_MESSAGES_TABLE = getTableName(m);

/**
 * The messages that went out, as a subquery named `name` (id, legalEntityId, customerId, associateId, channel,
 * sentAt): attribution credits a sale to the associate whose message most recently reached the customer, and store
 * performance counts them. A subquery so that it joins into those statements: PostgreSQL flattens it, so the plans
 * are those of the table itself (checked with EXPLAIN when attribution moved to it).
 */
export const sentMessages = (name: string) => new QueryBuilder({ casing: 'snake_case' }).select({
  id: m.id, legalEntityId: m.legalEntityId, customerId: m.customerId, associateId: m.associateId, channel: m.channel, sentAt: m.sentAt,
}).from(m).where(sql`${m.status} = 'sent' and ${m.sentAt} is not null`).as(name);
