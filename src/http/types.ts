import type { FastifyInstance, FastifyBaseLogger, RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Database, Db } from '../db/client.ts';
import type { Config } from '../config.ts';
import type { Metrics } from './metrics.ts';
import type { JobQueue } from '../jobs/scheduler.ts';
import type { AuthContext } from '../modules/auth/context.ts';
import type { Permission } from '../modules/auth/permissions.ts';
import type { TimelineSource } from '../modules/customers/timeline.ts';

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, TypeBoxTypeProvider>;

declare module 'fastify' {
  interface FastifyInstance {
    database: Database;
    db: Db;
    config: Config;
    /** Every capability's timeline source (src/capabilities.ts). */
    timelineSources: readonly TimelineSource[];
    /** This process's Prometheus metrics (served at /metrics when METRICS_TOKEN is set). */
    metrics: Metrics;
    /** Background jobs: queue one from any process; a working process runs them (src/jobs/scheduler.ts). */
    jobs: JobQueue;
    routeCatalog: { method: string; url: string; public: boolean; permission: string | null; hasResponseSchema: boolean }[];
  }
  interface FastifyRequest {
    auth: AuthContext | null;
    sessionToken: string | null;
  }
  interface FastifyContextConfig {
    /** Routes are authenticated unless marked public. */
    public?: boolean;
    /** The named operation the caller must be granted. */
    permission?: Permission;
  }
}
