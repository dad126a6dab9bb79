import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Static } from '@sinclair/typebox';
import type { PlanSchema } from './route-schemas.ts';
import { query, type Db } from '../../db/client.ts';
import { attributionErrors } from './errors.ts';
import { stores } from '../organisation/schema.ts';
import { commissionPlans, commissionRates } from './schema.ts';
import { periodStart, type RateRow } from './split.ts';

export type CommissionPlan = Static<typeof PlanSchema>;

export interface CommissionPlanInput {
  name: string;
  validFrom: string;
  validTo: string | null;
  defaultRatePercent: number;
  rates: { storeId: string | null; category: string | null; ratePercent: number }[];
}

const cp = commissionPlans;
const cr = commissionRates;
const month = (d: string | null) => (d ? d.slice(0, 7) : null);

export async function listPlans(db: Db, legalEntityId: string): Promise<CommissionPlan[]> {
  const plans = await query<{ id: string; name: string; validFrom: string; validTo: string | null; defaultRateBp: number }>(db, sql`
    select ${cp.id} as "id", ${cp.name} as "name", ${cp.validFrom}::text as "validFrom", ${cp.validTo}::text as "validTo", ${cp.defaultRateBp} as "defaultRateBp"
    from ${cp} where ${cp.legalEntityId} = ${legalEntityId} order by ${cp.validFrom} desc`);
  if (!plans.length) return [];
  const rates = await query<{ planId: string; storeId: string | null; category: string | null; rateBp: number }>(db, sql`
    select ${cr.planId} as "planId", ${cr.storeId} as "storeId", ${cr.category} as "category", ${cr.rateBp} as "rateBp" from ${cr}
    where ${cr.planId} in (${sql.join(plans.map((p) => sql`${p.id}::uuid`), sql`, `)})
    order by ${cr.category} nulls first, ${cr.storeId} nulls first`);
  return plans.map((p) => ({
    id: p.id, name: p.name, validFrom: month(p.validFrom)!, validTo: month(p.validTo), defaultRatePercent: p.defaultRateBp / 100,
    rates: rates.filter((r) => r.planId === p.id).map((r) => ({ storeId: r.storeId, category: r.category, ratePercent: r.rateBp / 100 })),
  }));
}

function toBp(percent: number, field: string) {
  const bp = Math.round(percent * 100);
  if (Math.abs(bp - percent * 100) > 1e-6) throw attributionErrors.rate_precision('Rates may have at most two decimals.', { field });
  if (bp < 0 || bp > 10_000) throw attributionErrors.rate_out_of_range('A rate is between 0% and 100%.', { field });
  return bp;
}

export async function savePlan(db: Db, legalEntityId: string, planId: string | null, input: CommissionPlanInput): Promise<CommissionPlan> {
  const from = periodStart(input.validFrom);
  if (!from) throw attributionErrors.month_invalid('The first month is YYYY-MM.', { field: 'validFrom' });
  const to = input.validTo === null ? null : periodStart(input.validTo);
  if (input.validTo !== null && !to) throw attributionErrors.month_invalid('The last month is YYYY-MM.', { field: 'validTo' });
  if (to && to < from) throw attributionErrors.months_reversed('The last month is before the first.', { field: 'validTo' });
  const defaultRateBp = toBp(input.defaultRatePercent, 'defaultRatePercent');
  const rates = input.rates.map((r, i) => {
    const category = r.category?.trim() || null;
    if (!category && !r.storeId) throw attributionErrors.rate_without_scope('A rate names a store, a category or both.', { field: `rates/${i}` });
    return { storeId: r.storeId, category, rateBp: toBp(r.ratePercent, `rates/${i}/ratePercent`) };
  });
  const keys = rates.map((r) => `${r.storeId ?? ''}|${r.category ?? ''}`);
  if (new Set(keys).size !== keys.length) throw attributionErrors.rate_repeated('The same store and category appear twice.', { field: 'rates' });
  const storeIds = [...new Set(rates.map((r) => r.storeId).filter((s): s is string => !!s))];
  if (storeIds.length) {
    const found = await db.select({ id: stores.id }).from(stores).where(and(eq(stores.legalEntityId, legalEntityId), inArray(stores.id, storeIds)));
    if (found.length !== storeIds.length) throw attributionErrors.unknown_store('A store does not belong to this legal entity.', { field: 'rates' });
  }
  // Plans may not overlap: every month has at most one plan, so a statement is never ambiguous.
  const overlap = await query<{ name: string }>(db, sql`
    select ${cp.name} as "name" from ${cp} where ${cp.legalEntityId} = ${legalEntityId}
      ${planId ? sql`and ${cp.id} <> ${planId}` : sql``}
      and ${cp.validFrom} <= coalesce(${to}::date, 'infinity'::date) and coalesce(${cp.validTo}, 'infinity'::date) >= ${from}::date`);
  if (overlap.length) throw attributionErrors.plan_overlap(`The months overlap the plan "${overlap[0].name}".`, { field: 'validFrom' });

  const id = await db.transaction(async (tx) => {
    let id = planId;
    if (id) {
      const upd = await tx.update(commissionPlans).set({ name: input.name, validFrom: from, validTo: to, defaultRateBp })
        .where(and(eq(commissionPlans.id, id), eq(commissionPlans.legalEntityId, legalEntityId))).returning({ id: commissionPlans.id });
      if (!upd.length) throw attributionErrors.commission_plan_not_found('Commission plan was not found.');
      await tx.delete(commissionRates).where(eq(commissionRates.planId, id));
    } else {
      const [p] = await tx.insert(commissionPlans).values({ legalEntityId, name: input.name, validFrom: from, validTo: to, defaultRateBp }).returning({ id: commissionPlans.id });
      id = p.id;
    }
    if (rates.length) await tx.insert(commissionRates).values(rates.map((r) => ({ ...r, planId: id! })));
    return id!;
  });
  return (await listPlans(db, legalEntityId)).find((p) => p.id === id)!;
}

export async function deletePlan(db: Db, legalEntityId: string, planId: string): Promise<void> {
  const rows = await db.delete(commissionPlans).where(and(eq(commissionPlans.id, planId), eq(commissionPlans.legalEntityId, legalEntityId))).returning({ id: commissionPlans.id });
  if (!rows.length) throw attributionErrors.commission_plan_not_found('Commission plan was not found.');
}

/** The plan covering a month (first day), with its rates in basis points. */
export async function planForPeriod(db: Db, legalEntityId: string, period: string): Promise<{ id: string; name: string; defaultRateBp: number; rates: RateRow[] } | null> {
  const [plan] = await query<{ id: string; name: string; defaultRateBp: number }>(db, sql`
    select ${cp.id} as "id", ${cp.name} as "name", ${cp.defaultRateBp} as "defaultRateBp" from ${cp}
    where ${cp.legalEntityId} = ${legalEntityId} and ${cp.validFrom} <= ${period}::date and coalesce(${cp.validTo}, 'infinity'::date) >= ${period}::date
    order by ${cp.validFrom} desc limit 1`);
  if (!plan) return null;
  const rates = await query<RateRow>(db, sql`
    select ${cr.storeId} as "storeId", ${cr.category} as "category", ${cr.rateBp} as "rateBp" from ${cr} where ${cr.planId} = ${plan.id}`);
  return { ...plan, rates };
}
