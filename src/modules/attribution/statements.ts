import { sql } from 'drizzle-orm';
import type { Static } from '@sinclair/typebox';
import type { StatementSchema } from './route-schemas.ts';
import { query, type Db } from '../../db/client.ts';
import { alias } from 'drizzle-orm/pg-core';
import { addressBookMembers, associates, legalEntities, stores } from '../organisation/schema.ts';
import { orders, orderLines } from '../orders/schema.ts';
import { products } from '../catalogue/schema.ts';
import { customers } from '../customers/schema.ts';
import { attributionLedger } from './schema.ts';
import { attributionErrors } from './errors.ts';
import type { AuthContext } from '../auth/context.ts';
import { planForPeriod } from './commission-plans.ts';
import { commissionOf, periodStart, pickRate } from './split.ts';
import { minorToDecimal } from '../../../shared/money.ts';

export type Statement = Static<typeof StatementSchema>;
export type StatementEntry = Statement['entries'][number];
export type StatementLine = Statement['lines'][number];

/**
 * Who may read whose statement: everyone their own (attribution.view-own), head office any associate
 * (attribution.manage), a store manager (performance.view) the associates who work in one of their stores.
 */
export async function assertCanSeeStatement(db: Db, auth: AuthContext, associateId: string): Promise<void> {
  if (associateId === auth.associateId && auth.permissions.has('attribution.view-own')) return;
  if (auth.permissions.has('attribution.manage')) return;
  if (auth.permissions.has('performance.view')) {
    const mine = alias(addressBookMembers, 'mine');
    const theirs = alias(addressBookMembers, 'theirs');
    const rows = await query(db, sql`
      select 1 from ${addressBookMembers} as ${mine} join ${addressBookMembers} as ${theirs} on ${theirs.addressBookId} = ${mine.addressBookId}
      join ${associates} on ${associates.id} = ${theirs.associateId}
      where ${mine.associateId} = ${auth.associateId} and ${theirs.associateId} = ${associateId} and ${associates.legalEntityId} = ${auth.legalEntityId} limit 1`);
    if (rows.length) return;
  }
  throw attributionErrors.statement_not_yours('You may see your own statement, and managers the statements of their store\'s associates.');
}

export async function buildStatement(db: Db, legalEntityId: string, associateId: string, month: string): Promise<Statement> {
  const period = periodStart(month);
  if (!period) throw attributionErrors.month_invalid('The period is a month, YYYY-MM.', { field: 'period' });
  const [associate] = await query<{ id: string; name: string; currency: string }>(db, sql`
    select ${associates.id} as "id", ${associates.displayName} as "name", ${legalEntities.currency} as "currency"
    from ${associates} join ${legalEntities} on ${legalEntities.id} = ${associates.legalEntityId}
    where ${associates.id} = ${associateId} and ${associates.legalEntityId} = ${legalEntityId}`);
  if (!associate) throw attributionErrors.associate_not_found('Associate was not found.');
  const plan = await planForPeriod(db, legalEntityId, period);
  const e = attributionLedger, o = orders, ol = orderLines, p = products, s = stores, c = customers;
  const rows = await query<Omit<StatementEntry, 'kind' | 'sharePercent' | 'ratePercent' | 'commissionMinor'> & { share: number; reversal: boolean }>(db, sql`
    select ${e.id} as "id", ${e.attributedAt}::text as "attributedAt", ${e.reversedBy} is not null as "reversal", ${o.externalId} as "orderRef",
      ${ol.lineNumber} as "lineNumber", ${p.name} as "productName", ${e.category} as "category", ${e.storeId} as "storeId", ${s.name} as "storeName",
      ${e.customerId} as "customerId", nullif(trim(coalesce(${c.firstName}, '') || ' ' || coalesce(${c.lastName}, '')), '') as "customerName",
      ${e.rule} as "rule", ${e.share}::float8 as "share", ${e.amountMinor}::float8 as "amountMinor", ${e.explanation} as "explanation",
      case when ${e.explanationKey} is not null then jsonb_build_object('key', ${e.explanationKey}, 'params', coalesce(${e.explanationParams}, '{}'::jsonb)) end as "explanationText"
    from ${e}
    join ${o} on ${o.id} = ${e.orderId}
    join ${ol} on ${ol.id} = ${e.orderLineId}
    join ${p} on ${p.id} = ${ol.productId}
    left join ${s} on ${s.id} = ${e.storeId}
    left join ${c} on ${c.id} = ${e.customerId}
    where ${e.legalEntityId} = ${legalEntityId} and ${e.associateId} = ${associateId} and ${e.period} = ${period}::date
    order by ${e.attributedAt}, ${o.externalId}, ${ol.lineNumber}, ${e.id}`);
  const entries: StatementEntry[] = rows.map(({ share, reversal, ...r }) => {
    const rate = plan ? pickRate(plan.rates, plan.defaultRateBp, r.storeId, r.category) : { rateBp: 0, source: 'no-plan' as const };
    return { ...r, kind: reversal ? 'return' : 'sale', sharePercent: Math.round(share * 10_000) / 100, ratePercent: rate.rateBp / 100, commissionMinor: commissionOf(r.amountMinor, rate.rateBp) };
  });
  const lines = new Map<string, StatementLine>();
  for (const e of entries) {
    const key = `${e.storeId ?? ''}|${e.category}`;
    let l = lines.get(key);
    if (!l) {
      const rate = plan ? pickRate(plan.rates, plan.defaultRateBp, e.storeId, e.category) : { rateBp: 0, source: 'no-plan' as const };
      l = { storeId: e.storeId, storeName: e.storeName, category: e.category, salesMinor: 0, returnsMinor: 0, netMinor: 0, ratePercent: rate.rateBp / 100, rateSource: rate.source, commissionMinor: 0 };
      lines.set(key, l);
    }
    if (e.kind === 'return') l.returnsMinor += e.amountMinor; else l.salesMinor += e.amountMinor;
    l.netMinor += e.amountMinor;
    // The statement is the sum of the entries' commissions, so the CSV rows add up to the total.
    l.commissionMinor += e.commissionMinor;
  }
  const sorted = [...lines.values()].sort((a, b) => (a.storeName ?? '').localeCompare(b.storeName ?? '') || a.category.localeCompare(b.category));
  const sum = (f: (l: StatementLine) => number) => sorted.reduce((a, l) => a + f(l), 0);
  return {
    associate: { id: associate.id, name: associate.name }, period: month, currency: associate.currency,
    plan: plan ? { id: plan.id, name: plan.name } : null, lines: sorted, entries,
    totals: { salesMinor: sum((l) => l.salesMinor), returnsMinor: sum((l) => l.returnsMinor), netMinor: sum((l) => l.netMinor), commissionMinor: sum((l) => l.commissionMinor) },
  };
}

function csvCell(v: string | number | null): string {
  const s = v === null ? '' : String(v);
  // Quote when needed; a leading = + - @ is neutralised so a spreadsheet never runs it as a formula.
  const safe = /^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s) ? `'${s}` : s;
  return /[",\n\r;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function statementCsv(st: Statement): string {
  const decimal = (minor: number) => minorToDecimal(minor, st.currency);
  const header = ['date', 'kind', 'order', 'line', 'product', 'category', 'store', 'customer', 'rule', 'share_percent', `amount_${st.currency}`, 'rate_percent', `commission_${st.currency}`, 'explanation'];
  const rows = st.entries.map((e) => [
    e.attributedAt.slice(0, 10), e.kind, e.orderRef, e.lineNumber, e.productName, e.category, e.storeName, e.customerName, e.rule,
    e.sharePercent, decimal(e.amountMinor), e.ratePercent, decimal(e.commissionMinor), e.explanation,
  ]);
  rows.push(['', 'total', '', '', '', '', '', '', '', '', decimal(st.totals.netMinor), '', decimal(st.totals.commissionMinor), `${st.associate.name}, ${st.period}${st.plan ? `, plan ${st.plan.name}` : ', no commission plan'}`]);
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
