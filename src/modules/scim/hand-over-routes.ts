// The hand-over side of provisioning in the API: the legal entity's rule (head office), what deactivating an associate
// would do with their book, and the store manager's hand-over tasks. The SCIM endpoints themselves are in scim-routes.ts (mounted at /scim/v2).
import { Type, type Static } from '@sinclair/typebox';
import type { App } from '../../http/types.ts';
import { Obj, Uuid, Nullable } from '../../http/schemas.ts';
import { audit } from '../audit/service.ts';
import { completeHandOverTask, getHandOverRule, listHandOverTasks, previewHandOver, setHandOverRule } from './hand-over.ts';

const Rule = Type.Union([Type.Literal('store-queue'), Type.Literal('successor')]);
const HandOverRuleSchema = Type.Object({ rule: Rule, successorAssociateId: Nullable(Uuid), successorName: Nullable(Type.String()) });
const HandOverRuleInput = Obj({ rule: Rule, successorAssociateId: Type.Optional(Nullable(Uuid)) });
const Status = Type.Union([Type.Literal('open'), Type.Literal('done')]);
export const HandOverTaskSchema = Type.Object({
  id: Uuid, storeId: Nullable(Uuid), storeName: Nullable(Type.String()), leavingAssociateId: Uuid, leavingAssociateName: Type.String(),
  successorAssociateId: Nullable(Uuid), successorName: Nullable(Type.String()), destination: Rule,
  customerCount: Type.Integer(), status: Status, createdAt: Type.String(), doneAt: Nullable(Type.String()),
});
export type HandOverTask = Static<typeof HandOverTaskSchema>;
const HandOverPreviewSchema = Type.Object({
  rule: Rule, customerCount: Type.Integer(), destination: Rule, successorAssociateId: Nullable(Uuid), successorName: Nullable(Type.String()),
  canChooseSuccessor: Type.Boolean(),
});

export default async function handOverRoutes(app: App) {
  app.get('/hand-over-rule', {
    config: { permission: 'users.manage' },
    schema: { tags: ['scim'], summary: 'Where the client book of an associate the directory deactivates goes (store queue or a named successor)', response: { 200: HandOverRuleSchema } },
  }, async (req) => getHandOverRule(app.db, req.auth!.legalEntityId));

  app.put('/hand-over-rule', {
    config: { permission: 'users.manage' },
    schema: {
      tags: ['scim'], summary: 'Set the hand-over rule: store-queue (the book stays in the store client book for the store manager) or successor (moves to that associate)',
      body: HandOverRuleInput, response: { 200: HandOverRuleSchema },
    },
  }, async (req) => {
    const rule = await setHandOverRule(app.db, req.auth!.legalEntityId, req.body);
    await audit(app.db, req.auth!, 'update', 'hand_over_rule', null, { rule: rule.rule, successorAssociateId: rule.successorAssociateId });
    return rule;
  });

  app.get('/associates/:id/hand-over', {
    config: { permission: 'users.manage' },
    schema: {
      tags: ['scim'], summary: 'What deactivating this associate now would do with their client book (its size, and where it goes by the rule)',
      params: Obj({ id: Uuid }), response: { 200: HandOverPreviewSchema },
    },
  }, async (req) => previewHandOver(app.db, req.auth!.legalEntityId, req.params.id));

  app.get('/hand-over-tasks', {
    config: { permission: 'client-book.reassign' },
    schema: {
      tags: ['scim'], summary: 'Hand-overs of leaving associates\' client books: a store manager sees their stores\', head office all',
      querystring: Obj({ status: Type.Optional(Status) }), response: { 200: Type.Array(HandOverTaskSchema) },
    },
  }, async (req) => listHandOverTasks(app.db, req.auth!, req.query.status));

  app.post('/hand-over-tasks/:id/done', {
    config: { permission: 'client-book.reassign' },
    schema: { tags: ['scim'], summary: 'Close a hand-over task (the book is shared out)', params: Obj({ id: Uuid }), response: { 200: HandOverTaskSchema } },
  }, async (req) => completeHandOverTask(app.db, req.auth!, req.params.id));
}
