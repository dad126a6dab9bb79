import { Type } from '@sinclair/typebox';
import type { App } from '../../http/types.ts';
import { outreachErrors } from './errors.ts';
import { Obj, Uuid, Nullable } from '../../http/schemas.ts';
import { createRateLimiter } from '../../http/rate-limit.ts';
import type { FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import { listProviders, loadProvider, saveProvider } from './providers.ts';
import { receiveMessage, receiveStatus, receiveWhatsApp, twilioStatus, verifyMeta, verifyTwilio } from './inbound.ts';
import { createLetterBatch, letterBatchPdf } from './letters.ts';

const ProviderChannel = Type.Union([Type.Literal('sms'), Type.Literal('whatsapp')]);
const ProviderSchema = Type.Object({
  channel: ProviderChannel, kind: Nullable(Type.String()), baseUrl: Type.String(), accountId: Nullable(Type.String()), sender: Type.String(),
  apiVersion: Nullable(Type.String()), updatedAt: Type.String(), inboundWebhookUrl: Type.String(), statusCallbackUrl: Type.String(),
});
const TWIML_EMPTY = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';
const LeParams = Obj({ legalEntityId: Uuid });

export async function providerRoutes(app: App) {
  // A public address: a provider posts a few messages a second at most; more (per legal entity and path) is refused
  // before any signature check or database work, so the address cannot be used to load the server.
  const inboundLimit = createRateLimiter(app.db, { name: 'provider-inbound', max: 600, windowMs: 60_000, key: (req) => {
    const p = req.params as { legalEntityId?: string };
    return `${p.legalEntityId}:${req.routeOptions.url}`;
  } });

  app.get('/outreach/providers', {
    config: { permission: 'outreach.manage' },
    schema: { tags: ['outreach'], summary: 'SMS (Twilio) and WhatsApp (Business Cloud API) providers; secrets are never shown', response: { 200: Type.Array(ProviderSchema) } },
  }, async (req) => listProviders(app.db, app.config, req.auth!.legalEntityId));

  app.put('/outreach/providers/:channel', {
    config: { permission: 'outreach.manage' },
    schema: {
      tags: ['outreach'], summary: 'Set the SMS (Twilio) or WhatsApp (Business Cloud API) provider; secrets are stored encrypted', params: Obj({ channel: ProviderChannel }),
      body: Obj({
        baseUrl: Type.Optional(Type.String({ minLength: 8, maxLength: 500 })),
        accountId: Type.String({ minLength: 5, maxLength: 64, description: 'Twilio Account SID, or the WhatsApp phone number ID' }),
        apiKey: Type.String({ minLength: 8, maxLength: 1000, description: 'Twilio Auth Token, or the WhatsApp access token' }),
        sender: Type.String({ minLength: 1, maxLength: 50, description: 'Twilio From number (E.164) or Messaging Service SID; the WhatsApp business number' }),
        appSecret: Type.Optional(Type.String({ minLength: 8, maxLength: 200 })),
        verifyToken: Type.Optional(Type.String({ minLength: 8, maxLength: 200 })),
        apiVersion: Type.Optional(Type.String({ maxLength: 10 })),
      }),
      response: { 200: ProviderSchema },
    },
  }, async (req) => saveProvider(app.db, app.config, req.auth!.legalEntityId, req.params.channel, req.body));

  // Providers sign what they post: these routes read the body's raw bytes to check the signature before parsing it.
  await app.register(async (scope) => {
    const hooks = scope as unknown as App;
    hooks.removeAllContentTypeParsers();
    hooks.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 256 * 1024 }, (_req, body, done) => done(null, body));

    const twilio = async (req: FastifyRequest) => {
      await inboundLimit(req);
      const { legalEntityId } = req.params as { legalEntityId: string };
      const provider = await loadProvider(app.db, app.config, legalEntityId, 'sms');
      const params = Object.fromEntries(new URLSearchParams((req.body as Buffer | undefined)?.toString('utf8') ?? ''));
      // Twilio signs the URL it called: this server's public address and the path with its query.
      if (!provider || !verifyTwilio(provider.apiKey, `${app.config.publicBaseUrl}${req.url}`, params, req.headers['x-twilio-signature'] as string | undefined)) {
        throw outreachErrors.webhook_signature_invalid('The X-Twilio-Signature does not match.');
      }
      return { legalEntityId, params, provider };
    };

    hooks.post('/outreach/webhooks/twilio/:legalEntityId/inbound', {
      config: { public: true },
      schema: {
        tags: ['outreach'], summary: 'Twilio inbound SMS (form post signed with X-Twilio-Signature): lands in the customer\'s thread; STOP/START change consent; answered with empty TwiML',
        params: LeParams, response: { 200: { type: 'string', description: 'text/xml: empty TwiML' } },
      },
    }, async (req, reply) => {
      const { legalEntityId, params } = await twilio(req);
      if (params.MessageSid && params.From) {
        await receiveMessage(app.db, legalEntityId, 'sms', { from: params.From, providerMessageId: params.MessageSid, body: params.Body ?? '' });
      }
      return reply.type('text/xml').send(TWIML_EMPTY);
    });

    hooks.post('/outreach/webhooks/twilio/:legalEntityId/status', {
      config: { public: true },
      schema: {
        tags: ['outreach'], summary: 'Twilio status callback (MessageSid, MessageStatus): updates the message\'s delivery status',
        params: LeParams, response: { 204: Type.Null() },
      },
    }, async (req, reply) => {
      const { legalEntityId, params } = await twilio(req);
      if (params.MessageSid && params.MessageStatus) await receiveStatus(app.db, legalEntityId, 'sms', params.MessageSid, twilioStatus(params.MessageStatus));
      return reply.status(204).send(null);
    });

    hooks.get('/outreach/webhooks/whatsapp/:legalEntityId', {
      config: { public: true },
      schema: {
        tags: ['outreach'], summary: 'WhatsApp webhook verification: answers hub.challenge when hub.verify_token matches',
        params: LeParams,
        querystring: Type.Object({ 'hub.mode': Type.String({ maxLength: 50 }), 'hub.verify_token': Type.String({ maxLength: 200 }), 'hub.challenge': Type.String({ maxLength: 200 }) }),
        response: { 200: { type: 'string', description: 'text/plain: hub.challenge' } },
      },
    }, async (req, reply) => {
      await inboundLimit(req);
      const provider = await loadProvider(app.db, app.config, req.params.legalEntityId, 'whatsapp');
      const q = req.query;
      if (!provider?.verifyToken || q['hub.mode'] !== 'subscribe' || !sameToken(q['hub.verify_token'], provider.verifyToken)) {
        throw outreachErrors.webhook_signature_invalid('The verify token does not match.');
      }
      return reply.type('text/plain').send(q['hub.challenge']);
    });

    hooks.post('/outreach/webhooks/whatsapp/:legalEntityId', {
      config: { public: true },
      schema: {
        tags: ['outreach'], summary: 'WhatsApp Cloud API events (signed with X-Hub-Signature-256): messages land in the thread, statuses update delivery',
        params: LeParams, response: { 200: Type.Object({ stored: Type.Integer(), ignored: Type.Integer(), statuses: Type.Integer() }) },
      },
    }, async (req) => {
      await inboundLimit(req);
      const provider = await loadProvider(app.db, app.config, req.params.legalEntityId, 'whatsapp');
      const raw = (req.body as Buffer | undefined) ?? Buffer.alloc(0);
      if (!provider?.appSecret || !verifyMeta(provider.appSecret, raw, req.headers['x-hub-signature-256'] as string | undefined)) {
        throw outreachErrors.webhook_signature_invalid('The X-Hub-Signature-256 does not match.');
      }
      let payload: unknown;
      try { payload = JSON.parse(raw.toString('utf8')); } catch { throw outreachErrors.webhook_payload_invalid('The body is not JSON.'); }
      return receiveWhatsApp(app.db, req.params.legalEntityId, provider.accountId, payload as Parameters<typeof receiveWhatsApp>[3]);
    });
  });

  app.post('/outreach/letters/batches', {
    config: { permission: 'outreach.manage' },
    schema: {
      tags: ['outreach'], summary: 'Put the letters waiting in the outbox into a printable batch',
      response: { 200: Type.Object({ batchId: Type.Union([Uuid, Type.Null()]), letters: Type.Integer(), suppressed: Type.Integer() }) },
    },
  }, async (req) => createLetterBatch(app.db, req.auth!));

  app.get('/outreach/letters/batches/:batchId/pdf', {
    config: { permission: 'outreach.manage' },
    schema: { tags: ['outreach'], summary: 'The batch as a PDF, one page per letter', params: Obj({ batchId: Uuid }),
      response: { 200: { type: 'string', format: 'binary', description: 'application/pdf' } } },
  }, async (req, reply) => {
    const pdf = await letterBatchPdf(app.db, req.auth!, req.params.batchId);
    return reply.type('application/pdf').header('content-disposition', `attachment; filename="letters-${req.params.batchId.slice(0, 8)}.pdf"`).send(pdf);
  });
}

const sameToken = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
