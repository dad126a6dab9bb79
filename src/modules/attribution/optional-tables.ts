import { sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';

// Attribution and store performance read tables other capabilities own (outreach, appointments, client books).
// A deployment without one of them gets a clear empty figure instead of an error.
export type OptionalTable = 'outreach_messages' | 'appointments' | 'client_books' | 'client_book_members';

export async function existingTables(db: Db): Promise<Set<OptionalTable>> {
  const rows = await query<{ name: OptionalTable }>(db, sql`
    select c.relname as "name" from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and c.relkind in ('r', 'p')
      and c.relname in ('outreach_messages', 'appointments', 'client_books', 'client_book_members')`);
  return new Set(rows.map((r) => r.name));
}
