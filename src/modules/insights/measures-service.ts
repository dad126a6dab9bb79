import { sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';
import { audit } from '../audit/service.ts';
import { getCustomer } from '../customers/service.ts';
import type { AuthContext } from '../auth/context.ts';
import { ensureBuiltinDefinitions } from './builtin-measures.ts';
import { loadNbaSignals, NO_MODEL_SIGNALS, type ModelSignals } from './nba-signals.ts';
import { rankNextBestActions, type NextBestAction } from './next-best-action.ts';
import { getInsightSettings, type InsightSettings } from './settings.ts';
import { recommendForCustomer } from '../recommendations/service.ts';

export interface MeasureDefinition {
  key: string; name: string; description: string | null; source: 'builtin' | 'sql' | 'external'; format: string;
  sqlText: string | null; providerId: string | null; externalField: string | null; enabled: boolean;
  lastRunAt: string | null; lastError: string | null;
  /** Freshness: the latest computed_at of any value, and how many customers have one. */
  lastComputedAt: string | null; customersWithValue: number;
}

export async function listMeasureDefinitions(db: Db, legalEntityId: string): Promise<MeasureDefinition[]> {
  await ensureBuiltinDefinitions(db, legalEntityId);
  return query<MeasureDefinition>(db, sql`
    select d.key, d.name, d.description, d.source, d.format, d.sql_text as "sqlText", d.provider_id as "providerId",
           d.external_field as "externalField", d.enabled, d.last_run_at::text as "lastRunAt", d.last_error as "lastError",
           f.last::text as "lastComputedAt", coalesce(f.n, 0)::int as "customersWithValue"
    from measure_definitions d
    left join (select measure_key, max(computed_at) as last, count(*) as n from customer_measures
               where legal_entity_id = ${legalEntityId} group by measure_key) f on f.measure_key = d.key
    where d.legal_entity_id = ${legalEntityId}
    order by case d.source when 'builtin' then 0 when 'sql' then 1 else 2 end, d.created_at, d.key`);
}

export interface ModelFit { model: string; params: Record<string, number>; logLikelihood: number; customers: number; period: string; calibrationEnd: string; converged: boolean; durationMs: number; fittedAt: string }

export async function getModelOverview(db: Db, legalEntityId: string): Promise<{ settings: InsightSettings; fits: ModelFit[] }> {
  const fits = await query<ModelFit>(db, sql`
    select model, params, log_likelihood as "logLikelihood", customers, period, calibration_end as "calibrationEnd", converged,
           duration_ms as "durationMs", fitted_at::text as "fittedAt"
    from insight_model_fits where legal_entity_id = ${legalEntityId} order by model`);
  return { settings: await getInsightSettings(db, legalEntityId), fits };
}

export interface CustomerMeasure {
  key: string; name: string; source: string; format: string;
  valueNumber: number | null; valueText: string | null; drivers: Record<string, unknown> | null; computedAt: string;
}

/** A customer's measure values with their drivers and freshness; reading them is audited as a customer-data read. */
export async function customerMeasures(db: Db, auth: AuthContext, customerId: string): Promise<{ currency: string; measures: CustomerMeasure[] }> {
  await getCustomer(db, auth.legalEntityId, customerId);
  await ensureBuiltinDefinitions(db, auth.legalEntityId);
  const measures = await query<CustomerMeasure>(db, sql`
    select m.measure_key as "key", d.name, d.source, d.format, m.value_number as "valueNumber", m.value_text as "valueText",
           m.drivers, m.computed_at::text as "computedAt"
    from customer_measures m join measure_definitions d on d.legal_entity_id = m.legal_entity_id and d.key = m.measure_key
    where m.customer_id = ${customerId} and m.legal_entity_id = ${auth.legalEntityId} and d.enabled
    order by case d.source when 'builtin' then 0 when 'sql' then 1 else 2 end, d.created_at, d.key`);
  const [le] = await query<{ currency: string }>(db, sql`select currency from legal_entities where id = ${auth.legalEntityId}`);
  await audit(db, auth, 'read', 'customer', customerId, { what: 'measures' });
  return { currency: le.currency, measures };
}

/**
 * Live ranking for one customer: the latest model measures plus today's dates, cases, wishlist, browsing and consent,
 * so a case closed a minute ago no longer tops the list.
 */
export async function customerNextBestActions(db: Db, auth: AuthContext, customerId: string, today = new Date()): Promise<NextBestAction[]> {
  await getCustomer(db, auth.legalEntityId, customerId);
  const stored = await query<{ key: string; valueNumber: number | null; valueText: string | null; drivers: Record<string, unknown> | null }>(db, sql`
    select measure_key as "key", value_number as "valueNumber", value_text as "valueText", drivers from customer_measures
    where customer_id = ${customerId} and legal_entity_id = ${auth.legalEntityId}
      and measure_key in ('p_alive', 'clv_12m', 'rfm_segment')`);
  const byKey = Object.fromEntries(stored.map((r) => [r.key, r]));
  const history = (byKey.rfm_segment?.drivers ?? byKey.p_alive?.drivers ?? {}) as Record<string, unknown>;
  const model: ModelSignals = stored.length ? {
    probabilityAlive: byKey.p_alive?.valueNumber ?? null,
    clv12mMinor: byKey.clv_12m?.valueNumber ?? null,
    clvBookPercentile: typeof byKey.clv_12m?.drivers?.bookPercentile === 'number' ? byKey.clv_12m.drivers.bookPercentile : null,
    rfmSegment: byKey.rfm_segment?.valueText ?? null,
    // Days since the last purchase grow with every day since the values were computed.
    daysSinceLastPurchase: typeof history.lastPurchase === 'string'
      ? Math.max(0, Math.floor((today.getTime() - Date.parse(`${history.lastPurchase}T00:00:00Z`)) / 86_400_000)) : null,
    purchaseDays: typeof history.purchaseDays === 'number' ? history.purchaseDays : 0,
  } : NO_MODEL_SIGNALS;
  const signals = (await loadNbaSignals(db, auth.legalEntityId, customerId)).get(customerId);
  await audit(db, auth, 'read', 'customer', customerId, { what: 'next-best-actions' });
  if (!signals) return [];
  // Live ranking can afford the recommendations engine per customer (the nightly batch uses wishlist and browsing);
  // a failure there must not take next best action down with it.
  const recommended = await recommendForCustomer(db, { legalEntityId: auth.legalEntityId, storeId: auth.storeId }, customerId, { limit: 3, now: today })
    .then((recs) => recs.map((r) => r.name)).catch(() => [] as string[]);
  return rankNextBestActions({ ...model, ...signals, recommended }, today);
}
