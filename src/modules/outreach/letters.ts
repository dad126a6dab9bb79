import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';
import { outreachErrors } from './errors.ts';
import { audit } from '../audit/service.ts';
import type { AuthContext } from '../auth/context.ts';
import { renderLettersPdf, type Letter } from './channels/mail.ts';
import { decideAndReserve } from './contact-policy.ts';
import { getOutreachSettings } from './settings.ts';
import { SENDING_LEASE_MS } from './outbox.ts';

interface LetterRow { id: string; customerId: string | null; transactional: boolean; to: string; subject: string | null; body: string; cleared: boolean; sentAt: string | null }

/**
 * Puts every letter waiting in the outbox into a new printable batch. Letters pass the same consent and contact-budget
 * checks as other channels (quiet hours do not apply to paper). The claim and the batch id make it safe to run twice.
 */
export async function createLetterBatch(db: Db, auth: AuthContext, now = new Date()) {
  const batchId = randomUUID();
  const claimed = await query<LetterRow>(db, sql`
    with due as (
      select id from outreach_messages
      where legal_entity_id = ${auth.legalEntityId} and channel = 'mail' and status in ('queued', 'sending') and next_attempt_at <= ${now.toISOString()}::timestamptz
      order by created_at limit 500 for update skip locked
    )
    update outreach_messages m set status = 'sending', attempts = m.attempts + 1, batch_id = ${batchId},
      next_attempt_at = ${new Date(now.getTime() + SENDING_LEASE_MS).toISOString()}::timestamptz
    from due where m.id = due.id
    returning m.id, m.customer_id as "customerId", m.transactional, m.to_address as "to", m.subject, m.body, (m.cleared_at is not null) as cleared, null as "sentAt"`);
  const settings = { ...(await getOutreachSettings(db, auth.legalEntityId)), quietHours: { start: '00:00', end: '00:00' } };
  let printed = 0;
  let suppressed = 0;
  for (const m of claimed) {
    const d = await decideAndReserve(db, { ...m, legalEntityId: auth.legalEntityId, channel: 'mail' }, settings, 'UTC', now);
    if (d.action === 'send') {
      await db.execute(sql`update outreach_messages set status = 'sent', sent_at = ${now.toISOString()}::timestamptz, provider_message_id = ${`batch:${batchId}`} where id = ${m.id}`);
      printed++;
    } else {
      await db.execute(sql`update outreach_messages set status = 'suppressed', batch_id = null, suppressed_reason = ${d.action === 'suppress' ? d.reason : 'deferred'} where id = ${m.id}`);
      suppressed++;
    }
  }
  await audit(db, auth, 'export', 'letter-batch', batchId, { letters: printed });
  return { batchId: printed ? batchId : null, letters: printed, suppressed };
}

/** The batch's PDF, rebuilt from the messages so it can be printed again. */
export async function letterBatchPdf(db: Db, auth: AuthContext, batchId: string): Promise<Buffer> {
  const rows = await query<{ to: string; subject: string | null; body: string; sentAt: string; language: string | null; leName: string; timeZone: string }>(db, sql`
    select m.to_address as "to", m.subject, m.body, m.sent_at as "sentAt", c.language, le.name as "leName", le.time_zone as "timeZone"
    from outreach_messages m join legal_entities le on le.id = m.legal_entity_id left join customers c on c.id = m.customer_id
    where m.legal_entity_id = ${auth.legalEntityId} and m.batch_id = ${batchId} and m.status = 'sent'
    order by m.created_at, m.id`);
  if (!rows.length) throw outreachErrors.letter_batch_not_found('Letter batch was not found.');
  const letters: Letter[] = rows.map((r) => ({
    sender: r.leName, address: r.to, subject: r.subject, body: r.body,
    date: new Intl.DateTimeFormat(r.language ?? 'en', { dateStyle: 'long', timeZone: r.timeZone }).format(new Date(r.sentAt)),
  }));
  return renderLettersPdf(letters);
}
