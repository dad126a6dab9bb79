import { sql } from 'drizzle-orm';
import { openDatabase, runMigrations, type Database } from '../src/db/client.ts';
import { createLegalEntity, createStore } from '../src/modules/organisation/service.ts';
import type { AuthContext } from '../src/modules/auth/context.ts';
import { ALL_PERMISSIONS } from '../src/modules/auth/permissions.ts';

/** PostgreSQL when DATABASE_URL is set (use a scratch database: the bench adds a legal entity), else in-memory PGlite. */
export async function benchDatabase(): Promise<Database> {
  const database = process.env.DATABASE_URL ? await openDatabase({ databaseUrl: process.env.DATABASE_URL, poolSize: 4 }) : await openDatabase({ dataDir: 'memory://' });
  await runMigrations(database);
  return database;
}

export async function benchRetailer(database: Database, products: number) {
  const code = `BENCH-${Date.now().toString(36)}`;
  const le = await createLegalEntity(database.db, { code, name: `Bench ${code}`, currency: 'EUR', timeZone: 'Europe/Paris' });
  const store = await createStore(database.db, le.id, { code: 'B1', name: 'Bench store', timeZone: 'Europe/Paris' });
  await database.db.execute(sql`insert into products (legal_entity_id, sku, name, category, brand, price_minor, arrival_date)
    select ${le.id}, 'SKU-' || g, 'Product ' || g, (array['Handbags','Shoes','Jewellery','Ready-to-wear','Accessories','Beauty'])[1 + g % 6],
      'Brand ' || (g % 12), 5000 + (g * 7919) % 400000, current_date - (g % 700) from generate_series(1, ${products}) g`);
  const auth: AuthContext = { userId: le.id, associateId: null as unknown as string, associateName: 'bench', legalEntityId: le.id, storeId: store.id, permissions: new Set(ALL_PERMISSIONS), via: 'token' };
  return { le, store, auth, code };
}

export function percentiles(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
  return { p50: at(50), p95: at(95), p99: at(99), max: s[s.length - 1] };
}
