// A least-privilege PostgreSQL deployment: `db roles` grants a plain login user what the app needs, and the app runs
// as that user, SQL measures included, without being able to read server files or create roles.

import { describe, it, expect, afterAll } from 'vitest';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { openDatabase, runMigrations, query } from './client.ts';
import { setUpDatabaseRoles } from './roles.ts';
import { loadConfig } from '../config.ts';
import { buildApp } from '../http/app.ts';
import { buildRetailer, buildCustomer } from '../../test/factories.ts';
import { buildOrders } from '../modules/insights/test-helpers.ts';
import { main } from '../cli/main.ts';

const url = process.env.DATABASE_URL;
const onPostgres = process.env.CLIENTELING_TEST_DB === 'postgres' && !!url;
const suffix = randomUUID().slice(0, 8);
const appUser = `clienteling_app_${suffix}`;
const migratorUser = `clienteling_migrator_${suffix}`;

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try { return await fn(c); } finally { await c.end(); }
}

afterAll(async () => {
  if (!onPostgres) return;
  // Roles are cluster-wide: take away what they were granted here, then the roles.
  await admin(async (c) => {
    for (const r of [appUser, migratorUser]) {
      if ((await c.query('select 1 from pg_roles where rolname = $1', [r])).rows.length) await c.query(`drop owned by ${r}; drop role ${r}`);
    }
  });
});

describe.skipIf(!onPostgres)('database roles for a least-privilege deployment', () => {
  it('runs the app and its SQL measures as a user that is neither superuser nor owner', async () => {
    await admin((c) => c.query(`create role ${appUser} login; create role ${migratorUser} login`));
    // Through the command line, as an administrator would.
    expect(await main(['db', 'roles', '--app-user', appUser, '--migrator-user', migratorUser])).toBe(0);
    const grants = await admin((c) => c.query(`select has_database_privilege($1, current_database(), 'CREATE') as "migratorCreates",
      pg_has_role($1, 'clienteling_measure', 'USAGE WITH ADMIN OPTION') as "migratorAdmin",
      has_database_privilege($2, current_database(), 'CREATE') as "appCreates", pg_has_role($2, 'clienteling_measure', 'MEMBER') as "appMeasures",
      has_table_privilege($2, 'public.users', 'SELECT, INSERT, UPDATE, DELETE') as "appWrites"`, [migratorUser, appUser]));
    expect(grants.rows[0]).toEqual({ migratorCreates: true, migratorAdmin: true, appCreates: false, appMeasures: true, appWrites: true });

    const appUrl = new URL(url!);
    appUrl.username = appUser;
    const database = await openDatabase({ databaseUrl: appUrl.toString(), poolSize: 2 });
    try {
      await runMigrations(database); // up to date: checks, runs nothing, needs no DDL right
      const [me] = await query<{ user: string; superuser: string }>(database.db, sql`select current_user as "user", current_setting('is_superuser') as superuser`);
      expect(me).toEqual({ user: appUser, superuser: 'off' });
      await expect(database.db.execute(sql`select pg_read_file('/etc/passwd')`)).rejects.toThrow();
      await expect(database.db.execute(sql.raw(`create role clienteling_should_not_exist_${suffix}`))).rejects.toThrow();
      await expect(database.db.execute(sql`create table clienteling_should_not_exist (x int)`)).rejects.toThrow();

      const app = await buildApp(database, loadConfig({ logLevel: 'silent', signInRateLimit: 10_000, secretKey: 'test-secret-key-test-secret-key-0123456789' }, {}));
      await app.ready();
      try {
        const r = await buildRetailer(app, database.db);
        const c = await buildCustomer(database.db, r.le.id);
        await buildOrders(database.db, r.le.id, c.id, [3, 40]);
        const save = await app.inject({ method: 'POST', url: '/api/v1/insights/measures', headers: { cookie: r.as.headOffice }, payload: {
          key: 'orders_least_privilege', name: 'Orders', format: 'number',
          sqlText: `select o.customer_id, count(*) as value from orders o where o.legal_entity_id = :legal_entity_id group by o.customer_id` } });
        expect(save.statusCode, save.body).toBe(201);
        expect(save.json()).toMatchObject({ customers: 1, error: null });
        const m = (await app.inject({ method: 'GET', url: `/api/v1/customers/${c.id}/measures`, headers: { cookie: r.as.associate } })).json();
        expect(m.measures.find((x: { key: string }) => x.key === 'orders_least_privilege')).toMatchObject({ valueNumber: 2 });
        // A measure that reaches for a file is refused by the parser, and the role could not have read it anyway.
        const file = await app.inject({ method: 'POST', url: '/api/v1/insights/measures/validate', headers: { cookie: r.as.headOffice },
          payload: { format: 'text', sqlText: `select c.id as customer_id, pg_read_file('/etc/passwd') as value from customers c where c.legal_entity_id = :legal_entity_id` } });
        expect(file.json().errors.join(' ')).toMatch(/pg_read_file/);
      } finally {
        await app.close();
      }
    } finally {
      await database.close();
    }
  });
});
