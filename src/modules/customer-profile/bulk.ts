import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { upsertRows, type UpsertResult } from '../../db/bulk.ts';
import { browsingEvents, interactions, loyaltyAccounts, loyaltyLedger, wishlistItems } from './schema.ts';

// Bulk upserts of the customer 360's tables, for loads from other systems (imports): one statement per batch of rows,
// each keyed as its result says so the caller can tell inserted, updated and unchanged rows apart.

type Rows<T extends { $inferInsert: object }> = Partial<Record<keyof T['$inferInsert'], unknown>>[];

/** One loyalty membership per customer; keyed by customer ID. */
export function upsertLoyaltyAccounts(db: Db, rows: Rows<typeof loyaltyAccounts>): Promise<UpsertResult[]> {
  return upsertRows(db, {
    table: loyaltyAccounts, columns: ['customerId', 'legalEntityId', 'programme', 'tier', 'cardNumber', 'joinedAt'],
    conflict: ['customerId'], update: ['programme', 'tier', 'cardNumber', 'joinedAt'], returnKey: sql`${loyaltyAccounts.customerId}::text`,
  }, rows);
}

/** Loyalty ledger entries on (legal entity, external ID); keyed by external ID. */
export function upsertLoyaltyLedger(db: Db, rows: Rows<typeof loyaltyLedger>): Promise<UpsertResult[]> {
  return upsertRows(db, {
    table: loyaltyLedger, columns: ['legalEntityId', 'customerId', 'externalId', 'occurredAt', 'points', 'reason', 'orderId'],
    conflict: ['legalEntityId', 'externalId'], update: ['customerId', 'occurredAt', 'points', 'reason', 'orderId'], returnKey: sql`${loyaltyLedger.externalId}`,
  }, rows);
}

/** Interactions (service cases, marketing touches…) on (legal entity, external ID); keyed by external ID. */
export function upsertInteractions(db: Db, rows: Rows<typeof interactions>): Promise<UpsertResult[]> {
  return upsertRows(db, {
    table: interactions, columns: ['legalEntityId', 'customerId', 'externalId', 'kind', 'subject', 'status', 'channel',
      'campaign', 'storeId', 'associateId', 'occurredAt', 'closedAt', 'detail'],
    conflict: ['legalEntityId', 'externalId'], update: ['customerId', 'kind', 'subject', 'status', 'channel', 'campaign', 'storeId', 'associateId', 'occurredAt', 'closedAt', 'detail'],
    returnKey: sql`${interactions.externalId}`,
  }, rows);
}

/** Browsing events on (legal entity, external ID); keyed by external ID. */
export function upsertBrowsingEvents(db: Db, rows: Rows<typeof browsingEvents>): Promise<UpsertResult[]> {
  return upsertRows(db, {
    table: browsingEvents, columns: ['legalEntityId', 'customerId', 'productId', 'externalId', 'event', 'sessionId', 'occurredAt'],
    conflict: ['legalEntityId', 'externalId'], update: ['customerId', 'productId', 'event', 'sessionId', 'occurredAt'], returnKey: sql`${browsingEvents.externalId}`,
  }, rows);
}

/** Wishlist items on (customer, product, list); keyed "customerId:productId:list". */
export function upsertWishlistItems(db: Db, rows: Rows<typeof wishlistItems>): Promise<UpsertResult[]> {
  return upsertRows(db, {
    table: wishlistItems, columns: ['legalEntityId', 'customerId', 'productId', 'list', 'addedAt'],
    conflict: ['customerId', 'productId', 'list'], update: ['list'], returnKey: sql`${wishlistItems.customerId} || ':' || ${wishlistItems.productId} || ':' || ${wishlistItems.list}`,
  }, rows);
}
