import type { FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';

/** A fixed-window limiter kept in memory per process; enough for one server and for tests. */
export function createRateLimiter(opts: { max: number; windowMs: number; key?: (req: FastifyRequest) => string }) {
  const hits = new Map<string, { count: number; resetAt: number }>();
  return async function limit(req: FastifyRequest) {
    const now = Date.now();
    const key = opts.key ? opts.key(req) : req.ip;
    let entry = hits.get(key);
    if (!entry || entry.resetAt <= now) {
      entry = { count: 0, resetAt: now + opts.windowMs };
      hits.set(key, entry);
      if (hits.size > 10_000) for (const [k, v] of hits) if (v.resetAt <= now) hits.delete(k);
    }
    entry.count += 1;
    if (entry.count > opts.max) {
      throw new AppError('rate_limited', `Too many requests; try again in ${Math.ceil((entry.resetAt - now) / 1000)} seconds.`);
    }
  };
}
