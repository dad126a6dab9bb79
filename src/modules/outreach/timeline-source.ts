import { sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { query } from '../../db/client.ts';
import { associates } from '../organisation/schema.ts';
import { outreachMessages } from './schema.ts';
import type { TimelineSource, TimelineEvent } from '../customers/timeline.ts';
import { isMessagePurpose } from './purposes.ts';

const CHANNEL: Record<string, string> = { email: 'Email', sms: 'SMS', whatsapp: 'WhatsApp', mail: 'Letter' };
const STATUS: Record<string, string> = { queued: 'queued', sending: 'sending', sent: 'sent', failed: 'failed', suppressed: 'not sent' };

/** Every outreach message with its status, dated when sent (or when written, until then). */
const m = alias(outreachMessages, 'm');
const a = alias(associates, 'a');

export const timelineSource: TimelineSource = async (db, auth, customerId, page) => {
  const rows = await query<{
    id: string; at: string; channel: string; purpose: string; subject: string | null; body: string; status: string;
    suppressedReason: string | null; lastError: string | null; actor: string | null; storeId: string | null;
  }>(db, sql`
    select ${m.id}, coalesce(${m.sentAt}, ${m.createdAt}) as at, ${m.channel}, ${m.purpose}, ${m.subject}, ${m.body}, ${m.status},
      ${m.suppressedReason} as "suppressedReason", ${m.lastError} as "lastError", ${a.displayName} as actor, null::uuid as "storeId"
    from ${outreachMessages} as ${m} left join ${associates} as ${a} on ${a.id} = ${m.associateId}
    where ${m.customerId} = ${customerId} and ${m.legalEntityId} = ${auth.legalEntityId}
      ${page.before ? sql`and coalesce(${m.sentAt}, ${m.createdAt}) < ${page.before}::timestamptz` : sql``}
    order by coalesce(${m.sentAt}, ${m.createdAt}) desc limit ${page.limit}`);
  return rows.map((r): TimelineEvent => ({
    id: `outreach:${r.id}`, kind: 'outreach-message', occurredAt: new Date(r.at).toISOString(),
    title: `${CHANNEL[r.channel] ?? r.channel} ${STATUS[r.status] ?? r.status}: ${r.subject ?? r.purpose.replace(/-/g, ' ')}`,
    ...(r.channel in CHANNEL && r.status in STATUS
      ? (r.subject ? { titleKey: 'outreachMessage' as const, titleParams: { channel: r.channel, status: r.status, subject: r.subject } }
        : isMessagePurpose(r.purpose)
        ? { titleKey: 'outreachMessageAboutPurpose' as const, titleParams: { channel: r.channel, status: r.status, purpose: r.purpose } }
        : { titleKey: 'outreachMessageAbout' as const, titleParams: { channel: r.channel, status: r.status, purpose: r.purpose.replace(/-/g, ' ') } })
      : {}),
    detail: r.body.length > 200 ? `${r.body.slice(0, 200)}…` : r.body,
    actor: r.actor ?? 'Automatic', ...(r.actor ? {} : { actorKey: 'automatic' as const }), storeId: r.storeId,
    data: { messageId: r.id, channel: r.channel, purpose: r.purpose, status: r.status, suppressedReason: r.suppressedReason, lastError: r.lastError },
  }));
};
