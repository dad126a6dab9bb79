import { sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';

/** Records a channel consent as customer-profile would (tests only). */
export async function setConsent(db: Db, legalEntityId: string, customerId: string, channel: string, granted: boolean, source = 'store') {
  await db.execute(sql`
    insert into customer_consents (customer_id, channel, legal_entity_id, granted, source, recorded_at)
    values (${customerId}, ${channel}, ${legalEntityId}, ${granted}, ${source}, now())
    on conflict (customer_id, channel) do update set granted = excluded.granted, source = excluded.source, recorded_at = excluded.recorded_at`);
}

export async function messageRow(db: Db, id: string) {
  const rows = await query<{ status: string; attempts: number; suppressedReason: string | null; nextAttemptAt: string; lastError: string | null; sentAt: string | null; providerMessageId: string | null }>(db, sql`
    select status, attempts, suppressed_reason as "suppressedReason", next_attempt_at::text as "nextAttemptAt", last_error as "lastError",
      sent_at::text as "sentAt", provider_message_id as "providerMessageId"
    from outreach_messages where id = ${id}`);
  return rows[0];
}

/** Daytime in Paris a day ahead, so freshly enqueued messages are due and outside default quiet hours. */
export function parisNoonTomorrow(): Date {
  const d = new Date(Date.now() + 86_400_000);
  d.setUTCHours(11, 0, 0, 0);
  return d;
}

/** Puts a customer in an associate's client book (as client-book's "add to my book" does). */
export async function addToClientBook(db: Db, legalEntityId: string, associateId: string, customerId: string) {
  const { bookOf } = await import('../client-book/books.ts');
  const book = await bookOf(db, legalEntityId, associateId);
  await db.execute(sql`insert into client_book_members (client_book_id, customer_id, legal_entity_id, is_primary)
    values (${book.id}, ${customerId}, ${legalEntityId}, true) on conflict do nothing`);
}

export async function buildProduct(db: Db, legalEntityId: string, over: { name?: string; category?: string; brand?: string; arrivalDate?: string; careInstructions?: string; priceMinor?: number } = {}) {
  const sku = `SKU-${Math.random().toString(36).slice(2, 10)}`;
  const rows = await query<{ id: string }>(db, sql`insert into products (legal_entity_id, sku, name, category, brand, price_minor, arrival_date, care_instructions)
    values (${legalEntityId}, ${sku}, ${over.name ?? 'Silk scarf'}, ${over.category ?? 'Accessories'}, ${over.brand ?? 'Aurelle'}, ${over.priceMinor ?? 12000},
      ${over.arrivalDate ?? null}::date, ${over.careInstructions ?? null}) returning id`);
  return { id: rows[0].id, sku, name: over.name ?? 'Silk scarf' };
}

export async function buildOrder(db: Db, legalEntityId: string, customerId: string, productId: string, orderedAt: Date, storeId: string | null = null) {
  const rows = await query<{ id: string }>(db, sql`insert into orders (legal_entity_id, external_id, customer_id, channel, status, store_id, ordered_at, currency, total_minor)
    values (${legalEntityId}, ${`O-${Math.random().toString(36).slice(2, 10)}`}, ${customerId}, 'store', 'completed', ${storeId}, ${orderedAt.toISOString()}::timestamptz, 'EUR', 12000)
    returning id`);
  await db.execute(sql`insert into order_lines (order_id, line_number, product_id, quantity, unit_price_minor, net_minor) values (${rows[0].id}, 1, ${productId}, 1, 12000, 12000)`);
  return rows[0].id;
}

export async function browse(db: Db, legalEntityId: string, customerId: string, productId: string, at: Date, event: 'view' | 'add-to-cart' = 'view') {
  await db.execute(sql`insert into browsing_events (legal_entity_id, customer_id, product_id, external_id, event, occurred_at)
    values (${legalEntityId}, ${customerId}, ${productId}, ${`B-${Math.random().toString(36).slice(2, 12)}`}, ${event}, ${at.toISOString()}::timestamptz)`);
}
