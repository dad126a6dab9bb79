import crypto from 'node:crypto';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../db/client.ts';
import { outboxDepth } from '../modules/outreach/outbox.ts';
import { sendProblem } from './problem.ts';

/**
 * The Prometheus metrics of one server process, in a registry of its own (tests build several apps in one process):
 * request latency by route pattern, scheduled job runs, the outbox depth and the database pool. The outbox depth
 * and pool are read when scraped, so they cost nothing between scrapes.
 */
export interface Metrics {
  registry: Registry;
  requestDuration: Histogram<'method' | 'route' | 'status_class'>;
  jobRuns: Counter<'job' | 'outcome'>;
  jobDuration: Histogram<'job' | 'outcome'>;
}

export function createMetrics(database: Database): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requestDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer a request, by route pattern (not the raw path, so ids do not make new series) and status class.',
    labelNames: ['method', 'route', 'status_class'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const jobRuns = new Counter({
    name: 'clienteling_job_runs_total',
    help: 'Scheduled job runs, by job and outcome (ok or failed).',
    labelNames: ['job', 'outcome'] as const,
    registers: [registry],
  });
  const jobDuration = new Histogram({
    name: 'clienteling_job_duration_seconds',
    help: 'How long a scheduled job run took, by job and outcome.',
    labelNames: ['job', 'outcome'] as const,
    buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600],
    registers: [registry],
  });
  new Gauge({
    name: 'clienteling_outbox_messages',
    help: 'Outreach messages waiting to be sent (queued, sending) or given up on (failed), by status and channel.',
    labelNames: ['status', 'channel'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      // Email reads 0 rather than vanishing when empty, so an alert on it keeps a series to look at.
      for (const status of ['queued', 'sending', 'failed']) this.set({ status, channel: 'email' }, 0);
      for (const row of await outboxDepth(database.db)) this.set({ status: row.status, channel: row.channel }, row.messages);
    },
  });
  const pool = database.pool;
  if (pool) {
    const poolGauge = (name: string, help: string, read: () => number) =>
      new Gauge({ name, help, registers: [registry], collect() { this.set(read()); } });
    poolGauge('clienteling_db_pool_connections', 'PostgreSQL connections the pool holds (busy and idle).', () => pool.totalCount);
    poolGauge('clienteling_db_pool_idle', 'PostgreSQL connections idle in the pool.', () => pool.idleCount);
    poolGauge('clienteling_db_pool_waiting', 'Queries waiting for a free PostgreSQL connection.', () => pool.waitingCount);
  }
  return { registry, requestDuration, jobRuns, jobDuration };
}

/** Compares digests, equal in length whatever the token, so the time taken tells nothing of how much matched. */
function sameToken(given: string, expected: string): boolean {
  const digest = (s: string) => crypto.createHash('sha256').update(s).digest();
  return crypto.timingSafeEqual(digest(given), digest(expected));
}

/** GET /metrics for a scraper holding METRICS_TOKEN as a bearer token. */
export function metricsHandler(metrics: Metrics, token: string) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const header = req.headers.authorization ?? '';
    const given = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    if (!given || !sameToken(given, token)) {
      reply.header('www-authenticate', 'Bearer');
      return sendProblem(reply, { status: 401, code: 'unauthenticated', detail: 'Send the metrics token as a bearer token.' });
    }
    const body = await metrics.registry.metrics();
    return reply.type(metrics.registry.contentType).send(body);
  };
}
