import { Type } from '@sinclair/typebox';
import type { App } from '../../http/types.ts';
import { Obj, Uuid, Ok } from '../../http/schemas.ts';
import {
  ChannelSchema, ChannelStatusSchema, ComposeInputSchema, LanguageSchema, MessageSchema, PreviewSchema, PurposeSchema, ReachOutSchema, SendInputSchema, SettingsSchema,
  TemplateInputSchema, TemplatePatchSchema, TemplateSchema,
} from './outreach-schemas.ts';
import { listTemplates, createTemplate, updateTemplate, deleteTemplate, getTemplate } from './templates.ts';
import { reachOutOptions, previewMessage, sendMessage, listCustomerMessages } from './service.ts';
import { getOutreachSettings, saveOutreachSettings } from './settings.ts';
import { channelStatus } from './channel-status.ts';
import { taskRoutes } from './task-routes.ts';
import { providerRoutes } from './provider-routes.ts';
import { conversationRoutes } from './conversation-routes.ts';

export default async function outreachRoutes(app: App) {
  app.get('/outreach/templates', {
    config: { permission: 'outreach.send' },
    schema: {
      tags: ['outreach'], summary: 'Message templates, by purpose, channel and language',
      querystring: Obj({ purpose: Type.Optional(PurposeSchema), channel: Type.Optional(ChannelSchema), language: Type.Optional(LanguageSchema), activeOnly: Type.Boolean({ default: false }) }),
      response: { 200: Type.Array(TemplateSchema) },
    },
  }, async (req) => listTemplates(app.db, req.auth!.legalEntityId, req.query));

  app.get('/outreach/templates/:id', {
    config: { permission: 'outreach.send' },
    schema: { tags: ['outreach'], summary: 'One template', params: Obj({ id: Uuid }), response: { 200: TemplateSchema } },
  }, async (req) => getTemplate(app.db, req.auth!.legalEntityId, req.params.id));

  app.post('/outreach/templates', {
    config: { permission: 'outreach.manage' },
    schema: { tags: ['outreach'], summary: 'Create a template', body: TemplateInputSchema, response: { 201: TemplateSchema } },
  }, async (req, reply) => reply.status(201).send(await createTemplate(app.db, req.auth!.legalEntityId, req.body)));

  app.patch('/outreach/templates/:id', {
    config: { permission: 'outreach.manage' },
    schema: {
      tags: ['outreach'], summary: 'Change a template', params: Obj({ id: Uuid }),
      body: TemplatePatchSchema,
      response: { 200: TemplateSchema },
    },
  }, async (req) => updateTemplate(app.db, req.auth!.legalEntityId, req.params.id, req.body));

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
        200: ReachOutSchema,
      },
    },
  }, async (req) => reachOutOptions(app.db, req.auth!, req.params.customerId));

  app.post('/outreach/preview', {
    config: { permission: 'outreach.send' },
    schema: {
      tags: ['outreach'], summary: 'The message as the customer will receive it, with warnings', body: ComposeInputSchema,
      response: {
        200: PreviewSchema,
      },
    },
  }, async (req) => previewMessage(app.db, req.auth!, req.body));

  app.post('/outreach/messages', {
    config: { permission: 'outreach.send' },
    schema: {
      tags: ['outreach'], summary: 'Send a message to a customer (through the outbox)',
      body: SendInputSchema,
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
      response: { 200: Type.Array(ChannelStatusSchema) },
    },
  }, async (req) => channelStatus(app.db, app.config, req.auth!.legalEntityId));

  app.get('/outreach/settings', {
    config: { permission: 'outreach.send' },
    schema: { tags: ['outreach'], summary: 'Prompt settings, quiet hours and contact budget', response: { 200: SettingsSchema } },
  }, async (req) => getOutreachSettings(app.db, req.auth!.legalEntityId));

  app.put('/outreach/settings', {
    config: { permission: 'outreach.manage' },
    schema: { tags: ['outreach'], summary: 'Change prompt settings, quiet hours and contact budget', body: SettingsSchema, response: { 200: SettingsSchema } },
  }, async (req) => saveOutreachSettings(app.db, req.auth!.legalEntityId, req.body));

  await taskRoutes(app);
  await providerRoutes(app);
  await conversationRoutes(app);
}
