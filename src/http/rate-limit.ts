import type { FastifyRequest } from 'fastify';
import { sql } from 'drizzle-orm';
import { query, type Db } from '../db/client.ts';
import { AppError } from './errors.ts';

/**
 * A fixed-window limiter counted in the database (table rate_limit_hits), so every server process shares one count
 * per client: sign-in guessing or a flood of public bookings is limited however many processes serve it. The window
 * follows the database's clock, the same for all processes. `name` keeps the limiters' counts apart.
 */
export function createRateLimiter(db: Db, opts: { name: string; max: number; windowMs: number; key?: (req: FastifyRequest) => string }) {
  const windowSeconds = opts.windowMs / 1000;
  return async function limit(req: FastifyRequest) {
    const bucket = `${opts.name}:${opts.key ? opts.key(req) : req.ip}`;
    const [row] = await query<{ hits: number; secondsLeft: number }>(db, sql`
      insert into rate_limit_hits (bucket, window_start, hits)
      values (${bucket}, to_timestamp(floor(date_part('epoch', now()) / ${windowSeconds}::float8) * ${windowSeconds}::float8), 1)
      on conflict (bucket, window_start) do update set hits = rate_limit_hits.hits + 1, last_hit_at = now()
      returning hits, ceil(date_part('epoch', window_start - now()) + ${windowSeconds}::float8)::int as "secondsLeft"`);
    if (row.hits > opts.max) {
      const retryAfter = Math.max(1, row.secondsLeft);
      throw new AppError('rate_limited', `Too many requests; try again in ${retryAfter} seconds.`, { extra: { retryAfter } });
    }
  };
}

/** Windows and back-off streaks with no hit for a day are of no use to any limiter. */
export async function deleteOldRateLimitWindows(db: Db): Promise<void> {
  await db.execute(sql`delete from rate_limit_hits where greatest(window_start, last_hit_at) < now() - interval '1 day'`);
}

// A back-off streak is one row per bucket; its window_start is this fixed value rather than a window.
const STREAK = '1970-01-01T00:00:00Z';

export interface BackoffOptions {
  name: string;
  /** Failures allowed before any wait. */
  free: number;
  /** The first wait; each further failure doubles it, up to maxMs. */
  baseMs: number;
  maxMs: number;
  /** A streak ends (the count starts again) after this long without a failure; longer than maxMs. */
  quietMs: number;
}

/**
 * Exponential back-off on failures, counted per key in rate_limit_hits (shared by every server process): after `free`
 * failures in a streak, the next attempt must wait baseMs·2^(failures−free) from the last failure, up to maxMs.
 * Attempts refused while waiting are not counted, so waiting it out always works.
 */
export function createBackoff(db: Db, opts: BackoffOptions) {
  const bucket = (key: string) => `${opts.name}:${key}`;
  return {
    /** Whole seconds to wait before the next attempt for this key; 0 when it may go ahead. */
    async secondsToWait(key: string): Promise<number> {
      const [row] = await query<{ hits: number; msSince: number }>(db, sql`
        select hits, (extract(epoch from now() - last_hit_at) * 1000)::float8 as "msSince"
        from rate_limit_hits where bucket = ${bucket(key)} and window_start = ${STREAK}::timestamptz`);
      if (!row || row.msSince >= opts.quietMs || row.hits < opts.free) return 0;
      const wait = Math.min(opts.baseMs * 2 ** (row.hits - opts.free), opts.maxMs) - row.msSince;
      return wait > 0 ? Math.ceil(wait / 1000) : 0;
    },
    /** Counts a failure; returns the failures in the streak so far. */
    async failed(key: string): Promise<number> {
      const [row] = await query<{ hits: number }>(db, sql`
        insert into rate_limit_hits (bucket, window_start, hits, last_hit_at) values (${bucket(key)}, ${STREAK}::timestamptz, 1, now())
        on conflict (bucket, window_start) do update
          set hits = case when rate_limit_hits.last_hit_at < now() - make_interval(secs => ${opts.quietMs / 1000}::float8) then 1 else rate_limit_hits.hits + 1 end,
              last_hit_at = now()
        returning hits`);
      return row.hits;
    },
    async clear(key: string): Promise<void> {
      await db.execute(sql`delete from rate_limit_hits where bucket = ${bucket(key)} and window_start = ${STREAK}::timestamptz`);
    },
  };
}
