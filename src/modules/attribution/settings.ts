import { sql } from 'drizzle-orm';
import type { Static } from '@sinclair/typebox';
import type { SettingsSchema } from './route-schemas.ts';
import { query, type Db } from '../../db/client.ts';
import { columnName, columnNames } from '../../db/sql.ts';
import { attributionSettings as t } from './schema.ts';

export type AttributionSettings = Static<typeof SettingsSchema>;

export const DEFAULT_OUTREACH_WINDOW_DAYS = 14;

export async function getSettings(db: Db, legalEntityId: string): Promise<AttributionSettings> {
  const rows = await query<AttributionSettings>(db, sql`
    select ${t.outreachWindowDays} as "outreachWindowDays", ${t.lastRunAt}::text as "lastRunAt"
    from ${t} where ${t.legalEntityId} = ${legalEntityId}`);
  return rows[0] ?? { outreachWindowDays: DEFAULT_OUTREACH_WINDOW_DAYS, lastRunAt: null };
}

/** The window applies to sales attributed from now on; credits already in the ledger stay as they were. */
export async function updateSettings(db: Db, legalEntityId: string, input: { outreachWindowDays: number }): Promise<AttributionSettings> {
  await db.execute(sql`
    insert into ${t} (${columnNames(t.legalEntityId, t.outreachWindowDays)}) values (${legalEntityId}, ${input.outreachWindowDays})
    on conflict (${columnName(t.legalEntityId)}) do update set ${columnName(t.outreachWindowDays)} = excluded.${columnName(t.outreachWindowDays)},
      ${columnName(t.updatedAt)} = now()`);
  return getSettings(db, legalEntityId);
}
