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
      on conflict (bucket, window_start) do update set hits = rate_limit_hits.hits + 1
      returning hits, ceil(date_part('epoch', window_start - now()) + ${windowSeconds}::float8)::int as "secondsLeft"`);
    if (row.hits > opts.max) {
      throw new AppError('rate_limited', `Too many requests; try again in ${Math.max(1, row.secondsLeft)} seconds.`);
    }
  };
}

/** Windows older than a day are of no use to any limiter. */
export async function deleteOldRateLimitWindows(db: Db): Promise<void> {
  await db.execute(sql`delete from rate_limit_hits where window_start < now() - interval '1 day'`);
}
