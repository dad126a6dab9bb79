import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/client.ts';
import type { Config } from '../../config.ts';
import { deliverBatch } from './outbox.ts';
import { sharedRateLimits } from './outbox-rate.ts';
import { writeDueIntroductions } from './introductions.ts';

/**
 * Sends the outbox continuously: claims due messages in batches (several processes side by side, SKIP LOCKED), sends
 * up to OUTBOX_CONCURRENCY at once within the providers' rate limits (shared by every process through the database),
 * and naps when nothing is due. Tests narrow it to one legal entity and run its clock ahead (`clock`), so that it
 * sends only their messages.
 */
export function startOutboxSender(db: Db, config: Config, log: FastifyBaseLogger, opts: { idleMs?: number; legalEntityId?: string; clock?: () => Date } = {}): { stop(): Promise<void> } {
  const limits = sharedRateLimits(db, config);
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
        const { claimed } = await deliverBatch(db, config, {
          limit: config.outboxConcurrency * 4, concurrency: config.outboxConcurrency, limits, legalEntityId: opts.legalEntityId, now: opts.clock?.(),
        });
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
      limits.release();
      // The batch in hand is finished (each message ends sent, queued again or failed), not left to its lease.
      await running;
    },
  };
}
