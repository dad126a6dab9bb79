import type { Db } from '../../src/db/client.ts';
import { browsingEvents, customerPreferences } from '../../src/modules/customer-profile/schema.ts';
import { outreachMessages } from '../../src/modules/outreach/schema.ts';
import { clientBookMembers } from '../../src/modules/client-book/schema.ts';
import { bookOf } from '../../src/modules/client-book/books.ts';
import { buildCustomer } from './organisation.ts';
import { buildProduct } from './commerce.ts';
import { uniq, iso } from './unique.ts';

// What customers do and what associates do with them: browsing, preferences, outreach, client books.
// As in commerce.ts, a missing customer or product is created in the legal entity.

export async function buildBrowsingEvent(db: Db, legalEntityId: string,
  over: { customerId?: string; productId?: string; at?: string | Date; event?: 'view' | 'add-to-cart' | 'remove-from-cart'; externalId?: string } = {}) {
  const [e] = await db.insert(browsingEvents).values({
    legalEntityId, customerId: over.customerId ?? (await buildCustomer(db, legalEntityId)).id, productId: over.productId ?? (await buildProduct(db, legalEntityId)).id,
    externalId: over.externalId ?? `B-${uniq()}`, event: over.event ?? 'view', occurredAt: iso(over.at),
  }).returning();
  return e;
}

export async function buildPreference(db: Db, legalEntityId: string,
  over: { customerId?: string; kind?: (typeof customerPreferences.$inferInsert)['kind']; value?: string; qualifier?: string } = {}) {
  const [p] = await db.insert(customerPreferences).values({
    legalEntityId, customerId: over.customerId ?? (await buildCustomer(db, legalEntityId)).id, kind: over.kind ?? 'colour', qualifier: over.qualifier ?? '', value: over.value ?? 'Navy',
  }).returning();
  return p;
}

/** A sent e-mail from an associate to a customer (a new customer when not given). */
export async function buildOutreachMessage(db: Db, legalEntityId: string,
  over: { associateId: string; customerId?: string; sentAt?: string | Date; status?: 'sent' | 'failed' | 'queued' }) {
  const sentAt = iso(over.sentAt);
  const [m] = await db.insert(outreachMessages).values({
    legalEntityId, customerId: over.customerId ?? (await buildCustomer(db, legalEntityId)).id, associateId: over.associateId, channel: 'email', purpose: 'new-arrivals',
    toAddress: 'customer@example.test', subject: 'New arrivals', body: 'Dear customer, our new collection has arrived.', status: over.status ?? 'sent',
    idempotencyKey: `test-${uniq()}`, sentAt: over.status && over.status !== 'sent' ? null : sentAt, createdAt: sentAt,
  }).returning();
  return m;
}

/** Puts a customer in an associate's client book (as client-book's "add to my book" does), as primary owner unless said. */
export async function addToClientBook(db: Db, legalEntityId: string, associateId: string, customerId: string, over: { isPrimary?: boolean } = {}) {
  const book = await bookOf(db, legalEntityId, associateId);
  await db.insert(clientBookMembers).values({ clientBookId: book.id, customerId, legalEntityId, isPrimary: over.isPrimary ?? true }).onConflictDoNothing();
  return book;
}
