import { Type } from '@sinclair/typebox';
import type { App } from '../../http/types.ts';
import { Obj, Uuid, Ok } from '../../http/schemas.ts';
import {
  AssociateActiveChangeSchema, AssociateActiveChangedSchema, AssociateDetailsSchema, AssociateSchema, InvitedSchema, PermissionSchema, RoleSchema, StoreSchema,
} from './organisation-schemas.ts';
import { PERMISSIONS } from '../auth/permissions.ts';
import { audit } from '../audit/service.ts';
import { changeAssociateActive, setRolePermissions } from './service.ts';
import { inviteAssociate, resendInvitation, cancelInvitation } from '../auth/invitations.ts';
import { listStores, listAssociates, listRoles } from './queries.ts';

const inviterOf = (auth: { legalEntityId: string; associateId: string; associateName: string }) =>
  ({ legalEntityId: auth.legalEntityId, associateId: auth.associateId, associateName: auth.associateName });

export default async function organisationRoutes(app: App) {
  app.get('/stores', { schema: { tags: ['organisation'], summary: 'Stores of the legal entity', response: { 200: Type.Array(StoreSchema) } } },
    async (req) => listStores(app.db, req.auth!.legalEntityId));

  app.get('/associates', {
    schema: {
      tags: ['organisation'], summary: 'Associates of the legal entity, optionally of one store',
      querystring: Obj({ storeId: Type.Optional(Uuid) }), response: { 200: Type.Array(AssociateSchema) },
    },
  }, async (req) => listAssociates(app.db, req.auth!.legalEntityId, req.query.storeId));

  app.post('/associates', {
    config: { permission: 'users.manage' },
    schema: {
      tags: ['organisation'],
      summary: 'Invite an associate: a pending associate, and an email with a link to accept',
      description: 'The answer is the same whether or not the address already has an account (here or in another legal entity). '
        + 'The invitee accepts from the link, choosing a password for a new account or with their existing one; only then is the associate active.',
      body: AssociateDetailsSchema,
      response: { 201: InvitedSchema },
    },
  }, async (req, reply) => {
    const invited = await inviteAssociate(app.db, app.config, inviterOf(req.auth!), req.body);
    await audit(app.db, req.auth!, 'create', 'associate', invited.id, { invitation: 'sent' });
    return reply.status(201).send(invited);
  });

  app.post('/associates/:id/invitation', {
    config: { permission: 'users.manage' },
    schema: { tags: ['organisation'], summary: 'Send a pending associate a new invitation link (the old one stops working)', params: Obj({ id: Uuid }), response: { 200: InvitedSchema } },
  }, async (req) => {
    const invited = await resendInvitation(app.db, app.config, inviterOf(req.auth!), req.params.id);
    await audit(app.db, req.auth!, 'update', 'associate', req.params.id, { invitation: 'resent' });
    return invited;
  });

  app.delete('/associates/:id/invitation', {
    config: { permission: 'users.manage' },
    schema: { tags: ['organisation'], summary: 'Cancel an invitation not yet accepted; the pending associate is removed', params: Obj({ id: Uuid }), response: { 200: Ok } },
  }, async (req) => {
    await cancelInvitation(app.db, req.auth!.legalEntityId, req.params.id);
    await audit(app.db, req.auth!, 'delete', 'associate', req.params.id, { invitation: 'cancelled' });
    return { ok: true };
  });

  app.put('/associates/:id/active', {
    config: { permission: 'users.manage' },
    schema: {
      tags: ['organisation'], summary: 'Activate or deactivate an associate (e.g. when they leave)',
      description: 'Deactivating an active associate hands over their client book by the hand-over rule (GET /hand-over-rule), as directory '
        + 'deactivation does: to the successor, or it stays in the store client book; either way the store manager gets a hand-over task. '
        + 'successorAssociateId chooses the successor for this deactivation, when the rule is "successor". Reactivating does not undo a hand-over.',
      params: Obj({ id: Uuid }), body: AssociateActiveChangeSchema, response: { 200: AssociateActiveChangedSchema },
    },
  }, async (req) => changeAssociateActive(app.db, req.auth!, req.params.id, req.body));

  app.get('/roles', { config: { permission: 'users.manage' }, schema: { tags: ['organisation'], summary: 'Roles and their permissions', response: { 200: Type.Array(RoleSchema) } } },
    async (req) => listRoles(app.db, req.auth!.legalEntityId));

  app.put('/roles/:id/permissions', {
    config: { permission: 'users.manage' },
    schema: { tags: ['organisation'], summary: 'Set the operations a role grants', params: Obj({ id: Uuid }), body: Obj({ permissions: Type.Array(Type.String(), { maxItems: 100 }) }), response: { 200: Ok } },
  }, async (req) => {
    await setRolePermissions(app.db, req.auth!.legalEntityId, req.params.id, req.body.permissions);
    await audit(app.db, req.auth!, 'update', 'role', req.params.id, { permissions: req.body.permissions });
    return { ok: true };
  });

  app.get('/permissions', { schema: { tags: ['organisation'], summary: 'All named operations', response: { 200: Type.Array(PermissionSchema) } } },
    async () => Object.entries(PERMISSIONS).map(([name, label]) => ({ name, label })));
}
