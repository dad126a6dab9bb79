import { Type } from '@sinclair/typebox';
import type { App } from '../../http/types.ts';
import { Obj, Uuid, Ok } from '../../http/schemas.ts';
import {
  CustomerMeasuresSchema, InsightAlertSchema, InsightSettingsPatchSchema, InsightSettingsSchema, MeasureDefinitionSchema, ModelOverviewSchema, NextBestActionSchema,
  ProviderCheckSchema, ProviderInputSchema, ProviderPatchSchema, ProviderSyncSchema, ProviderValidationSchema, ProviderViewSchema, RecomputeAllSchema,
  SqlMeasureInputSchema, SqlMeasurePatchSchema, SqlMeasureRunSchema, SqlValidateBodySchema, SqlValidationSchema,
} from './insight-schemas.ts';
import { secretKey } from '../../db/secret-key.ts';
import { customerMeasures, customerNextBestActions, getModelOverview, listMeasureDefinitions } from './measures-service.ts';
import { recomputeAllMeasures } from './recompute.ts';
import { measureLimits } from './measure-sandbox.ts';
import { saveInsightSettings } from './settings.ts';
import { computeSqlMeasure, createSqlMeasure, deleteCustomMeasure, updateSqlMeasure, validateMeasureSql } from './custom-measures.ts';
import {
  createProvider, deleteProvider, getProvider, listAlerts, listProviders, syncProvider, updateProvider, validateProvider, validateSavedProvider,
  checkProviderUrl,
} from './external-provider.ts';

const IdParams = Obj({ id: Uuid });
const tags = ['insights'];

export default async function insightRoutes(app: App) {
  const kind = () => ({ databaseKind: app.database.kind, limits: measureLimits(app.config) });
  const key = () => secretKey(app.db, app.config.secretKey);

  app.get('/insights/measures', {
    config: { permission: 'insights.manage' },
    schema: { tags, summary: 'Measure definitions with their freshness (latest computed_at, customers with a value)', response: { 200: Type.Array(MeasureDefinitionSchema) } },
  }, async (req) => listMeasureDefinitions(app.db, req.auth!.legalEntityId));

  app.get('/insights/model', {
    config: { permission: 'insights.manage' },
    schema: { tags, summary: 'Model settings and the latest fitted models (parameters, log-likelihood, customers, fitted at)', response: { 200: ModelOverviewSchema } },
  }, async (req) => getModelOverview(app.db, req.auth!.legalEntityId));

  app.put('/insights/settings', {
    config: { permission: 'insights.manage' },
    schema: { tags, summary: 'Choose the purchase model (BG/NBD or Pareto/NBD) and its time unit', body: InsightSettingsPatchSchema, response: { 200: InsightSettingsSchema } },
  }, async (req) => saveInsightSettings(app.db, req.auth!.legalEntityId, req.body));

  app.post('/insights/recompute', {
    config: { permission: 'insights.manage' },
    schema: { tags, summary: 'Recompute every measure of the legal entity now (built-in, SQL and external)', body: Type.Optional(Obj({})), response: { 200: RecomputeAllSchema } },
  }, async (req) => recomputeAllMeasures(app.db, req.auth!.legalEntityId, { ...kind(), secretKey: await key() }));

  app.post('/insights/measures/validate', {
    config: { permission: 'insights.manage' },
    schema: { tags, summary: 'Validate a SQL measure: run it read-only with a limit and report rows and problems, saving nothing', body: SqlValidateBodySchema, response: { 200: SqlValidationSchema } },
  }, async (req) => validateMeasureSql(app.db, req.auth!.legalEntityId, req.body, kind()));

  app.post('/insights/measures', {
    config: { permission: 'insights.manage' },
    schema: {
      tags, summary: 'Define a SQL measure (validated on save, then computed)',
      body: SqlMeasureInputSchema,
      response: { 201: SqlMeasureRunSchema },
    },
  }, async (req, reply) => reply.status(201).send(await createSqlMeasure(app.db, req.auth!.legalEntityId, req.body, kind())));

  app.patch('/insights/measures/:key', {
    config: { permission: 'insights.manage' },
    schema: {
      tags, summary: 'Rename, switch off or change the query of a measure', params: Obj({ key: Type.String({ maxLength: 50 }) }),
      body: SqlMeasurePatchSchema,
      response: { 200: Ok },
    },
  }, async (req) => { await updateSqlMeasure(app.db, req.auth!.legalEntityId, req.params.key, req.body, kind()); return { ok: true }; });

  app.post('/insights/measures/:key/recompute', {
    config: { permission: 'insights.manage' },
    schema: { tags, summary: 'Run one SQL measure now', params: Obj({ key: Type.String({ maxLength: 50 }) }), body: Type.Optional(Obj({})), response: { 200: SqlMeasureRunSchema } },
  }, async (req) => computeSqlMeasure(app.db, req.auth!.legalEntityId, req.params.key, kind()));

  app.delete('/insights/measures/:key', {
    config: { permission: 'insights.manage' },
    schema: { tags, summary: 'Delete a SQL or external measure and its values', params: Obj({ key: Type.String({ maxLength: 50 }) }), response: { 200: Ok } },
  }, async (req) => { await deleteCustomMeasure(app.db, req.auth!.legalEntityId, req.params.key); return { ok: true }; });

  app.get('/insights/providers', {
    config: { permission: 'insights.manage' },
    schema: { tags, summary: 'External measure providers (secrets are never returned)', response: { 200: Type.Array(ProviderViewSchema) } },
  }, async (req) => listProviders(app.db, req.auth!.legalEntityId));

  app.post('/insights/providers/validate', {
    config: { permission: 'insights.manage' },
    schema: { tags, summary: 'Validate an unsaved provider: get an OAuth2 token and the first page of values', body: ProviderCheckSchema, response: { 200: ProviderValidationSchema } },
  }, async (req) => {
    const b = req.body;
    return validateProvider(app.db, req.auth!.legalEntityId, { ...b, tokenUrl: checkProviderUrl(b.tokenUrl, 'tokenUrl'), baseUrl: checkProviderUrl(b.baseUrl, 'baseUrl') });
  });

  app.post('/insights/providers', {
    config: { permission: 'insights.manage' },
    schema: { tags, summary: 'Add an external provider (validated on save; the secret is stored encrypted)', body: ProviderInputSchema, response: { 201: ProviderViewSchema } },
  }, async (req, reply) => reply.status(201).send(await createProvider(app.db, req.auth!.legalEntityId, req.body, await key())));

  app.get('/insights/providers/:id', {
    config: { permission: 'insights.manage' },
    schema: { tags, summary: 'One external provider', params: IdParams, response: { 200: ProviderViewSchema } },
  }, async (req) => getProvider(app.db, req.auth!.legalEntityId, req.params.id));

  app.patch('/insights/providers/:id', {
    config: { permission: 'insights.manage' },
    schema: {
      tags, summary: 'Change a provider (a new secret replaces the stored one; without one it is kept)', params: IdParams,
      body: ProviderPatchSchema, response: { 200: ProviderViewSchema },
    },
  }, async (req) => updateProvider(app.db, req.auth!.legalEntityId, req.params.id, req.body, await key()));

  app.post('/insights/providers/:id/validate', {
    config: { permission: 'insights.manage' },
    schema: { tags, summary: 'Validate a saved provider with its stored secret', params: IdParams, body: Type.Optional(Obj({})), response: { 200: ProviderValidationSchema } },
  }, async (req) => validateSavedProvider(app.db, req.auth!.legalEntityId, req.params.id, await key()));

  app.post('/insights/providers/:id/sync', {
    config: { permission: 'insights.manage' },
    schema: { tags, summary: 'Pull the provider\'s measure values now', params: IdParams, body: Type.Optional(Obj({})), response: { 200: ProviderSyncSchema } },
  }, async (req) => syncProvider(app.db, req.auth!.legalEntityId, req.params.id, await key()));

  app.delete('/insights/providers/:id', {
    config: { permission: 'insights.manage' },
    schema: { tags, summary: 'Remove a provider, its measures and their values', params: IdParams, response: { 200: Ok } },
  }, async (req) => { await deleteProvider(app.db, req.auth!.legalEntityId, req.params.id); return { ok: true }; });

  app.get('/insights/alerts', {
    config: { permission: 'insights.manage' },
    schema: { tags, summary: 'Provider secrets expiring within 30 days (or expired) and measures whose last run failed', response: { 200: Type.Array(InsightAlertSchema) } },
  }, async (req) => listAlerts(app.db, req.auth!.legalEntityId));

  app.get('/customers/:id/measures', {
    config: { permission: 'customers.view' },
    schema: {
      tags, summary: 'A customer\'s measure values with drivers (why) and computed_at (how fresh); currency values are minor units', params: IdParams,
      response: { 200: CustomerMeasuresSchema },
    },
  }, async (req) => customerMeasures(app.db, req.auth!, req.params.id));

  app.get('/customers/:id/next-best-actions', {
    config: { permission: 'customers.view' },
    schema: { tags, summary: 'Ranked, explained next best actions for a customer, on channels they consented to', params: IdParams, response: { 200: Type.Array(NextBestActionSchema) } },
  }, async (req) => customerNextBestActions(app.db, req.auth!, req.params.id));
}
