import { and, eq, inArray, sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';
import { columnName as col } from '../../db/sql.ts';
import { AppError } from '../../http/errors.ts';
import type { AuthContext } from '../auth/context.ts';
import { associates } from '../organisation/schema.ts';
import { outreachErrors } from './errors.ts';
import { retryDelayMs, SENDING_LEASE_MS } from './outbox.ts';
import { outreachIntroductions as oi } from './schema.ts';
import { reachOutOptions, sendMessage } from './service.ts';
import { getTemplate } from './templates.ts';

export interface IntroductionInput {
  /** A template (its channel is used for every customer), or a text sent on each customer's preferred usable channel. */
  templateId?: string | null;
  subject?: string | null;
  body?: string;
}

/** Refuses an introduction that could not be sent to anyone (no text, unknown template) before anything changes. */
export async function checkIntroduction(db: Db, legalEntityId: string, intro: IntroductionInput) {
  if (intro.templateId) {
    await getTemplate(db, legalEntityId, intro.templateId).catch((err: unknown) => {
      if ((err as { code?: string }).code !== outreachErrors.template_not_found.code) throw err;
      throw outreachErrors.unknown_template('Template was not found.', { field: 'introduction.templateId' });
    });
  } else if (!intro.body?.trim()) {
    throw outreachErrors.message_empty('Write the introduction or choose a template.', { field: 'introduction.body' });
  }
}

/**
 * Records, in the caller's transaction (a hand-over's), an introduction from each new associate to each customer they
 * receive: rows only, nothing rendered or sent, so the transaction stays short and a rolled-back hand-over leaves none.
 * One row per new associate and customer ever (outreach_introductions_once): a retried or repeated hand-over records
 * none again. The rows wait a lease for the caller to write them after commit (writeIntroductions); the outbox sender
 * takes any left when it passes (a process that stopped in between). Answers the ids recorded now.
 */
export async function recordIntroductions(tx: Db, auth: AuthContext, received: Map<string, string[]>, intro: IntroductionInput): Promise<string[]> {
  const leaseUntil = new Date(Date.now() + SENDING_LEASE_MS).toISOString();
  const ids: string[] = [];
  for (const [senderId, customerIds] of received) {
    // Chunks keep each statement well under PostgreSQL's 65,535 parameters (a book may hold thousands).
    for (let i = 0; i < customerIds.length; i += 1000) {
      const rows = await tx.insert(oi).values(customerIds.slice(i, i + 1000).map((customerId) => ({
        legalEntityId: auth.legalEntityId, customerId, senderId, requestedById: auth.associateId,
        templateId: intro.templateId ?? null, subject: intro.subject ?? null, body: intro.body?.trim() ? intro.body : null, nextAttemptAt: leaseUntil,
      }))).onConflictDoNothing({ target: [oi.legalEntityId, oi.senderId, oi.customerId] }).returning({ id: oi.id });
      ids.push(...rows.map((r) => r.id));
    }
  }
  return ids;
}

interface Claimed {
  id: string; legalEntityId: string; customerId: string; senderId: string; requestedById: string;
  templateId: string | null; subject: string | null; body: string | null; attempts: number;
}

/** Takes pending introductions for a run (the given ones whatever their lease, else those whose lease passed). */
async function claim(db: Db, opts: { ids?: string[]; limit: number }): Promise<Claimed[]> {
  const now = new Date();
  const leaseUntil = new Date(now.getTime() + SENDING_LEASE_MS).toISOString();
  const which = opts.ids ? sql`${oi.id} = any(${sql.param(opts.ids)}::uuid[])` : sql`${oi.nextAttemptAt} <= ${now.toISOString()}::timestamptz`;
  return query<Claimed>(db, sql`
    with due as (
      select ${oi.id} from ${oi} where ${oi.status} = 'pending' and ${which}
      order by ${oi.nextAttemptAt} limit ${opts.limit}
      for update skip locked
    )
    update ${oi} set ${col(oi.attempts)} = ${oi.attempts} + 1, ${col(oi.nextAttemptAt)} = ${leaseUntil}::timestamptz
    from due where ${oi.id} = due.id
    returning ${oi.id}, ${oi.legalEntityId} as "legalEntityId", ${oi.customerId} as "customerId", ${oi.senderId} as "senderId",
      ${oi.requestedById} as "requestedById", ${oi.templateId} as "templateId", ${oi.subject}, ${oi.body}, ${oi.attempts}`);
}

/**
 * Who sends: the associate who handed the book over, as when they asked (the audit log names them; the message is
 * from the new associate). A run after the request has no session, so it acts with no permissions of its own.
 */
async function actingFor(db: Db, legalEntityId: string, associateId: string): Promise<AuthContext> {
  const [a] = await db.select({ name: associates.displayName, userId: associates.userId }).from(associates)
    .where(and(eq(associates.id, associateId), eq(associates.legalEntityId, legalEntityId)));
  return { userId: a?.userId ?? '', associateId, associateName: a?.name ?? '', legalEntityId, storeId: null, permissions: new Set(), via: 'session' };
}

/**
 * Writes claimed introductions into the outbox through the normal send path: the customer's consent, contact budget,
 * quiet hours and WhatsApp rules apply as for any message the associate writes. The outbox message's key is made of
 * the new associate and the customer, so a run repeated after a crash queues nothing twice. A customer who cannot be
 * reached is kept with the reason, in plain words; a fault (database, bug) leaves the row for a later run.
 */
async function write(db: Db, rows: Claimed[]) {
  let queued = 0;
  const notSent: { customerId: string; reason: string }[] = [];
  const auths = new Map<string, Promise<AuthContext>>();
  for (const r of rows) {
    const key = `${r.legalEntityId}:${r.requestedById}`;
    if (!auths.has(key)) auths.set(key, actingFor(db, r.legalEntityId, r.requestedById));
    const auth = await auths.get(key)!;
    const done = (set: { status: 'queued' | 'not-sent'; reason?: string; messageId?: string }) =>
      db.update(oi).set({ ...set, doneAt: sql`now()` }).where(and(eq(oi.id, r.id), eq(oi.status, 'pending')));
    try {
      const template = r.templateId ? await getTemplate(db, r.legalEntityId, r.templateId) : null;
      const channel = template?.channel ?? (await reachOutOptions(db, auth, r.customerId)).defaultChannel;
      if (!channel) {
        const reason = 'The customer has agreed to no channel we can use (or the card has no address for it).';
        await done({ status: 'not-sent', reason });
        notSent.push({ customerId: r.customerId, reason });
        continue;
      }
      const m = await sendMessage(db, auth, {
        customerId: r.customerId, channel, templateId: template?.id ?? null, subject: r.subject ?? undefined, body: r.body ?? undefined,
        idempotencyKey: `intro-${r.senderId}-${r.customerId}`,
      }, { sender: r.senderId });
      await done({ status: 'queued', messageId: m.id });
      queued++;
    } catch (err) {
      // A refusal of this introduction (no consent, no address, weekly limit; a template or customer gone since) is a
      // reason; anything else (database, bug) is a fault, and the row waits for a later run.
      if (err instanceof AppError) {
        await done({ status: 'not-sent', reason: err.message });
        notSent.push({ customerId: r.customerId, reason: err.message });
        continue;
      }
      await db.update(oi).set({ nextAttemptAt: new Date(Date.now() + retryDelayMs(r.attempts)).toISOString() }).where(eq(oi.id, r.id));
      throw err;
    }
  }
  return { queued, notSent };
}

/** Writes these introductions now (a hand-over's, right after its commit); answers how many were queued and who was not reached. */
export async function writeIntroductions(db: Db, ids: string[]) {
  let queued = 0;
  const notSent: { customerId: string; reason: string }[] = [];
  for (let i = 0; i < ids.length; i += 200) {
    const r = await write(db, await claim(db, { ids: ids.slice(i, i + 200), limit: 200 }));
    queued += r.queued;
    notSent.push(...r.notSent);
  }
  return { queued, notSent };
}

/** Writes introductions a request recorded but did not write (its process stopped); the outbox sender calls it. Answers how many it took. */
export async function writeDueIntroductions(db: Db, limit = 50): Promise<number> {
  const rows = await claim(db, { limit });
  if (rows.length) await write(db, rows);
  return rows.length;
}

/** What became of the introductions of these customers from these associates (for tests and support). */
export async function introductionsOf(db: Db, legalEntityId: string, customerIds: string[]) {
  return db.select({ customerId: oi.customerId, senderId: oi.senderId, status: oi.status, reason: oi.reason, messageId: oi.messageId }).from(oi)
    .where(and(eq(oi.legalEntityId, legalEntityId), inArray(oi.customerId, customerIds)));
}
