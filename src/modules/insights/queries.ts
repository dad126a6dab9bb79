import { and, asc, eq, inArray, sql, type Column, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.ts';
import { customerInsights, customerMeasureValues, measureDefinitions } from './schema.ts';

/** Which of these measure keys the legal entity defines. */
export async function knownMeasureKeys(db: Db, legalEntityId: string, keys: string[]): Promise<string[]> {
  if (!keys.length) return [];
  const rows = await db.select({ key: measureDefinitions.key }).from(measureDefinitions)
    .where(and(eq(measureDefinitions.legalEntityId, legalEntityId), inArray(measureDefinitions.key, keys)));
  return rows.map((r) => r.key);
}

/** The legal entity's measures, by name: what head office picks the customer card's measures from. */
export function measureDefinitionsOf(db: Db, legalEntityId: string): Promise<{ key: string; name: string; description: string | null; format: string; enabled: boolean }[]> {
  const md = measureDefinitions;
  return db.select({ key: md.key, name: md.name, description: md.description, format: md.format, enabled: md.enabled }).from(md)
    .where(eq(md.legalEntityId, legalEntityId)).orderBy(asc(md.name));
}

// SQL expressions for the client book's one-statement pages (each round trip costs about half a millisecond).

const md = alias(measureDefinitions, 'md');
/** The legal entity's definitions of these measure keys (an SQL expression giving a text set), as a JSON array of { key, name, format }. */
export const measureDefinitionsJson = (legalEntityId: SQL | Column, keys: SQL) => sql`(select coalesce(json_agg(t), '[]') from (select ${md.key} as "key",
  ${md.name} as "name", ${md.format} as "format", ${md.source} as "source" from ${measureDefinitions} as ${md} where ${md.legalEntityId} = ${legalEntityId} and ${md.key} in (${keys})) t)`;

const cm = customerMeasureValues;
/** A customer's values of these measures as a JSON array of { key, valueNumber, valueText }, or null. */
export function measureValuesJson(legalEntityId: string, customerId: SQL | Column, keys: string[]): SQL {
  if (!keys.length) return sql`null::json`;
  // A next best action also gives its stable key (the view has its English title only), for the web to word it.
  const actionKey = sql`case when ${cm.measureKey} = 'next_best_action' then (select ${customerInsights.nextBestActionDrivers}->>'action'
    from ${customerInsights} where ${customerInsights.customerId} = ${cm.customerId}) end`;
  return sql`(select json_agg(json_build_object('key', ${cm.measureKey}, 'valueNumber', ${cm.valueNumber}, 'valueText', ${cm.valueText}, 'actionKey', ${actionKey}))
    from ${cm} where ${cm.customerId} = ${customerId} and ${cm.legalEntityId} = ${legalEntityId}
      and ${cm.measureKey} in (${sql.join(keys.map((k) => sql`${k}`), sql`, `)}))`;
}
