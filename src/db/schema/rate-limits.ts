import { pgTable, text, timestamp, integer, primaryKey } from 'drizzle-orm/pg-core';

/**
 * Requests counted per limiter and client in fixed windows, shared by every server process (a count kept in each
 * process's memory would let N processes allow N times the limit). Old windows are deleted by a job.
 */
export const rateLimitHits = pgTable('rate_limit_hits', {
  bucket: text().notNull(),
  windowStart: timestamp({ withTimezone: true, mode: 'string' }).notNull(),
  hits: integer().notNull(),
  /** When the last hit was counted: back-off counts the wait from it. */
  lastHitAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.bucket, t.windowStart] })]);
