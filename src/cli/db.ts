import pg from 'pg';
import { parseArgs } from './args.ts';
import { loadConfig } from '../config.ts';
import { setUpDatabaseRoles } from '../db/roles.ts';

const USAGE = `clienteling db roles [--app-user NAME] [--migrator-user NAME]

Run by an administrator (DATABASE_URL of a superuser, or of a user with CREATEROLE that owns the database) to create
the role SQL measures run as (clienteling_measure) and grant the application's and the migrator's users what they
need. Run it again after migrating a new database. See "Database roles" in the README.`;

export async function dbCommand(argv: string[]): Promise<number> {
  const { positional, flags } = parseArgs(argv);
  if (positional[0] !== 'roles') { console.error(USAGE); return 2; }
  const name = (flag: string) => {
    const v = flags[flag];
    if (v === undefined) return undefined;
    if (typeof v !== 'string' || !v) throw new Error(`--${flag} needs a user name.`);
    return v;
  };
  const config = loadConfig();
  if (!config.databaseUrl) throw new Error('db roles sets up a PostgreSQL server: set DATABASE_URL. The embedded database has a single user and needs none of this.');
  const client = new pg.Client({ connectionString: config.databaseUrl });
  await client.connect();
  try {
    for (const line of await setUpDatabaseRoles(client, { appUser: name('app-user'), migratorUser: name('migrator-user') })) console.log(line);
  } finally {
    await client.end();
  }
  return 0;
}
