import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { columnNames } from '../../db/sql.ts';
import { measureDefinitions as d } from './schema.ts';

export type MeasureFormat = 'percent' | 'currency' | 'number' | 'text' | 'date';

export interface BuiltinMeasure { key: string; name: string; description: string; format: MeasureFormat }

// Currency measures are stored in minor units of the legal entity's currency (cents, pence): money is never a float
// fraction of a unit in this codebase, and the card formats it with the currency's own number of decimals.
export const BUILTIN_MEASURES: BuiltinMeasure[] = [
  { key: 'rfm_segment', name: 'RFM segment', format: 'text', description: 'Segment from recency and frequency quintiles of the book (Champions, Loyal, At risk…).' },
  { key: 'rfm_score', name: 'RFM score', format: 'number', description: 'Recency, frequency and monetary quintile scores 1-5, e.g. 545, as a number.' },
  { key: 'p_alive', name: 'Probability active', format: 'percent', description: 'Probability the customer is still an active buyer (BG/NBD or Pareto/NBD fitted by maximum likelihood).' },
  { key: 'churn_probability', name: 'Churn probability', format: 'percent', description: 'Probability the customer has stopped buying: 1 − probability active.' },
  { key: 'expected_purchases_90d', name: 'Expected purchases (90 days)', format: 'number', description: 'Expected number of purchase days in the next 90 days given the history.' },
  { key: 'expected_spend', name: 'Expected spend per purchase', format: 'currency', description: 'Gamma-Gamma expected spend per purchase, minor units of the legal entity currency.' },
  { key: 'clv_12m', name: 'Customer lifetime value (12 months)', format: 'currency', description: 'Discounted 12-month value (1% per month): expected purchases × expected spend, minor units of the legal entity currency.' },
  { key: 'next_best_action', name: 'Next best action', format: 'text', description: 'The top ranked, explained suggestion from measures, important dates, open cases, wishlist and consent.' },
];

export const BUILTIN_KEYS = BUILTIN_MEASURES.map((m) => m.key);

/** Built-in measures get a definition row per legal entity the first time anyone looks or computes. */
export async function ensureBuiltinDefinitions(db: Db, legalEntityId: string): Promise<void> {
  const json = JSON.stringify(BUILTIN_MEASURES);
  await db.execute(sql`
    insert into ${d} (${columnNames(d.legalEntityId, d.key, d.name, d.description, d.source, d.format)})
    select ${legalEntityId}, m.key, m.name, m.description, 'builtin', m.format
    from jsonb_to_recordset(${json}::jsonb) as m(key text, name text, description text, format text)
    on conflict (${columnNames(d.legalEntityId, d.key)}) do nothing`);
}
