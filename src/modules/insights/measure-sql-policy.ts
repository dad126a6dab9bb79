// What a head-office SQL measure may say, decided on PostgreSQL's own parse tree (libpg-query) rather than on the
// text, so quoting, Unicode escapes, comments and string concatenation change nothing. Deny by default: every node
// type, every field of it, every function, type and relation must be on a list here, or the query is refused.

import { loadModule, parseSync } from 'libpg-query';
import { insightsErrors } from './errors.ts';

export const LEGAL_ENTITY_PLACEHOLDER = ':legal_entity_id';
/** The schema of views a measure reads (migration 0012): the legal entity's own rows of customer-data tables. */
export const MEASURE_SCHEMA = 'measure_data';
export const MEASURE_VIEWS = [
  'customers', 'orders', 'order_lines', 'returns', 'return_lines', 'products', 'product_stock', 'stores',
  'loyalty_accounts', 'loyalty_ledger', 'interactions', 'appointments', 'appointment_types', 'activities', 'activity_types',
  'wishlist_items', 'browsing_events', 'customer_attributes', 'customer_attribute_values', 'customer_preferences',
  'customer_consents', 'customer_measures', 'client_books', 'client_book_members',
] as const;

const FUNCTIONS = new Set([
  // aggregates
  'count', 'sum', 'avg', 'min', 'max', 'bool_and', 'bool_or', 'every', 'stddev', 'stddev_pop', 'stddev_samp', 'variance',
  'var_pop', 'var_samp', 'percentile_cont', 'percentile_disc', 'mode', 'string_agg', 'array_agg', 'corr', 'covar_pop',
  'covar_samp', 'regr_slope', 'regr_intercept', 'regr_r2', 'regr_count',
  // window functions
  'row_number', 'rank', 'dense_rank', 'percent_rank', 'cume_dist', 'ntile', 'lag', 'lead', 'first_value', 'last_value', 'nth_value',
  // dates and times (extract, AT TIME ZONE and OVERLAPS parse to extract, timezone and overlaps)
  'now', 'date_trunc', 'date_part', 'extract', 'age', 'make_date', 'make_interval', 'make_timestamp', 'make_timestamptz',
  'justify_days', 'justify_hours', 'justify_interval', 'isfinite', 'date_bin', 'timezone', 'overlaps',
  'statement_timestamp', 'transaction_timestamp', 'clock_timestamp', 'to_char', 'to_date', 'to_timestamp', 'to_number',
  // numbers
  'round', 'abs', 'floor', 'ceil', 'ceiling', 'trunc', 'sign', 'sqrt', 'cbrt', 'power', 'pow', 'exp', 'ln', 'log', 'log10',
  'mod', 'div', 'width_bucket', 'random', 'num_nulls', 'num_nonnulls',
  // text (substring, trim and position parse to these names)
  'lower', 'upper', 'initcap', 'length', 'char_length', 'character_length', 'octet_length', 'substr', 'substring', 'left',
  'right', 'btrim', 'ltrim', 'rtrim', 'replace', 'translate', 'reverse', 'concat', 'concat_ws', 'position', 'strpos',
  'split_part', 'starts_with', 'md5', 'similar_to_escape',
  // arrays and JSON values of the rows
  'array_length', 'cardinality', 'jsonb_typeof', 'jsonb_array_length', 'jsonb_extract_path_text', 'json_extract_path_text',
]);

const TYPES = new Set([
  'int2', 'int4', 'int8', 'smallint', 'integer', 'int', 'bigint', 'numeric', 'decimal', 'float4', 'float8', 'real',
  'text', 'varchar', 'bpchar', 'char', 'character', 'date', 'time', 'timetz', 'timestamp', 'timestamptz', 'interval',
  'bool', 'boolean', 'uuid', 'json', 'jsonb',
]);
const SYSTEM_COLUMNS = new Set(['ctid', 'xmin', 'xmax', 'cmin', 'cmax', 'tableoid', 'oid']);
const TIME_VALUE_FUNCTIONS = new Set([
  'SVFOP_CURRENT_DATE', 'SVFOP_CURRENT_TIME', 'SVFOP_CURRENT_TIME_N', 'SVFOP_CURRENT_TIMESTAMP', 'SVFOP_CURRENT_TIMESTAMP_N',
  'SVFOP_LOCALTIME', 'SVFOP_LOCALTIME_N', 'SVFOP_LOCALTIMESTAMP', 'SVFOP_LOCALTIMESTAMP_N',
]);

// Fields of each allowed node: 'v' a plain value, 'n' a node or list of nodes, or the name of an inline struct.
type Field = 'v' | 'n' | 'names' | 'Alias' | 'WithClause' | 'WindowDef' | 'TypeName' | 'Value' | 'SelectStmt' | 'distinct';
const NODES: Record<string, Record<string, Field>> = {
  SelectStmt: {
    distinctClause: 'distinct', targetList: 'n', fromClause: 'n', whereClause: 'n', groupClause: 'n', groupDistinct: 'v', havingClause: 'n',
    windowClause: 'n', valuesLists: 'n', sortClause: 'n', limitOffset: 'n', limitCount: 'n', limitOption: 'v', withClause: 'WithClause',
    op: 'v', all: 'v', larg: 'SelectStmt', rarg: 'SelectStmt',
  },
  ResTarget: { name: 'v', val: 'n', location: 'v' },
  RangeVar: { schemaname: 'v', relname: 'v', inh: 'v', relpersistence: 'v', alias: 'Alias', location: 'v' },
  RangeSubselect: { lateral: 'v', subquery: 'n', alias: 'Alias' },
  JoinExpr: { jointype: 'v', isNatural: 'v', larg: 'n', rarg: 'n', usingClause: 'n', join_using_alias: 'Alias', quals: 'n', alias: 'Alias' },
  CommonTableExpr: { ctename: 'v', aliascolnames: 'n', ctematerialized: 'v', ctequery: 'n', location: 'v' },
  ColumnRef: { fields: 'n', location: 'v' },
  ParamRef: { number: 'v', location: 'v' },
  A_Const: { ival: 'Value', fval: 'Value', boolval: 'Value', sval: 'Value', bsval: 'Value', isnull: 'v', location: 'v' },
  A_Expr: { kind: 'v', name: 'names', lexpr: 'n', rexpr: 'n', location: 'v' },
  A_Star: {},
  A_ArrayExpr: { elements: 'n', location: 'v' },
  A_Indirection: { arg: 'n', indirection: 'n' },
  A_Indices: { is_slice: 'v', lidx: 'n', uidx: 'n' },
  TypeCast: { arg: 'n', typeName: 'TypeName', location: 'v' },
  FuncCall: {
    funcname: 'names', args: 'n', agg_order: 'n', agg_filter: 'n', over: 'WindowDef', agg_within_group: 'v', agg_star: 'v',
    agg_distinct: 'v', func_variadic: 'v', funcformat: 'v', location: 'v',
  },
  NamedArgExpr: { arg: 'n', name: 'v', argnumber: 'v', location: 'v' },
  SubLink: { subLinkType: 'v', subLinkId: 'v', testexpr: 'n', operName: 'names', subselect: 'n', location: 'v' },
  BoolExpr: { boolop: 'v', args: 'n', location: 'v' },
  NullTest: { arg: 'n', nulltesttype: 'v', argisrow: 'v', location: 'v' },
  BooleanTest: { arg: 'n', booltesttype: 'v', location: 'v' },
  CaseExpr: { arg: 'n', args: 'n', defresult: 'n', location: 'v' },
  CaseWhen: { expr: 'n', result: 'n', location: 'v' },
  CoalesceExpr: { args: 'n', location: 'v' },
  MinMaxExpr: { op: 'v', args: 'n', location: 'v' },
  SQLValueFunction: { op: 'v', typmod: 'v', location: 'v' },
  RowExpr: { args: 'n', row_format: 'v', colnames: 'n', location: 'v' },
  GroupingSet: { kind: 'v', content: 'n', location: 'v' },
  GroupingFunc: { args: 'n', location: 'v' },
  SortBy: { node: 'n', sortby_dir: 'v', sortby_nulls: 'v', useOp: 'names', location: 'v' },
  WindowDef: { name: 'v', refname: 'v', partitionClause: 'n', orderClause: 'n', frameOptions: 'v', startOffset: 'n', endOffset: 'n', location: 'v' },
  CollateClause: { arg: 'n', collname: 'names', location: 'v' },
  List: { items: 'n' },
  String: { sval: 'v' }, Integer: { ival: 'v' }, Float: { fval: 'v' }, Boolean: { boolval: 'v' }, BitString: { bsval: 'v' },
  // Inline structs (not wrapped in a node type).
  Alias: { aliasname: 'v', colnames: 'n' },
  WithClause: { ctes: 'n', recursive: 'v', location: 'v' },
  TypeName: { names: 'names', typmods: 'n', typemod: 'v', arrayBounds: 'n', location: 'v' },
};

const FRIENDLY: Record<string, string> = {
  InsertStmt: 'INSERT', UpdateStmt: 'UPDATE', DeleteStmt: 'DELETE', MergeStmt: 'MERGE', VariableSetStmt: 'SET',
  RangeFunction: 'A function in FROM', XmlExpr: 'An XML expression', RangeTableSample: 'TABLESAMPLE', LockingClause: 'FOR UPDATE/SHARE',
  intoClause: 'SELECT … INTO', lockingClause: 'FOR UPDATE/SHARE', search_clause: 'SEARCH in a WITH', cycle_clause: 'CYCLE in a WITH',
};

function refuse(message: string): never {
  throw insightsErrors.measure_sql_refused(message, { field: 'sqlText' });
}

interface Scope { ctes: Set<string> }
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function names(list: unknown): string[] {
  if (!Array.isArray(list)) refuse('The query has an unexpected shape.');
  return list.map((n) => {
    const s = isObj(n) && isObj(n.String) ? n.String.sval : undefined;
    if (typeof s !== 'string') refuse('The query has an unexpected shape.');
    return s;
  });
}

/** A name qualified at most by pg_catalog, where every built-in function and type lives. */
function unqualified(parts: string[], what: string): string {
  if (parts.length === 2 && parts[0] === 'pg_catalog') return parts[1];
  if (parts.length === 1) return parts[0];
  refuse(`The ${what} "${parts.join('.')}" is not allowed in a measure: only built-ins, unqualified or in pg_catalog.`);
}

function walkNode(wrapper: unknown, scope: Scope): void {
  if (Array.isArray(wrapper)) { for (const w of wrapper) walkNode(w, scope); return; }
  if (!isObj(wrapper)) refuse('The query has an unexpected shape.');
  const keys = Object.keys(wrapper);
  if (keys.length !== 1 || !/^[A-Z]/.test(keys[0])) refuse('The query has an unexpected shape.');
  visit(keys[0], wrapper[keys[0]], scope);
}

function visit(type: string, body: unknown, scope: Scope): void {
  const spec = NODES[type];
  if (!spec) refuse(`${FRIENDLY[type] ?? type} is not allowed in a measure: a measure is one plain SELECT.`);
  if (!isObj(body)) refuse('The query has an unexpected shape.');
  check(type, body, scope);
  // A SELECT's WITH is walked by check() with the CTEs' scopes; its other fields see the CTEs.
  const inner = type === 'SelectStmt' ? withCtes(body, scope) : scope;
  for (const [field, value] of Object.entries(body)) {
    const kind = spec[field];
    if (!kind) refuse(`${FRIENDLY[field] ?? `"${field}" in ${type}`} is not allowed in a measure.`);
    if (kind === 'v' || kind === 'names' || (type === 'SelectStmt' && field === 'withClause')) {
      if (kind === 'v' && typeof value === 'object' && value !== null) refuse('The query has an unexpected shape.');
      continue;
    }
    if (kind === 'n') walkNode(value, inner);
    // SELECT DISTINCT is a list holding one empty node; DISTINCT ON lists expressions.
    else if (kind === 'distinct') { if (!(Array.isArray(value) && value.length === 1 && isObj(value[0]) && !Object.keys(value[0]).length)) walkNode(value, inner); }
    else if (kind === 'Value') { if (!isObj(value) || Object.values(value).some((x) => typeof x === 'object')) refuse('The query has an unexpected shape.'); }
    else visit(kind, value, inner);
  }
}

function withCtes(select: Obj, scope: Scope): Scope {
  const w = select.withClause;
  if (!isObj(w)) return scope;
  if (w.recursive) refuse('WITH RECURSIVE is not allowed in a measure.');
  const ctes = Array.isArray(w.ctes) ? w.ctes : [];
  const visible = new Set(scope.ctes);
  // A CTE sees the ones before it, not itself (its own name inside would reach a relation of the same name).
  for (const c of ctes) {
    const cte = isObj(c) && isObj(c.CommonTableExpr) ? c.CommonTableExpr : refuse('The query has an unexpected shape.');
    visit('CommonTableExpr', cte, { ctes: new Set(visible) });
    visible.add(String(cte.ctename));
  }
  return { ctes: visible };
}

function check(type: string, n: Obj, scope: Scope): void {
  switch (type) {
    case 'CommonTableExpr':
      if (!isObj(n.ctequery) || !('SelectStmt' in n.ctequery)) refuse('A WITH in a measure may only hold SELECTs, nothing that writes.');
      break;
    case 'RangeVar': {
      const rel = String(n.relname);
      if (!n.schemaname && scope.ctes.has(rel)) break;
      if ((!n.schemaname || n.schemaname === MEASURE_SCHEMA) && (MEASURE_VIEWS as readonly string[]).includes(rel)) break;
      const shown = n.schemaname ? `${String(n.schemaname)}.${rel}` : rel;
      refuse(`The table "${shown}" cannot be used in a measure. A measure reads ${MEASURE_VIEWS.join(', ')}.`);
    }
    case 'ColumnRef': {
      const fields = Array.isArray(n.fields) ? n.fields : [];
      const last = fields[fields.length - 1];
      const col = isObj(last) && isObj(last.String) ? String(last.String.sval) : null;
      if (col && SYSTEM_COLUMNS.has(col)) refuse(`The system column "${col}" cannot be used in a measure.`);
      break;
    }
    case 'ParamRef':
      if (n.number !== 1) refuse(`Only the placeholder ${LEGAL_ENTITY_PLACEHOLDER} may be used; $1, $2 … parameters are not allowed.`);
      break;
    case 'FuncCall': {
      const name = unqualified(names(n.funcname), 'function');
      if (!FUNCTIONS.has(name)) refuse(`The function "${name}" is not allowed in a measure. Allowed: aggregates, window functions and plain date, number and text functions.`);
      break;
    }
    case 'TypeName': {
      if (n.setof || n.pct_type) refuse('That type is not allowed in a measure.');
      const name = unqualified(names(n.names), 'type');
      if (!TYPES.has(name)) refuse(`The type "${name}" is not allowed in a measure. Allowed: ${[...TYPES].join(', ')}.`);
      break;
    }
    case 'A_Expr': case 'SubLink': case 'SortBy': {
      const field = type === 'A_Expr' ? n.name : type === 'SubLink' ? n.operName : n.useOp;
      if (field === undefined) break;
      const op = unqualified(names(field), 'operator');
      if (type === 'A_Expr' && /^(NOT )?BETWEEN( SYMMETRIC)?$/.test(op)) break;
      if (!/^[+\-*/<>=~!@#%^&|`?]+$/.test(op)) refuse(`The operator "${op}" is not allowed in a measure.`);
      break;
    }
    case 'CollateClause': names(n.collname); break;
    case 'SQLValueFunction':
      if (!TIME_VALUE_FUNCTIONS.has(String(n.op))) refuse('Only current_date, current_time, current_timestamp, localtime and localtimestamp are allowed among the SQL value functions.');
      break;
  }
}

const ready = loadModule();

/**
 * Checks a measure's text and returns it without a trailing semicolon: one SELECT over the measure views, allowed
 * functions and types only, the legal entity given by the placeholder (it is bound as a parameter when run).
 */
export async function checkMeasureSql(text: string): Promise<string> {
  const body = text.trim().replace(/;\s*$/, '');
  if (!body) refuse('Write a SELECT returning customer_id and value.');
  if (!body.includes(LEGAL_ENTITY_PLACEHOLDER)) refuse(`Filter by the legal entity with the placeholder ${LEGAL_ENTITY_PLACEHOLDER}, e.g. "where o.legal_entity_id = ${LEGAL_ENTITY_PLACEHOLDER}".`);
  // The placeholder is bound as a parameter when the measure runs; any other $n would take one of those values.
  if (/\$\d/.test(body)) refuse(`Only the placeholder ${LEGAL_ENTITY_PLACEHOLDER} may be used; $1, $2 … parameters are not allowed (even inside text).`);
  await ready;
  let tree: { stmts?: { stmt?: Obj }[] };
  try {
    tree = parseSync(body.split(LEGAL_ENTITY_PLACEHOLDER).join('$1'));
  } catch (err) {
    refuse(`The query does not parse: ${(err as Error).message}.`);
  }
  const stmts = tree.stmts ?? [];
  if (stmts.length !== 1) refuse(stmts.length ? 'Only one statement is allowed.' : 'Write a SELECT returning customer_id and value.');
  const stmt = stmts[0].stmt;
  if (!isObj(stmt) || !('SelectStmt' in stmt)) {
    const kind = isObj(stmt) ? Object.keys(stmt)[0] : 'statement';
    refuse(`A measure is a single SELECT (or WITH … SELECT) statement; ${FRIENDLY[kind] ?? kind} is not allowed.`);
  }
  walkNode(stmt, { ctes: new Set() });
  return body;
}
