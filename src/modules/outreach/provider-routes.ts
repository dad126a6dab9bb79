import { Type } from '@sinclair/typebox';
import type { App } from '../../http/types.ts';
import { outreachErrors } from './errors.ts';
import { Obj, Uuid } from '../../http/schemas.ts';
import { createRateLimiter } from '../../http/rate-limit.ts';
import { listProviders, saveProvider, verifyWebhook } from './providers.ts';
import { handleInbound } from './opt-out.ts';
import { createLetterBatch, letterBatchPdf } from './letters.ts';

const ProviderChannel = Type.Union([Type.Literal('sms'), Type.Literal('whatsapp')]);
const ProviderSchema = Type.Object({ channel: ProviderChannel, baseUrl: Type.String(), sender: Type.String(), updatedAt: Type.String(), inboundWebhookUrl: Type.String() });

export async function providerRoutes(app: App) {
  // A public address: a provider posts a few messages a second at most; more (per legal entity and channel) is refused
  // before any signature check or database work, so the address cannot be used to load the server.
  const inboundLimit = createRateLimiter(app.db, { name: 'provider-inbound', max: 600, windowMs: 60_000, key: (req) => {
    const p = req.params as { channel?: string; legalEntityId?: string };
    return `${p.legalEntityId}:${p.channel}`;
  } });

  app.get('/outreach/providers', {
    config: { permission: 'outreach.manage' },
    schema: { tags: ['outreach'], summary: 'SMS and WhatsApp providers (keys are never shown)', response: { 200: Type.Array(ProviderSchema) } },
  }, async (req) => listProviders(app.db, app.config, req.auth!.legalEntityId));

  app.put('/outreach/providers/:channel', {
    config: { permission: 'outreach.manage' },
    schema: {
      tags: ['outreach'], summary: 'Set the SMS or WhatsApp provider; the API key is stored encrypted', params: Obj({ channel: ProviderChannel }),
      body: Obj({ baseUrl: Type.String({ minLength: 8, maxLength: 500 }), apiKey: Type.String({ minLength: 8, maxLength: 500 }), sender: Type.String({ minLength: 1, maxLength: 50 }) }),
      response: { 200: ProviderSchema },
    },
  }, async (req) => saveProvider(app.db, app.config, req.auth!.legalEntityId, req.params.channel, req.body));

  app.post('/outreach/webhooks/:channel/:legalEntityId/:signature', {
    config: { public: true },
    schema: {
      tags: ['outreach'], summary: 'Inbound messages from the provider: STOP records an opt-out of the channel, START undoes a STOP',
      params: Obj({ channel: ProviderChannel, legalEntityId: Uuid, signature: Type.String({ maxLength: 100 }) }),
      // Not strict: providers add fields of their own (timestamps, ids) that we ignore.
      body: Type.Object({ from: Type.String({ minLength: 3, maxLength: 40 }), text: Type.String({ maxLength: 2000 }) }),
      response: { 200: Type.Object({ ok: Type.Boolean(), optedOut: Type.Integer(), optedIn: Type.Integer() }) },
    },
  }, async (req) => {
    await inboundLimit(req);
    // The address is signed per legal entity and channel: only the provider it was given to can post opt-outs.
    if (!(await verifyWebhook(app.db, app.config, req.params.legalEntityId, req.params.channel, req.params.signature))) {
      throw outreachErrors.webhook_address_invalid('This webhook address is not valid.');
    }
    const res = await handleInbound(app.db, req.params.legalEntityId, req.params.channel, req.body.from, req.body.text);
    return { ok: true, ...res };
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
