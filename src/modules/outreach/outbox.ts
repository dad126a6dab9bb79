import { count, inArray, sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';
import type { Config } from '../../config.ts';
import { adapterFor } from './channels/adapters.ts';
import { PermanentSendError } from './channels/channel.ts';
import { decideAndReserve } from './contact-policy.ts';
import { getOutreachSettings, type OutreachSettings } from './settings.ts';
import { outreachMessages, type OutreachChannel } from './schema.ts';

export interface OutboundMessage {
  legalEntityId: string; customerId: string | null; associateId?: string | null;
  channel: 'email' | 'sms' | 'whatsapp' | 'mail';
  to: string; subject: string | null; body: string; html?: string;
  attachments?: { filename: string; content: string; contentType: string }[];
  /** e.g. 'appointment-confirmation', 'birthday', 'save-the-sale' */
  purpose: string;
  /** Transactional messages (booking confirmations) skip marketing consent and the contact budget, not opt-outs of the channel itself. */
  transactional?: boolean;
  /** Same key → same message; enqueueing twice creates one message. */
  idempotencyKey: string;
  sendAfter?: string; // ISO time
  templateId?: string | null;
}

/** How long a claimed message may stay 'sending' before another run takes it over (same id, so no duplicate downstream). */
export const SENDING_LEASE_MS = 5 * 60_000;

/** Exponential back-off: 30 s, 1 min, 2 min … capped at 6 h. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 6 * 3_600_000);
}

export async function enqueueMessage(db: Db, msg: OutboundMessage): Promise<{ id: string; created: boolean }> {
  const inserted = await query<{ id: string }>(db, sql`
    insert into outreach_messages (legal_entity_id, customer_id, associate_id, channel, purpose, transactional, to_address, subject, body, html,
      attachments, idempotency_key, next_attempt_at, template_id)
    values (${msg.legalEntityId}, ${msg.customerId}, ${msg.associateId ?? null}, ${msg.channel}, ${msg.purpose}, ${msg.transactional ?? false},
      ${msg.to}, ${msg.subject}, ${msg.body}, ${msg.html ?? null},
      ${msg.attachments ? JSON.stringify(msg.attachments) : null}::jsonb, ${msg.idempotencyKey},
      coalesce(${msg.sendAfter ?? null}::timestamptz, now()), ${msg.templateId ?? null})
    on conflict (legal_entity_id, idempotency_key) do nothing
    returning id`);
  if (inserted[0]) return { id: inserted[0].id, created: true };
  const existing = await query<{ id: string }>(db, sql`
    select id from outreach_messages where legal_entity_id = ${msg.legalEntityId} and idempotency_key = ${msg.idempotencyKey}`);
  return { id: existing[0].id, created: false };
}

interface ClaimedRow {
  id: string; legalEntityId: string; customerId: string | null; channel: OutreachChannel; transactional: boolean; purpose: string;
  to: string; subject: string | null; body: string; html: string | null;
  attachments: { filename: string; content: string; contentType: string }[] | null;
  attempts: number; cleared: boolean; whatsappTemplateName: string | null; language: string | null; timeZone: string;
}

/**
 * Claims due messages: queued ones whose time has come and 'sending' ones whose lease ran out (a process died
 * mid-send). SKIP LOCKED lets several processes claim side by side without taking the same message.
 */
async function claimDue(db: Db, now: Date, limit: number, legalEntityId: string | null): Promise<ClaimedRow[]> {
  const at = now.toISOString();
  const leaseUntil = new Date(now.getTime() + SENDING_LEASE_MS).toISOString();
  return query<ClaimedRow>(db, sql`
    with due as (
      select id from outreach_messages
      where status in ('queued', 'sending') and next_attempt_at <= ${at}::timestamptz and channel <> 'mail'
        and (${legalEntityId}::uuid is null or legal_entity_id = ${legalEntityId}::uuid)
      order by next_attempt_at
      limit ${limit}
      for update skip locked
    )
    update outreach_messages m
    set status = 'sending', attempts = m.attempts + 1, next_attempt_at = ${leaseUntil}::timestamptz
    from due
    where m.id = due.id
    returning m.id, m.legal_entity_id as "legalEntityId", m.customer_id as "customerId", m.channel, m.transactional, m.purpose,
      m.to_address as "to", m.subject, m.body, m.html, m.attachments, m.attempts, (m.cleared_at is not null) as "cleared",
      (select t.whatsapp_template_name from outreach_templates t where t.id = m.template_id) as "whatsappTemplateName",
      (select t.language from outreach_templates t where t.id = m.template_id) as "language",
      (select le.time_zone from legal_entities le where le.id = m.legal_entity_id) as "timeZone"`);
}

async function finish(db: Db, m: { id: string; attempts: number }, set: ReturnType<typeof sql>) {
  // Only a message this run still holds is finished: a run that lost its lease (the attempt count moved on)
  // must not overwrite the new holder's result.
  await db.execute(sql`update outreach_messages set ${set} where id = ${m.id} and status = 'sending' and attempts = ${m.attempts}`);
}

/** Sends due messages; safe to run from several processes at once. Returns how many were sent. */
export async function deliverDueMessages(db: Db, config: Config, opts: { limit?: number; now?: Date; legalEntityId?: string } = {}): Promise<number> {
  const now = opts.now ?? new Date();
  const claimed = await claimDue(db, now, opts.limit ?? 50, opts.legalEntityId ?? null);
  const settingsByLe = new Map<string, OutreachSettings>();
  let sent = 0;
  for (const m of claimed) {
    let settings = settingsByLe.get(m.legalEntityId);
    if (!settings) settingsByLe.set(m.legalEntityId, (settings = await getOutreachSettings(db, m.legalEntityId)));
    if (m.attempts > settings.maxAttempts) {
      await finish(db, m, sql`status = 'failed', last_error = coalesce(last_error, 'gave up after repeated attempts')`);
      continue;
    }
    const decision = await decideAndReserve(db, { ...m, id: m.id }, settings, m.timeZone, now);
    if (decision.action === 'suppress') {
      await finish(db, m, sql`status = 'suppressed', suppressed_reason = ${decision.reason}`);
      continue;
    }
    if (decision.action === 'defer') {
      // Waiting for quiet hours to end is not an attempt.
      await finish(db, m, sql`status = 'queued', attempts = attempts - 1, next_attempt_at = ${decision.until.toISOString()}::timestamptz`);
      continue;
    }
    try {
      const res = await adapterFor(m.channel).send({ db, config }, { ...m, attachments: m.attachments ?? null });
      await finish(db, m, sql`status = 'sent', sent_at = ${now.toISOString()}::timestamptz, provider_message_id = ${res.providerMessageId}, last_error = null`);
      sent++;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (err instanceof PermanentSendError || m.attempts >= settings.maxAttempts) {
        await finish(db, m, sql`status = 'failed', last_error = ${message}`);
      } else {
        const next = new Date(now.getTime() + retryDelayMs(m.attempts)).toISOString();
        await finish(db, m, sql`status = 'queued', last_error = ${message}, next_attempt_at = ${next}::timestamptz`);
      }
    }
  }
  return sent;
}

/**
 * Messages waiting or given up on, by status and channel, across every legal entity: the outbox depth operations
 * watch (a growing queue means sending cannot keep up; failed ones need a look). Read on each metrics scrape.
 */
export async function outboxDepth(db: Db): Promise<{ status: 'queued' | 'sending' | 'failed'; channel: OutreachChannel; messages: number }[]> {
  const m = outreachMessages;
  const rows = await db.select({ status: m.status, channel: m.channel, messages: count() }).from(m)
    .where(inArray(m.status, ['queued', 'sending', 'failed'])).groupBy(m.status, m.channel);
  return rows as { status: 'queued' | 'sending' | 'failed'; channel: OutreachChannel; messages: number }[];
}
