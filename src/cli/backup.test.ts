import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { asc, eq } from 'drizzle-orm';
import { openDatabase, runMigrations } from '../db/client.ts';
import { legalEntities } from '../modules/organisation/schema.ts';
import { backupPglite, restorePglite } from './backup.ts';

// The embedded database's backup: a later change is undone by restoring, and the restored copy is a working database.
describe('backup and restore of the embedded PGlite database', () => {
  it('restores the data as it was at backup, and keeps the replaced data directory aside', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clt-backup-'));
    const dataDir = path.join(dir, 'data');
    const file = path.join(dir, 'backup.tar.gz');
    const names = async () => {
      const database = await openDatabase({ dataDir });
      try {
        await runMigrations(database);
        return (await database.db.select({ name: legalEntities.name }).from(legalEntities).orderBy(asc(legalEntities.name))).map((r) => r.name);
      } finally {
        await database.close();
      }
    };
    try {
      let database = await openDatabase({ dataDir });
      await runMigrations(database);
      await database.db.insert(legalEntities).values({ code: 'BK-1', name: 'Before backup', currency: 'EUR', timeZone: 'Europe/Paris' });
      await database.close();
      expect(await backupPglite(dataDir, file)).toBeGreaterThan(0);

      database = await openDatabase({ dataDir });
      await database.db.update(legalEntities).set({ name: 'Changed after backup' }).where(eq(legalEntities.code, 'BK-1'));
      await database.db.insert(legalEntities).values({ code: 'BK-2', name: 'Added after backup', currency: 'EUR', timeZone: 'Europe/Paris' });
      await database.close();
      expect(await names()).toEqual(['Added after backup', 'Changed after backup']);

      const kept = await restorePglite(file, dataDir);
      expect(await names()).toEqual(['Before backup']);
      expect(kept && fs.existsSync(path.join(kept, 'PG_VERSION'))).toBe(true);
      // A file that is not a backup leaves the data directory as it was.
      fs.writeFileSync(path.join(dir, 'not-a-backup.tar.gz'), 'nothing here');
      await expect(restorePglite(path.join(dir, 'not-a-backup.tar.gz'), dataDir)).rejects.toThrow();
      expect(await names()).toEqual(['Before backup']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000); // five databases opened on disk: slow on a loaded machine
});
