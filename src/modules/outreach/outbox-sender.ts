import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/client.ts';
import type { Config } from '../../config.ts';
import { deliverBatch, type SendRateLimits } from './outbox.ts';
import { writeDueIntroductions } from './introductions.ts';

/**
 * A token bucket per provider: at most `ratePerSecond` sends a second on average, with bursts of up to one second's
 * worth. Waiters are served in turn.
 */
export class TokenBucket {
  private tokens: number;
  private last = performance.now();
  private queue: Promise<void> = Promise.resolve();
  constructor(private readonly ratePerSecond: number, private readonly burst = Math.max(1, ratePerSecond)) {
    this.tokens = this.burst;
  }

  take(): Promise<void> {
    const turn = this.queue.then(async () => {
      for (;;) {
        const now = performance.now();
        this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.ratePerSecond);
        this.last = now;
        if (this.tokens >= 1) { this.tokens -= 1; return; }
        await new Promise((r) => setTimeout(r, Math.ceil(((1 - this.tokens) / this.ratePerSecond) * 1000)));
      }
    });
    this.queue = turn;
    return turn;
  }
}

/** The rate limits of one process, a bucket per provider configuration (created when first used). */
export function rateLimits(config: Config): SendRateLimits {
  const buckets = new Map<string, TokenBucket>();
  const rate = { email: config.outboxEmailRatePerSecond, sms: config.outboxSmsRatePerSecond, whatsapp: config.outboxWhatsappRatePerSecond };
  return {
    take(channel, legalEntityId) {
      if (channel === 'mail') return Promise.resolve();
      // Email goes through the one SMTP server of the installation; SMS and WhatsApp through each legal entity's account.
      const key = channel === 'email' ? 'email' : `${channel}:${legalEntityId}`;
      let b = buckets.get(key);
      if (!b) buckets.set(key, (b = new TokenBucket(rate[channel])));
      return b.take();
    },
  };
}

/**
 * Sends the outbox continuously: claims due messages in batches (several processes side by side, SKIP LOCKED), sends
 * up to OUTBOX_CONCURRENCY at once within the providers' rate limits, and naps when nothing is due.
 */
export function startOutboxSender(db: Db, config: Config, log: FastifyBaseLogger, opts: { idleMs?: number } = {}): { stop(): Promise<void> } {
  const limits = rateLimits(config);
  const idleMs = opts.idleMs ?? 2_000;
  let stopped = false;
  let wake: (() => void) | null = null;
  const nap = (ms: number) => new Promise<void>((resolve) => {
    const t = setTimeout(() => { wake = null; resolve(); }, ms);
    wake = () => { clearTimeout(t); wake = null; resolve(); };
  });
  const running = (async () => {
    while (!stopped) {
      try {
        // Introductions a hand-over recorded but whose request did not write them (it stopped) go into the outbox first.
        const written = await writeDueIntroductions(db);
        // A batch a few times the concurrency keeps every sender busy while the claim of the next batch is made.
        const { claimed } = await deliverBatch(db, config, { limit: config.outboxConcurrency * 4, concurrency: config.outboxConcurrency, limits });
        if (claimed === 0 && written === 0) await nap(idleMs);
      } catch (err) {
        log.error({ err }, 'outbox sending failed');
        await nap(idleMs * 5);
      }
    }
  })();
  return {
    async stop() {
      stopped = true;
      wake?.();
      // The batch in hand is finished (each message ends sent, queued again or failed), not left to its lease.
      await running;
    },
  };
}
