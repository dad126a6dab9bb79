import { getTableName, sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';
import { customers } from '../customers/schema.ts';

export interface CustomerColumn { table: string; column: string }

/**
 * Every table that points at a customer: foreign keys to customers.id, plus any customer_id column without one,
 * found in the catalogue so the tables other capabilities add (activities, notes, messages, appointments…) are included.
 */
export async function tablesReferencingCustomers(db: Db): Promise<CustomerColumn[]> {
  return query<CustomerColumn>(db, sql`
    select distinct tbl as "table", col as "column" from (
      select quote_ident(cl.relname) as tbl, quote_ident(a.attname) as col
      from pg_constraint c join pg_class cl on cl.oid = c.conrelid join pg_namespace n on n.oid = cl.relnamespace
      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
      where c.contype = 'f' and c.confrelid = ${`public.${getTableName(customers)}`}::regclass and array_length(c.conkey, 1) = 1 and n.nspname = 'public'
      union
      select quote_ident(table_name), quote_ident(column_name) from information_schema.columns
      where table_schema = 'public' and column_name = 'customer_id' and data_type = 'uuid' and table_name <> ${getTableName(customers)}
        -- tables only: a view (customer_measure_values) shows rows the tables behind it hold
        and table_name in (select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE')
    ) t order by 1, 2`);
}

/** The unique indexes of a table that include the customer column: moving rows must not collide on them. */
export async function uniqueKeysWith(db: Db, table: string, column: string): Promise<string[][]> {
  const rows = await query<{ cols: string[] }>(db, sql`
    select array(select quote_ident(a.attname) from unnest(i.indkey::int2[]) k join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k) as cols
    from pg_index i
    where i.indrelid = ${table}::regclass and i.indisunique and i.indexprs is null and i.indpred is null`);
  return rows.map((r) => r.cols).filter((cols) => cols.includes(column)).map((cols) => cols.filter((c) => c !== column));
}
