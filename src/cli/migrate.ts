import { openConfiguredDatabase } from './database.ts';
import { migrationVersion } from '../db/client.ts';

export async function migrateCommand(flags: Record<string, string | boolean>): Promise<number> {
  const { database } = await openConfiguredDatabase(flags);
  const v = await migrationVersion(database.db);
  console.log(`Migrations applied on ${database.kind}: ${v.applied}`);
  await database.close();
  return 0;
}
