import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { columnName, columnNames } from '../../db/sql.ts';
import { customers } from '../customers/schema.ts';
import { customerInsights as ci, customerMeasures as m } from './schema.ts';
import type { CustomerInsight } from './insight-drivers.ts';

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
      customerId: r.customerId, measureKey: r.measureKey,
      valueNumber: r.valueNumber !== null && Number.isFinite(r.valueNumber) ? r.valueNumber : null,
      valueText: r.valueText, drivers: r.drivers,
    }));
    const set = (c: Parameters<typeof columnName>[0]) => sql`${columnName(c)} = excluded.${columnName(c)}`;
    await db.execute(sql`
      insert into ${m} (${columnNames(m.customerId, m.measureKey, m.legalEntityId, m.valueNumber, m.valueText, m.drivers, m.computedAt)})
      select r."customerId", r."measureKey", ${legalEntityId}, r."valueNumber", r."valueText", r.drivers, ${computedAt}::timestamptz
      from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb)
        as r("customerId" uuid, "measureKey" text, "valueNumber" double precision, "valueText" text, drivers jsonb)
      join ${customers} on ${customers.id} = r."customerId" and ${customers.legalEntityId} = ${legalEntityId}
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

/** A customer's row of customer_insights as the recompute writes it (computedAt is the run's). */
export type InsightValues = Omit<CustomerInsight, 'computedAt'>;

// PostgreSQL array literals, one a column: one statement a chunk whatever its size, a few parameters, and no JSON to
// build or parse. Numbers print as JavaScript's shortest round-trip decimal, which PostgreSQL reads back exactly.
const numbers = (xs: (number | null)[]) => `{${xs.map((v) => (v === null ? 'NULL' : Number.isNaN(v) ? 'NaN' : v === Infinity ? 'Infinity' : v === -Infinity ? '-Infinity' : String(v))).join(',')}}`;
const quote = (v: string) => `"${v.replace(/[\\"]/g, '\\$&')}"`;
const texts = (xs: (string | null)[]) => `{${xs.map((v) => (v === null ? 'NULL' : quote(v))).join(',')}}`;

/** Upserts a chunk's customer_insights rows in one statement. */
export async function writeCustomerInsights(db: Db, legalEntityId: string, rows: InsightValues[], computedAt: string): Promise<void> {
  if (!rows.length) return;
  const col = <K extends keyof InsightValues>(k: K) => rows.map((r) => r[k]);
  const cols = [ci.customerId, ci.firstDay, ci.lastDay, ci.purchaseDays, ci.spend, ci.repeatSpend, ci.recencyBelow, ci.frequencyBelow, ci.monetaryBelow,
    ci.rfmScore, ci.rfmSegment, ci.expectedSpend, ci.pAlive, ci.expectedPurchases90d, ci.clv12m, ci.expectedPurchases12m, ci.clvBookPercentile,
    ci.nextBestAction, ci.nextBestActionScore, ci.nextBestActionDrivers];
  const set = [...cols.slice(1), ci.legalEntityId, ci.computedAt].map((c) => sql`${columnName(c)} = excluded.${columnName(c)}`);
  await db.execute(sql`
    insert into ${ci} (${columnNames(...cols, ci.legalEntityId, ci.computedAt)})
    select u.*, ${legalEntityId}::uuid, ${computedAt}::timestamptz
    from unnest(${texts(col('customerId'))}::uuid[], ${numbers(col('firstDay'))}::int[], ${numbers(col('lastDay'))}::int[], ${numbers(col('purchaseDays'))}::int[],
      ${numbers(col('spend'))}::float8[], ${numbers(col('repeatSpend'))}::float8[], ${numbers(col('recencyBelow'))}::int[], ${numbers(col('frequencyBelow'))}::int[],
      ${numbers(col('monetaryBelow'))}::int[], ${numbers(col('rfmScore'))}::smallint[], ${texts(col('rfmSegment'))}::text[], ${numbers(col('expectedSpend'))}::float8[],
      ${numbers(col('pAlive'))}::float8[], ${numbers(col('expectedPurchases90d'))}::float8[], ${numbers(col('clv12m'))}::float8[],
      ${numbers(col('expectedPurchases12m'))}::float8[], ${numbers(col('clvBookPercentile'))}::float8[], ${texts(col('nextBestAction'))}::text[],
      ${numbers(col('nextBestActionScore'))}::float8[], ${texts(rows.map((r) => (r.nextBestActionDrivers ? JSON.stringify(r.nextBestActionDrivers) : null)))}::jsonb[]) as u
    on conflict (${columnNames(ci.customerId)}) do update set ${sql.join(set, sql`, `)}`);
}
