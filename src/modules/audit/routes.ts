import { Type } from '@sinclair/typebox';
import type { App } from '../../http/types.ts';
import { Obj, Uuid, Nullable } from '../../http/schemas.ts';
import { listAudit } from './service.ts';

export default async function auditRoutes(app: App) {
  app.get('/audit', {
    config: { permission: 'audit.view' },
    schema: {
      tags: ['audit'], summary: 'Who read or changed customer data, newest first',
      querystring: Obj({
        entityType: Type.Optional(Type.String({ maxLength: 50 })), entityId: Type.Optional(Type.String({ maxLength: 100 })),
        limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }), beforeId: Type.Optional(Type.Integer({ minimum: 1 })),
      }),
      response: { 200: Type.Array(Type.Object({
        id: Type.Integer(), actorAssociateId: Nullable(Uuid), actorLabel: Nullable(Type.String()), action: Type.String(),
        entityType: Type.String(), entityId: Nullable(Type.String()), detail: Type.Unknown(), at: Type.String(),
      })) },
    },
  }, async (req) => listAudit(app.db, req.auth!.legalEntityId, req.query));
}
