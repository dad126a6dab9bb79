import { getTableColumns, getTableName, is } from 'drizzle-orm';
import { toSnakeCase } from 'drizzle-orm/casing';
import { getTableConfig, PgTable, type PgColumn } from 'drizzle-orm/pg-core';
import { TEXT_COLUMN_TYPES, type PersonalData } from '../../db/personal-data.ts';

/** The column's name in the database (the schema declares camelCase keys; the client maps them to snake_case). */
export const sqlName = (c: PgColumn) => (c.keyAsName ? toSnakeCase(c.name) : c.name);

/** The drizzle tables among a module's exports. */
export const tablesIn = (mod: Record<string, unknown>): PgTable[] => Object.values(mod).filter((x): x is PgTable => is(x, PgTable));

/**
 * The tables that hold customer data: customers, any table with a customer_id column or a foreign key to customers,
 * any declared table, and any table with a foreign key to one of those (a note's revisions), repeated until none is added.
 */
export function customerDataTables(tables: PgTable[], declarations: readonly PersonalData[]): Map<PgTable, string> {
  const why = new Map<PgTable, string>();
  const byName = new Map(tables.map((t) => [getTableName(t), t]));
  const customers = byName.get('customers');
  for (const t of tables) {
    const cols = Object.values(getTableColumns(t)) as PgColumn[];
    if (t === customers) why.set(t, 'the customers table');
    else if (cols.some((c) => sqlName(c) === 'customer_id')) why.set(t, 'a customer_id column');
    else if (getTableConfig(t).foreignKeys.some((fk) => fk.reference().foreignTable === customers)) why.set(t, 'a foreign key to customers');
  }
  for (const d of declarations) if (!why.has(d.table)) why.set(d.table, 'declared as personal data');
  for (let added = true; added;) {
    added = false;
    for (const t of tables) {
      if (why.has(t)) continue;
      const parent = getTableConfig(t).foreignKeys.map((fk) => fk.reference().foreignTable).find((p) => why.has(p));
      if (parent) { why.set(t, `a foreign key to ${getTableName(parent)}`); added = true; }
    }
  }
  return why;
}

/**
 * What is missing, one line per problem naming the table and column: a table of customer data without a personalData
 * declaration, or a text or JSON column of an anonymised table that its declaration does not mention.
 */
export function undeclaredPersonalData(tables: PgTable[], declarations: readonly PersonalData[]): string[] {
  const problems: string[] = [];
  for (const [table, why] of customerDataTables(tables, declarations)) {
    const name = getTableName(table);
    const d = declarations.find((x) => x.table === table);
    if (!d) { problems.push(`${name} holds customer data (${why}) but has no personalData(…) declaration`); continue; }
    if (d.onErase === 'delete') continue;
    for (const [key, col] of Object.entries(getTableColumns(table)) as [string, PgColumn][]) {
      if ((TEXT_COLUMN_TYPES as readonly string[]).includes(col.columnType) && !(key in d.columns)) {
        problems.push(`${name}.${sqlName(col)} (${col.getSQLType()}) is not declared in the personalData(…) of ${name}`);
      }
    }
  }
  return problems;
}
