import { Type } from '@sinclair/typebox';
import type { App } from '../../http/types.ts';
import { Obj, Uuid, Nullable, Ok, IsoDate } from '../../http/schemas.ts';
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

const Format = Type.Union([Type.Literal('percent'), Type.Literal('currency'), Type.Literal('number'), Type.Literal('text'), Type.Literal('date')]);
const Drivers = Nullable(Type.Record(Type.String(), Type.Unknown()));
const MeasureKey = Type.String({ pattern: '^[a-z][a-z0-9_]{1,49}$', description: 'lower-case letters, digits and _' });

const Definition = Type.Object({
  key: Type.String(), name: Type.String(), description: Nullable(Type.String()), source: Type.String(), format: Type.String(),
  sqlText: Nullable(Type.String()), providerId: Nullable(Uuid), externalField: Nullable(Type.String()), enabled: Type.Boolean(),
  lastRunAt: Nullable(Type.String()), lastError: Nullable(Type.String()), lastComputedAt: Nullable(Type.String()), customersWithValue: Type.Integer(),
});
const Fit = Type.Object({
  model: Type.String(), params: Type.Record(Type.String(), Type.Number()), logLikelihood: Type.Number(), customers: Type.Integer(),
  period: Type.String(), calibrationEnd: Type.String(), converged: Type.Boolean(), durationMs: Type.Integer(), fittedAt: Type.String(),
});
const Settings = Type.Object({ transactionModel: Type.Union([Type.Literal('bgnbd'), Type.Literal('pareto-nbd')]), period: Type.Union([Type.Literal('day'), Type.Literal('week')]) });
const RunSummary = Type.Object({ customers: Type.Integer(), error: Nullable(Type.String()) }, { additionalProperties: true });
const RecomputeResult = Type.Object({
  computedAt: Type.String(), model: Type.String(), period: Type.String(), customersScored: Type.Integer(), customersWithOrders: Type.Integer(),
  fits: Type.Array(Type.Object({ model: Type.String(), params: Type.Record(Type.String(), Type.Number()), logLikelihood: Type.Number(), customers: Type.Number(), converged: Type.Boolean() })),
  notes: Type.Array(Type.String()),
  timingsMs: Type.Record(Type.String(), Type.Number()),
  sqlMeasures: Type.Array(RunSummary), providers: Type.Array(RunSummary),
});
const SqlValidation = Type.Object({
  ok: Type.Boolean(), rowCount: Type.Integer(), truncated: Type.Boolean(), errors: Type.Array(Type.String()),
  sample: Type.Array(Type.Object({ customerId: Type.String(), value: Type.Union([Type.Number(), Type.String(), Type.Null()]) })),
});
const ProviderMeasure = Obj({ field: Type.String({ minLength: 1, maxLength: 100 }), key: MeasureKey, name: Type.String({ minLength: 1, maxLength: 100 }), format: Format });
const providerFields = {
  name: Type.String({ minLength: 1, maxLength: 100 }),
  tokenUrl: Type.String({ minLength: 1, maxLength: 2000 }),
  clientId: Type.String({ minLength: 1, maxLength: 500 }),
  clientSecret: Type.String({ minLength: 1, maxLength: 2000, description: 'Write-only: stored encrypted, never returned' }),
  secretExpiresAt: Nullable(IsoDate),
  scope: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  baseUrl: Type.String({ minLength: 1, maxLength: 2000 }),
  customerKey: Type.Union([Type.Literal('accountNumber'), Type.Literal('externalId'), Type.Literal('id')], { default: 'accountNumber' }),
  measures: Type.Array(ProviderMeasure, { maxItems: 50 }),
};
const Provider = Type.Object({
  id: Uuid, name: Type.String(), tokenUrl: Type.String(), clientId: Type.String(), hasSecret: Type.Boolean(), secretExpiresAt: Nullable(Type.String()),
  secretDaysLeft: Nullable(Type.Integer()), scope: Nullable(Type.String()), baseUrl: Type.String(), customerKey: Type.String(),
  measures: Type.Array(Type.Object({ field: Type.String(), key: Type.String(), name: Type.String(), format: Type.String() })),
  lastValidatedAt: Nullable(Type.String()), lastSyncedAt: Nullable(Type.String()), lastError: Nullable(Type.String()),
});
const ProviderValidation = Type.Object({
  ok: Type.Boolean(), tokenObtained: Type.Boolean(), items: Type.Integer(), matchedCustomers: Type.Integer(), fieldsSeen: Type.Array(Type.String()), errors: Type.Array(Type.String()),
});
const Alert = Type.Object({
  kind: Type.String(), severity: Type.String(), message: Type.String(), providerId: Nullable(Uuid), measureKey: Nullable(Type.String()),
  secretExpiresAt: Nullable(Type.String()), daysLeft: Nullable(Type.Integer()),
});
const Action = Type.Object({ key: Type.String(), title: Type.String(), score: Type.Number(), channel: Type.String(), reasons: Type.Array(Type.String()) });
const IdParams = Obj({ id: Uuid });
const tags = ['insights'];

export default async function insightRoutes(app: App) {
  const kind = () => ({ databaseKind: app.database.kind, limits: measureLimits(app.config) });
  const key = () => secretKey(app.db, app.config.secretKey);

  app.get('/insights/measures', {
    config: { permission: 'insights.manage' },
    schema: { tags, summary: 'Measure definitions with their freshness (latest computed_at, customers with a value)', response: { 200: Type.Array(Definition) } },
  }, async (req) => listMeasureDefinitions(app.db, req.auth!.legalEntityId));

  app.get('/insights/model', {
    config: { permission: 'insights.manage' },
    schema: { tags, summary: 'Model settings and the latest fitted models (parameters, log-likelihood, customers, fitted at)', response: { 200: Type.Object({ settings: Settings, fits: Type.Array(Fit) }) } },
  }, async (req) => getModelOverview(app.db, req.auth!.legalEntityId));

  app.put('/insights/settings', {
    config: { permission: 'insights.manage' },
    schema: { tags, summary: 'Choose the purchase model (BG/NBD or Pareto/NBD) and its time unit', body: Obj({ transactionModel: Type.Optional(Settings.properties.transactionModel), period: Type.Optional(Settings.properties.period) }, { minProperties: 1 }), response: { 200: Settings } },
  }, async (req) => saveInsightSettings(app.db, req.auth!.legalEntityId, req.body));

  app.post('/insights/recompute', {
    config: { permission: 'insights.manage' },
    schema: { tags, summary: 'Recompute every measure of the legal entity now (built-in, SQL and external)', body: Type.Optional(Obj({})), response: { 200: RecomputeResult } },
  }, async (req) => recomputeAllMeasures(app.db, req.auth!.legalEntityId, { ...kind(), secretKey: await key() }));

  app.post('/insights/measures/validate', {
    config: { permission: 'insights.manage' },
    schema: { tags, summary: 'Validate a SQL measure: run it read-only with a limit and report rows and problems, saving nothing', body: Obj({ sqlText: Type.String({ minLength: 1, maxLength: 20_000 }), format: Format }), response: { 200: SqlValidation } },
  }, async (req) => validateMeasureSql(app.db, req.auth!.legalEntityId, req.body, kind()));

  app.post('/insights/measures', {
    config: { permission: 'insights.manage' },
    schema: {
      tags, summary: 'Define a SQL measure (validated on save, then computed)',
      body: Obj({ key: MeasureKey, name: Type.String({ minLength: 1, maxLength: 100 }), description: Type.Optional(Nullable(Type.String({ maxLength: 500 }))), format: Format, sqlText: Type.String({ minLength: 1, maxLength: 20_000 }) }),
      response: { 201: RunSummary },
    },
  }, async (req, reply) => reply.status(201).send(await createSqlMeasure(app.db, req.auth!.legalEntityId, req.body, kind())));

  app.patch('/insights/measures/:key', {
    config: { permission: 'insights.manage' },
    schema: {
      tags, summary: 'Rename, switch off or change the query of a measure', params: Obj({ key: Type.String({ maxLength: 50 }) }),
      body: Obj({ name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })), description: Type.Optional(Nullable(Type.String({ maxLength: 500 }))), format: Type.Optional(Format), sqlText: Type.Optional(Type.String({ minLength: 1, maxLength: 20_000 })), enabled: Type.Optional(Type.Boolean()) }, { minProperties: 1 }),
      response: { 200: Ok },
    },
  }, async (req) => { await updateSqlMeasure(app.db, req.auth!.legalEntityId, req.params.key, req.body, kind()); return { ok: true }; });

  app.post('/insights/measures/:key/recompute', {
    config: { permission: 'insights.manage' },
    schema: { tags, summary: 'Run one SQL measure now', params: Obj({ key: Type.String({ maxLength: 50 }) }), body: Type.Optional(Obj({})), response: { 200: RunSummary } },
  }, async (req) => computeSqlMeasure(app.db, req.auth!.legalEntityId, req.params.key, kind()));

  app.delete('/insights/measures/:key', {
    config: { permission: 'insights.manage' },
    schema: { tags, summary: 'Delete a SQL or external measure and its values', params: Obj({ key: Type.String({ maxLength: 50 }) }), response: { 200: Ok } },
  }, async (req) => { await deleteCustomMeasure(app.db, req.auth!.legalEntityId, req.params.key); return { ok: true }; });

  app.get('/insights/providers', {
    config: { permission: 'insights.manage' },
    schema: { tags, summary: 'External measure providers (secrets are never returned)', response: { 200: Type.Array(Provider) } },
  }, async (req) => listProviders(app.db, req.auth!.legalEntityId));

  app.post('/insights/providers/validate', {
    config: { permission: 'insights.manage' },
    schema: { tags, summary: 'Validate an unsaved provider: get an OAuth2 token and the first page of values', body: Obj({ ...providerFields, name: Type.Optional(providerFields.name), secretExpiresAt: Type.Optional(providerFields.secretExpiresAt) }), response: { 200: ProviderValidation } },
  }, async (req) => {
    const b = req.body;
    return validateProvider(app.db, req.auth!.legalEntityId, { ...b, tokenUrl: checkProviderUrl(b.tokenUrl, 'tokenUrl'), baseUrl: checkProviderUrl(b.baseUrl, 'baseUrl') });
  });

  app.post('/insights/providers', {
    config: { permission: 'insights.manage' },
    schema: { tags, summary: 'Add an external provider (validated on save; the secret is stored encrypted)', body: Obj(providerFields), response: { 201: Provider } },
  }, async (req, reply) => reply.status(201).send(await createProvider(app.db, req.auth!.legalEntityId, req.body, await key())));

  app.get('/insights/providers/:id', {
    config: { permission: 'insights.manage' },
    schema: { tags, summary: 'One external provider', params: IdParams, response: { 200: Provider } },
  }, async (req) => getProvider(app.db, req.auth!.legalEntityId, req.params.id));

  app.patch('/insights/providers/:id', {
    config: { permission: 'insights.manage' },
    schema: {
      tags, summary: 'Change a provider (a new secret replaces the stored one; without one it is kept)', params: IdParams,
      body: Type.Partial(Obj(providerFields), { minProperties: 1 }), response: { 200: Provider },
    },
  }, async (req) => updateProvider(app.db, req.auth!.legalEntityId, req.params.id, req.body, await key()));

  app.post('/insights/providers/:id/validate', {
    config: { permission: 'insights.manage' },
    schema: { tags, summary: 'Validate a saved provider with its stored secret', params: IdParams, body: Type.Optional(Obj({})), response: { 200: ProviderValidation } },
  }, async (req) => validateSavedProvider(app.db, req.auth!.legalEntityId, req.params.id, await key()));

  app.post('/insights/providers/:id/sync', {
    config: { permission: 'insights.manage' },
    schema: { tags, summary: 'Pull the provider\'s measure values now', params: IdParams, body: Type.Optional(Obj({})), response: { 200: Type.Object({ customers: Type.Integer(), values: Type.Integer(), error: Nullable(Type.String()) }) } },
  }, async (req) => syncProvider(app.db, req.auth!.legalEntityId, req.params.id, await key()));

  app.delete('/insights/providers/:id', {
    config: { permission: 'insights.manage' },
    schema: { tags, summary: 'Remove a provider, its measures and their values', params: IdParams, response: { 200: Ok } },
  }, async (req) => { await deleteProvider(app.db, req.auth!.legalEntityId, req.params.id); return { ok: true }; });

  app.get('/insights/alerts', {
    config: { permission: 'insights.manage' },
    schema: { tags, summary: 'Provider secrets expiring within 30 days (or expired) and measures whose last run failed', response: { 200: Type.Array(Alert) } },
  }, async (req) => listAlerts(app.db, req.auth!.legalEntityId));

  app.get('/customers/:id/measures', {
    config: { permission: 'customers.view' },
    schema: {
      tags, summary: 'A customer\'s measure values with drivers (why) and computed_at (how fresh); currency values are minor units', params: IdParams,
      response: { 200: Type.Object({ currency: Type.String(), measures: Type.Array(Type.Object({
        key: Type.String(), name: Type.String(), source: Type.String(), format: Type.String(), valueNumber: Nullable(Type.Number()), valueText: Nullable(Type.String()), drivers: Drivers, computedAt: Type.String(),
      })) }) },
    },
  }, async (req) => customerMeasures(app.db, req.auth!, req.params.id));

  app.get('/customers/:id/next-best-actions', {
    config: { permission: 'customers.view' },
    schema: { tags, summary: 'Ranked, explained next best actions for a customer, on channels they consented to', params: IdParams, response: { 200: Type.Array(Action) } },
  }, async (req) => customerNextBestActions(app.db, req.auth!, req.params.id));
}
