import { Type } from '@sinclair/typebox';
import type { App } from '../../http/types.ts';
import { Obj, Uuid, Nullable, Ok } from '../../http/schemas.ts';
import { OUTREACH_CHANNELS, PROMPT_TYPES } from './schema.ts';
import { listTemplates, createTemplate, updateTemplate, deleteTemplate, getTemplate } from './templates.ts';
import { reachOutOptions, previewMessage, sendMessage, listCustomerMessages } from './service.ts';
import { getOutreachSettings, saveOutreachSettings } from './settings.ts';
import { channelStatus } from './channel-status.ts';
import { taskRoutes } from './task-routes.ts';
import { providerRoutes } from './provider-routes.ts';
import { conversationRoutes } from './conversation-routes.ts';

const Channel = Type.Union(OUTREACH_CHANNELS.map((c) => Type.Literal(c)));
const Language = Type.String({ pattern: '^[a-z]{2}(-[A-Z]{2})?$' });
const Purpose = Type.String({ pattern: '^[a-z0-9-]{2,60}$', description: 'e.g. birthday, save-the-sale, personal' });

const TemplateSchema = Type.Object({
  id: Uuid, name: Type.String(), purpose: Type.String(), channel: Channel, language: Type.String(),
  subject: Nullable(Type.String()), body: Type.String(), whatsappTemplateName: Nullable(Type.String()), active: Type.Boolean(), updatedAt: Type.String(),
});
const templateFields = {
  name: Type.String({ minLength: 1, maxLength: 100 }),
  purpose: Purpose,
  channel: Channel,
  language: Language,
  subject: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  body: Type.String({ minLength: 1, maxLength: 5000 }),
  whatsappTemplateName: Type.Optional(Nullable(Type.String({ pattern: '^[a-z0-9_]{1,100}$' }))),
  active: Type.Optional(Type.Boolean()),
};

const MessageSchema = Type.Object({
  id: Uuid, customerId: Nullable(Uuid), associateId: Nullable(Uuid), associateName: Nullable(Type.String()), channel: Channel, purpose: Type.String(),
  to: Type.String(), subject: Nullable(Type.String()), body: Type.String(), status: Type.String(), suppressedReason: Nullable(Type.String()),
  attempts: Type.Integer(), lastError: Nullable(Type.String()), createdAt: Type.String(), sentAt: Nullable(Type.String()), nextAttemptAt: Type.String(),
  reason: Nullable(Type.String({ description: 'Why it was not delivered, in plain words: the suppression reason, or the provider\'s or mail server\'s refusal' })),
});

const composeFields = {
  customerId: Uuid,
  channel: Channel,
  templateId: Type.Optional(Nullable(Uuid)),
  subject: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  body: Type.Optional(Type.String({ maxLength: 5000 })),
  productId: Type.Optional(Nullable(Uuid)),
};

const PromptSettingSchema = Obj({
  mode: Type.Union([Type.Literal('task'), Type.Literal('automatic'), Type.Literal('off')]),
  days: Type.Integer({ minimum: 0, maximum: 365 }),
  templateName: Nullable(Type.String({ maxLength: 100 })),
});
const HhMm = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' });
const SettingsSchema = Obj({
  quietHours: Obj({ start: HhMm, end: HhMm }),
  frequencyCapPerWeek: Type.Integer({ minimum: 0, maximum: 50 }),
  maxAttempts: Type.Integer({ minimum: 1, maximum: 20 }),
  prompts: Obj(Object.fromEntries(PROMPT_TYPES.map((p) => [p, PromptSettingSchema]))),
});

export default async function outreachRoutes(app: App) {
  app.get('/outreach/templates', {
    config: { permission: 'outreach.send' },
    schema: {
      tags: ['outreach'], summary: 'Message templates, by purpose, channel and language',
      querystring: Obj({ purpose: Type.Optional(Purpose), channel: Type.Optional(Channel), language: Type.Optional(Language), activeOnly: Type.Boolean({ default: false }) }),
      response: { 200: Type.Array(TemplateSchema) },
    },
  }, async (req) => listTemplates(app.db, req.auth!.legalEntityId, req.query));

  app.get('/outreach/templates/:id', {
    config: { permission: 'outreach.send' },
    schema: { tags: ['outreach'], summary: 'One template', params: Obj({ id: Uuid }), response: { 200: TemplateSchema } },
  }, async (req) => getTemplate(app.db, req.auth!.legalEntityId, req.params.id));

  app.post('/outreach/templates', {
    config: { permission: 'outreach.manage' },
    schema: { tags: ['outreach'], summary: 'Create a template', body: Obj(templateFields), response: { 201: TemplateSchema } },
  }, async (req, reply) => reply.status(201).send(await createTemplate(app.db, req.auth!.legalEntityId, req.body)));

  app.patch('/outreach/templates/:id', {
    config: { permission: 'outreach.manage' },
    schema: {
      tags: ['outreach'], summary: 'Change a template', params: Obj({ id: Uuid }),
      body: Obj(Object.fromEntries(Object.entries(templateFields).map(([k, v]) => [k, Type.Optional(v)])), { minProperties: 1 }),
      response: { 200: TemplateSchema },
    },
  }, async (req) => updateTemplate(app.db, req.auth!.legalEntityId, req.params.id, req.body as Record<string, never>));

  app.delete('/outreach/templates/:id', {
    config: { permission: 'outreach.manage' },
    schema: { tags: ['outreach'], summary: 'Delete a template (sent messages keep their text)', params: Obj({ id: Uuid }), response: { 200: Ok } },
  }, async (req) => {
    await deleteTemplate(app.db, req.auth!.legalEntityId, req.params.id);
    return { ok: true };
  });

  app.get('/outreach/customers/:customerId/reach-out', {
    config: { permission: 'outreach.send' },
    schema: {
      tags: ['outreach'], summary: 'Channels, consent and contact budget for reaching a customer', params: Obj({ customerId: Uuid }),
      response: {
        200: Type.Object({
          customerId: Uuid, language: Type.String(), preferredChannel: Nullable(Type.String()), defaultChannel: Nullable(Channel),
          channels: Type.Array(Type.Object({ channel: Channel, address: Nullable(Type.String()), consent: Type.String(), usable: Type.Boolean() })),
          budget: Type.Object({ used: Type.Integer(), cap: Type.Integer() }),
        }),
      },
    },
  }, async (req) => reachOutOptions(app.db, req.auth!, req.params.customerId));

  app.post('/outreach/preview', {
    config: { permission: 'outreach.send' },
    schema: {
      tags: ['outreach'], summary: 'The message as the customer will receive it, with warnings', body: Obj(composeFields),
      response: {
        200: Type.Object({
          channel: Channel, to: Nullable(Type.String()), subject: Nullable(Type.String()), body: Type.String(),
          warnings: Type.Array(Type.String()), canSend: Type.Boolean(), scheduledFor: Nullable(Type.String()),
        }),
      },
    },
  }, async (req) => previewMessage(app.db, req.auth!, req.body));

  app.post('/outreach/messages', {
    config: { permission: 'outreach.send' },
    schema: {
      tags: ['outreach'], summary: 'Send a message to a customer (through the outbox)',
      body: Obj({ ...composeFields, idempotencyKey: Type.Optional(Type.String({ minLength: 8, maxLength: 100 })), taskId: Type.Optional(Nullable(Uuid)) }),
      response: { 201: MessageSchema },
    },
  }, async (req, reply) => reply.status(201).send(await sendMessage(app.db, req.auth!, req.body)));

  app.get('/outreach/customers/:customerId/messages', {
    config: { permission: 'customers.view' },
    schema: {
      tags: ['outreach'], summary: 'Messages sent to a customer with their status', params: Obj({ customerId: Uuid }),
      querystring: Obj({ limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }) }), response: { 200: Type.Array(MessageSchema) },
    },
  }, async (req) => listCustomerMessages(app.db, req.auth!, req.params.customerId, req.query.limit));

  app.get('/outreach/channel-status', {
    config: { permission: 'outreach.send' },
    schema: {
      tags: ['outreach'], summary: 'Whether each channel can send, and how many messages failed on it in the last 7 days (the set-up warning)',
      response: { 200: Type.Array(Type.Object({ channel: Channel, ready: Type.Boolean(), problem: Nullable(Type.String()), failedLastWeek: Type.Integer() })) },
    },
  }, async (req) => channelStatus(app.db, app.config, req.auth!.legalEntityId));

  app.get('/outreach/settings', {
    config: { permission: 'outreach.send' },
    schema: { tags: ['outreach'], summary: 'Prompt settings, quiet hours and contact budget', response: { 200: SettingsSchema } },
  }, async (req) => getOutreachSettings(app.db, req.auth!.legalEntityId));

  app.put('/outreach/settings', {
    config: { permission: 'outreach.manage' },
    schema: { tags: ['outreach'], summary: 'Change prompt settings, quiet hours and contact budget', body: SettingsSchema, response: { 200: SettingsSchema } },
  }, async (req) => saveOutreachSettings(app.db, req.auth!.legalEntityId, req.body as never));

  await taskRoutes(app);
  await providerRoutes(app);
  await conversationRoutes(app);
}
