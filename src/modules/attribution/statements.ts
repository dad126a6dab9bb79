import { sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';
import { attributionErrors } from './errors.ts';
import type { AuthContext } from '../auth/context.ts';
import { planForPeriod } from './commission-plans.ts';
import { commissionOf, periodStart, pickRate, type RateSource } from './split.ts';
import { minorToDecimal } from '../../../shared/money.ts';

export interface StatementEntry {
  id: string; attributedAt: string; kind: 'sale' | 'return'; orderRef: string; lineNumber: number; productName: string; category: string;
  storeId: string | null; storeName: string | null; customerId: string | null; customerName: string | null; rule: string; sharePercent: number;
  amountMinor: number; ratePercent: number; commissionMinor: number; explanation: string;
}
export interface StatementLine {
  storeId: string | null; storeName: string | null; category: string; salesMinor: number; returnsMinor: number; netMinor: number;
  ratePercent: number; rateSource: RateSource | 'no-plan'; commissionMinor: number;
}
export interface Statement {
  associate: { id: string; name: string }; period: string; currency: string; plan: { id: string; name: string } | null;
  lines: StatementLine[]; entries: StatementEntry[];
  totals: { salesMinor: number; returnsMinor: number; netMinor: number; commissionMinor: number };
}

/**
 * Who may read whose statement: everyone their own (attribution.view-own), head office any associate
 * (attribution.manage), a store manager (performance.view) the associates who work in one of their stores.
 */
export async function assertCanSeeStatement(db: Db, auth: AuthContext, associateId: string): Promise<void> {
  if (associateId === auth.associateId && auth.permissions.has('attribution.view-own')) return;
  if (auth.permissions.has('attribution.manage')) return;
  if (auth.permissions.has('performance.view')) {
    const rows = await query(db, sql`
      select 1 from address_book_members mine join address_book_members theirs on theirs.address_book_id = mine.address_book_id
      join associates a on a.id = theirs.associate_id
      where mine.associate_id = ${auth.associateId} and theirs.associate_id = ${associateId} and a.legal_entity_id = ${auth.legalEntityId} limit 1`);
    if (rows.length) return;
  }
  throw attributionErrors.statement_not_yours('You may see your own statement, and managers the statements of their store\'s associates.');
}

export async function buildStatement(db: Db, legalEntityId: string, associateId: string, month: string): Promise<Statement> {
  const period = periodStart(month);
  if (!period) throw attributionErrors.month_invalid('The period is a month, YYYY-MM.', { field: 'period' });
  const [associate] = await query<{ id: string; name: string; currency: string }>(db, sql`
    select a.id, a.display_name as "name", le.currency from associates a join legal_entities le on le.id = a.legal_entity_id
    where a.id = ${associateId} and a.legal_entity_id = ${legalEntityId}`);
  if (!associate) throw attributionErrors.associate_not_found('Associate was not found.');
  const plan = await planForPeriod(db, legalEntityId, period);
  const rows = await query<Omit<StatementEntry, 'kind' | 'sharePercent' | 'ratePercent' | 'commissionMinor'> & { share: number; reversal: boolean }>(db, sql`
    select e.id, e.attributed_at::text as "attributedAt", e.reversed_by is not null as "reversal", o.external_id as "orderRef",
      ol.line_number as "lineNumber", p.name as "productName", e.category, e.store_id as "storeId", s.name as "storeName",
      e.customer_id as "customerId", nullif(trim(coalesce(c.first_name, '') || ' ' || coalesce(c.last_name, '')), '') as "customerName",
      e.rule, e.share::float8 as "share", e.amount_minor::float8 as "amountMinor", e.explanation
    from attribution_ledger e
    join orders o on o.id = e.order_id
    join order_lines ol on ol.id = e.order_line_id
    join products p on p.id = ol.product_id
    left join stores s on s.id = e.store_id
    left join customers c on c.id = e.customer_id
    where e.legal_entity_id = ${legalEntityId} and e.associate_id = ${associateId} and e.period = ${period}::date
    order by e.attributed_at, o.external_id, ol.line_number, e.id`);
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
