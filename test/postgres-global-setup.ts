import pg from 'pg';
import { openDatabase, runMigrations } from '../src/db/client.ts';

// The PostgreSQL test database starts empty each run, then gets the committed migrations once.
export default async function setup() {
  const url = process.env.DATABASE_URL!;
  const dbName = new URL(url).pathname.replace(/^\//, '');
  if (!/test/.test(dbName)) throw new Error(`Refusing to reset database "${dbName}": its name must contain "test".`);
  if (!(await recreateDatabase(url, dbName))) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query('drop schema if exists public cascade; create schema public; drop schema if exists drizzle cascade; drop schema if exists measure_data cascade; drop schema if exists pgboss cascade;');
    await client.end();
  }
  const database = await openDatabase({ databaseUrl: url });
  await runMigrations(database);
  await database.close();
}

/**
 * A new empty database, made from the server's maintenance database. Dropping the schemas instead locks every object
 * in one transaction, and a run leaves thousands (pg-boss keeps a partition per queue, and each test's legal entity
 * has its own queues): the next run's drop then fails with "out of shared memory". False when the user may not.
 */
async function recreateDatabase(url: string, dbName: string): Promise<boolean> {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  try {
    await client.connect();
    const quoted = `"${dbName.replaceAll('"', '""')}"`;
    await client.query(`drop database if exists ${quoted} with (force)`);
    await client.query(`create database ${quoted}`);
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}
