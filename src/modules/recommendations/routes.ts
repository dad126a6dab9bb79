import { Type } from '@sinclair/typebox';
import type { App } from '../../http/types.ts';
import { Obj, Uuid, Nullable, Ok } from '../../http/schemas.ts';
import { viewRecommendations } from './service.ts';
import { mineNow } from './mining-job.ts';
import { createComplement, deleteComplement, getOverview, updateSettings } from './setup.ts';

const Recommendation = Type.Object({
  productId: Uuid, sku: Type.String(), name: Type.String(), category: Type.String(), brand: Nullable(Type.String()),
  priceMinor: Type.Integer(), inStockAtStore: Type.Boolean(), onHand: Type.Integer(),
  kind: Type.Union(['also-bought', 'browsed-not-bought', 'cross-sell', 'replenishment'].map((k) => Type.Literal(k))),
  reason: Type.String(), score: Type.Number(),
  dueDate: Type.Optional(Type.String({ description: 'Replenishment: estimated next purchase, YYYY-MM-DD' })),
  becauseProductId: Type.Optional(Uuid),
}, { $id: 'Recommendation' });

const MiningRun = Type.Object({
  id: Uuid, status: Type.String(), trigger: Type.String(), startedAt: Type.String(), finishedAt: Nullable(Type.String()),
  baskets: Nullable(Type.Integer()), products: Nullable(Type.Integer()), rules: Nullable(Type.Integer()), durationMs: Nullable(Type.Integer()),
  minSupportCount: Nullable(Type.Integer()), minConfidence: Nullable(Type.Number()), error: Nullable(Type.String()),
}, { $id: 'RecommendationMiningRun' });

const Settings = Type.Object({ minSupportCount: Type.Integer(), minConfidence: Type.Number(), lookbackDays: Type.Integer() });
const Complement = Type.Object({ id: Uuid, fromCategory: Type.String(), toCategory: Type.String(), note: Nullable(Type.String()), createdAt: Type.String() });

export default async function recommendationRoutes(app: App) {
  app.addSchema(Recommendation);
  app.addSchema(MiningRun);

  app.get('/customers/:id/recommendations', {
    config: { permission: 'customers.view' },
    schema: {
      tags: ['recommendations'],
      summary: 'Conversation starters for a customer: also bought, browsed not bought, cross-sell and replenishment, each with its reason',
      params: Obj({ id: Uuid }),
      querystring: Obj({
        limit: Type.Integer({ minimum: 1, maximum: 50, default: 10 }),
        includeOutOfStock: Type.Boolean({ default: false, description: 'Also suggest products not on hand at your store' }),
      }),
      response: { 200: Type.Object({ items: Type.Array(Type.Ref('Recommendation')) }) },
    },
  }, async (req) => ({ items: await viewRecommendations(app.db, req.auth!, req.params.id, req.query) }));

  app.get('/recommendations/setup', {
    config: { permission: 'recommendations.manage' },
    schema: {
      tags: ['recommendations'], summary: 'Mining settings, last run, number of rules and category complements',
      response: {
        200: Type.Object({
          settings: Settings, ruleCount: Type.Integer(), lastRun: Nullable(Type.Ref('RecommendationMiningRun')),
          lastSuccessfulRun: Nullable(Type.Ref('RecommendationMiningRun')), recentRuns: Type.Array(Type.Ref('RecommendationMiningRun')),
          categories: Type.Array(Type.String()), complements: Type.Array(Complement),
        }),
      },
    },
  }, async (req) => getOverview(app.db, req.auth!.legalEntityId));

  app.put('/recommendations/settings', {
    config: { permission: 'recommendations.manage' },
    schema: {
      tags: ['recommendations'], summary: 'Change the mining thresholds (used from the next run)',
      body: Obj({
        minSupportCount: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000, description: 'Minimum baskets holding both products' })),
        minConfidence: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
        lookbackDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
      }, { minProperties: 1 }),
      response: { 200: Settings },
    },
  }, async (req) => updateSettings(app.db, req.auth!, req.body));

  app.post('/recommendations/mine', {
    config: { permission: 'recommendations.manage' },
    schema: { tags: ['recommendations'], summary: 'Mine the "also bought" rules now from the orders', response: { 200: Type.Ref('RecommendationMiningRun') } },
  }, async (req) => mineNow(app.db, req.auth!));

  app.post('/recommendations/complements', {
    config: { permission: 'recommendations.manage' },
    schema: {
      tags: ['recommendations'], summary: 'Add a complement rule between categories, e.g. Handbags → Small leather goods',
      body: Obj({
        fromCategory: Type.String({ minLength: 1, maxLength: 100 }),
        toCategory: Type.String({ minLength: 1, maxLength: 100 }),
        note: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
      }),
      response: { 201: Complement },
    },
  }, async (req, reply) => reply.status(201).send(await createComplement(app.db, req.auth!, req.body)));

  app.delete('/recommendations/complements/:id', {
    config: { permission: 'recommendations.manage' },
    schema: { tags: ['recommendations'], summary: 'Remove a complement rule', params: Obj({ id: Uuid }), response: { 200: Ok } },
  }, async (req) => {
    await deleteComplement(app.db, req.auth!, req.params.id);
    return { ok: true };
  });
}
