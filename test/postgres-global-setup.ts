import pg from 'pg';
import { openDatabase, runMigrations } from '../src/db/client.ts';

// The PostgreSQL test database starts empty each run, then gets the committed migrations once.
export default async function setup() {
  const url = process.env.DATABASE_URL!;
  const dbName = new URL(url).pathname.replace(/^\//, '');
  if (!/test/.test(dbName)) throw new Error(`Refusing to reset database "${dbName}": its name must contain "test".`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('drop schema if exists public cascade; create schema public; drop schema if exists drizzle cascade; drop schema if exists measure_data cascade; drop schema if exists pgboss cascade;');
  await client.end();
  const database = await openDatabase({ databaseUrl: url });
  await runMigrations(database);
  await database.close();
}
