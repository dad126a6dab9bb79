import { sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';
import type { Period } from './summary.ts';

export interface InsightSettings { transactionModel: 'bgnbd' | 'pareto-nbd'; period: Extract<Period, 'day' | 'week'> }

export const DEFAULT_SETTINGS: InsightSettings = { transactionModel: 'bgnbd', period: 'week' };

export async function getInsightSettings(db: Db, legalEntityId: string): Promise<InsightSettings> {
  const rows = await query<InsightSettings>(db, sql`select transaction_model as "transactionModel", period from insight_settings where legal_entity_id = ${legalEntityId}`);
  return rows[0] ?? DEFAULT_SETTINGS;
}

export async function saveInsightSettings(db: Db, legalEntityId: string, patch: Partial<InsightSettings>): Promise<InsightSettings> {
  const next = { ...(await getInsightSettings(db, legalEntityId)), ...patch };
  await db.execute(sql`insert into insight_settings (legal_entity_id, transaction_model, period, updated_at)
    values (${legalEntityId}, ${next.transactionModel}, ${next.period}, now())
    on conflict (legal_entity_id) do update set transaction_model = excluded.transaction_model, period = excluded.period, updated_at = now()`);
  return next;
}
