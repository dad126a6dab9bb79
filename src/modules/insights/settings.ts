import { sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';
import { columnName, columnNames } from '../../db/sql.ts';
import { insightSettings as s } from './schema.ts';
import type { Period } from './summary.ts';

export interface InsightSettings { transactionModel: 'bgnbd' | 'pareto-nbd'; period: Extract<Period, 'day' | 'week'> }

export const DEFAULT_SETTINGS: InsightSettings = { transactionModel: 'bgnbd', period: 'week' };

export async function getInsightSettings(db: Db, legalEntityId: string): Promise<InsightSettings> {
  const rows = await query<InsightSettings>(db, sql`select ${s.transactionModel} as "transactionModel", ${s.period} as "period" from ${s} where ${s.legalEntityId} = ${legalEntityId}`);
  return rows[0] ?? DEFAULT_SETTINGS;
}

export async function saveInsightSettings(db: Db, legalEntityId: string, patch: Partial<InsightSettings>): Promise<InsightSettings> {
  const next = { ...(await getInsightSettings(db, legalEntityId)), ...patch };
  await db.execute(sql`insert into ${s} (${columnNames(s.legalEntityId, s.transactionModel, s.period, s.updatedAt)})
    values (${legalEntityId}, ${next.transactionModel}, ${next.period}, now())
    on conflict (${columnName(s.legalEntityId)}) do update set ${columnName(s.transactionModel)} = excluded.${columnName(s.transactionModel)},
      ${columnName(s.period)} = excluded.${columnName(s.period)}, ${columnName(s.updatedAt)} = now()`);
  return next;
}
