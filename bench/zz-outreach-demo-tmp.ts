import { openDatabase, runMigrations } from '/work/main/src/db/client.ts';
import { loadDemo } from '/work/main/src/modules/demo/load.ts';
const database = await openDatabase({ dataDir: 'memory://' });
await runMigrations(database);
const t0 = Date.now();
try {
  await loadDemo(database.db, { customers: 2000, seed: 42, log: (m) => console.log(m) });
} catch (e) { console.log('FAILED', String((e as any).cause ?? e).slice(0, 500)); }
console.log('total', Date.now() - t0);
const r = await database.pglite!.query(`select a.email, count(*)::int as n from outreach_tasks t join associates a on a.id = t.associate_id where a.email in ('camille@aurelle.example','hugo@aurelle.example') group by 1`);
console.log(r.rows);
const r2 = await database.pglite!.query(`select prompt_type, count(*)::int, count(associate_id)::int as assigned from outreach_tasks group by 1`);
console.log(r2.rows);
const r3 = await database.pglite!.query(`select status, count(*)::int from outreach_messages group by 1`);
console.log(r3.rows);
await database.close();
