import { sql, type Column, type SQL } from 'drizzle-orm';
import { toSnakeCase } from 'drizzle-orm/casing';

/**
 * A column's own name, unqualified, for the places where PostgreSQL takes no table prefix: an INSERT column list,
 * UPDATE … SET, ON CONFLICT (…). In a `sql` template `${table.column}` renders `"table"."column"`; this renders
 * `"column"`, still from the schema object, so a rename in schema.ts is a type error here too.
 */
export function columnName(column: Column): SQL {
  return sql`${sql.identifier(column.keyAsName ? toSnakeCase(column.name) : column.name)}`;
}

/** Several unqualified column names, comma-separated: `insert into ${t} (${columnNames(t.a, t.b)}) …`. */
export function columnNames(...columns: Column[]): SQL {
  return sql.join(columns.map(columnName), sql`, `);
}

/**
 * A select list from an object whose keys are the reply's field names: `${expr} as "key"` for each. Typed against a
 * reply type (`{ [K in keyof Reply]: … }`), the select list cannot miss or add a field of the TypeBox schema it
 * answers with.
 */
export function selectList(fields: Record<string, SQL | Column>): SQL {
  return sql.join(Object.entries(fields).map(([key, value]) => sql`${value} as ${sql.identifier(key)}`), sql`, `);
}
