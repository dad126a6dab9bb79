import { describe, it, expect } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDatabase, runMigrations, query, type Database } from '../src/db/client.ts';
import { loadDemo } from '../src/modules/demo/load.ts';
import { DEMO_PASSWORD } from '../src/modules/demo/context.ts';
import { loadConfig } from '../src/config.ts';
import { buildApp } from '../src/http/app.ts';

const TODAY = new Date('2026-11-20T12:00:00Z');

// Migrating an embedded database takes longer than copying one: the first is migrated, the others start from its copy.
let migrated: Blob | null = null;

async function demoDatabase(seed: number): Promise<Database> {
  const database = await openDatabase({ dataDir: 'memory://', ...(migrated ? { loadDataDir: migrated } : {}) });
  await runMigrations(database); // on a copy: up to date, nothing to run
  migrated ??= await database.pglite!.dumpDataDir('none');
  await loadDemo(database.db, { customers: 60, seed, today: TODAY });
  return database;
}

async function fingerprint(database: Database) {
  const customers = await query<{ k: string }>(database.db, sql`
    select string_agg(account_number || ':' || first_name || ' ' || last_name || ':' || coalesce(birth_date::text, ''), '|' order by account_number) as k from customers`);
  const orders = await query<{ n: number; total: number }>(database.db, sql`select count(*)::int as n, coalesce(sum(total_minor), 0)::float as total from orders`);
  return { customers: customers[0].k, orders: orders[0] };
}

// The demo builds its own embedded databases, so it runs once, on PGlite.
describe.skipIf(process.env.CLIENTELING_TEST_DB === 'postgres')('demo retailer', () => {
  it('is deterministic for a seed, differs for another seed, and fills every capability', async () => {
    const a = await demoDatabase(7);
    const b = await demoDatabase(7);
    const c = await demoDatabase(8);
    try {
      const fa = await fingerprint(a);
      expect(fa).toEqual(await fingerprint(b));
      expect(fa.customers).not.toEqual((await fingerprint(c)).customers);
      expect(fa.orders.n).toBeGreaterThan(60);

      // Each capability's seeder put realistic data in place for a newcomer to see.
      const tables = ['orders', 'order_lines', 'products', 'client_book_members', 'activities', 'appointments', 'outreach_messages', 'customer_measure_values', 'attribution_ledger'];
      for (const t of tables) {
        const exists = await query<{ n: number }>(a.db, sql`select count(*)::int as n from information_schema.tables where table_name = ${t}`);
        if (!exists[0].n) continue;
        const rows = await query<{ n: number }>(a.db, sql.raw(`select count(*)::int as n from ${t}`));
        expect(rows[0].n, `demo rows in ${t}`).toBeGreaterThan(0);
      }

      // Each legal entity's own data is in its head office's language: French (typeset as French is) for the French
      // retailer, English for the UK's.
      const names = async (code: string, table: string, column = 'name') => (await query<{ v: string }>(a.db, sql.raw(
        `select distinct x.${column} as v from ${table} x join legal_entities l on l.id = x.legal_entity_id where l.code = '${code}' order by 1`))).map((r) => r.v);
      const expected = {
        'AUR-FR': { outreach_templates: 'Vente à conclure', customer_attributes: 'Univers d’achat préféré', activity_types: 'Visite en boutique', appointment_types: 'Conseil personnalisé', measure_definitions: 'Achats des 12 derniers mois', commission_plans: 'Commission standard' },
        'AUR-UK': { outreach_templates: 'Save the sale', customer_attributes: 'Preferred shopping interest', activity_types: 'Store visit', appointment_types: 'Personal shopping', measure_definitions: 'Spend in the last 12 months', commission_plans: 'Standard commission' },
      };
      for (const [code, byTable] of Object.entries(expected)) {
        const other = code === 'AUR-FR' ? expected['AUR-UK'] : expected['AUR-FR'];
        for (const [table, name] of Object.entries(byTable)) {
          const found = await names(code, table);
          expect(found, `${code} ${table}`).toContain(name);
          expect(found, `${code} ${table}`).not.toContain(other[table as keyof typeof other]);
        }
      }
      expect(await names('AUR-FR', 'products', 'category')).toContain('Joaillerie');
      expect(await names('AUR-UK', 'products', 'category')).toContain('Jewellery');
      expect(await names('AUR-FR', 'loyalty_accounts', 'programme')).toEqual(['Cercle Aurelle']);
      expect(await names('AUR-FR', 'loyalty_ledger', 'reason')).toContain('Achat');
      expect(await names('AUR-FR', 'customer_consents', 'source')).toContain('en boutique');
      // Roles and job titles in the head office's words too; each store's phone in its country.
      expect(await names('AUR-FR', 'roles')).toEqual(['Conseiller·ère de vente', 'Responsable de boutique', 'Siège']);
      expect(await names('AUR-UK', 'roles')).toEqual(['Head office', 'Sales associate', 'Store manager']);
      expect(await names('AUR-FR', 'associates', 'job_title')).toEqual(['Conseiller·ère de vente', 'Responsable de boutique', 'Siège']);
      expect(await names('AUR-UK', 'stores', 'phone')).toEqual(['+44 20 7946 0000']);
      const french = (await Promise.all([
        names('AUR-FR', 'loyalty_ledger', 'reason'), names('AUR-FR', 'products', 'care_instructions'), names('AUR-FR', 'customer_notes', 'body'),
        names('AUR-FR', 'interactions', 'subject'), names('AUR-FR', 'category_complements', 'note'), names('AUR-FR', 'outreach_messages', 'subject'),
      ])).flat();
      expect(french.filter((t) => / [:;?!]/.test(t))).toEqual([]);
      expect(french.filter((t) => /\u00a0:|\u202f[;?!]/.test(t)).length).toBeGreaterThan(0);

      // The README's demo sign-ins work.
      const app = await buildApp(a, loadConfig({ logLevel: 'silent', secretKey: 'demo-test-secret-key-0123456789abcdef' }, {}));
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: 'camille@aurelle.example', password: DEMO_PASSWORD } });
      expect(res.statusCode).toBe(200);
      expect(res.json().stores.length).toBe(2);
      await app.close();
    } finally {
      await Promise.all([a.close(), b.close(), c.close()]);
    }
  }, 240_000);
});
