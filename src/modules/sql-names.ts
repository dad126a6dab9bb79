import fs from 'node:fs';
import path from 'node:path';
import { lex } from './table-ownership.ts';

// Finds SQL that names a schema table, or a snake_case column of one, as bare text instead of through the drizzle
// objects (`${orders}`, `${orders.legalEntityId}`, columnName()), where tsc would catch a rename (#15). Looks at
// sql`…` templates and sql.raw(…) text in production files under src/modules; schema.ts is left out (its SQL is DDL
// that drizzle-kit writes into migrations). Used by sql-names.unit.test.ts against sql-names.allow.ts.

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

/** The schema names one file's SQL writes as text. */
export function bareNames(file: string, text: string, names: { tables: Set<string>; columns: Set<string> }): BareName[] {
  const found: BareName[] = [];
  const { literals } = lex(text, () => undefined);
  for (const { at, text: lit, quoted } of literals) {
    const before = text.slice(Math.max(0, at - 20), at);
    const isSql = quoted ? /\bsql\.raw\(\s*$/.test(before) : /\bsql\s*$|\bsql\.raw\(\s*$/.test(before);
    if (!isSql) continue;
    const s = lit.replace(/--[^\n]*/g, ' ').replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/'(?:[^']|'')*'/g, "''").replace(/"/g, '');
    for (const m of s.matchAll(/(?<![\w$:])([a-z_][a-z0-9_]*)(?![\w$(])/g)) {
      const name = m[1];
      const kind = names.tables.has(name) ? 'table' : names.columns.has(name) ? 'column' : undefined;
      if (!kind) continue;
      // a template's text runs from the backtick; count lines inside it up to the name (interpolations kept their length
      // only roughly, so this points at the statement, near the name)
      found.push({ file, line: text.slice(0, at).split('\n').length + lit.slice(0, m.index).split('\n').length - 1, name, kind });
    }
  }
  return found;
}

/** Every bare schema name in the production .ts files under src/modules (tests, test helpers and schema.ts aside). */
export function scanSqlNames(srcDir: string) {
  const names = schemaNames(srcDir);
  const found: BareName[] = [];
  const walk = function* (dir: string): Generator<string> {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) yield* walk(p);
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && e.name !== 'test-helpers.ts' && e.name !== 'schema.ts') yield p;
    }
  };
  for (const file of walk(path.join(srcDir, 'modules'))) found.push(...bareNames(path.relative(srcDir, file), fs.readFileSync(file, 'utf8'), names));
  return { names, found };
}
