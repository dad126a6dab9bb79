import { Type } from '@sinclair/typebox';
import type { App } from '../../http/types.ts';
import { Obj, Uuid } from '../../http/schemas.ts';
import { createRateLimiter } from '../../http/rate-limit.ts';
import { clickLookProduct, listCustomerLooks, openLook, searchShareProducts, shareLook } from './service.ts';
import { LookSchema, LookSummarySchema, PublicLookSchema, ShareInputSchema, ShareProductSchema } from './share-schemas.ts';

const Token = Type.String({ minLength: 10, maxLength: 300 });
async function publicLookRoutes(app: App) {
  const readLimit = createRateLimiter(app.db, { name: 'look-read', max: 120, windowMs: 60_000 });
  const writeLimit = createRateLimiter(app.db, { name: 'look-write', max: 60, windowMs: 60_000 });
  app.get('/:token', {
    config: { public: true }, preHandler: readLimit,
    schema: { tags: ['public looks'], summary: 'A look an associate sent: products with prices and stock at the customer\'s store (records the view)', security: [], params: Obj({ token: Token }), response: { 200: PublicLookSchema } },
  }, async (req) => openLook(app.db, app.config, req.params.token));
  app.post('/:token/clicks', {
    config: { public: true }, preHandler: writeLimit,
    schema: { tags: ['public looks'], summary: 'The customer clicked a product of the look', security: [], params: Obj({ token: Token }), body: Obj({ productId: Uuid }), response: { 200: Type.Object({ ok: Type.Boolean() }) } },
  }, async (req) => clickLookProduct(app.db, app.config, req.params.token, req.body.productId));
}

export default async function shareRoutes(app: App) {
  await app.register(publicLookRoutes, { prefix: '/public/looks' });

  app.post('/customers/:id/looks', {
    config: { permission: 'outreach.send' },
    schema: {
      tags: ['shares'], summary: 'Send the customer a look: a curated selection of products on a signed public page, through outreach',
      params: Obj({ id: Uuid }),
      body: ShareInputSchema,
      response: { 201: LookSchema },
    },
  }, async (req, reply) => reply.status(201).send(await shareLook(app.db, app.config, req.auth!, req.params.id, req.body)));

  app.get('/customers/:id/looks', {
    config: { permission: 'customers.view' },
    schema: { tags: ['shares'], summary: 'Looks sent to the customer, with views and clicks', params: Obj({ id: Uuid }), response: { 200: Type.Array(LookSummarySchema) } },
  }, async (req) => listCustomerLooks(app.db, app.config, req.auth!, req.params.id));

  app.get('/customers/:id/look-products', {
    config: { permission: 'outreach.send' },
    schema: {
      tags: ['shares'], summary: 'Products to add to a look, with stock at the customer\'s home store', params: Obj({ id: Uuid }),
      querystring: Obj({ q: Type.String({ minLength: 1, maxLength: 100 }), limit: Type.Integer({ minimum: 1, maximum: 50, default: 20 }) }),
      response: { 200: Type.Array(ShareProductSchema) },
    },
  }, async (req) => searchShareProducts(app.db, req.auth!, req.params.id, req.query.q, req.query.limit));
}
