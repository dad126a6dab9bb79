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
