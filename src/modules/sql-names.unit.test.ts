import { describe, it, expect } from 'vitest';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bareNames, NOT_SCHEMA_NAMES, scanSqlNames } from './sql-names.ts';

// SQL names tables and columns through the drizzle objects, so renaming one in schema.ts is a type error where it is
// used (#15). No file is exempt: a name that is not a schema column (a CTE's own column) is named so it does not look like one.
const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { names, found, exempted } = scanSqlNames(src);

describe('SQL names tables and columns through the schema objects', () => {
  it('knows the schema\'s tables and snake_case columns', () => {
    expect(names.tables.has('order_lines')).toBe(true);
    expect(names.columns.has('legal_entity_id')).toBe(true);
    expect(names.columns.has('unit_price_minor')).toBe(true);
    // single-word columns are not looked for (id, name, email are everywhere)
    expect(names.columns.has('email')).toBe(false);
  });

  it('finds bare names in sql templates and sql.raw, not in interpolations, strings, comments or other text', () => {
    const text = [
      "const a = sql`select o.legal_entity_id from orders o where ${orders.customerId} = ${id}`;",
      "const b = sql`select ${orders.id} from ${orders} where ${orders.status} = 'order_lines' -- join stores`;",
      "const c = sql.raw('delete from return_lines');",
      'const d = `orders of ${customerId}: order_lines`; // a message, not SQL',
      "const e = sql`select count(*) as \"orderCount\", coalesce(x, 0) as \"customer_id\" from unnest(${ids}) x`;",
      // the catalogue's own data_type, not customer_attributes.data_type; data_type outside a catalogue read still counts
      "const f = sql`select table_name from information_schema.columns where data_type = 'uuid'`;",
      "const g = sql`select data_type from ${customerAttributes}`;",
    ].join('\n');
    expect(bareNames('f.ts', text, names).map((f) => `${f.line} ${f.kind} ${f.name}`)).toEqual([
      '1 column legal_entity_id', '1 table orders', '3 table return_lines', '5 column customer_id', '7 column data_type',
    ]);
  });

  it('no production file writes a schema name as SQL text', () => {
    const byFile = new Map<string, string[]>();
    for (const f of found) byFile.set(f.file, [...(byFile.get(f.file) ?? []), `${f.name} (line ${f.line})`]);
    const bare = [...byFile].map(([file, at]) => `${file}: ${[...new Set(at)].slice(0, 10).join(', ')}`);
    expect(bare, 'write these through the drizzle objects (${table}, ${table.column}, columnName())').toEqual([]);
  });

  it('leaves out only the names NOT_SCHEMA_NAMES lists for that file, and each of them still occurs there', () => {
    const unused = Object.entries(NOT_SCHEMA_NAMES).flatMap(([file, { names: listed }]) =>
      listed.filter((name) => !exempted.some((f) => f.file === file && f.name === name)).map((name) => `${file}: ${name}`));
    expect(unused, 'no longer written there: delete from NOT_SCHEMA_NAMES').toEqual([]);
    expect(exempted.every((f) => NOT_SCHEMA_NAMES[f.file]?.names.includes(f.name))).toBe(true);
  });
});
