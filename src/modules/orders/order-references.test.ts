import { randomUUID } from 'node:crypto';
import { describe, it, expect, beforeAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { testDatabase } from '../../../test/app.ts';
import { buildCustomer, buildLegalEntity } from '../../../test/factories.ts';
import { query, type Database, type Db } from '../../db/client.ts';
import { ORDER_TRIGGERS } from './schema.ts';
import { arrayLiteral } from '../../db/bulk.ts';

// Orders' and order lines' references are checked per statement by triggers (migration 0008) rather than by foreign
// keys: these tests hold them to what the foreign keys guaranteed.

let database: Database;
let db: Db;
beforeAll(async () => { database = await testDatabase(); db = database.db; });

/** The database error a statement failed with (drizzle wraps the driver's). */
async function rejection(statement: Promise<unknown>) {
  const e = await statement.then(() => null, (err) => err);
  expect(e, 'the statement should have failed').not.toBeNull();
  const err = (e.cause ?? e) as { code?: string; message: string; detail?: string; constraint?: string };
  return { code: err.code, message: err.message, detail: err.detail, constraint: err.constraint };
}

async function retailer() {
  const le = await buildLegalEntity(db);
  const customer = await buildCustomer(db, le.id);
  const product = async (sku: string) => (await query<{ id: string }>(db, sql`insert into products (legal_entity_id, sku, name, category, price_minor)
    values (${le.id}, ${sku}, ${sku}, 'Shoes', 1000) returning id`))[0].id;
  const order = async (externalId: string, customerId: string | null = customer.id) => (await query<{ id: string }>(db, sql`
    insert into orders (legal_entity_id, external_id, customer_id, channel, status, ordered_at, currency, total_minor)
    values (${le.id}, ${externalId}, ${customerId}, 'store', 'completed', now(), 'EUR', 0) returning id`))[0].id;
  return { le, customer, product, order };
}

const insertLines = (rows: { orderId: string; productId: string }[]) => db.execute(sql`
  insert into order_lines (order_id, line_number, product_id, quantity, unit_price_minor, net_minor)
  select o, n, p, 1, 1000, 1000 from unnest(${`{${rows.map((r) => r.orderId).join(',')}}`}::uuid[], ${`{${rows.map((r) => r.productId).join(',')}}`}::uuid[])
    with ordinality as x(o, p, n)`);

describe('order references', () => {
  it('rejects a statement with a missing reference, naming the constraint and the key', async () => {
    const r = await retailer();
    const bag = await r.product('BAG');
    const orderId = await r.order('O-1');
    const ghost = randomUUID();

    const lines = await rejection(insertLines([{ orderId, productId: bag }, { orderId, productId: ghost }, { orderId, productId: bag }]));
    expect(lines).toMatchObject({ code: '23503', constraint: 'order_lines_product_id_products_id_fk' });
    expect(lines.message).toBe('insert or update on table "order_lines" violates foreign key constraint "order_lines_product_id_products_id_fk"');
    expect(lines.detail).toBe(`Key (product_id)=(${ghost}) is not present in table "products".`);
    // The whole statement failed: not even the good lines are there.
    expect(await query(db, sql`select 1 from order_lines where order_id = ${orderId}`)).toEqual([]);

    expect(await rejection(insertLines([{ orderId: ghost, productId: bag }]))).toMatchObject({ code: '23503', constraint: 'order_lines_order_id_orders_id_fk' });
    expect(await rejection(r.order('O-2', ghost))).toMatchObject({ code: '23503', constraint: 'orders_customer_id_customers_id_fk',
      detail: `Key (customer_id)=(${ghost}) is not present in table "customers".` });
    expect(await rejection(db.execute(sql`update orders set store_id = ${ghost} where id = ${orderId}`)))
      .toMatchObject({ code: '23503', constraint: 'orders_store_id_stores_id_fk' });

    // An update that changes a line's product is checked; one that keeps the references is not held up.
    await insertLines([{ orderId, productId: bag }]);
    expect(await rejection(db.execute(sql`update order_lines set product_id = ${ghost} where order_id = ${orderId}`)))
      .toMatchObject({ code: '23503', constraint: 'order_lines_product_id_products_id_fk' });
    await db.execute(sql`update order_lines set quantity = 2 where order_id = ${orderId}`);
  });

  it('refuses to delete a referenced row, and deletes an order with its lines', async () => {
    const r = await retailer();
    const [bag, spare] = [await r.product('BAG'), await r.product('SPARE')];
    const orderId = await r.order('O-1');
    await insertLines([{ orderId, productId: bag }, { orderId, productId: bag }]);

    const product = await rejection(db.execute(sql`delete from products where id = ${bag}`));
    expect(product).toMatchObject({ code: '23503', constraint: 'order_lines_product_id_products_id_fk',
      detail: `Key (id)=(${bag}) is still referenced from table "order_lines".` });
    expect(product.message).toContain('update or delete on table "products" violates foreign key constraint');
    expect(await rejection(db.execute(sql`delete from customers where id = ${r.customer.id}`))).toMatchObject({ code: '23503', constraint: 'orders_customer_id_customers_id_fk' });
    expect(await rejection(db.execute(sql`update products set id = ${randomUUID()} where id = ${bag}`))).toMatchObject({ code: '23503' });
    // A row nothing refers to goes, as before.
    await db.execute(sql`delete from products where id = ${spare}`);

    // An order's lines go with it, unless a return refers to one of them (a foreign key of its own).
    await db.execute(sql`delete from orders where id = ${orderId}`);
    expect(await query(db, sql`select 1 from order_lines where order_id = ${orderId}`)).toEqual([]);
    const returned = await r.order('O-2');
    await insertLines([{ orderId: returned, productId: bag }]);
    await db.execute(sql`insert into returns (legal_entity_id, external_id, returned_at, currency, refund_minor) values (${r.le.id}, 'R-1', now(), 'EUR', 1000)`);
    await db.execute(sql`insert into return_lines (return_id, order_line_id, product_id, quantity, reason, refund_minor)
      select r.id, l.id, l.product_id, 1, 'Too small', 1000 from returns r, order_lines l where r.legal_entity_id = ${r.le.id} and l.order_id = ${returned}`);
    expect(await rejection(db.execute(sql`delete from orders where id = ${returned}`))).toMatchObject({ code: '23503', constraint: 'return_lines_order_line_id_order_lines_id_fk' });
    expect(await query(db, sql`select 1 from order_lines where order_id = ${returned}`)).toHaveLength(1);
    await db.execute(sql`delete from returns where legal_entity_id = ${r.le.id} and external_id = 'R-1'`);
    await db.execute(sql`delete from orders where id = ${returned}`);
    expect(await query(db, sql`select 1 from orders where id = ${returned}`)).toEqual([]);
  });

  it('refuses such a delete outside READ COMMITTED, where its snapshot could miss a new reference', async () => {
    const r = await retailer();
    const spare = await r.product('SPARE');
    const e = await rejection(db.transaction(async (tx) => {
      await tx.execute(sql`set transaction isolation level repeatable read`);
      await tx.execute(sql`delete from products where id = ${spare}`);
    }));
    expect(e).toMatchObject({ code: '40001' });
    expect(e.message).toContain('outside READ COMMITTED');
  });

  it.runIf(process.env.CLIENTELING_TEST_DB === 'postgres')('holds under concurrent transactions: a delete waits for the import that refers to the row', async () => {
    const r = await retailer();
    const [bag, gone] = [await r.product('BAG'), await r.product('GONE')];
    const orderId = await r.order('O-1');
    const importer = await database.pool!.connect();
    const other = await database.pool!.connect();
    try {
      // The import's statement locks the product it refers to: the delete waits for the import, then sees its line.
      await importer.query('begin');
      await importer.query(`insert into order_lines (order_id, line_number, product_id, quantity, unit_price_minor, net_minor) values ($1, 1, $2, 1, 1000, 1000)`, [orderId, bag]);
      let settled = false;
      const deleting = other.query('delete from products where id = $1', [bag]).finally(() => { settled = true; });
      deleting.catch(() => {});
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(settled).toBe(false);
      await importer.query('commit');
      expect(await rejection(deleting)).toMatchObject({ code: '23503', constraint: 'order_lines_product_id_products_id_fk' });

      // The other way round: a line written while its product is being deleted fails once the delete commits.
      await other.query('begin');
      await other.query('delete from products where id = $1', [gone]);
      const inserting = importer.query(`insert into order_lines (order_id, line_number, product_id, quantity, unit_price_minor, net_minor) values ($1, 2, $2, 1, 1000, 1000)`, [orderId, gone]);
      inserting.catch(() => {});
      await new Promise((resolve) => setTimeout(resolve, 300));
      await other.query('commit');
      expect(await rejection(inserting)).toMatchObject({ code: '23503', detail: `Key (product_id)=(${gone}) is not present in table "products".` });
    } finally {
      importer.release();
      other.release();
    }
  });
});

describe('the triggers orders/schema.ts names', () => {
  it('are the order-reference triggers the migrations create, on the tables it says', async () => {
    const rows = await query<{ table: string; name: string }>(db, sql`
      select c.relname as table, t.tgname as name from pg_trigger t join pg_class c on c.oid = t.tgrelid
      where not t.tgisinternal and t.tgname = any(${arrayLiteral([...Object.values(ORDER_TRIGGERS.checkReferences), ...Object.values(ORDER_TRIGGERS.refuseIfReferenced)].flat())}::text[])
        or (not t.tgisinternal and t.tgfoid in (select oid from pg_proc where proname in ('orders_check_references', 'order_lines_check_references', 'refuse_if_referenced')))`);
    const named = [...Object.entries(ORDER_TRIGGERS.checkReferences), ...Object.entries(ORDER_TRIGGERS.refuseIfReferenced)]
      .flatMap(([table, names]) => names.map((name) => `${table} ${name}`)).sort();
    expect(rows.map((r) => `${r.table} ${r.name}`).sort()).toEqual(named);
  });
});
