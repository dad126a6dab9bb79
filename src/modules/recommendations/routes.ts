import { Type } from '@sinclair/typebox';
import type { App } from '../../http/types.ts';
import { Obj, Uuid, Ok } from '../../http/schemas.ts';
import {
  ComplementInputSchema, ComplementSchema, MiningRunSchema, OverviewSchema, RecommendQuerySchema, RecommendationSchema, SettingsPatchSchema, SettingsSchema,
} from './recommendation-schemas.ts';
import { viewRecommendations } from './service.ts';
import { mineNow } from './mining-job.ts';
import { createComplement, deleteComplement, getOverview, updateSettings } from './setup.ts';

export default async function recommendationRoutes(app: App) {
  app.addSchema(RecommendationSchema);
  app.addSchema(MiningRunSchema);

  app.get('/customers/:id/recommendations', {
    config: { permission: 'customers.view' },
    schema: {
      tags: ['recommendations'],
      summary: 'Conversation starters for a customer: also bought, browsed not bought, cross-sell and replenishment, each with its reason',
      params: Obj({ id: Uuid }),
      querystring: RecommendQuerySchema,
      response: { 200: Type.Object({ items: Type.Array(Type.Ref('Recommendation')) }) },
    },
  }, async (req) => ({ items: await viewRecommendations(app.db, req.auth!, req.params.id, req.query) }));

  app.get('/recommendations/setup', {
    config: { permission: 'recommendations.manage' },
    schema: {
      tags: ['recommendations'], summary: 'Mining settings, last run, number of rules and category complements',
      response: {
        200: OverviewSchema,
      },
    },
  }, async (req) => getOverview(app.db, req.auth!.legalEntityId));

  app.put('/recommendations/settings', {
    config: { permission: 'recommendations.manage' },
    schema: {
      tags: ['recommendations'], summary: 'Change the mining thresholds (used from the next run)',
      body: SettingsPatchSchema,
      response: { 200: SettingsSchema },
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
      body: ComplementInputSchema,
      response: { 201: ComplementSchema },
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
