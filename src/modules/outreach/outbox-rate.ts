import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Config } from '../../config.ts';
import { outreachSendBuckets as b, type OutreachChannel } from './schema.ts';

/**
 * The longest a claimed message waits for its send slot. Well inside the claim's lease (SENDING_LEASE_MS), so a
 * message is never still waiting when another process may take it over; a message with no slot that soon goes back
 * to the queue instead, without spending an attempt.
 */
export const MAX_SLOT_WAIT_MS = 30_000;

/** A provider's answer for one send: go now (after waiting for its slot), or try again later. */
export type SendSlot = { go: true } | { go: false; retryAfterMs: number };

/** Waits for a provider's turn before a send; the outbox asks it once per message (see deliverOne). */
export interface SendRateLimits {
  take(channel: OutreachChannel, legalEntityId: string): Promise<SendSlot>;
}

export interface BucketLimit { ratePerSecond: number; burst: number; maxWaitMs: number }

/**
 * Reserves up to `n` sends from a provider's bucket in one statement: refills it by the time elapsed at `ratePerSecond`
 * (up to `burst`), then takes as many of the `n` as can be sent within `maxWaitMs`, letting the tokens go below zero
 * for sends that must wait. The row is locked for that one statement only, so processes reserving side by side are
 * served in turn, each seeing the others' reservations. Returns the tokens there were before (the k-th send granted,
 * counting from 1, may go (k − available) / rate seconds from now) and how many were granted.
 */
export async function reserveSends(db: Db, provider: string, limit: BucketLimit, n: number): Promise<{ available: number; granted: number }> {
  const rate = sql`${limit.ratePerSecond}::float8`;
  const burst = sql`${limit.burst}::float8`;
  const grant = (available: SQL) => sql`least(${n}::int, greatest(0, floor(${available} + ${rate} * ${limit.maxWaitMs / 1000}::float8)))::int`;
  // The existing row as ON CONFLICT DO UPDATE sees it (locked, its latest version); clock_timestamp(), not now():
  // the statement may have waited for the lock.
  const refilled = sql`least(${burst}, ${b.tokens} + greatest(0, extract(epoch from clock_timestamp() - ${b.refilledAt}))::float8 * ${rate})`;
  const [row] = await db.insert(b)
    .values({ provider, tokens: sql`${burst} - ${grant(burst)}`, granted: grant(burst), refilledAt: sql`clock_timestamp()` })
    .onConflictDoUpdate({ target: b.provider, set: { tokens: sql`${refilled} - ${grant(refilled)}`, granted: grant(refilled), refilledAt: sql`clock_timestamp()` } })
    .returning({ tokens: b.tokens, granted: b.granted });
  return { available: row.tokens + row.granted, granted: row.granted };
}

const BACK_TO_QUEUE: SendSlot = { go: false, retryAfterMs: 0 };

/**
 * One provider's bucket as this process uses it. Sends asking at the same time are reserved together in one
 * statement (one in flight at a time), so a busy process costs the database a statement per few sends, not one each.
 */
class SharedBucket {
  private asking: { resolve(slot: SendSlot): void; reject(err: unknown): void }[] = [];
  private reserving = false;
  private released = false;
  private readonly sleeping = new Set<{ timer: NodeJS.Timeout; resolve(slot: SendSlot): void }>();

  constructor(private readonly db: Db, private readonly provider: string, private readonly limit: BucketLimit) {}

  take(): Promise<SendSlot> {
    if (this.released) return Promise.resolve(BACK_TO_QUEUE);
    return new Promise((resolve, reject) => {
      this.asking.push({ resolve, reject });
      void this.reserve();
    });
  }

  /** Sends waiting for their slot, and any asking from now on, go back to the queue (the process is stopping). */
  release() {
    this.released = true;
    for (const s of this.sleeping) { clearTimeout(s.timer); s.resolve(BACK_TO_QUEUE); }
    this.sleeping.clear();
  }

  private async reserve() {
    if (this.reserving || !this.asking.length) return;
    this.reserving = true;
    const group = this.asking.splice(0);
    try {
      const { available, granted } = await reserveSends(this.db, this.provider, this.limit, group.length);
      group.forEach((w, i) => {
        const waitMs = ((i + 1 - available) / this.limit.ratePerSecond) * 1000;
        if (i >= granted) return w.resolve({ go: false, retryAfterMs: Math.ceil(Math.max(waitMs, 1000)) });
        if (waitMs <= 0) return w.resolve({ go: true });
        const s = { timer: setTimeout(() => { this.sleeping.delete(s); w.resolve({ go: true }); }, Math.ceil(waitMs)), resolve: w.resolve };
        this.sleeping.add(s);
      });
    } catch (err) {
      for (const w of group) w.reject(err);
    } finally {
      this.reserving = false;
      void this.reserve();
    }
  }
}

/** Which bucket a send draws on: the installation's SMTP server (by host and port), or the legal entity's own account. */
export function providerKey(config: Config, channel: 'email' | 'sms' | 'whatsapp', legalEntityId: string): string {
  if (channel !== 'email') return `${channel}:${legalEntityId}`;
  let server = '';
  try {
    const u = new URL(config.smtpUrl ?? '');
    server = `${u.hostname}:${u.port}`;
  } catch { /* no SMTP server configured: the send fails anyway */ }
  return `email:${server}`;
}

/**
 * The providers' rate limits, shared with every other process through the database: OUTBOX_*_RATE_PER_SECOND is the
 * provider's limit for the whole installation, bursts up to one second's worth. A rate of 0 means no limit, and such
 * sends never touch the database.
 */
export function sharedRateLimits(db: Db, config: Config): SendRateLimits & { release(): void } {
  const buckets = new Map<string, SharedBucket>();
  const rate = { email: config.outboxEmailRatePerSecond, sms: config.outboxSmsRatePerSecond, whatsapp: config.outboxWhatsappRatePerSecond };
  const go: SendSlot = { go: true };
  return {
    take(channel, legalEntityId) {
      if (channel === 'mail' || !rate[channel]) return Promise.resolve(go);
      const key = providerKey(config, channel, legalEntityId);
      let bucket = buckets.get(key);
      if (!bucket) {
        const r = rate[channel];
        buckets.set(key, (bucket = new SharedBucket(db, key, { ratePerSecond: r, burst: Math.max(1, r), maxWaitMs: MAX_SLOT_WAIT_MS })));
      }
      return bucket.take();
    },
    release() {
      for (const bucket of buckets.values()) bucket.release();
    },
  };
}
