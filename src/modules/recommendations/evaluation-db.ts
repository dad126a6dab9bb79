// Offline evaluation on the live database: each customer's orders as baskets (one order = one
// basket, cancelled orders excluded), ready for evaluateHitRate.
import { sql } from 'drizzle-orm';
import { eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { query, type Db } from '../../db/client.ts';
import { legalEntities } from '../organisation/schema.ts';
import { orders, orderLines } from '../orders/schema.ts';
import { evaluateHitRate, type CustomerHistory, type EvaluationResult } from './evaluation.ts';
import { getSettings } from './setup.ts';

const FETCH_SIZE = 5_000;

export async function legalEntityByCode(db: Db, code: string): Promise<{ id: string; code: string; name: string } | null> {
  const rows = await db.select({ id: legalEntities.id, code: legalEntities.code, name: legalEntities.name }).from(legalEntities).where(eq(legalEntities.code, code));
  return rows[0] ?? null;
}

/** Streams the legal entity's orders of known customers, grouped into customer histories. */
export async function loadCustomerHistories(db: Db, legalEntityId: string): Promise<CustomerHistory[]> {
  const byCustomer = new Map<string, CustomerHistory>();
  const o = alias(orders, 'o');
  const ol = alias(orderLines, 'ol');
  await db.transaction(async (tx) => {
    await tx.execute(sql`declare recommendation_evaluation no scroll cursor for
      select ${o.customerId} as "customerId", ${o.orderedAt}::text as "at", string_agg(distinct ${ol.productId}::text, ',') as "items"
      from ${orders} as ${o} join ${orderLines} as ${ol} on ${ol.orderId} = ${o.id}
      where ${o.legalEntityId} = ${legalEntityId} and ${o.status} <> 'cancelled' and ${o.customerId} is not null
      group by ${o.id}`);
    for (;;) {
      const rows = await query<{ customerId: string; at: string; items: string }>(tx, sql.raw(`fetch ${FETCH_SIZE} from recommendation_evaluation`));
      for (const r of rows) {
        let c = byCustomer.get(r.customerId);
        if (!c) byCustomer.set(r.customerId, (c = { customerId: r.customerId, baskets: [] }));
        c.baskets.push({ date: r.at.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'), items: r.items.split(',') });
      }
      if (rows.length < FETCH_SIZE) break;
    }
    await tx.execute(sql`close recommendation_evaluation`);
  });
  return [...byCustomer.values()];
}

export interface DatabaseEvaluation extends EvaluationResult {
  legalEntity: string;
  customers: number;
  orders: number;
  minSupport: number;
  minConfidence: number;
}

/**
 * Leave-last-order-out hit rate of the legal entity's "also bought" rules against popularity.
 * Thresholds default to the legal entity's mining settings (its basket count as a fraction of all orders).
 * Returns null when no legal entity has the code.
 */
export async function evaluateLegalEntity(
  db: Db, code: string, o: { k: number; maxLen?: number; minSupport?: number; minConfidence?: number },
): Promise<DatabaseEvaluation | null> {
  const le = await legalEntityByCode(db, code);
  if (!le) return null;
  const settings = await getSettings(db, le.id);
  const customers = await loadCustomerHistories(db, le.id);
  const orders = customers.reduce((n, c) => n + c.baskets.length, 0);
  const minSupport = o.minSupport ?? Math.min(1, settings.minSupportCount / Math.max(1, orders));
  const minConfidence = o.minConfidence ?? settings.minConfidence;
  const result = evaluateHitRate(customers, o.k, { minSupport, minConfidence, maxLen: o.maxLen ?? 2 });
  return { ...result, legalEntity: le.code, customers: customers.length, orders, minSupport, minConfidence };
}
