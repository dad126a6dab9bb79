import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bareNames, scanSqlNames } from './sql-names.ts';
import { FILES_WITH_BARE_SQL_NAMES } from './sql-names.allow.ts';

// SQL names tables and columns through the drizzle objects, so renaming one in schema.ts is a type error where it is
// used (#15). Files not yet converted are listed in sql-names.allow.ts; the list only shrinks.
const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { names, found } = scanSqlNames(src);

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
    ].join('\n');
    expect(bareNames('f.ts', text, names).map((f) => `${f.line} ${f.kind} ${f.name}`)).toEqual([
      '1 column legal_entity_id', '1 table orders', '3 table return_lines', '5 column customer_id',
    ]);
  });

  it('no production file outside sql-names.allow.ts writes a schema name as SQL text, and every entry is still needed', () => {
    const byFile = new Map<string, string[]>();
    for (const f of found) byFile.set(f.file, [...(byFile.get(f.file) ?? []), `${f.name} (line ${f.line})`]);
    console.log(`sql names: ${found.length} bare names in ${byFile.size} files; ${FILES_WITH_BARE_SQL_NAMES.length} files allowed`);
    const allowed = new Set(FILES_WITH_BARE_SQL_NAMES);
    const unexpected = [...byFile].filter(([file]) => !allowed.has(file)).map(([file, at]) => `${file}: ${[...new Set(at)].slice(0, 10).join(', ')}`);
    expect(unexpected, 'write these through the drizzle objects (${table}, ${table.column}, columnName())').toEqual([]);
    expect(FILES_WITH_BARE_SQL_NAMES.filter((f) => !byFile.has(f)), 'converted: delete these from sql-names.allow.ts').toEqual([]);
    expect(FILES_WITH_BARE_SQL_NAMES.filter((f) => !fs.existsSync(path.join(src, f)))).toEqual([]);
  });
});
