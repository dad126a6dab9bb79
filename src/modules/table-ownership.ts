import fs from 'node:fs';
import path from 'node:path';

// Finds where a capability's code names another capability's table (raw SQL, or drizzle table objects imported from
// its schema.ts), in src/modules and in the core's folders (src/db, src/jobs, src/http, src/cli, src/mail: CORE_DIRS). Used by
// table-ownership.unit.test.ts, which holds the result against table-ownership.allow.ts. Only what is written in the
// source is seen: table names built at run time (privacy's merge walks the catalogue) are not, nor a table object kept
// in an array or a nested object. Followed: another name for a table object (`const o = orders`), an object literal
// holding table objects (`const t = { orders }`, then `t.orders`), and SQL text given to sql.raw or a driver's query()
// or exec(). A table object handed to a function counts as a write. Not crossings: a foreign key declared in a
// schema.ts (a declared relation, not access), and reads of a table its owner declares a read model
// (declareReadModels in its schema.ts, src/db/read-models.ts).

export type Access = 'read' | 'write';
export interface Crossing { module: string; table: string; owner: string; access: Access; file: string; line: number; via: string }

export const CORE = 'core';

/** Which module owns each table: src/modules/<m>/schema.ts, and src/db/schema/*.ts for the core. */
export function tableOwners(srcDir: string) {
  const owners = new Map<string, string>();
  /** schema file (absolute) → exported name → table name */
  const exportsOf = new Map<string, Map<string, string>>();
  /** table → why other modules may read it (declared by its owner) */
  const readModels = new Map<string, string>();
  const files: [string, string][] = [
    ...fs.readdirSync(path.join(srcDir, 'db/schema')).filter((f) => f.endsWith('.ts')).map((f): [string, string] => [path.join(srcDir, 'db/schema', f), CORE]),
    ...fs.readdirSync(path.join(srcDir, 'modules'), { withFileTypes: true }).filter((e) => e.isDirectory())
      .map((e): [string, string] => [path.join(srcDir, 'modules', e.name, 'schema.ts'), e.name]).filter(([f]) => fs.existsSync(f)),
  ];
  for (const [file, module] of files) {
    const names = new Map<string, string>();
    for (const m of fs.readFileSync(file, 'utf8').matchAll(/(?:export\s+const\s+(\w+)\s*=\s*)?pgTable\(\s*['"]([a-z_][a-z0-9_]*)['"]/g)) {
      if (owners.has(m[2]) && owners.get(m[2]) !== module) throw new Error(`table ${m[2]} is declared by both ${owners.get(m[2])} and ${module}`);
      owners.set(m[2], module);
      if (m[1]) names.set(m[1], m[2]);
    }
    exportsOf.set(file, names);
    for (const [table, reason] of declaredReadModels(fs.readFileSync(file, 'utf8'), names)) {
      if (owners.get(table) !== module) throw new Error(`${path.basename(path.dirname(file))}/schema.ts declares ${table} a read model: only its owner may`);
      readModels.set(table, reason);
    }
  }
  return { owners, exportsOf, readModels };
}

/** The tables a schema.ts declares read models: `declareReadModels([{ table: stores, reason: '…' }, …])`. */
export function declaredReadModels(text: string, ownTables: Map<string, string>): [string, string][] {
  const start = text.search(/\bdeclareReadModels\(/);
  if (start < 0) return [];
  const { code, literals } = lex(text, () => undefined);
  let depth = 0;
  let end = code.indexOf('(', start);
  for (; end < code.length; end++) {
    if (code[end] === '(') depth++;
    else if (code[end] === ')' && --depth === 0) break;
  }
  const found: [string, string][] = [];
  for (const m of code.slice(start, end).matchAll(/\btable:\s*(\w+)\s*,\s*reason:/g)) {
    const at = start + m.index! + m[0].length;
    const table = ownTables.get(m[1]);
    if (!table) throw new Error(`read model ${m[1]} is not a table of this schema.ts`);
    const reason = literals.find((l) => l.at >= at)?.text ?? '';
    found.push([table, reason]);
  }
  return found;
}

interface Lexed { code: string; literals: { at: number; text: string; quoted?: boolean }[] }

/**
 * Splits TypeScript into code (comments and literals blanked, positions kept) and the text of its string and
 * template literals. A template's `${x}` becomes the table's SQL name when x is a known table object, else `?`.
 */
export function lex(src: string, tableOf: (expr: string) => string | undefined): Lexed {
  const out = src.split('');
  const literals: Lexed['literals'] = [];
  const n = src.length;
  let i = 0;
  let prev = ''; // last significant code character, to tell a regex literal from a division
  const blank = (a: number, b: number) => { for (let k = a; k < b && k < n; k++) if (out[k] !== '\n') out[k] = ' '; };

  const quoted = () => {
    const q = src[i]; const start = i; i++;
    let text = '';
    while (i < n && src[i] !== q && src[i] !== '\n') { if (src[i] === '\\') { text += src[i + 1] ?? ''; i += 2; } else text += src[i++]; }
    i++;
    blank(start, i);
    literals.push({ at: start, text, quoted: true });
  };
  const regex = () => {
    const start = i; i++;
    let inClass = false;
    while (i < n && src[i] !== '\n') {
      const c = src[i];
      if (c === '\\') { i += 2; continue; }
      if (c === '[') inClass = true; else if (c === ']') inClass = false; else if (c === '/' && !inClass) break;
      i++;
    }
    i++;
    while (i < n && /[a-z]/.test(src[i])) i++;
    blank(start, i);
  };
  const template = () => {
    const start = i; i++;
    let text = '';
    let seg = i;
    blank(start, i);
    while (i < n) {
      const c = src[i];
      if (c === '\\') { i += 2; continue; }
      if (c === '`') { text += src.slice(seg, i); blank(seg, i + 1); i++; break; }
      if (c === '$' && src[i + 1] === '{') {
        text += src.slice(seg, i);
        blank(seg, i + 2);
        i += 2;
        const exprStart = i;
        code(true);
        const table = tableOf(src.slice(exprStart, i).trim());
        if (table) { text += ` ${table} `; blank(exprStart, i); } else text += ' ? ';
        blank(i, i + 1);
        i++;
        seg = i;
        continue;
      }
      i++;
    }
    literals.push({ at: start, text });
  };
  function code(inExpr: boolean) {
    let depth = 0;
    while (i < n) {
      const c = src[i];
      if (c === '/' && src[i + 1] === '/') { const e = src.indexOf('\n', i); const end = e < 0 ? n : e; blank(i, end); i = end; continue; }
      if (c === '/' && src[i + 1] === '*') { const e = src.indexOf('*/', i + 2); const end = e < 0 ? n : e + 2; blank(i, end); i = end; continue; }
      if (c === '/' && (prev === '' || '(,=:[!&|?{};+-*%<>~^'.includes(prev))) { regex(); prev = 'r'; continue; }
      if (c === '"' || c === "'") { quoted(); prev = 's'; continue; }
      if (c === '`') { template(); prev = 's'; continue; }
      if (c === '{') depth++;
      if (c === '}') { if (inExpr && depth === 0) return; depth--; }
      if (!/\s/.test(c)) prev = c;
      i++;
    }
  }
  code(false);
  return { code: out.join(''), literals };
}

const NAME = '(?:only\\s+)?(?:lateral\\s+)?(?:public\\.)?([a-z_][a-z0-9_]*)(?![a-z0-9_.(])';
const WRITE = new RegExp(`\\b(?:insert\\s+into|update|delete\\s+from|truncate(?:\\s+table)?|merge\\s+into)\\s+${NAME}`, 'g');
const READ = new RegExp(`\\b(?<!delete\\s+)(?:from|join|references)\\s+${NAME}`, 'g');
const MORE = new RegExp(`^(?:\\s+(?:as\\s+)?[a-z_][a-z0-9_]*)?\\s*,\\s*${NAME}`);

/** Tables an SQL text names, with how; SQL comments and string literals are left out. */
export function sqlMentions(text: string, known: (t: string) => boolean): { table: string; access: Access }[] {
  const s = text.replace(/--[^\n]*/g, ' ').replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/'(?:[^']|'')*'/g, "''").replace(/"/g, '').toLowerCase();
  const found: { table: string; access: Access }[] = [];
  for (const m of s.matchAll(WRITE)) if (known(m[1])) found.push({ table: m[1], access: 'write' });
  for (const m of s.matchAll(READ)) {
    if (!known(m[1])) continue;
    found.push({ table: m[1], access: 'read' });
    // from a x, b y: the tables after the first
    let rest = s.slice(m.index! + m[0].length);
    for (let more = MORE.exec(rest); more && known(more[1]); more = MORE.exec(rest)) {
      found.push({ table: more[1], access: 'read' });
      rest = rest.slice(more[0].length);
    }
  }
  return found;
}

const lineAt = (text: string, at: number) => text.slice(0, at).split('\n').length;

/** Functions that take a table object only to read it or to name it: passing a table to any other function counts as a write. */
const READ_ONLY_CALLEES = new Set(['alias', 'getTableName', 'getTableColumns', 'getTableConfig', 'byLegalEntityKey']);

/**
 * The tables of other modules that one file of `module` names. `schemaExports` resolves an import specifier (relative
 * to the file) to the table names a schema file exports, or undefined when it is no schema file.
 */
export function scanFile(module: string, file: string, text: string, owners: Map<string, string>,
  schemaExports: (spec: string) => Map<string, string> | undefined): Crossing[] {
  const crossings: Crossing[] = [];
  const add = (table: string, access: Access, at: number, via: string) => {
    const owner = owners.get(table);
    if (owner && owner !== module) crossings.push({ module, table, owner, access, file, line: lineAt(text, at), via });
  };
  // drizzle table objects imported from a schema.ts: local name → table
  const objects = new Map<string, string>();
  const namespaces = new Map<string, Map<string, string>>();
  for (const m of text.matchAll(/^\s*import\s+(?!type\b)([\s\S]*?)\s+from\s+['"]([^'"]+)['"]/gm)) {
    const names = schemaExports(m[2]);
    if (!names) continue;
    const ns = /^\*\s+as\s+(\w+)$/.exec(m[1].trim());
    if (ns) { namespaces.set(ns[1], names); continue; }
    for (const part of m[1].replace(/[{}]/g, '').split(',')) {
      const [, name, alias] = /^\s*(?!type\s)(\w+)(?:\s+as\s+(\w+))?\s*$/.exec(part) ?? [];
      if (name && names.has(name)) objects.set(alias ?? name, names.get(name)!);
    }
  }
  // another name for a table object (`const o = orders`, `const s = stores, le = legalEntities`) is the table too
  const ALIAS = /((?:\bconst|\blet|,)\s*)([A-Za-z_$][\w$]*)(\s*=\s*)([A-Za-z_$][\w$]*)\s*(?=[;,\n])/g;
  /** Where the declarations of those names are: neither side of one is a use */
  const aliasAt = new Set<number>();
  if (objects.size) {
    for (const m of lex(text, () => undefined).code.matchAll(ALIAS)) {
      const table = objects.get(m[4]);
      if (!table || objects.has(m[2])) continue;
      objects.set(m[2], table);
      aliasAt.add(m.index! + m[1].length).add(m.index! + m[1].length + m[2].length + m[3].length);
    }
  }
  // table objects kept in an object literal (`const t = { orders, lines: orderLines }`): `t.orders` and `t.lines` are
  // the tables; the literal's own mentions are not uses, and `t` itself handed on uses every table it holds
  const holders = new Map<string, Map<string, string>>();
  if (objects.size) {
    const lexed = lex(text, () => undefined).code;
    for (const m of lexed.matchAll(/\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::[^=;]*)?=\s*\{/g)) {
      const open = m.index! + m[0].length - 1;
      let depth = 0; let end = open;
      for (; end < lexed.length; end++) {
        if ('{(['.includes(lexed[end])) depth++;
        else if ('})]'.includes(lexed[end]) && --depth === 0) break;
      }
      const members = new Map<string, string>();
      const at: number[] = [];
      let entryStart = open + 1;
      depth = 0;
      for (let k = open + 1; k <= end; k++) {
        const ch = lexed[k];
        if ('{(['.includes(ch)) depth++;
        else if ('})]'.includes(ch) && depth > 0) { depth--; continue; }
        if (!(depth === 0 && (ch === ',' || k === end))) continue;
        const entry = lexed.slice(entryStart, k);
        const e = /^(\s*)(?:([A-Za-z_$][\w$]*)\s*:\s*)?([A-Za-z_$][\w$]*)\s*$/.exec(entry);
        if (e && objects.has(e[3]) && (e[2] || !e[0].includes(':'))) {
          members.set(e[2] ?? e[3], objects.get(e[3])!);
          at.push(entryStart + e[0].lastIndexOf(e[3]));
        }
        entryStart = k + 1;
      }
      if (!members.size || objects.has(m[1])) continue;
      holders.set(m[1], members);
      for (const a of [m.index! + /^\w+\s+/.exec(m[0])![0].length, ...at]) aliasAt.add(a);
    }
  }
  const tableOf = (expr: string) => {
    if (objects.has(expr)) return objects.get(expr);
    const [ns, member] = expr.split('.');
    return member ? (namespaces.get(ns)?.get(member) ?? holders.get(ns)?.get(member)) : undefined;
  };
  /** The tables an expression stands for: a table object, a member holding one, or a whole holder. */
  const tablesOf = (expr: string) => (holders.has(expr) ? [...new Set(holders.get(expr)!.values())] : [tableOf(expr)].filter((t): t is string => !!t));
  const { code, literals } = lex(text, tableOf);
  // every template literal (sql`…`, and the text sql.raw is given); a quoted string only as the SQL text of sql.raw,
  // or of a driver's query() or exec(), so that messages such as 'Update customers…' are not taken for SQL
  for (const { at, text: lit, quoted } of literals) {
    if (quoted && !/(?:\bsql\.raw|\.query|\.exec)\(\s*$/.test(text.slice(Math.max(0, at - 20), at))) continue;
    for (const { table, access } of sqlMentions(lit, (t) => owners.has(t))) add(table, access, at, 'sql');
  }
  for (const m of text.matchAll(/\btable:\s*['"]([a-z_][a-z0-9_]*)['"]/g)) add(m[1], 'write', m.index!, 'upsert spec');
  // drizzle builder: .insert(x)/.update(x)/.delete(x) write, any other use of the object reads (types aside)
  let body = code;
  for (const m of text.matchAll(/^\s*import\s[\s\S]*?\sfrom\s+['"][^'"]*['"]/gm)) {
    body = body.slice(0, m.index!) + m[0].replace(/[^\n]/g, ' ') + body.slice(m.index! + m[0].length);
  }
  const uses = [...objects.keys(), ...[...namespaces.keys()].map((ns) => `${ns}\\.\\w+`),
    ...[...holders].map(([h, members]) => `${h}(?:\\.(?:${[...members.keys()].join('|')}))?`)];
  if (uses.length) {
    for (const m of body.matchAll(new RegExp(`(?<![\\w$.])(${uses.join('|')})(?![\\w$])`, 'g'))) {
      if (aliasAt.has(m.index!)) continue;
      for (const table of tablesOf(m[1])) {
        const before = body.slice(Math.max(0, m.index! - 60), m.index!);
        if (/\btypeof\s+$/.test(before)) continue;
        // a foreign key in a schema.ts declares a relation; it reads nothing at run time
        if ((path.basename(file) === 'schema.ts' || file.startsWith(`db${path.sep}schema${path.sep}`)) && /\breferences\(\s*\(\)(?:\s*:\s*\w+)?\s*=>\s*$/.test(before)) continue;
        // a write through the builder, or the table of a bulk upsert spec (db/bulk.ts upsertRows)
        if (/\.(?:insert|update|delete)\(\s*$|\btable:\s*$/.test(before)) { add(table, 'write', m.index!, 'drizzle'); continue; }
        // the table object itself handed to a function (not a method, not one known only to read): the function may
        // write it, as a local bulkInsert(db, products, rows) does, so it counts as a write
        const callee = body[m.index! + m[1].length] === '.' ? undefined : /(?<![\w$.])([A-Za-z_$][\w$]*)\(\s*(?:[^()]*,\s*)?$/.exec(before)?.[1];
        if (callee && !READ_ONLY_CALLEES.has(callee)) add(table, 'write', m.index!, `passed to ${callee}()`);
        else add(table, 'read', m.index!, 'drizzle');
      }
    }
  }
  return crossings.sort((a, b) => a.line - b.line);
}

/** Folders of src outside src/modules, whose code is the core's: their SQL may name only the core's tables (src/db/schema). */
export const CORE_DIRS = ['db', 'jobs', 'http', 'cli', 'mail'];

/** Every crossing in src/modules (each non-test .ts file of each module folder) and in the core's folders (CORE_DIRS). */
export function scanModules(srcDir: string) {
  const { owners, exportsOf, readModels } = tableOwners(srcDir);
  const crossings: Crossing[] = [];
  const modulesDir = path.join(srcDir, 'modules');
  const walk = function* (dir: string): Generator<string> {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) yield* walk(p);
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && e.name !== 'test-helpers.ts') yield p;
    }
  };
  const scan = (module: string, file: string) => {
    const resolve = (spec: string) => (spec.startsWith('.') ? exportsOf.get(path.resolve(path.dirname(file), spec)) : undefined);
    crossings.push(...scanFile(module, path.relative(srcDir, file), fs.readFileSync(file, 'utf8'), owners, resolve)
      .filter((c) => !(c.access === 'read' && readModels.has(c.table))));
  };
  for (const e of fs.readdirSync(modulesDir, { withFileTypes: true })) {
    if (e.isDirectory()) for (const file of walk(path.join(modulesDir, e.name))) scan(e.name, file);
  }
  for (const dir of CORE_DIRS.map((d) => path.join(srcDir, d)).filter((d) => fs.existsSync(d))) for (const file of walk(dir)) scan(CORE, file);
  return { owners, crossings, readModels };
}

export interface AllowedCrossing {
  module: string;
  table: string;
  access: Access;
  /** one line: what the module does with the table, or why it may */
  reason: string;
  /** the issue that takes this crossing away; the entry goes when it is done */
  remove?: string;
}

export const crossingKey = (c: { module: string; table: string; access: Access }) => `${c.module} ${c.access}s ${c.table}`;

/** Crossings the allow-list lacks (with where they are), and entries no crossing needs any more. */
export function compare(crossings: Crossing[], allowed: readonly AllowedCrossing[]) {
  const allowedKeys = new Set(allowed.map(crossingKey));
  const foundKeys = new Set(crossings.map(crossingKey));
  const unexpected = new Map<string, string[]>();
  for (const c of crossings) {
    const key = crossingKey(c);
    if (!allowedKeys.has(key)) unexpected.set(key, [...(unexpected.get(key) ?? []), `${c.file}:${c.line} (${c.via})`]);
  }
  return {
    unexpected: [...unexpected].map(([key, at]) => `${key}: ${at.join(', ')}`).sort(),
    unused: allowed.map(crossingKey).filter((key) => !foundKeys.has(key)),
  };
}
