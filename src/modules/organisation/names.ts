import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { associates, legalEntities, stores } from './schema.ts';

/** What a customer-facing page names: the retailer, its currency, a store and an associate (all of one legal entity). */
export async function customerFacingNames(db: Db, legalEntityId: string, ids: { storeId: string | null; associateId: string | null }) {
  const [le] = await db.select({ name: legalEntities.name, currency: legalEntities.currency }).from(legalEntities).where(eq(legalEntities.id, legalEntityId));
  const [store] = ids.storeId
    ? await db.select({ name: stores.name, city: stores.city }).from(stores).where(and(eq(stores.id, ids.storeId), eq(stores.legalEntityId, legalEntityId)))
    : [];
  const [associate] = ids.associateId
    ? await db.select({ name: associates.displayName }).from(associates).where(and(eq(associates.id, ids.associateId), eq(associates.legalEntityId, legalEntityId)))
    : [];
  return { brand: le?.name ?? '', currency: le?.currency ?? 'EUR', store: store ?? null, associateName: associate?.name ?? null };
}
