import { eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { query, type Db } from '../../db/client.ts';
import { getLegalEntityLocale } from '../organisation/queries.ts';
import { customerMeasures as customerMeasuresTable, customerMeasureValues, insightModelFits as fit, measureDefinitions } from './schema.ts';
import { customerInsightRows } from './insight-drivers.ts';
import { audit } from '../audit/service.ts';
import { getCustomer } from '../customers/service.ts';
import type { AuthContext } from '../auth/context.ts';
import { BUILTIN_KEYS, ensureBuiltinDefinitions } from './builtin-measures.ts';
import { rfmSegmentKey } from './rfm.ts';
import { loadNbaSignals, NO_MODEL_SIGNALS, type ModelSignals } from './nba-signals.ts';
import { rankNextBestActions } from './next-best-action.ts';
import type { MeasureRow } from './measure-store.ts';
import { getInsightSettings } from './settings.ts';
import type { CustomerMeasure, CustomerMeasures, MeasureDefinition, ModelFit, ModelOverview, NextBestAction } from './insight-schemas.ts';
import { recommendForCustomer } from '../recommendations/service.ts';

const d = alias(measureDefinitions, 'd');
const m = alias(customerMeasuresTable, 'm');
const v = customerMeasureValues;
/** Built-in first, then SQL, then external; each in the order defined. */
const definitionOrder = sql`case ${d.source} when 'builtin' then 0 when 'sql' then 1 else 2 end, ${d.createdAt}, ${d.key}`;

export async function listMeasureDefinitions(db: Db, legalEntityId: string): Promise<MeasureDefinition[]> {
  await ensureBuiltinDefinitions(db, legalEntityId);
  return query<MeasureDefinition>(db, sql`
    select ${d.key} as "key", ${d.name} as "name", ${d.description} as "description", ${d.source} as "source", ${d.format} as "format",
           ${d.sqlText} as "sqlText", ${d.providerId} as "providerId", ${d.externalField} as "externalField", ${d.enabled} as "enabled",
           ${d.lastRunAt}::text as "lastRunAt", ${d.lastError} as "lastError", ${d.lastErrorNotes} as "lastErrorNotes",
           f.last::text as "lastComputedAt", coalesce(f.n, 0)::int as "customersWithValue"
    from ${measureDefinitions} as ${d}
    left join (select ${v.measureKey} as "measureKey", max(${v.computedAt}) as last, count(*) as n from ${v}
               where ${v.legalEntityId} = ${legalEntityId} group by ${v.measureKey}) f on f."measureKey" = ${d.key}
    where ${d.legalEntityId} = ${legalEntityId}
    order by ${definitionOrder}`);
}

export async function getModelOverview(db: Db, legalEntityId: string): Promise<ModelOverview> {
  const fits: ModelFit[] = await db.select({
    model: fit.model, params: fit.params, logLikelihood: fit.logLikelihood, customers: fit.customers, period: fit.period,
    calibrationEnd: fit.calibrationEnd, converged: fit.converged, durationMs: fit.durationMs, fittedAt: sql<string>`${fit.fittedAt}::text`,
  }).from(fit).where(eq(fit.legalEntityId, legalEntityId)).orderBy(fit.model);
  return { settings: await getInsightSettings(db, legalEntityId), fits };
}

/** A customer's measure values with their drivers and freshness; reading them is audited as a customer-data read. */
export async function customerMeasures(db: Db, auth: AuthContext, customerId: string): Promise<CustomerMeasures> {
  await getCustomer(db, auth.legalEntityId, customerId);
  await ensureBuiltinDefinitions(db, auth.legalEntityId);
  const definitions = await query<{ key: string; name: string; source: CustomerMeasure['source']; format: CustomerMeasure['format'] }>(db, sql`
    select ${d.key} as "key", ${d.name} as "name", ${d.source} as "source", ${d.format} as "format"
    from ${measureDefinitions} as ${d} where ${d.legalEntityId} = ${auth.legalEntityId} and ${d.enabled}
    order by ${definitionOrder}`);
  const values = await customerMeasureRows(db, auth.legalEntityId, customerId);
  const measures: CustomerMeasure[] = [];
  for (const def of definitions) {
    const x = values.get(def.key);
    if (x) measures.push({ key: def.key, name: def.name, source: def.source, format: def.format, valueNumber: x.valueNumber, valueText: x.valueText, drivers: x.drivers, computedAt: x.computedAt });
  }
  const le = (await getLegalEntityLocale(db, auth.legalEntityId))!;
  await audit(db, auth, 'read', 'customer', customerId, { what: 'measures' });
  // A built-in measure's name is named by its key for the web to translate, and so is an RFM segment (valueKey);
  // head office's own keep the name it gave.
  return {
    currency: le.currency,
    measures: measures.map((x) => {
      if (x.source !== 'builtin' || !BUILTIN_KEYS.includes(x.key)) return x;
      const segment = x.key === 'rfm_segment' ? rfmSegmentKey(x.valueText) : null;
      return { ...x, nameKey: x.key, ...(segment ? { valueKey: segment } : {}) };
    }),
  };
}

/**
 * A customer's measure values by key with their drivers: customer_measures' rows (SQL and external measures, and
 * built-in values a recompute before customer_insights left), then the built-in ones derived from customer_insights.
 */
async function customerMeasureRows(db: Db, legalEntityId: string, customerId: string): Promise<Map<string, MeasureRow & { computedAt: string }>> {
  const stored = await query<MeasureRow & { computedAt: string }>(db, sql`
    select ${m.customerId} as "customerId", ${m.measureKey} as "measureKey", ${m.valueNumber} as "valueNumber", ${m.valueText} as "valueText",
           ${m.drivers} as "drivers", ${m.computedAt}::text as "computedAt"
    from ${customerMeasuresTable} as ${m} where ${m.customerId} = ${customerId} and ${m.legalEntityId} = ${legalEntityId}`);
  const out = new Map(stored.map((r) => [r.measureKey, r]));
  for (const r of await customerInsightRows(db, legalEntityId, customerId)) out.set(r.measureKey, r);
  return out;
}

/**
 * Live ranking for one customer: the latest model measures plus today's dates, cases, wishlist, browsing and consent,
 * so a case closed a minute ago no longer tops the list.
 */
export async function customerNextBestActions(db: Db, auth: AuthContext, customerId: string, today = new Date()): Promise<NextBestAction[]> {
  await getCustomer(db, auth.legalEntityId, customerId);
  const values = await customerMeasureRows(db, auth.legalEntityId, customerId);
  const stored = ['p_alive', 'clv_12m', 'rfm_segment'].flatMap((k) => values.get(k) ?? []);
  const byKey = Object.fromEntries(stored.map((r) => [r.measureKey, r]));
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
