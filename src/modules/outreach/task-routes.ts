import { Type } from '@sinclair/typebox';
import type { App } from '../../http/types.ts';
import { Obj, Uuid } from '../../http/schemas.ts';
import { PromptRunSchema, TaskSchema } from './outreach-schemas.ts';
import { listTodayTasks, setTaskStatus, runPromptsNow } from './tasks.ts';
import { PROMPT_TYPES } from './schema.ts';


const InboxItemSchema = Type.Composite([TaskSchema, Type.Object({
  appointmentToday: Type.Boolean({ description: 'The customer has an appointment today' }),
  replyWaiting: Type.Boolean({ description: 'The customer wrote and nobody has opened the conversation since' }),
})]);

export async function taskRoutes(app: App) {
  app.get('/outreach/tasks', {
    config: { permission: 'outreach.send' },
    schema: {
      tags: ['outreach'], summary: "Today's prompts: the associate's open outreach tasks",
      description: 'A page of open tasks ranked by what matters: customers with an appointment today, then replies waiting, then save-the-sale, '
        + 'then birthdays and anniversaries. By default the caller\'s own customers (whose=mine); counts per whose and per kind come with each page.',
      querystring: Obj({
        scope: Type.Union([Type.Literal('mine'), Type.Literal('store')], { default: 'mine' }),
        whose: Type.Union([Type.Literal('mine'), Type.Literal('unassigned'), Type.Literal('all')], { default: 'mine' }),
        kind: Type.Optional(Type.Union(PROMPT_TYPES.map((p) => Type.Literal(p)))),
        limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
        offset: Type.Integer({ minimum: 0, maximum: 100000, default: 0 }),
      }),
      response: {
        200: Type.Object({
          items: Type.Array(InboxItemSchema), total: Type.Integer(),
          whose: Type.Object({ mine: Type.Integer(), unassigned: Type.Integer(), all: Type.Integer() }),
          kinds: Type.Array(Type.Object({ promptType: Type.String(), count: Type.Integer() })),
        }),
      },
    },
  }, async (req) => listTodayTasks(app.db, req.auth!, req.query));

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
