import { openConfiguredDatabase } from './database.ts';
import { intFlag } from './args.ts';
import { loadDemo, hasAnyLegalEntity } from '../modules/demo/load.ts';

export async function demoCommand(flags: Record<string, string | boolean>): Promise<number> {
  const customers = intFlag(flags, 'customers', 2000);
  const seed = intFlag(flags, 'seed', 42);
  const { database } = await openConfiguredDatabase(flags);
  try {
    if (await hasAnyLegalEntity(database.db) && !flags.force) {
      console.error('The database already holds data; the demo loads into an empty database (use a new --data-dir, or --force to add another demo legal entity).');
      return 2;
    }
    const t0 = Date.now();
    const s = await loadDemo(database.db, { customers, seed, code: flags.force ? `DEMO${seed}` : undefined });
    console.log(`Demo loaded in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${JSON.stringify(s)}`);
    return 0;
  } finally {
    await database.close();
  }
}
