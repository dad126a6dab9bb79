import { sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';

export interface AttributionSettings { outreachWindowDays: number; lastRunAt: string | null }

export const DEFAULT_OUTREACH_WINDOW_DAYS = 14;

export async function getSettings(db: Db, legalEntityId: string): Promise<AttributionSettings> {
  const rows = await query<AttributionSettings>(db, sql`
    select outreach_window_days as "outreachWindowDays", last_run_at::text as "lastRunAt"
    from attribution_settings where legal_entity_id = ${legalEntityId}`);
  return rows[0] ?? { outreachWindowDays: DEFAULT_OUTREACH_WINDOW_DAYS, lastRunAt: null };
}

/** The window applies to sales attributed from now on; credits already in the ledger stay as they were. */
export async function updateSettings(db: Db, legalEntityId: string, input: { outreachWindowDays: number }): Promise<AttributionSettings> {
  await db.execute(sql`
    insert into attribution_settings (legal_entity_id, outreach_window_days) values (${legalEntityId}, ${input.outreachWindowDays})
    on conflict (legal_entity_id) do update set outreach_window_days = excluded.outreach_window_days, updated_at = now()`);
  return getSettings(db, legalEntityId);
}
