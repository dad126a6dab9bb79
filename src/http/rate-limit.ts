import type { FastifyRequest } from 'fastify';
import { sql, type SQL } from 'drizzle-orm';
import { query, type Db } from '../db/client.ts';
import { AppError } from './errors.ts';
import { columnName, columnNames } from '../db/sql.ts';
import { rateLimitHits as t } from '../db/schema/rate-limits.ts';

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
      insert into ${t} (${columnNames(t.bucket, t.windowStart, t.hits)})
      values (${bucket}, to_timestamp(floor(date_part('epoch', now()) / ${windowSeconds}::float8) * ${windowSeconds}::float8), 1)
      on conflict (${columnNames(t.bucket, t.windowStart)}) do update set ${columnName(t.hits)} = ${t.hits} + 1, ${columnName(t.lastHitAt)} = now()
      returning ${t.hits} as "hits", ceil(date_part('epoch', ${t.windowStart} - now()) + ${windowSeconds}::float8)::int as "secondsLeft"`);
    if (row.hits > opts.max) {
      const retryAfter = Math.max(1, row.secondsLeft);
      throw new AppError('rate_limited', `Too many requests; try again in ${retryAfter} seconds.`, { extra: { retryAfter } });
    }
  };
}

/** Windows and back-off streaks with no hit for a day are of no use to any limiter. */
export async function deleteOldRateLimitWindows(db: Db): Promise<void> {
  await db.execute(sql`delete from ${t} where greatest(${t.windowStart}, ${t.lastHitAt}) < now() - interval '1 day'`);
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
 * attempts in a streak, the next must wait baseMs·2^(attempts−free) from the last, up to maxMs. An attempt is counted
 * as a failure when it is let in, in the same statement that checks the wait, so a burst of parallel requests gets
 * no more attempts than one at a time; a success gives it back (`refund`) or ends the streak (`clear`). Attempts
 * refused while waiting are not counted, so waiting it out always works.
 */
export function createBackoff(db: Db, opts: BackoffOptions) {
  const bucket = (key: string) => `${opts.name}:${key}`;
  const delay = (hits: SQL) => sql`make_interval(secs => least(${opts.baseMs / 1000}::float8 * power(2, greatest(${hits} - ${opts.free}, 0)), ${opts.maxMs / 1000}::float8))`;
  const stale = sql`${t.lastHitAt} < now() - make_interval(secs => ${opts.quietMs / 1000}::float8)`;
  const open = sql`(${t.hits} < ${opts.free} or now() >= ${t.lastHitAt} + ${delay(sql`${t.hits}`)})`;
  return {
    /** Lets an attempt in (counting it) and answers 0, or answers the whole seconds to wait without counting it. */
    async admit(key: string): Promise<number> {
      const [row] = await query<{ admitted: boolean; wait: number }>(db, sql`
        insert into ${t} (${columnNames(t.bucket, t.windowStart, t.hits, t.lastHitAt)}) values (${bucket(key)}, ${STREAK}::timestamptz, 1, now())
        on conflict (${columnNames(t.bucket, t.windowStart)}) do update
          set ${columnName(t.hits)} = case when ${stale} then 1 when ${open} then ${t.hits} + 1 else ${t.hits} end,
              ${columnName(t.lastHitAt)} = case when ${stale} or ${open} then now() else ${t.lastHitAt} end
        returning ${t.lastHitAt} = now() as "admitted",
          ceil(extract(epoch from ${t.lastHitAt} + ${delay(sql`${t.hits}`)} - now()))::int as "wait"`);
      return row.admitted ? 0 : Math.max(1, row.wait);
    },
    /** Gives back an attempt that turned out not to be a failure. */
    async refund(key: string): Promise<void> {
      await db.execute(sql`update ${t} set ${columnName(t.hits)} = greatest(${t.hits} - 1, 0) where ${t.bucket} = ${bucket(key)} and ${t.windowStart} = ${STREAK}::timestamptz`);
    },
    async clear(key: string): Promise<void> {
      await db.execute(sql`delete from ${t} where ${t.bucket} = ${bucket(key)} and ${t.windowStart} = ${STREAK}::timestamptz`);
    },
  };
}
