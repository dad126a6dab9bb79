import { and, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { query, type Db } from '../../db/client.ts';
import type { AuthContext } from '../auth/context.ts';
import { customers } from '../customers/schema.ts';
import { clientBookMembers, clientBooks } from '../client-book/schema.ts';
import { addressBookMembers, associates, stores } from '../organisation/schema.ts';
import { conversationMessages as cm, conversations as cv, type OutreachChannel, type ThreadStatus } from './schema.ts';
import { outreachErrors } from './errors.ts';
import type { ConversationSummary, ThreadMessage } from './outreach-schemas.ts';

export type { ConversationSummary, ThreadMessage };

/** WhatsApp lets a business write free-form text for 24 hours after the customer's last message. */
export const WHATSAPP_WINDOW_MS = 24 * 3_600_000;

/** The customer's client book owner (primary membership) and home store: where the conversation is routed. */
async function routeOf(db: Db, legalEntityId: string, customerId: string) {
  const c = alias(customers, 'c');
  const cbm = alias(clientBookMembers, 'cbm');
  const cb = alias(clientBooks, 'cb');
  const [r] = await query<{ associateId: string | null; storeId: string | null }>(db, sql`
    select (select ${cb.associateId} from ${clientBookMembers} as ${cbm} join ${clientBooks} as ${cb} on ${cb.id} = ${cbm.clientBookId}
            where ${cbm.customerId} = ${c.id} and ${cbm.isPrimary} limit 1) as "associateId",
      ${c.homeStoreId} as "storeId"
    from ${customers} as ${c} where ${c.id} = ${customerId} and ${c.legalEntityId} = ${legalEntityId}`);
  return r ?? { associateId: null, storeId: null };
}

/** The customer's one conversation, created (and routed) on first use. */
export async function ensureConversation(db: Db, legalEntityId: string, customerId: string): Promise<string> {
  const [existing] = await db.select({ id: cv.id }).from(cv).where(and(eq(cv.legalEntityId, legalEntityId), eq(cv.customerId, customerId)));
  if (existing) return existing.id;
  const route = await routeOf(db, legalEntityId, customerId);
  await db.insert(cv).values({ legalEntityId, customerId, ...route }).onConflictDoNothing({ target: [cv.legalEntityId, cv.customerId] });
  const [row] = await db.select({ id: cv.id }).from(cv).where(and(eq(cv.legalEntityId, legalEntityId), eq(cv.customerId, customerId)));
  return row.id;
}

export interface OutboundEntry {
  legalEntityId: string; customerId: string; outreachMessageId: string; channel: OutreachChannel; associateId: string | null;
  address: string; subject: string | null; body: string;
}

/** An outbox message in the customer's thread (every channel, every purpose). */
export async function recordOutbound(db: Db, e: OutboundEntry): Promise<void> {
  const conversationId = await ensureConversation(db, e.legalEntityId, e.customerId);
  await db.insert(cm).values({ ...e, conversationId, direction: 'outbound', status: 'queued' }).onConflictDoNothing({ target: cm.outreachMessageId });
  await db.update(cv).set({ lastMessageAt: sql`now()` }).where(eq(cv.id, conversationId));
}

// Statuses only move forward: a late "sent" callback after "delivered" does not undo it.
const RANK: Record<ThreadStatus, number> = { received: 0, queued: 0, sending: 1, suppressed: 2, sent: 2, failed: 3, delivered: 4, read: 5 };
const rankOf = (column: typeof cm.status) => sql`case ${column} ${sql.join(Object.entries(RANK).map(([s, n]) => sql`when ${s} then ${n}`), sql` `)} else 0 end`;

/** The outbox's result for a message (queued again, sent, failed, suppressed), with the provider's id once sent. */
export async function setOutboundStatus(db: Db, outreachMessageId: string, status: ThreadStatus, providerMessageId?: string | null): Promise<void> {
  await db.update(cm).set({ status, statusAt: sql`now()`, ...(providerMessageId ? { providerMessageId } : {}) })
    .where(and(eq(cm.outreachMessageId, outreachMessageId), sql`${rankOf(cm.status)} <= ${RANK[status]}`));
}

/** A delivery status from the provider (Twilio MessageStatus, WhatsApp statuses[]); unknown ids are ignored. Returns rows changed. */
export async function applyProviderStatus(db: Db, legalEntityId: string, channel: OutreachChannel, providerMessageId: string, status: ThreadStatus): Promise<number> {
  const rows = await db.update(cm).set({ status, statusAt: sql`now()` })
    .where(and(eq(cm.legalEntityId, legalEntityId), eq(cm.channel, channel), eq(cm.providerMessageId, providerMessageId),
      eq(cm.direction, 'outbound'), sql`${rankOf(cm.status)} < ${RANK[status]}`))
    .returning({ id: cm.id });
  return rows.length;
}

export interface InboundEntry {
  legalEntityId: string; customerId: string; channel: OutreachChannel; providerMessageId: string; address: string;
  subject?: string | null; body: string;
}

/**
 * A customer's message into their thread: stored once per provider id (a provider delivering it twice, or a replayed
 * webhook, adds nothing), counted unread, and routed again to the current client book owner. Returns false for a duplicate.
 */
export async function recordInbound(db: Db, e: InboundEntry): Promise<boolean> {
  const conversationId = await ensureConversation(db, e.legalEntityId, e.customerId);
  const inserted = await db.insert(cm).values({ ...e, subject: e.subject ?? null, conversationId, direction: 'inbound', status: 'received', associateId: null })
    .onConflictDoNothing({ target: [cm.legalEntityId, cm.channel, cm.providerMessageId] }).returning({ id: cm.id });
  if (!inserted.length) return false;
  const route = await routeOf(db, e.legalEntityId, e.customerId);
  await db.update(cv).set({
    unreadCount: sql`${cv.unreadCount} + 1`, lastMessageAt: sql`now()`, ...route,
    lastInboundAt: sql`${cv.lastInboundAt} || jsonb_build_object(${e.channel}::text, now()::text)`,
  }).where(eq(cv.id, conversationId));
  return true;
}

/** Until when WhatsApp free-form text may be sent to the customer (null: the window is closed). */
export async function whatsappWindowUntil(db: Db, legalEntityId: string, customerId: string, now = new Date()): Promise<string | null> {
  const [row] = await db.select({ at: sql<string | null>`${cv.lastInboundAt}->>'whatsapp'` }).from(cv)
    .where(and(eq(cv.legalEntityId, legalEntityId), eq(cv.customerId, customerId)));
  if (!row?.at) return null;
  const until = new Date(new Date(row.at).getTime() + WHATSAPP_WINDOW_MS);
  return until > now ? until.toISOString() : null;
}

/** Customers of the legal entity with exactly this E.164 number (live ones), most recently in conversation first. */
export async function customersByPhone(db: Db, legalEntityId: string, e164: string): Promise<string[]> {
  const c = alias(customers, 'c');
  const k = alias(cv, 'k');
  const rows = await query<{ id: string }>(db, sql`
    select ${c.id} from ${customers} as ${c} left join ${cv} as ${k} on ${k.customerId} = ${c.id}
    where ${c.legalEntityId} = ${legalEntityId} and ${c.phone} = ${e164} and ${c.erasedAt} is null and ${c.mergedIntoId} is null
    order by ${k.lastMessageAt} desc nulls last, ${c.updatedAt} desc`);
  return rows.map((r) => r.id);
}

// ── The associate's inbox and the thread ──


function myStores(auth: AuthContext) {
  const s = alias(stores, 's');
  const abm = alias(addressBookMembers, 'abm');
  return sql`(select ${s.id} from ${stores} as ${s} join ${addressBookMembers} as ${abm} on ${abm.addressBookId} = ${s.addressBookId}
    where ${abm.associateId} = ${auth.associateId} and ${s.legalEntityId} = ${auth.legalEntityId})`;
}

const k = alias(cv, 'k');
const c = alias(customers, 'c');
const a = alias(associates, 'a');

/** 'mine': conversations routed to me; 'queue': those of my stores routed to nobody (customers without a client book). */
export async function listConversations(db: Db, auth: AuthContext, scope: 'mine' | 'queue', limit = 100): Promise<ConversationSummary[]> {
  const who = scope === 'mine' ? sql`${k.associateId} = ${auth.associateId}` : sql`${k.associateId} is null and ${k.storeId} in ${myStores(auth)}`;
  const last = alias(cm, 'last');
  return query<ConversationSummary>(db, sql`
    select ${k.id}, ${k.customerId} as "customerId", ${c.firstName} || ' ' || ${c.lastName} as "customerName", ${k.associateId} as "associateId",
      ${a.displayName} as "associateName", ${k.storeId} as "storeId", ${k.unreadCount} as "unreadCount", ${k.lastMessageAt}::text as "lastMessageAt",
      l.direction as "lastDirection", l.channel as "lastChannel", l.body as "lastBody"
    from ${cv} as ${k} join ${customers} as ${c} on ${c.id} = ${k.customerId} left join ${associates} as ${a} on ${a.id} = ${k.associateId}
      left join lateral (select ${last.direction} as direction, ${last.channel} as channel, left(${last.body}, 140) as body
        from ${cm} as ${last} where ${last.conversationId} = ${k.id} order by ${last.createdAt} desc limit 1) l on true
    where ${k.legalEntityId} = ${auth.legalEntityId} and ${c.erasedAt} is null and ${who}
    order by ${k.unreadCount} > 0 desc, ${k.lastMessageAt} desc
    limit ${limit}`);
}

export async function unreadCounts(db: Db, auth: AuthContext): Promise<{ mine: number; queue: number }> {
  const [r] = await query<{ mine: number; queue: number }>(db, sql`
    select coalesce(sum(${cv.unreadCount}) filter (where ${cv.associateId} = ${auth.associateId}), 0)::int as mine,
      coalesce(sum(${cv.unreadCount}) filter (where ${cv.associateId} is null and ${cv.storeId} in ${myStores(auth)}), 0)::int as queue
    from ${cv} where ${cv.legalEntityId} = ${auth.legalEntityId}`);
  return r;
}


/** The customer's thread, oldest first (the last `limit` messages). */
export async function getThread(db: Db, legalEntityId: string, customerId: string, limit = 200) {
  const [conv] = await query<{ id: string; associateId: string | null; associateName: string | null; storeId: string | null; unreadCount: number }>(db, sql`
    select ${k.id}, ${k.associateId} as "associateId", ${a.displayName} as "associateName", ${k.storeId} as "storeId", ${k.unreadCount} as "unreadCount"
    from ${cv} as ${k} left join ${associates} as ${a} on ${a.id} = ${k.associateId}
    where ${k.legalEntityId} = ${legalEntityId} and ${k.customerId} = ${customerId}`);
  if (!conv) return { conversation: null, messages: [] as ThreadMessage[] };
  const m = alias(cm, 'm');
  const messages = await query<ThreadMessage>(db, sql`
    select * from (
      select ${m.id}, ${m.direction}, ${m.channel}, ${m.outreachMessageId} as "outreachMessageId", ${a.displayName} as "associateName", ${m.address}, ${m.subject}, ${m.body}, ${m.status},
        ${m.statusAt}::text as "statusAt", ${m.createdAt}::text as "createdAt"
      from ${cm} as ${m} left join ${associates} as ${a} on ${a.id} = ${m.associateId}
      where ${m.conversationId} = ${conv.id} order by ${m.createdAt} desc, ${m.id} desc limit ${limit}
    ) recent order by "createdAt", id`);
  return { conversation: conv, messages };
}

/** Opening the thread reads it. */
export async function markRead(db: Db, legalEntityId: string, conversationId: string): Promise<void> {
  const rows = await db.update(cv).set({ unreadCount: 0 }).where(and(eq(cv.id, conversationId), eq(cv.legalEntityId, legalEntityId))).returning({ id: cv.id });
  if (!rows.length) throw outreachErrors.conversation_not_found('Conversation was not found.');
}
