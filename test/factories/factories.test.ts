import { describe, it, expect, beforeAll } from 'vitest';
import { eq } from 'drizzle-orm';
import { testDatabase } from '../app.ts';
import type { Db } from '../../src/db/client.ts';
import { customers } from '../../src/modules/customers/schema.ts';
import { stores } from '../../src/modules/organisation/schema.ts';
import { products } from '../../src/modules/catalogue/schema.ts';
import { buildLegalEntity, buildCustomer, buildStore, buildProduct, buildOrder, buildOrderLine, buildReturn, buildBrowsingEvent } from '../factories.ts';

let db: Db;
beforeAll(async () => { db = (await testDatabase()).db; });

const leOf = async (table: typeof customers | typeof stores | typeof products, id: string) =>
  (await db.select({ le: table.legalEntityId }).from(table).where(eq(table.id, id)))[0].le;

describe('factories create the parents they are not given', () => {
  it('a product, customer or store without a legal entity gets a new one each', async () => {
    const p = await buildProduct(db);
    const c = await buildCustomer(db);
    const s = await buildStore(db);
    expect(new Set([p.legalEntityId, c.legalEntityId, s.legalEntityId]).size).toBe(3);
  });

  it('an order without customer, store or lines gets them, all in one legal entity', async () => {
    const o = await buildOrder(db);
    expect(o.customerId).toBeTruthy();
    expect(o.storeId).toBeTruthy();
    expect(o.lines).toHaveLength(1);
    expect(await leOf(customers, o.customerId!)).toBe(o.legalEntityId);
    expect(await leOf(stores, o.storeId!)).toBe(o.legalEntityId);
    expect(await leOf(products, o.lines[0].productId)).toBe(o.legalEntityId);
    expect(o.totalMinor).toBe(o.lines[0].netMinor);
  });

  it('an order takes its legal entity from its customer, and null keeps a parent out', async () => {
    const le = await buildLegalEntity(db);
    const c = await buildCustomer(db, le.id);
    const o = await buildOrder(db, undefined, { customerId: c.id, storeId: null, lines: [{ quantity: 2, unitPriceMinor: 1_500, discountMinor: 500 }] });
    expect(o.legalEntityId).toBe(le.id);
    expect(o.storeId).toBeNull();
    expect(o.lines[0]).toMatchObject({ quantity: 2, unitPriceMinor: 1_500, discountMinor: 500, netMinor: 2_500 });
    expect(o).toMatchObject({ totalMinor: 2_500, discountMinor: 500 });
  });

  it('an order line without an order, and a return without an order, create the order', async () => {
    const line = await buildOrderLine(db, { netMinor: 4_200 });
    expect(line).toMatchObject({ lineNumber: 1, netMinor: 4_200, unitPriceMinor: 4_200 });
    const second = await buildOrderLine(db, { orderId: line.orderId });
    expect(second.lineNumber).toBe(2);
    const r = await buildReturn(db);
    expect(r.orderId).toBeTruthy();
    expect(r.customerId).toBeTruthy();
    expect(r.refundMinor).toBeGreaterThan(0);
  });

  it('a browsing event creates its customer and product in the given legal entity', async () => {
    const le = await buildLegalEntity(db);
    const e = await buildBrowsingEvent(db, le.id);
    expect(await leOf(customers, e.customerId)).toBe(le.id);
    expect(await leOf(products, e.productId)).toBe(le.id);
  });
});
