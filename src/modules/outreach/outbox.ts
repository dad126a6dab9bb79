import { and, count, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { query, type Db } from '../../db/client.ts';
import { legalEntities } from '../organisation/schema.ts';
import { columnName as col } from '../../db/sql.ts';
import type { Config } from '../../config.ts';
import { adapterFor } from './channels/adapters.ts';
import { PermanentSendError } from './channels/channel.ts';
import { decideAndReserve } from './contact-policy.ts';
import { getOutreachSettings, type OutreachSettings } from './settings.ts';
import { outreachMessages, outreachTemplates, type OutreachChannel, type ThreadStatus } from './schema.ts';
import { recordOutbound, setOutboundStatus } from './conversations.ts';
import type { SendRateLimits } from './outbox-rate.ts';

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

const om = outreachMessages;

export async function enqueueMessage(db: Db, msg: OutboundMessage): Promise<{ id: string; created: boolean }> {
  const inserted = await db.insert(om).values({
    legalEntityId: msg.legalEntityId, customerId: msg.customerId, associateId: msg.associateId ?? null, channel: msg.channel, purpose: msg.purpose,
    transactional: msg.transactional ?? false, toAddress: msg.to, subject: msg.subject, body: msg.body, html: msg.html ?? null,
    attachments: msg.attachments ?? null, idempotencyKey: msg.idempotencyKey,
    nextAttemptAt: sql`coalesce(${msg.sendAfter ?? null}::timestamptz, now())`, templateId: msg.templateId ?? null,
  }).onConflictDoNothing({ target: [om.legalEntityId, om.idempotencyKey] }).returning({ id: om.id });
  if (inserted[0]) {
    // Every message to a customer, whatever its channel or purpose, is part of their one conversation.
    if (msg.customerId) {
      await recordOutbound(db, {
        legalEntityId: msg.legalEntityId, customerId: msg.customerId, outreachMessageId: inserted[0].id, channel: msg.channel,
        associateId: msg.associateId ?? null, address: msg.to, subject: msg.subject, body: msg.body,
      });
    }
    return { id: inserted[0].id, created: true };
  }
  const existing = await db.select({ id: om.id }).from(om).where(and(eq(om.legalEntityId, msg.legalEntityId), eq(om.idempotencyKey, msg.idempotencyKey)));
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
  const m = alias(om, 'm');
  const t = alias(outreachTemplates, 't');
  const le = alias(legalEntities, 'le');
  return query<ClaimedRow>(db, sql`
    with due as (
      select ${om.id} from ${om}
      where ${om.status} in ('queued', 'sending') and ${om.nextAttemptAt} <= ${at}::timestamptz and ${om.channel} <> 'mail'
        and (${legalEntityId}::uuid is null or ${om.legalEntityId} = ${legalEntityId}::uuid)
      order by ${om.nextAttemptAt}
      limit ${limit}
      for update skip locked
    )
    update ${om} as ${m}
    set ${col(om.status)} = 'sending', ${col(om.attempts)} = ${m.attempts} + 1, ${col(om.nextAttemptAt)} = ${leaseUntil}::timestamptz
    from due
    where ${m.id} = due.id
    returning ${m.id}, ${m.legalEntityId} as "legalEntityId", ${m.customerId} as "customerId", ${m.channel}, ${m.transactional}, ${m.purpose},
      ${m.toAddress} as "to", ${m.subject}, ${m.body}, ${m.html}, ${m.attachments}, ${m.attempts}, (${m.clearedAt} is not null) as "cleared",
      (select ${t.whatsappTemplateName} from ${outreachTemplates} as ${t} where ${t.id} = ${m.templateId}) as "whatsappTemplateName",
      (select ${t.language} from ${outreachTemplates} as ${t} where ${t.id} = ${m.templateId}) as "language",
      (select ${le.timeZone} from ${legalEntities} as ${le} where ${le.id} = ${m.legalEntityId}) as "timeZone"`);
}

type MessageUpdate = Partial<Record<'status' | 'suppressedReason' | 'lastError' | 'sentAt' | 'providerMessageId' | 'attempts' | 'nextAttemptAt', unknown>>;

async function finish(db: Db, m: { id: string; attempts: number }, set: MessageUpdate) {
  // Only a message this run still holds is finished: a run that lost its lease (the attempt count moved on)
  // must not overwrite the new holder's result.
  const done = await db.update(om).set(set as never).where(and(eq(om.id, m.id), eq(om.status, 'sending'), eq(om.attempts, m.attempts))).returning({ id: om.id });
  if (done.length) await setOutboundStatus(db, m.id, set.status as ThreadStatus, set.providerMessageId as string | undefined);
}

/** Sends due messages; safe to run from several processes at once. Returns how many were sent. */
export async function deliverDueMessages(db: Db, config: Config, opts: { limit?: number; now?: Date; legalEntityId?: string } = {}): Promise<number> {
  return (await deliverBatch(db, config, opts)).sent;
}

/**
 * Claims one batch of due messages and sends it, `concurrency` at a time, each after its provider's rate limit lets
 * it (outbox-rate.ts, shared by every process). Each message is sent at most once per claim, and a claim's result is
 * kept only while it still holds the message (see finish), so however many processes and senders run, a message goes
 * out once.
 */
export async function deliverBatch(db: Db, config: Config, opts: { limit?: number; now?: Date; legalEntityId?: string; concurrency?: number; limits?: SendRateLimits } = {}): Promise<{ claimed: number; sent: number }> {
  const claimed = await claimDue(db, opts.now ?? new Date(), opts.limit ?? 50, opts.legalEntityId ?? null);
  const settingsByLe = new Map<string, Promise<OutreachSettings>>();
  const settingsOf = (le: string) => {
    let s = settingsByLe.get(le);
    if (!s) settingsByLe.set(le, (s = getOutreachSettings(db, le)));
    return s;
  };
  let sent = 0;
  let next = 0;
  const sender = async () => {
    while (next < claimed.length) {
      const m = claimed[next++];
      if (await deliverOne(db, config, m, await settingsOf(m.legalEntityId), opts.now, opts.limits)) sent++;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.concurrency ?? 1, claimed.length)) }, sender));
  return { claimed: claimed.length, sent };
}

async function deliverOne(db: Db, config: Config, m: ClaimedRow, settings: OutreachSettings, at: Date | undefined, limits: SendRateLimits | undefined): Promise<boolean> {
  const now = at ?? new Date();
  if (m.attempts > settings.maxAttempts) {
    await finish(db, m, { status: 'failed', lastError: sql`coalesce(${om.lastError}, 'gave up after repeated attempts')` });
    return false;
  }
  const decision = await decideAndReserve(db, { ...m, id: m.id }, settings, m.timeZone, now);
  if (decision.action === 'suppress') {
    await finish(db, m, { status: 'suppressed', suppressedReason: decision.reason });
    return false;
  }
  if (decision.action === 'defer') {
    // Waiting for quiet hours to end is not an attempt.
    await finish(db, m, { status: 'queued', attempts: sql`${om.attempts} - 1`, nextAttemptAt: decision.until.toISOString() });
    return false;
  }
  const slot = limits ? await limits.take(m.channel, m.legalEntityId) : null;
  if (slot && !slot.go) {
    // The provider has no slot for it soon enough: back to the queue, which is not an attempt.
    await finish(db, m, { status: 'queued', attempts: sql`${om.attempts} - 1`, nextAttemptAt: new Date((at ?? new Date()).getTime() + slot.retryAfterMs).toISOString() });
    return false;
  }
  try {
    const res = await adapterFor(m.channel).send({ db, config }, { ...m, attachments: m.attachments ?? null });
    await finish(db, m, { status: 'sent', sentAt: (at ?? new Date()).toISOString(), providerMessageId: res.providerMessageId, lastError: null });
    return true;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (err instanceof PermanentSendError || m.attempts >= settings.maxAttempts) {
      await finish(db, m, { status: 'failed', lastError: message });
    } else {
      const next = new Date(now.getTime() + retryDelayMs(m.attempts)).toISOString();
      await finish(db, m, { status: 'queued', lastError: message, nextAttemptAt: next });
    }
    return false;
  }
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
