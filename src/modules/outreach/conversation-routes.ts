import { Type } from '@sinclair/typebox';
import type { App } from '../../http/types.ts';
import { Obj, Uuid } from '../../http/schemas.ts';
import { ConversationReplySchema, ConversationSummarySchema, ThreadMessageSchema, ThreadSchema } from './outreach-schemas.ts';
import { getCustomer } from '../customers/service.ts';
import { audit } from '../audit/service.ts';
import { getThread, listConversations, markRead, unreadCounts, whatsappWindowUntil } from './conversations.ts';
import { sendMessage } from './service.ts';

/** The associate's inbox and the customer's thread (one conversation per customer, every channel). */
export async function conversationRoutes(app: App) {
  app.get('/conversations', {
    config: { permission: 'outreach.send' },
    schema: {
      tags: ['conversations'], summary: 'My conversations (routed to me as client book owner), or my stores\' queue (customers without an owner)',
      querystring: Obj({ scope: Type.Union([Type.Literal('mine'), Type.Literal('queue')], { default: 'mine' }) }),
      response: { 200: Type.Array(ConversationSummarySchema) },
    },
  }, async (req) => listConversations(app.db, req.auth!, req.query.scope));

  app.get('/conversations/unread', {
    config: { permission: 'outreach.send' },
    schema: { tags: ['conversations'], summary: 'Unread customer messages: mine and my stores\' queue', response: { 200: Type.Object({ mine: Type.Integer(), queue: Type.Integer() }) } },
  }, async (req) => unreadCounts(app.db, req.auth!));

  app.get('/customers/:customerId/conversation', {
    config: { permission: 'customers.view' },
    schema: { tags: ['conversations'], summary: 'The customer\'s conversation: every message sent and received, oldest first', params: Obj({ customerId: Uuid }), response: { 200: ThreadSchema } },
  }, async (req) => {
    const { legalEntityId } = req.auth!;
    await getCustomer(app.db, legalEntityId, req.params.customerId);
    await audit(app.db, req.auth!, 'read', 'customer', req.params.customerId, { purpose: 'conversation' });
    const thread = await getThread(app.db, legalEntityId, req.params.customerId);
    return { ...thread, whatsappWindowUntil: await whatsappWindowUntil(app.db, legalEntityId, req.params.customerId) };
  });

  app.post('/conversations/:id/read', {
    config: { permission: 'outreach.send' },
    schema: { tags: ['conversations'], summary: 'Mark the conversation read', params: Obj({ id: Uuid }), response: { 200: Type.Object({ ok: Type.Boolean() }) } },
  }, async (req) => {
    await markRead(app.db, req.auth!.legalEntityId, req.params.id);
    return { ok: true };
  });

  app.post('/customers/:customerId/conversation/messages', {
    config: { permission: 'outreach.send' },
    schema: {
      tags: ['conversations'], summary: 'Answer in the thread (through the outbox, with consent, quiet hours, the contact budget and WhatsApp\'s 24-hour rule)',
      params: Obj({ customerId: Uuid }),
      body: ConversationReplySchema,
      response: { 201: ThreadMessageSchema },
    },
  }, async (req, reply) => {
    const sent = await sendMessage(app.db, req.auth!, { ...req.body, customerId: req.params.customerId });
    const { messages } = await getThread(app.db, req.auth!.legalEntityId, req.params.customerId, 50);
    return reply.status(201).send(messages.find((m) => m.outreachMessageId === sent.id)!);
  });
}
