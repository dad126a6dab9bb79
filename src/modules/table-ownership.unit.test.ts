import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compare, CORE, CORE_DIRS, crossingKey, declaredReadModels, scanFile, scanModules, sqlMentions, tableOwners, type AllowedCrossing } from './table-ownership.ts';
import { getTableName } from 'drizzle-orm';
import { ALLOWED_CROSSINGS } from './table-ownership.allow.ts';

// A capability's tables are its own: other capabilities go through its queries, not its tables (#15). Every place a
// module's SQL or drizzle code names another module's table must be in table-ownership.allow.ts, and that list
// only shrinks: an entry no longer needed fails too.
const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { owners, crossings, readModels } = scanModules(src);

const ordersSchema = new Map([['orders', 'orders'], ['orderLines', 'order_lines']]);
const fake = (text: string) => scanFile('outreach', 'modules/outreach/fake.ts', text, owners,
  (spec) => (spec === '../orders/schema.ts' ? ordersSchema : undefined));

describe('table ownership', () => {
  it('learns the owner of each table from the drizzle schema files', () => {
    expect(owners.get('orders')).toBe('orders');
    expect(owners.get('customers')).toBe('customers');
    expect(owners.get('customer_consents')).toBe('customer-profile');
    expect(owners.get('job_runs')).toBe('jobs');
    expect(tableOwners(src).exportsOf.get(path.join(src, 'modules/orders/schema.ts'))?.get('orderLines')).toBe('order_lines');
  });

  it('finds the tables SQL names, and whether it reads or writes them', () => {
    const known = (t: string) => owners.has(t);
    expect(sqlMentions(`select 1 from customers c, stores s join orders o on o.id = c.id where x is distinct from products.id`, known))
      .toEqual([{ table: 'customers', access: 'read' }, { table: 'stores', access: 'read' }, { table: 'orders', access: 'read' }]);
    expect(sqlMentions(`delete from customers where id = 1; insert into "order_lines" (id) values (1); update only orders set a = 1`, known))
      .toEqual([{ table: 'customers', access: 'write' }, { table: 'order_lines', access: 'write' }, { table: 'orders', access: 'write' }]);
    // comments, string literals, functions and unknown names are not tables
    expect(sqlMentions(`select 'from orders' -- join customers\n from unnest(x) /* update stores */ join my_cte on true`, known)).toEqual([]);
  });

  it('fails on a made-up file that reads and writes another module\'s tables', () => {
    const found = fake(`
      import { sql } from 'drizzle-orm';
      import { orders, orderLines as lines } from '../orders/schema.ts';
      import { outreachMessages } from './schema.ts';
      // select * from products (a comment)
      const label = 'Update customers soon'; // a message, not SQL
      export async function f(db: Db, le: string) {
        await db.insert(lines).values({ id: 'x' });
        const rows = await db.select().from(orders).where(eq(orders.legalEntityId, le));
        await query(db, sql\`update customers set name = \${le} where id in (select customer_id from \${orders})\`);
        const q = sql.raw('select id from stores');
        type Row = typeof orders.$inferSelect;
        return db.select().from(outreachMessages);
      }`);
    expect(found.map((c) => `${crossingKey(c)} @${c.line} ${c.via}`).sort()).toEqual([
      'outreach reads orders @10 sql',
      'outreach reads orders @9 drizzle',
      'outreach reads orders @9 drizzle',
      'outreach reads stores @11 sql',
      'outreach writes customers @10 sql',
      'outreach writes order_lines @8 drizzle',
    ]);
    const allowed: AllowedCrossing[] = [
      { module: 'outreach', table: 'orders', access: 'read', reason: 'test' },
      { module: 'outreach', table: 'products', access: 'read', reason: 'no longer needed' },
    ];
    const { unexpected, unused } = compare(found, allowed);
    expect(unexpected).toEqual([
      'outreach reads stores: modules/outreach/fake.ts:11 (sql)',
      'outreach writes customers: modules/outreach/fake.ts:10 (sql)',
      'outreach writes order_lines: modules/outreach/fake.ts:8 (drizzle)',
    ]);
    expect(unused).toEqual(['outreach reads products']);
  });

  it('counts a table object handed to a function as a write, unless the function only reads or names it', () => {
    const found = fake(`
      import { alias } from 'drizzle-orm/pg-core';
      import { orders, orderLines } from '../orders/schema.ts';
      async function bulkInsert(db: Db, table: PgTable, rows: unknown[]) { /* inserts into table */ }
      export async function f(db: Db) {
        await bulkInsert(db, orders, []);
        const l = alias(orderLines, 'l');
        return getTableColumns(orders) && eq(orderLines.id, l.id);
      }`);
    expect(found.map((c) => `${crossingKey(c)} @${c.line} ${c.via}`)).toEqual([
      'outreach writes orders @6 passed to bulkInsert()',
      'outreach reads order_lines @7 drizzle',
      'outreach reads orders @8 drizzle',
      'outreach reads order_lines @8 drizzle',
    ]);
  });

  it('follows another name given to a table object', () => {
    const found = fake(`
      import { orders, orderLines } from '../orders/schema.ts';
      const o = orders, l = orderLines;
      export async function f(db: Db) {
        await db.insert(l).values([]);
        return query(db, sql\`delete from \${o} where true\`);
      }`);
    expect(found.map((c) => `${crossingKey(c)} @${c.line} ${c.via}`)).toEqual([
      'outreach writes order_lines @5 drizzle',
      'outreach writes orders @6 sql',
    ]);
  });

  it('follows table objects kept in an object: its members are the tables, and the object handed on uses them all', () => {
    const found = fake(`
      import { orders, orderLines } from '../orders/schema.ts';
      const t = { orders, lines: orderLines };
      export async function f(db: Db) {
        await db.insert(t.lines).values([]);
        await query(db, sql\`delete from \${t.orders} where true\`);
        await copyAll(db, t);
        return db.select({ id: t.orders.id }).from(t.orders);
      }`);
    expect(found.map((c) => `${crossingKey(c)} @${c.line} ${c.via}`)).toEqual([
      'outreach writes order_lines @5 drizzle',
      'outreach writes orders @6 sql',
      'outreach writes orders @7 passed to copyAll()',
      'outreach writes order_lines @7 passed to copyAll()',
      'outreach reads orders @8 drizzle',
      'outreach reads orders @8 drizzle',
    ]);
  });

  it('scans the core\'s folders (src/db, src/jobs, src/http, src/cli, src/mail) too, with the SQL text a driver\'s query() is given', () => {
    expect(CORE_DIRS).toEqual(['db', 'jobs', 'http', 'cli', 'mail']);
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ownership-'));
    try {
      const write = (file: string, text: string) => { fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true }); fs.writeFileSync(path.join(root, file), text); };
      write('db/schema/settings.ts', `export const settings = pgTable('settings', { key: text() });`);
      write('modules/runs/schema.ts', `export const runs = pgTable('runs', { id: uuid() });`);
      write('db/secret.ts', `await client.query('select key from settings'); // the core's own table`);
      write('jobs/worker.ts', `await client.query('select id from runs where true');\nconsole.log('Update runs later'); // a message`);
      write('db/cleanup.ts', `import { runs } from '../modules/runs/schema.ts';\nexport const purge = (db: Db) => db.delete(runs);`);
      const { crossings: found } = scanModules(root);
      expect(found.map((c) => `${crossingKey(c)} ${c.file}:${c.line} ${c.via}`).sort()).toEqual([
        `${CORE} reads runs ${path.join('jobs', 'worker.ts')}:1 sql`,
        `${CORE} writes runs ${path.join('db', 'cleanup.ts')}:2 drizzle`,
      ]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('does not count a foreign key declared in a schema.ts', () => {
    const schema = `
      import { orders } from '../orders/schema.ts';
      export const outreachOrders = pgTable('outreach_orders', {
        orderId: uuid().references(() => orders.id, { onDelete: 'cascade' }),
        otherId: uuid().references((): AnyPgColumn => orders.id),
      }, (t) => [check('c', sql\`\${t.orderId} in (select id from \${orders})\`)]);`;
    const found = scanFile('outreach', 'modules/outreach/schema.ts', schema, owners, (spec) => (spec === '../orders/schema.ts' ? ordersSchema : undefined));
    expect(found.map((c) => `${crossingKey(c)} @${c.line} ${c.via}`)).toEqual(['outreach reads orders @6 sql']);
  });

  it('reads a read model its owner declares, with a reason, without an allow-list entry; writes still need one', () => {
    expect(declaredReadModels(`export const readModels = declareReadModels([
      { table: orders, reason: 'every module shows orders' }, // a comment
      { table: orderLines,
        reason: "lines too" },
    ]);`, ordersSchema)).toEqual([['orders', 'every module shows orders'], ['order_lines', 'lines too']]);
    expect(() => declaredReadModels(`declareReadModels([{ table: stores, reason: 'not ours' }])`, ordersSchema)).toThrow(/not a table of this schema/);
    expect([...readModels.keys()].sort()).toEqual([
      'address_book_members', 'associates', 'browsing_events', 'client_book_members', 'client_books', 'customer_consents', 'customers', 'legal_entities',
      'order_lines', 'orders', 'product_stock', 'products', 'return_lines', 'returns', 'stores',
    ]);
    expect(crossings.filter((c) => readModels.has(c.table) && c.access === 'read')).toEqual([]);
    // a write of a read model is still a crossing (scanModules leaves out only reads of one)
    const write = scanFile('outreach', 'modules/outreach/fake.ts', `import { customers } from '../customers/schema.ts';
      await db.update(customers).set({ isVip: true });`, owners, (spec) => (spec === '../customers/schema.ts' ? new Map([['customers', 'customers']]) : undefined));
    expect(write.map((c) => `${crossingKey(c)} ${c.via}`)).toEqual(['outreach writes customers drizzle']);
  });

  it('the read models the scan finds are the ones the schema modules export', async () => {
    const declared: [string, string][] = [];
    for (const m of ['organisation', 'customers', 'orders', 'catalogue', 'client-book', 'customer-profile']) {
      const schema = await import(`./${m}/schema.ts`);
      for (const r of schema.readModels) declared.push([getTableName(r.table), r.reason]);
    }
    expect(declared.sort()).toEqual([...readModels].sort());
  });

  it('each module names another module\'s table only where the allow-list says so', () => {
    const pairs = new Map<string, number>();
    for (const c of crossings) pairs.set(`${c.module} → ${c.owner}`, (pairs.get(`${c.module} → ${c.owner}`) ?? 0) + 1);
    const count = (f: (c: (typeof crossings)[number]) => boolean) => crossings.filter(f).length;
    console.log([
      `table ownership: ${new Set(owners.values()).size} owners of ${owners.size} tables; ${crossings.length} crossings over ${pairs.size} module pairs,`,
      `  ${count((c) => c.access === 'read')} reads, ${count((c) => c.access === 'write')} writes (foreign keys and reads of the ${readModels.size} read models not counted);`,
      `  ${ALLOWED_CROSSINGS.length} allowed (module, table, access), ${ALLOWED_CROSSINGS.filter((a) => a.remove).length} marked for removal`,
      ...[...pairs].sort((a, b) => b[1] - a[1]).map(([pair, n]) => `  ${pair}: ${n}`),
    ].join('\n'));
    const { unexpected, unused } = compare(crossings, ALLOWED_CROSSINGS);
    expect(unexpected, 'crossings not in table-ownership.allow.ts: go through the owner\'s queries instead').toEqual([]);
    expect(unused, 'entries of table-ownership.allow.ts no longer needed: delete them').toEqual([]);
  });

  it('the allow-list names real modules and other modules\' tables, once each, with a reason', () => {
    const modules = new Set(fs.readdirSync(path.join(src, 'modules'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name));
    const wrong = ALLOWED_CROSSINGS.filter((a) => !modules.has(a.module) || !owners.has(a.table) || owners.get(a.table) === a.module || !a.reason.trim());
    expect(wrong).toEqual([]);
    const keys = ALLOWED_CROSSINGS.map(crossingKey);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });
});
