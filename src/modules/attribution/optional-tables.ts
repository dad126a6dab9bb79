import { getTableName, sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';
import { OUTREACH_MESSAGES_TABLE } from '../outreach/queries.ts';
import { APPOINTMENTS_TABLE } from '../appointments/queries.ts';
import { clientBooks, clientBookMembers } from '../client-book/schema.ts';

// Attribution and store performance read tables other capabilities own (outreach, appointments, client books).
// A deployment without one of them gets a clear empty figure instead of an error.
export type OptionalTable = 'outreach_messages' | 'appointments' | 'client_books' | 'client_book_members';

// Named through the schema objects (the owners export theirs), so a renamed table is seen here too (the catalogue is asked by name).
const OPTIONAL = [OUTREACH_MESSAGES_TABLE, APPOINTMENTS_TABLE, ...[clientBooks, clientBookMembers].map((t) => getTableName(t))] as OptionalTable[];

export async function existingTables(db: Db): Promise<Set<OptionalTable>> {
  const rows = await query<{ name: OptionalTable }>(db, sql`
    select c.relname as "name" from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and c.relkind in ('r', 'p')
      and c.relname in (${sql.join(OPTIONAL.map((name) => sql`${name}`), sql`, `)})`);
  return new Set(rows.map((r) => r.name));
}
