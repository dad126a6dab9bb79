import { Type } from '@sinclair/typebox';
import type { App } from '../../http/types.ts';
import { Obj, Uuid } from '../../http/schemas.ts';
import { PromptRunSchema, TaskSchema } from './outreach-schemas.ts';
import { listTodayTasks, setTaskStatus, runPromptsNow } from './tasks.ts';


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
      response: { 200: PromptRunSchema },
    },
  }, async (req) => runPromptsNow(app.db, req.auth!.legalEntityId));
}
