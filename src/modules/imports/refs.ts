import { sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';

/**
 * Resolves the source systems' keys (customer external IDs, SKUs, store codes, personnel numbers,
 * order numbers) to our IDs, a batch at a time so memory stays constant however large the file.
 */
export class References {
  private stores: Map<string, string> | null = null;
  private associates: Map<string, string> | null = null;
  private products = new Map<string, string>();
  /** Customer external ID → ID, filled as batches need them; shared by the batches of one import run. */
  private customerIds = new Map<string, string>();
  currency = 'EUR';
  constructor(private db: Db, readonly legalEntityId: string) {}

  /** The same caches, querying through the batch's transaction (PGlite has one connection: the outer handle would wait on it). */
  within(tx: Db): References {
    const bound = Object.create(this) as References;
    bound.db = tx;
    return bound;
  }

  async init() {
    const le = await query<{ currency: string }>(this.db, sql`select currency from legal_entities where id = ${this.legalEntityId}`);
    this.currency = le[0]?.currency ?? 'EUR';
    const stores = await query<{ code: string; id: string }>(this.db, sql`select code, id from stores where legal_entity_id = ${this.legalEntityId}`);
    this.stores = new Map(stores.map((s) => [s.code.toLowerCase(), s.id]));
    const assoc = await query<{ personnelNumber: string; email: string | null; id: string }>(this.db, sql`
      select personnel_number as "personnelNumber", email, id from associates where legal_entity_id = ${this.legalEntityId}`);
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
  async customers(externalIds: string[]): Promise<Map<string, string>> {
    // Orders of the same customers keep coming: ask the database only about those not seen yet in this run.
    const wanted = [...new Set(externalIds)];
    let missing = wanted.filter((e) => !this.customerIds.has(e));
    // Bounded memory: past the limit start afresh, asking again for all of this batch's customers.
    if (missing.length && this.customerIds.size + missing.length > 200_000) { this.customerIds.clear(); missing = wanted; }
    if (missing.length) {
      const rows = await query<{ externalId: string; id: string }>(this.db, sql`
        select external_id as "externalId", coalesce(merged_into_id, id) as id from customers
        where legal_entity_id = ${this.legalEntityId} and external_id = any(${sql.param(missing)}::text[])`);
      for (const r of rows) this.customerIds.set(r.externalId, r.id);
    }
    return this.customerIds;
  }

  async productsBySku(skus: string[]): Promise<Map<string, string>> {
    const wanted = [...new Set(skus)];
    let missing = wanted.filter((s) => !this.products.has(s));
    // The catalogue is bounded, but keep the cache bounded too (past the limit, ask again for all of this batch's).
    if (missing.length && this.products.size + missing.length > 200_000) { this.products.clear(); missing = wanted; }
    if (missing.length) {
      const rows = await query<{ sku: string; id: string }>(this.db, sql`
        select sku, id from products where legal_entity_id = ${this.legalEntityId} and sku = any(${sql.param(missing)}::text[])`);
      for (const r of rows) this.products.set(r.sku, r.id);
    }
    return this.products;
  }

  async orders(externalIds: string[]): Promise<Map<string, { id: string; customerId: string | null }>> {
    const ids = [...new Set(externalIds)];
    if (!ids.length) return new Map();
    const rows = await query<{ externalId: string; id: string; customerId: string | null }>(this.db, sql`
      select external_id as "externalId", id, customer_id as "customerId" from orders
      where legal_entity_id = ${this.legalEntityId} and external_id = any(${sql.param(ids)}::text[])`);
    return new Map(rows.map((r) => [r.externalId, { id: r.id, customerId: r.customerId }]));
  }
}
