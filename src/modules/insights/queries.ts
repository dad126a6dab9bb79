import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { measureDefinitions } from './schema.ts';

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
