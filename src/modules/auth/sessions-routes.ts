import { Type } from '@sinclair/typebox';
import type { App } from '../../http/types.ts';
import { Obj, Uuid, Ok } from '../../http/schemas.ts';
import { SessionSchema as Session } from './auth-schemas.ts';
import { audit } from '../audit/service.ts';
import { authErrors } from './errors.ts';
import { listMySessions, revokeMySession, revokeMyOtherSessions, listLegalEntitySessions, revokeLegalEntitySession } from './sessions.ts';


/** My sessions (list, end one, end all others) and, for head office (users.manage), everyone's in the legal entity. */
export function sessionRoutes(app: App) {
  app.get('/me/sessions', {
    schema: { tags: ['auth'], summary: 'My signed-in sessions in this legal entity, the current one marked', response: { 200: Type.Array(Type.Object({ ...Session.properties, current: Type.Boolean() })) } },
  }, async (req) => listMySessions(app.db, req.auth!.userId, req.auth!.legalEntityId, req.auth!.sessionId));

  app.delete('/me/sessions/:id', {
    schema: { tags: ['auth'], summary: 'End one of my sessions', params: Obj({ id: Uuid }), response: { 200: Ok } },
  }, async (req) => {
    if (!(await revokeMySession(app.db, req.auth!.userId, req.auth!.legalEntityId, req.params.id))) throw authErrors.session_not_found('Session was not found.');
    return { ok: true };
  });

  app.post('/me/sessions/revoke-others', {
    schema: { tags: ['auth'], summary: 'End all my sessions in this legal entity except this one', response: { 200: Type.Object({ revoked: Type.Integer() }) } },
  }, async (req) => ({ revoked: await revokeMyOtherSessions(app.db, req.auth!.userId, req.auth!.legalEntityId, req.auth!.sessionId) }));

  app.get('/sessions', {
    config: { permission: 'users.manage' },
    schema: {
      tags: ['auth'], summary: "Open sessions of this legal entity's associates", querystring: Obj({ associateId: Type.Optional(Uuid) }),
      response: { 200: Type.Array(Type.Object({ ...Session.properties, associateId: Uuid, associateName: Type.String() })) },
    },
  }, async (req) => listLegalEntitySessions(app.db, req.auth!.legalEntityId, req.query.associateId));

  app.delete('/sessions/:id', {
    config: { permission: 'users.manage' },
    schema: { tags: ['auth'], summary: "End an associate's session", params: Obj({ id: Uuid }), response: { 200: Ok } },
  }, async (req) => {
    if (!(await revokeLegalEntitySession(app.db, req.auth!.legalEntityId, req.params.id))) throw authErrors.session_not_found('Session was not found.');
    await audit(app.db, req.auth!, 'delete', 'session', req.params.id);
    return { ok: true };
  });
}
