import { sql } from 'drizzle-orm';
import { openDatabase, runMigrations, query, type Database } from '../src/db/client.ts';
import { createLegalEntity, createStore } from '../src/modules/organisation/service.ts';
import type { AuthContext } from '../src/modules/auth/context.ts';
import { ALL_PERMISSIONS } from '../src/modules/auth/permissions.ts';

/** PostgreSQL when DATABASE_URL is set (use a scratch database: the bench adds a legal entity), else in-memory PGlite. */
export async function benchDatabase(): Promise<Database> {
  const database = process.env.DATABASE_URL ? await openDatabase({ databaseUrl: process.env.DATABASE_URL, poolSize: 4 }) : await openDatabase({ dataDir: 'memory://' });
  await runMigrations(database);
  return database;
}

/** A new legal entity with one store and `products` products; `code` names it (default: unique per run). */
export async function benchRetailer(database: Database, products: number, code = `BENCH-${Date.now().toString(36)}`) {
  const le = await createLegalEntity(database.db, { code, name: `Bench ${code}`, currency: 'EUR', timeZone: 'Europe/Paris' });
  const store = await createStore(database.db, le.id, { code: 'B1', name: 'Bench store', timeZone: 'Europe/Paris' });
  await database.db.execute(sql`insert into products (legal_entity_id, sku, name, category, brand, price_minor, arrival_date)
    select ${le.id}, 'SKU-' || g, 'Product ' || g, (array['Handbags','Shoes','Jewellery','Ready-to-wear','Accessories','Beauty'])[1 + g % 6],
      'Brand ' || (g % 12), 5000 + (g * 7919) % 400000, current_date - (g % 700) from generate_series(1, ${products}) g`);
  return { le, store, auth: benchAuth(le.id, store.id), code };
}

/**
 * A legal entity a previous run loaded completely (its name ends in "(loaded)"), so a large data set is built once
 * per scratch database and later runs only measure.
 */
export async function loadedRetailer(database: Database, code: string) {
  const rows = await query<{ id: string; storeId: string }>(database.db, sql`select le.id, s.id as "storeId" from legal_entities le
    join stores s on s.legal_entity_id = le.id and s.code = 'B1' where le.code = ${code} and le.name like '% (loaded)'`);
  return rows[0] ? { le: { id: rows[0].id }, store: { id: rows[0].storeId }, auth: benchAuth(rows[0].id, rows[0].storeId), code } : null;
}

export async function markLoaded(database: Database, legalEntityId: string) {
  await database.db.execute(sql`update legal_entities set name = name || ' (loaded)' where id = ${legalEntityId}`);
}

function benchAuth(legalEntityId: string, storeId: string): AuthContext {
  return { userId: legalEntityId, associateId: null as unknown as string, associateName: 'bench', legalEntityId, storeId, permissions: new Set(ALL_PERMISSIONS), via: 'token' };
}

export function percentiles(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
  return { p50: at(50), p95: at(95), p99: at(99), max: s[s.length - 1] };
}
