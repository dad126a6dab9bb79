import fs from 'node:fs';
import path from 'node:path';
import { lex } from './table-ownership.ts';

// Finds SQL that names a schema table, or a snake_case column of one, as bare text instead of through the drizzle
// objects (`${orders}`, `${orders.legalEntityId}`, columnName()), where tsc would catch a rename (#15). Looks at
// sql`…` templates and sql.raw(…) text in production files under src/modules; schema.ts is left out (its SQL is DDL
// that drizzle-kit writes into migrations). Used by sql-names.unit.test.ts, which allows none.

/** Table names and snake_case column names declared by every pgTable in src/db/schema and src/modules/* /schema.ts. */
export function schemaNames(srcDir: string) {
  const tables = new Set<string>();
  const columns = new Set<string>();
  const files = [
    ...fs.readdirSync(path.join(srcDir, 'db/schema')).filter((f) => f.endsWith('.ts')).map((f) => path.join(srcDir, 'db/schema', f)),
    ...fs.readdirSync(path.join(srcDir, 'modules'), { withFileTypes: true }).filter((e) => e.isDirectory())
      .map((e) => path.join(srcDir, 'modules', e.name, 'schema.ts')).filter((f) => fs.existsSync(f)),
  ];
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const { code } = lex(text, () => undefined);
    for (const m of code.matchAll(/pgTable\(\s*['"]?/g)) {
      const name = /^pgTable\(\s*['"]([a-z_][a-z0-9_]*)['"]\s*,\s*\{/.exec(text.slice(m.index!, m.index! + 200));
      if (!name) continue;
      tables.add(name[1]);
      // the column block's own keys (camelCase, snake_case in SQL): nested brackets blanked, up to the closing brace
      let depth = 1; let i = m.index! + name[0].length; let top = '';
      for (; i < code.length && depth > 0; i++) {
        const c = code[i];
        if ('{(['.includes(c)) depth++; else if ('})]'.includes(c)) depth--;
        top += depth === 1 && !'})]'.includes(c) ? c : ' ';
      }
      for (const key of top.matchAll(/(?:^|[,\n])\s*([a-zA-Z_$][\w$]*)\s*:/g)) {
        const snake = key[1].replace(/[A-Z]/g, (x) => `_${x.toLowerCase()}`);
        if (snake.includes('_')) columns.add(snake);
      }
    }
  }
  return { tables, columns };
}

export interface BareName { file: string; line: number; name: string; kind: 'table' | 'column' }

/**
 * information_schema's own column names. SQL that walks the catalogue (privacy finds every table pointing at a
 * customer) names them as text, and there they mean the catalogue's column, not a schema column that happens to share
 * the name (customer_attributes.data_type): in a template that reads information_schema they are not flagged.
 */
const CATALOGUE_COLUMNS = new Set(['table_catalog', 'table_schema', 'table_name', 'column_name', 'data_type', 'udt_name', 'is_nullable',
  'column_default', 'ordinal_position', 'constraint_name', 'constraint_type']);

/** The schema names one file's SQL writes as text. */
export function bareNames(file: string, text: string, names: { tables: Set<string>; columns: Set<string> }): BareName[] {
  const found: BareName[] = [];
  const { literals } = lex(text, () => undefined);
  for (const { at, text: lit, quoted } of literals) {
    const before = text.slice(Math.max(0, at - 20), at);
    const isSql = quoted ? /\bsql\.raw\(\s*$/.test(before) : /\bsql\s*$|\bsql\.raw\(\s*$/.test(before);
    if (!isSql) continue;
    const s = lit.replace(/--[^\n]*/g, ' ').replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/'(?:[^']|'')*'/g, "''").replace(/"/g, '');
    const catalogue = /\binformation_schema\./.test(s);
    for (const m of s.matchAll(/(?<![\w$:])([a-z_][a-z0-9_]*)(?![\w$(])/g)) {
      const name = m[1];
      if (catalogue && CATALOGUE_COLUMNS.has(name)) continue;
      const kind = names.tables.has(name) ? 'table' : names.columns.has(name) ? 'column' : undefined;
      if (!kind) continue;
      // a template's text runs from the backtick; count lines inside it up to the name (interpolations kept their length
      // only roughly, so this points at the statement, near the name)
      found.push({ file, line: text.slice(0, at).split('\n').length + lit.slice(0, m.index).split('\n').length - 1, name, kind });
    }
  }
  return found;
}

/**
 * Names a file's SQL writes as text that are spelled like a schema column but are not one, so no drizzle object can
 * name them: file → names, and why. scanSqlNames leaves them out; sql-names.unit.test.ts fails on one that no
 * longer occurs.
 */
export const NOT_SCHEMA_NAMES: Readonly<Record<string, { names: readonly string[]; reason: string }>> = {
  'modules/insights/measure-sandbox.ts': {
    names: ['legal_entity_id', 'customer_id'],
    reason: 'measure_run_context (legal_entity_id) is the sandbox\'s own table, created by migration 0012 outside any schema.ts; '
      + 'q.customer_id is the column head office\'s measure SQL must return (the contract measure-sql-policy.ts states)',
  },
};

/** Every bare schema name in the production .ts files under src/modules (tests, test helpers and schema.ts aside). */
export function scanSqlNames(srcDir: string) {
  const names = schemaNames(srcDir);
  const found: BareName[] = [];
  /** What NOT_SCHEMA_NAMES left out, to tell an exemption that is still needed. */
  const exempted: BareName[] = [];
  const walk = function* (dir: string): Generator<string> {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) yield* walk(p);
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && e.name !== 'test-helpers.ts' && e.name !== 'schema.ts') yield p;
    }
  };
  for (const file of walk(path.join(srcDir, 'modules'))) {
    const rel = path.relative(srcDir, file);
    for (const f of bareNames(rel, fs.readFileSync(file, 'utf8'), names)) (NOT_SCHEMA_NAMES[rel]?.names.includes(f.name) ? exempted : found).push(f);
  }
  return { names, found, exempted };
}
