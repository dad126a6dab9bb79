import { Type } from '@sinclair/typebox';
import type { App } from '../../http/types.ts';
import { Obj, Uuid, Nullable, IsoDate, Ok } from '../../http/schemas.ts';
import { audit } from '../audit/service.ts';
import { runAttribution } from './engine.ts';
import { getSettings, updateSettings } from './settings.ts';
import { listSalesGroups, saveSalesGroup, deleteSalesGroup } from './sales-groups.ts';
import { listPlans, savePlan, deletePlan } from './commission-plans.ts';
import { assertCanSeeStatement, buildStatement, statementCsv } from './statements.ts';
import { assertCanSeeStore, storePerformance } from './performance.ts';
import { PerformanceSchema, PlanSchema as Plan, RunResultSchema as RunResult, SettingsSchema as Settings, StatementSchema } from './route-schemas.ts';

const Month = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM' });
const Percent = Type.Number({ minimum: 0, maximum: 100 });

const PlanBody = Obj({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  validFrom: Month,
  validTo: Nullable(Month),
  defaultRatePercent: Percent,
  rates: Type.Array(Obj({ storeId: Nullable(Uuid), category: Nullable(Type.String({ maxLength: 100 })), ratePercent: Percent }), { maxItems: 500 }),
});
const Group = Type.Object({
  id: Uuid, name: Type.String(), storeId: Nullable(Uuid), active: Type.Boolean(),
  members: Type.Array(Type.Object({ associateId: Uuid, name: Type.String(), sharePercent: Type.Number() })),
});
const GroupBody = Obj({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  storeId: Nullable(Uuid),
  active: Type.Boolean({ default: true }),
  members: Type.Array(Obj({ associateId: Uuid, sharePercent: Type.Number({ exclusiveMinimum: 0, maximum: 100 }) }), { minItems: 1, maxItems: 50 }),
});

const groupOut = (g: Awaited<ReturnType<typeof listSalesGroups>>[number]) => ({ ...g, members: g.members.map((m) => ({ associateId: m.associateId, name: m.name, sharePercent: m.shareBp / 100 })) });

export default async function attributionRoutes(app: App) {
  app.post('/attribution/run', {
    config: { permission: 'attribution.manage' },
    schema: { tags: ['attribution'], summary: 'Attribute new sales and returns now (the scheduled job does the same)', response: { 200: RunResult } },
  }, async (req) => runAttribution(app.db, req.auth!.legalEntityId));

  app.get('/attribution/settings', {
    config: { permission: 'attribution.manage' },
    schema: { tags: ['attribution'], summary: 'The outreach attribution window', response: { 200: Settings } },
  }, async (req) => getSettings(app.db, req.auth!.legalEntityId));

  app.put('/attribution/settings', {
    config: { permission: 'attribution.manage' },
    schema: { tags: ['attribution'], summary: 'Change the outreach attribution window (applies to sales attributed from now on)', body: Obj({ outreachWindowDays: Type.Integer({ minimum: 1, maximum: 365 }) }), response: { 200: Settings } },
  }, async (req) => {
    const s = await updateSettings(app.db, req.auth!.legalEntityId, req.body);
    await audit(app.db, req.auth!, 'update', 'attribution-settings', null, req.body);
    return s;
  });

  app.get('/attribution/plans', {
    config: { permission: 'attribution.manage' },
    schema: { tags: ['attribution'], summary: 'Commission plans with their rates by store and category', response: { 200: Type.Array(Plan) } },
  }, async (req) => listPlans(app.db, req.auth!.legalEntityId));

  app.post('/attribution/plans', {
    config: { permission: 'attribution.manage' },
    schema: { tags: ['attribution'], summary: 'Create a commission plan for a range of months', body: PlanBody, response: { 201: Plan } },
  }, async (req, reply) => {
    const plan = await savePlan(app.db, req.auth!.legalEntityId, null, req.body);
    await audit(app.db, req.auth!, 'create', 'commission-plan', plan.id);
    return reply.status(201).send(plan);
  });

  app.put('/attribution/plans/:id', {
    config: { permission: 'attribution.manage' },
    schema: { tags: ['attribution'], summary: 'Change a commission plan', params: Obj({ id: Uuid }), body: PlanBody, response: { 200: Plan } },
  }, async (req) => {
    const plan = await savePlan(app.db, req.auth!.legalEntityId, req.params.id, req.body);
    await audit(app.db, req.auth!, 'update', 'commission-plan', plan.id);
    return plan;
  });

  app.delete('/attribution/plans/:id', {
    config: { permission: 'attribution.manage' },
    schema: { tags: ['attribution'], summary: 'Delete a commission plan', params: Obj({ id: Uuid }), response: { 200: Ok } },
  }, async (req) => {
    await deletePlan(app.db, req.auth!.legalEntityId, req.params.id);
    await audit(app.db, req.auth!, 'delete', 'commission-plan', req.params.id);
    return { ok: true };
  });

  app.get('/attribution/sales-groups', {
    config: { permission: 'attribution.manage' },
    schema: { tags: ['attribution'], summary: 'Commission sales groups and their shares', response: { 200: Type.Array(Group) } },
  }, async (req) => (await listSalesGroups(app.db, req.auth!.legalEntityId)).map(groupOut));

  app.post('/attribution/sales-groups', {
    config: { permission: 'attribution.manage' },
    schema: { tags: ['attribution'], summary: 'Create a sales group; its shares add up to 100%', body: GroupBody, response: { 201: Group } },
  }, async (req, reply) => {
    const g = await saveSalesGroup(app.db, req.auth!.legalEntityId, null, req.body);
    await audit(app.db, req.auth!, 'create', 'sales-group', g.id);
    return reply.status(201).send(groupOut(g));
  });

  app.put('/attribution/sales-groups/:id', {
    config: { permission: 'attribution.manage' },
    schema: { tags: ['attribution'], summary: 'Change a sales group (future splits only)', params: Obj({ id: Uuid }), body: GroupBody, response: { 200: Group } },
  }, async (req) => {
    const g = await saveSalesGroup(app.db, req.auth!.legalEntityId, req.params.id, req.body);
    await audit(app.db, req.auth!, 'update', 'sales-group', g.id);
    return groupOut(g);
  });

  app.delete('/attribution/sales-groups/:id', {
    config: { permission: 'attribution.manage' },
    schema: { tags: ['attribution'], summary: 'Delete a sales group (future splits only)', params: Obj({ id: Uuid }), response: { 200: Ok } },
  }, async (req) => {
    await deleteSalesGroup(app.db, req.auth!.legalEntityId, req.params.id);
    await audit(app.db, req.auth!, 'delete', 'sales-group', req.params.id);
    return { ok: true };
  });

  app.get('/attribution/statements/:associateId', {
    config: { permission: 'attribution.view-own' },
    schema: {
      tags: ['attribution'], summary: 'An associate\'s attributed sales, with explanations, and commission for a month',
      params: Obj({ associateId: Uuid }), querystring: Obj({ period: Month }), response: { 200: StatementSchema },
    },
  }, async (req) => {
    await assertCanSeeStatement(app.db, req.auth!, req.params.associateId);
    const st = await buildStatement(app.db, req.auth!.legalEntityId, req.params.associateId, req.query.period);
    await audit(app.db, req.auth!, 'read', 'attribution-statement', req.params.associateId, { period: req.query.period });
    return st;
  });

  app.get('/attribution/statements/:associateId/csv', {
    config: { permission: 'attribution.view-own' },
    schema: {
      tags: ['attribution'], summary: 'The commission statement as CSV', params: Obj({ associateId: Uuid }), querystring: Obj({ period: Month }),
      produces: ['text/csv'], response: { 200: Type.String() },
    },
  }, async (req, reply) => {
    await assertCanSeeStatement(app.db, req.auth!, req.params.associateId);
    const st = await buildStatement(app.db, req.auth!.legalEntityId, req.params.associateId, req.query.period);
    await audit(app.db, req.auth!, 'export', 'attribution-statement', req.params.associateId, { period: req.query.period });
    const file = `commission-${st.associate.name.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase() || 'associate'}-${st.period}.csv`;
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${file}"`).send(statementCsv(st));
  });

  app.get('/performance/store/:storeId', {
    config: { permission: 'performance.view' },
    schema: {
      tags: ['attribution'], summary: 'Store performance: revenue, repeat customers, client books, outreach and appointment conversion, leaderboard',
      params: Obj({ storeId: Uuid }), querystring: Obj({ from: IsoDate, to: IsoDate }), response: { 200: PerformanceSchema },
    },
  }, async (req) => {
    const store = await assertCanSeeStore(app.db, req.auth!, req.params.storeId);
    return storePerformance(app.db, req.auth!.legalEntityId, req.params.storeId, store, req.query.from, req.query.to);
  });
}
