import { sql, type Column, type SQL } from 'drizzle-orm';
import { toSnakeCase } from 'drizzle-orm/casing';

/**
 * A column's unqualified name, for the places SQL wants it bare (INSERT column lists, UPDATE SET, ON CONFLICT (…)).
 * `${table.column}` renders "table"."column", which those clauses refuse. Columns declared without a name take their
 * key, turned to snake_case as the database client's casing does.
 */
export function columnName(column: Column): SQL {
  return sql`${sql.identifier(column.keyAsName ? toSnakeCase(column.name) : column.name)}`;
}

export function columnNames(...columns: Column[]): SQL {
  return sql.join(columns.map(columnName), sql`, `);
}
