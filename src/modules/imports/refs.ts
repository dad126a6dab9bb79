import { sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';
import { byLegalEntityKey } from '../../db/bulk.ts';
import { associates, legalEntities, stores } from '../organisation/schema.ts';
import { customers } from '../customers/schema.ts';
import { productIdsBySku } from '../catalogue/queries.ts';
import { ordersByExternalId } from '../orders/queries.ts';

/**
 * Resolves the source systems' keys (customer external IDs, SKUs, store codes, personnel numbers,
 * order numbers) to our IDs, a batch at a time so memory stays constant however large the file.
 */
export class References {
  private stores: Map<string, string> | null = null;
  private associates: Map<string, string> | null = null;
  /**
   * SKU → product ID and customer external ID → customer ID, filled as batches need them; shared by the batches of one
   * import run (and by the copies `within` makes). A full cache is replaced, never emptied, so a batch written at the
   * same time keeps the map it was given.
   */
  private cache = { products: new Map<string, string>(), customers: new Map<string, string>() };
  currency = 'EUR';
  constructor(private db: Db, readonly legalEntityId: string) {}

  /** The same caches, querying through the batch's transaction (PGlite has one connection: the outer handle would wait on it). */
  within(tx: Db): References {
    const bound = Object.create(this) as References;
    bound.db = tx;
    return bound;
  }

  async init() {
    const le = await query<{ currency: string }>(this.db, sql`select ${legalEntities.currency} as currency from ${legalEntities} where ${legalEntities.id} = ${this.legalEntityId}`);
    this.currency = le[0]?.currency ?? 'EUR';
    const rows = await query<{ code: string; id: string }>(this.db, sql`select ${stores.code} as code, ${stores.id} as id from ${stores} where ${stores.legalEntityId} = ${this.legalEntityId}`);
    this.stores = new Map(rows.map((s) => [s.code.toLowerCase(), s.id]));
    const assoc = await query<{ personnelNumber: string; email: string | null; id: string }>(this.db, sql`
      select ${associates.personnelNumber} as "personnelNumber", ${associates.email} as email, ${associates.id} as id from ${associates}
      where ${associates.legalEntityId} = ${this.legalEntityId}`);
    this.associates = new Map();
    for (const a of assoc) {
      this.associates.set(a.personnelNumber.toLowerCase(), a.id);
      if (a.email) this.associates.set(a.email.toLowerCase(), a.id);
    }
    return this;
  }

  store(code: string | null): string | null | undefined {
    return code === null ? null : this.stores!.get(code.toLowerCase());
  }
  associate(key: string | null): string | null | undefined {
    return key === null ? null : this.associates!.get(key.toLowerCase());
  }

  /** Customer external IDs → customer IDs; a merged duplicate resolves to the record it was merged into. */
  async customers(externalIds: readonly (string | null)[]): Promise<Map<string, string>> {
    // Orders of the same customers keep coming: ask the database only about those not seen yet in this run.
    let ids = this.cache.customers;
    const missing = new Set<string>();
    for (const e of externalIds) if (e !== null && !ids.has(e)) missing.add(e);
    // Bounded memory: past the limit start afresh, asking again for all of this batch's customers.
    if (missing.size && ids.size + missing.size > 200_000) {
      this.cache.customers = ids = new Map();
      for (const e of externalIds) if (e !== null) missing.add(e);
    }
    if (missing.size) {
      const rows = await query<{ externalId: string; id: string }>(this.db, byLegalEntityKey(customers, 'externalId', this.legalEntityId, [...missing],
        (t) => sql`${t.externalId} as "externalId", coalesce(${t.mergedIntoId}, ${t.id}) as id`));
      for (const r of rows) ids.set(r.externalId, r.id);
    }
    return ids;
  }

  async productsBySku(skus: readonly string[]): Promise<Map<string, string>> {
    let ids = this.cache.products;
    const missing = new Set<string>();
    for (const s of skus) if (!ids.has(s)) missing.add(s);
    // The catalogue is bounded, but keep the cache bounded too (past the limit, ask again for all of this batch's).
    if (missing.size && ids.size + missing.size > 200_000) {
      this.cache.products = ids = new Map();
      for (const s of skus) missing.add(s);
    }
    if (missing.size) {
      const rows = await productIdsBySku(this.db, this.legalEntityId, [...missing]);
      for (const r of rows) ids.set(r.sku, r.id);
    }
    return ids;
  }

  async orders(externalIds: string[]): Promise<Map<string, { id: string; customerId: string | null; currency: string }>> {
    const ids = [...new Set(externalIds)];
    if (!ids.length) return new Map();
    const rows = await ordersByExternalId(this.db, this.legalEntityId, ids);
    return new Map(rows.map((r) => [r.externalId, { id: r.id, customerId: r.customerId, currency: r.currency }]));
  }
}
