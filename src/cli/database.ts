import { loadConfig, type Config } from '../config.ts';
import { openDatabase, runMigrations, type Database } from '../db/client.ts';

/** Opens the configured database (PGlite in --data-dir, or DATABASE_URL) with migrations applied. */
export async function openConfiguredDatabase(flags: Record<string, string | boolean>): Promise<{ config: Config; database: Database }> {
  const overrides: Partial<Config> = {};
  if (typeof flags['data-dir'] === 'string') overrides.dataDir = flags['data-dir'];
  if (typeof flags.port === 'string') overrides.port = Number(flags.port);
  if (typeof flags['metrics-port'] === 'string') overrides.workerMetricsPort = Number(flags['metrics-port']);
  const config = loadConfig(overrides);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await runMigrations(database);
  return { config, database };
}
