import { Type } from '@sinclair/typebox';
import { sql } from 'drizzle-orm';
import type { App } from '../../http/types.ts';
import { migrationVersion, migrationsApplied } from '../../db/client.ts';
import { healthErrors } from './errors.ts';

export default async function healthRoutes(app: App) {
  app.get('/health', {
    config: { public: true },
    schema: {
      tags: ['platform'],
      summary: 'Liveness, database kind and migration version',
      security: [],
      response: {
        200: Type.Object({
          status: Type.Literal('ok'),
          database: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')]),
          migrations: Type.Object({ applied: Type.Integer(), lastCreatedAt: Type.Union([Type.String(), Type.Null()]) }),
        }),
      },
    },
  }, async () => ({ status: 'ok' as const, database: app.database.kind, migrations: await migrationVersion(app.db) }));

  // Liveness asks only whether the process answers: a database outage must not get every process restarted.
  app.get('/health/live', {
    config: { public: true },
    schema: {
      tags: ['platform'],
      summary: 'Liveness: the process is up (does not touch the database)',
      security: [],
      response: { 200: Type.Object({ status: Type.Literal('ok') }) },
    },
  }, async () => ({ status: 'ok' as const }));

  // Readiness asks whether this process can serve: a load balancer sends it traffic only while this answers 200.
  app.get('/health/ready', {
    config: { public: true },
    schema: {
      tags: ['platform'],
      summary: 'Readiness: the database answers and every migration is applied (503 otherwise)',
      security: [],
      response: { 200: Type.Object({ status: Type.Literal('ready') }), 503: Type.Ref('Problem') },
    },
  }, async (req) => {
    try {
      await app.db.execute(sql`select 1`);
    } catch (err) {
      req.log.warn({ err }, 'readiness: database unreachable');
      throw healthErrors.database_unreachable('The database does not answer.');
    }
    if (!(await migrationsApplied(app.db))) throw healthErrors.migrations_pending('The database lacks migrations this version needs; run `clienteling migrate`.');
    return { status: 'ready' as const };
  });
}
