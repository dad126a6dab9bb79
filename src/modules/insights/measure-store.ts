import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { columnName, columnNames } from '../../db/sql.ts';
import { customers } from '../customers/schema.ts';
import { customerMeasures as m } from './schema.ts';

export interface MeasureRow {
  customerId: string;
  measureKey: string;
  valueNumber: number | null;
  valueText: string | null;
  drivers: Record<string, unknown> | null;
}

// One JSON parameter per batch (jsonb_to_recordset) keeps the statement small and behaves the same on PGlite
// and node-postgres, where thousands of separate parameters would not.
const BATCH = 2000;

/** Upserts measure values in batches; every row of one run shares its computed_at (the freshness shown). */
export async function upsertMeasures(db: Db, legalEntityId: string, rows: MeasureRow[], computedAt: string): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    const chunk = rows.slice(i, i + BATCH).map((r) => ({
      customer_id: r.customerId, measure_key: r.measureKey,
      value_number: r.valueNumber !== null && Number.isFinite(r.valueNumber) ? r.valueNumber : null,
      value_text: r.valueText, drivers: r.drivers,
    }));
    const set = (c: Parameters<typeof columnName>[0]) => sql`${columnName(c)} = excluded.${columnName(c)}`;
    await db.execute(sql`
      insert into ${m} (${columnNames(m.customerId, m.measureKey, m.legalEntityId, m.valueNumber, m.valueText, m.drivers, m.computedAt)})
      select r.customer_id, r.measure_key, ${legalEntityId}, r.value_number, r.value_text, r.drivers, ${computedAt}::timestamptz
      from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb)
        as r(customer_id uuid, measure_key text, value_number double precision, value_text text, drivers jsonb)
      join ${customers} on ${customers.id} = r.customer_id and ${customers.legalEntityId} = ${legalEntityId}
      on conflict (${columnNames(m.customerId, m.measureKey)}) do update set
        ${sql.join([m.valueNumber, m.valueText, m.drivers, m.computedAt, m.legalEntityId].map(set), sql`, `)}`);
  }
}

/** Values of a run that no longer apply (customer lost all orders, row left by a provider) are removed, not left stale. */
export async function deleteStaleMeasures(db: Db, legalEntityId: string, keys: string[], computedAt: string): Promise<void> {
  if (!keys.length) return;
  await db.execute(sql`delete from ${m} where ${m.legalEntityId} = ${legalEntityId}
    and ${m.measureKey} in (${sql.join(keys.map((k) => sql`${k}`), sql`, `)}) and ${m.computedAt} < ${computedAt}::timestamptz`);
}
