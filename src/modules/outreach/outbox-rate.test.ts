import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { appWithSmtpSink } from '../../../test/app.ts';
import { buildLegalEntity } from '../../../test/factories.ts';
import type { SmtpSink } from '../../../test/smtp-sink.ts';
import { openDatabase, type Database } from '../../db/client.ts';
import type { App } from '../../http/types.ts';
import { deliverBatch, enqueueMessage } from './outbox.ts';
import { reserveSends, sharedRateLimits } from './outbox-rate.ts';
import { startOutboxSender } from './outbox-sender.ts';
import { outreachMessages, outreachSendBuckets } from './schema.ts';
import { messageRow } from './test-helpers.ts';

let app: App;
let sink: SmtpSink;
appWithSmtpSink((started) => ({ app, sink } = started));

const HOUR = 3_600_000;

/** Transactional emails without a customer, due in an hour: only senders whose clock runs an hour ahead take them. */
async function queueEmails(le: { id: string }, n: number, domain: string) {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const { id } = await enqueueMessage(app.db, {
      legalEntityId: le.id, customerId: null, channel: 'email', to: `guest${i}@${domain}`, subject: `Receipt ${i}`, body: 'Thank you.',
      purpose: 'receipt', transactional: true, idempotencyKey: randomUUID(), sendAfter: new Date(Date.now() + HOUR - 60_000).toISOString(),
    });
    ids.push(id);
  }
  return ids;
}

describe('outbox rate limits shared by every sending process', () => {
  it('reserves in one statement: refills by time elapsed, grants what fits within the longest wait, the rest later', async () => {
    const provider = `test:${randomUUID()}`;
    const limit = { ratePerSecond: 1, burst: 1, maxWaitMs: 2_000 };
    // One token at once, and two more within two seconds at one a second: three of five.
    expect(await reserveSends(app.db, provider, limit, 5)).toEqual({ available: 1, granted: 3 });
    const next = await reserveSends(app.db, provider, limit, 1);
    expect(next.granted).toBe(0);
    expect(next.available).toBeGreaterThan(-2.1);
    expect(next.available).toBeLessThan(-1.5);
    // No limit: no bucket and no statement.
    const unlimited = sharedRateLimits(app.db, { ...app.config, smtpUrl: 'smtp://127.0.0.1:9', outboxEmailRatePerSecond: 0 });
    expect(await unlimited.take('email', randomUUID())).toEqual({ go: true });
    expect(await app.db.select().from(outreachSendBuckets).where(eq(outreachSendBuckets.provider, 'email:127.0.0.1:9'))).toHaveLength(0);
  });

  it('puts a message back in the queue, without spending an attempt, when the provider has no slot soon enough', async () => {
    const le = await buildLegalEntity(app.db);
    const [id] = await queueEmails(le, 1, 'no-slot.test');
    const now = new Date(Date.now() + HOUR);
    const full = { take: async () => ({ go: false as const, retryAfterMs: 45_000 }) };
    expect(await deliverBatch(app.db, app.config, { legalEntityId: le.id, now, limits: full })).toEqual({ claimed: 1, sent: 0 });
    const row = await messageRow(app.db, id);
    expect(row.status).toBe('queued');
    expect(row.attempts).toBe(0);
    expect(new Date(row.nextAttemptAt).getTime()).toBe(now.getTime() + 45_000);
    expect(sink.messages.filter((m) => m.to[0].endsWith('@no-slot.test'))).toHaveLength(0);
  });

  it('three senders, each with its own connection, keep together to 20 a second and send every message once', async () => {
    const RATE = 20;
    const N = 60;
    const le = await buildLegalEntity(app.db);
    const domain = `rate-${randomUUID().slice(0, 8)}.test`;
    const ids = await queueEmails(le, N, domain);
    const config = { ...app.config, outboxEmailRatePerSecond: RATE, outboxConcurrency: 4 };
    // PostgreSQL: a pool of its own per sender, as separate processes would have; PGlite has the one connection.
    const own: Database[] = [];
    if (process.env.CLIENTELING_TEST_DB === 'postgres') {
      for (let i = 0; i < 3; i++) own.push(await openDatabase({ databaseUrl: process.env.DATABASE_URL!, poolSize: 2 }));
    }
    const dbs = own.length ? own.map((d) => d.db) : [app.db, app.db, app.db];
    const sent = async () => (await app.db.select({ n: sql<number>`count(*)::int` }).from(outreachMessages)
      .where(and(eq(outreachMessages.legalEntityId, le.id), eq(outreachMessages.status, 'sent'))))[0].n;

    const senders = dbs.map((db) => startOutboxSender(db, config, app.log, { idleMs: 100, legalEntityId: le.id, clock: () => new Date(Date.now() + HOUR) }));
    const t0 = Date.now();
    while ((await sent()) < N && Date.now() - t0 < 50_000) await new Promise((r) => setTimeout(r, 200));
    await Promise.all(senders.map((s) => s.stop()));
    await Promise.all(own.map((d) => d.close()));

    expect(await sent()).toBe(N);
    const got = sink.messages.filter((m) => m.to[0].endsWith(`@${domain}`));
    expect(got.map((m) => m.messageId).sort()).toEqual(ids.map((id) => `<${id}@outreach.clienteling>`).sort());
    // A token bucket of 20 a second with bursts of one second's worth: in any stretch of time t, at most 20 + 20·t
    // sends. At the sink, give or take the time between a send's slot and its arrival (a new SMTP connection each;
    // slower for the first ones): half a second of it allowed.
    const at = got.map((m) => m.receivedAt).sort((a, b) => a - b);
    let worst = -Infinity;
    for (let i = 0; i < at.length; i++) {
      for (let j = i; j < at.length; j++) worst = Math.max(worst, j - i + 1 - (RATE + (RATE * (at[j] - at[i])) / 1000));
    }
    expect(worst).toBeLessThanOrEqual(RATE * 0.5);
    // Three senders each keeping to 20 a second by themselves would have sent all 60 in their first second.
    const seconds = (at[at.length - 1] - at[0]) / 1000;
    expect(seconds).toBeGreaterThanOrEqual((N - RATE) / RATE - 0.5);
    console.log(`3 senders at ${RATE}/s shared: ${N} messages in ${seconds.toFixed(2)} s, ${((N - RATE) / seconds).toFixed(1)}/s after the first second's burst; most over the bucket at the sink: ${worst.toFixed(1)}`);
  });
});
