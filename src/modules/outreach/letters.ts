import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { query, type Db } from '../../db/client.ts';
import { columnName as col } from '../../db/sql.ts';
import { customers } from '../customers/schema.ts';
import { legalEntities } from '../organisation/schema.ts';
import { outreachMessages as om } from './schema.ts';
import { outreachErrors } from './errors.ts';
import { audit } from '../audit/service.ts';
import type { AuthContext } from '../auth/context.ts';
import { renderLettersPdf, type Letter } from './channels/mail.ts';
import { decideAndReserve } from './contact-policy.ts';
import { getOutreachSettings } from './settings.ts';
import { SENDING_LEASE_MS } from './outbox.ts';
import { setOutboundStatus } from './conversations.ts';
import { formatter, languageOf } from '../../../shared/format.ts';

interface LetterRow { id: string; customerId: string | null; transactional: boolean; to: string; subject: string | null; body: string; cleared: boolean; sentAt: string | null }

/**
 * Puts every letter waiting in the outbox into a new printable batch. Letters pass the same consent and contact-budget
 * checks as other channels (quiet hours do not apply to paper). The claim and the batch id make it safe to run twice.
 */
export async function createLetterBatch(db: Db, auth: AuthContext, now = new Date()) {
  const batchId = randomUUID();
  const m = alias(om, 'm');
  const claimed = await query<LetterRow>(db, sql`
    with due as (
      select ${om.id} from ${om}
      where ${om.legalEntityId} = ${auth.legalEntityId} and ${om.channel} = 'mail' and ${om.status} in ('queued', 'sending')
        and ${om.nextAttemptAt} <= ${now.toISOString()}::timestamptz
      order by ${om.createdAt} limit 500 for update skip locked
    )
    update ${om} as ${m} set ${col(om.status)} = 'sending', ${col(om.attempts)} = ${m.attempts} + 1, ${col(om.batchId)} = ${batchId},
      ${col(om.nextAttemptAt)} = ${new Date(now.getTime() + SENDING_LEASE_MS).toISOString()}::timestamptz
    from due where ${m.id} = due.id
    returning ${m.id}, ${m.customerId} as "customerId", ${m.transactional}, ${m.toAddress} as "to", ${m.subject}, ${m.body},
      (${m.clearedAt} is not null) as cleared, null as "sentAt"`);
  const settings = { ...(await getOutreachSettings(db, auth.legalEntityId)), quietHours: { start: '00:00', end: '00:00' } };
  let printed = 0;
  let suppressed = 0;
  for (const letter of claimed) {
    const d = await decideAndReserve(db, { ...letter, legalEntityId: auth.legalEntityId, channel: 'mail' }, settings, 'UTC', now);
    if (d.action === 'send') {
      await db.update(om).set({ status: 'sent', sentAt: now.toISOString(), providerMessageId: `batch:${batchId}` }).where(eq(om.id, letter.id));
      await setOutboundStatus(db, letter.id, 'sent');
      printed++;
    } else {
      await db.update(om).set({ status: 'suppressed', batchId: null, suppressedReason: d.action === 'suppress' ? d.reason : 'deferred' }).where(eq(om.id, letter.id));
      await setOutboundStatus(db, letter.id, 'suppressed');
      suppressed++;
    }
  }
  await audit(db, auth, 'export', 'letter-batch', batchId, { letters: printed });
  return { batchId: printed ? batchId : null, letters: printed, suppressed };
}

/** The batch's PDF, rebuilt from the messages so it can be printed again. */
export async function letterBatchPdf(db: Db, auth: AuthContext, batchId: string): Promise<Buffer> {
  const m = alias(om, 'm');
  const le = alias(legalEntities, 'le');
  const c = alias(customers, 'c');
  const rows = await query<{ to: string; subject: string | null; body: string; sentAt: string; language: string | null; leName: string; timeZone: string }>(db, sql`
    select ${m.toAddress} as "to", ${m.subject}, ${m.body}, ${m.sentAt} as "sentAt", ${c.language}, ${le.name} as "leName", ${le.timeZone} as "timeZone"
    from ${om} as ${m} join ${legalEntities} as ${le} on ${le.id} = ${m.legalEntityId} left join ${customers} as ${c} on ${c.id} = ${m.customerId}
    where ${m.legalEntityId} = ${auth.legalEntityId} and ${m.batchId} = ${batchId} and ${m.status} = 'sent'
    order by ${m.createdAt}, ${m.id}`);
  if (!rows.length) throw outreachErrors.letter_batch_not_found('Letter batch was not found.');
  const letters: Letter[] = rows.map((r) => ({
    sender: r.leName, address: r.to, subject: r.subject, body: r.body,
    // In the customer's language and its locale (British English, French of France), as the template's words are.
    date: formatter(languageOf(r.language)).custom(r.sentAt, { dateStyle: 'long', timeZone: r.timeZone }),
  }));
  return renderLettersPdf(letters);
}
