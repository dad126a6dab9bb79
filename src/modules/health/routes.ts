import { Type } from '@sinclair/typebox';
import type { App } from '../../http/types.ts';
import { migrationVersion } from '../../db/client.ts';

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
}
