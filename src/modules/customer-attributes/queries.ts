import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { attributeGroups } from './schema.ts';

/** Whether the legal entity has this attribute group. */
export async function attributeGroupExists(db: Db, legalEntityId: string, groupId: string): Promise<boolean> {
  const rows = await db.select({ id: attributeGroups.id }).from(attributeGroups)
    .where(and(eq(attributeGroups.id, groupId), eq(attributeGroups.legalEntityId, legalEntityId)));
  return rows.length > 0;
}
