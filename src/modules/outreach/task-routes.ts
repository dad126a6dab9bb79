import { Type } from '@sinclair/typebox';
import type { App } from '../../http/types.ts';
import { Obj, Uuid, Nullable } from '../../http/schemas.ts';
import { listTodayTasks, setTaskStatus, runPromptsNow } from './tasks.ts';

const TaskSchema = Type.Object({
  id: Uuid, promptType: Type.String(), title: Type.String(), detail: Nullable(Type.String()), dueOn: Type.String(), status: Type.String(),
  customerId: Uuid, customerName: Type.String(), isVip: Type.Boolean(), preferredChannel: Nullable(Type.String()),
  associateId: Nullable(Uuid), associateName: Nullable(Type.String()), storeId: Nullable(Uuid), productId: Nullable(Type.String()),
  data: Type.Record(Type.String(), Type.Unknown()),
});

export async function taskRoutes(app: App) {
  app.get('/outreach/tasks', {
    config: { permission: 'outreach.send' },
    schema: {
      tags: ['outreach'], summary: "Today's prompts: the associate's open outreach tasks",
      querystring: Obj({ scope: Type.Union([Type.Literal('mine'), Type.Literal('store')], { default: 'mine' }) }),
      response: { 200: Type.Array(TaskSchema) },
    },
  }, async (req) => listTodayTasks(app.db, req.auth!, req.query.scope));

  app.post('/outreach/tasks/:id/status', {
    config: { permission: 'outreach.send' },
    schema: {
      tags: ['outreach'], summary: 'Mark a task done, dismiss it, or reopen it', params: Obj({ id: Uuid }),
      body: Obj({ status: Type.Union([Type.Literal('done'), Type.Literal('dismissed'), Type.Literal('open')]) }),
      response: { 200: TaskSchema },
    },
  }, async (req) => setTaskStatus(app.db, req.auth!, req.params.id, req.body.status));

  app.post('/outreach/prompts/run', {
    config: { permission: 'outreach.manage' },
    schema: {
      tags: ['outreach'], summary: "Create today's prompts now (the daily job does this on its own)",
      response: { 200: Type.Object({ tasksCreated: Type.Integer(), messagesQueued: Type.Integer() }) },
    },
  }, async (req) => runPromptsNow(app.db, req.auth!.legalEntityId));
}
