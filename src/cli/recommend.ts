// `clienteling recommend ...`: analyst CLI for association rules and offline evaluation.
// File-in / text-out, except `evaluate --from-db`, which reads a legal entity's orders from the configured database.
import { readFile, stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { mineRules, minCountFor, type Rule } from '../modules/recommendations/association-rules.ts';
import { parseOrdersCsv, readBasketFile } from '../modules/recommendations/baskets.ts';
import { evaluateHitRate, ordersToCustomers, type EvaluationResult } from '../modules/recommendations/evaluation.ts';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const defaultIo: CliIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
};

const USAGE = `Usage:
  clienteling recommend rules --baskets FILE.csv [--min-support 0.1] [--min-confidence 0.8]
                              [--max-len 10] [--min-len 1] [--sort lift|confidence|support|count]
                              [--limit N] [--json]
      FILE: one basket per line, comma-separated item names. Semantics follow R arules apriori.
  clienteling recommend evaluate --orders FILE.csv [--k 10] [--min-support 0.001]
                                 [--min-confidence 0.1] [--max-len 2] [--json]
      FILE: CSV with header customer_id,date,product (one order line per row).
  clienteling recommend evaluate --from-db --legal-entity CODE [--k 10] [--min-support S] [--min-confidence C]
                                 [--data-dir DIR] [--json]
      Reads the legal entity's orders (one order = one basket, cancelled orders excluded) from DATABASE_URL
      or the PGlite data directory. Thresholds default to the legal entity's mining settings.
`;

/** Bad arguments or unreadable input: exit code 2. `showUsage` is off for file problems. */
class UsageError extends Error {
  constructor(message: string, readonly showUsage = true) {
    super(message);
  }
}

function num(value: string | undefined, name: string, fallback: number, check: (x: number) => boolean, rule: string): number {
  if (value === undefined) return fallback;
  const x = Number(value);
  if (value.trim() === '' || !Number.isFinite(x) || !check(x)) throw new UsageError(`--${name} must be ${rule}, got "${value}"`);
  return x;
}
const unit = (x: number) => x >= 0 && x <= 1;
const posInt = (x: number) => Number.isInteger(x) && x >= 1;

async function requireFile(path: string | undefined, flag: string): Promise<string> {
  if (!path) throw new UsageError(`missing required --${flag} FILE`);
  const s = await stat(path).catch(() => null);
  if (!s || !s.isFile()) throw new UsageError(`--${flag}: file not found: ${path}`, false);
  return path;
}

export async function recommendCommand(argv: string[], io: CliIo = defaultIo): Promise<number> {
  const [sub, ...rest] = argv;
  try {
    if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
      (sub === undefined ? io.stderr : io.stdout)(USAGE);
      return sub === undefined ? 2 : 0;
    }
    if (sub === 'rules') return await rulesCommand(rest, io);
    if (sub === 'evaluate') return await evaluateCommand(rest, io);
    throw new UsageError(`unknown subcommand "${sub}" (expected rules or evaluate)`);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    io.stderr(`recommend: ${msg}\n`);
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      if (!(err instanceof UsageError) || err.showUsage) io.stderr(USAGE);
      return 2;
    }
    return 1;
  }
}

async function rulesCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      baskets: { type: 'string' },
      'min-support': { type: 'string' },
      'min-confidence': { type: 'string' },
      'max-len': { type: 'string' },
      'min-len': { type: 'string' },
      sort: { type: 'string' },
      limit: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  // Defaults are arules' (supp 0.1, conf 0.8, maxlen 10, minlen 1).
  const minSupport = num(values['min-support'], 'min-support', 0.1, unit, 'a number in [0, 1]');
  const minConfidence = num(values['min-confidence'], 'min-confidence', 0.8, unit, 'a number in [0, 1]');
  const maxLen = num(values['max-len'], 'max-len', 10, posInt, 'an integer >= 1');
  const minLen = num(values['min-len'], 'min-len', 1, (x) => posInt(x) && x <= maxLen, 'an integer in [1, max-len]');
  const limit = num(values.limit, 'limit', Infinity, posInt, 'an integer >= 1');
  const sort = values.sort ?? 'lift';
  if (!['lift', 'confidence', 'support', 'count'].includes(sort)) throw new UsageError(`--sort must be lift, confidence, support or count, got "${sort}"`);
  const path = await requireFile(values.baskets, 'baskets');

  const db = await readBasketFile(path);
  const n = db.offsets.length - 1;
  if (n === 0) throw new UsageError(`--baskets: no baskets in ${path}`, false);
  const rules = mineRules(db, { minSupport, minConfidence, maxLen, minLen });
  const named: Rule<string>[] = rules.map((r) => ({
    antecedent: r.antecedent.map((i) => db.labels[i]).sort(),
    consequent: r.consequent.map((i) => db.labels[i]),
    support: r.support,
    confidence: r.confidence,
    lift: r.lift,
    count: r.count,
  }));
  if (sort !== 'lift') {
    const key = sort as 'confidence' | 'support' | 'count';
    named.sort((a, b) => b[key] - a[key] || b.lift - a.lift);
  }
  const shown = Number.isFinite(limit) ? named.slice(0, limit) : named;

  if (values.json) {
    const out = { baskets: n, items: db.labels.length, minSupport, minCount: minCountFor(minSupport, n), minConfidence, maxLen, minLen, ruleCount: named.length, rules: shown };
    io.stdout(JSON.stringify(out, null, 2) + '\n');
    return 0;
  }
  io.stdout(`${named.length} rules from ${n} baskets (support >= ${minSupport} i.e. count >= ${minCountFor(minSupport, n)}, confidence >= ${minConfidence}, max length ${maxLen})\n`);
  if (shown.length > 0) io.stdout(formatRuleTable(shown));
  if (shown.length < named.length) io.stdout(`... ${named.length - shown.length} more (raise --limit)\n`);
  return 0;
}

/** Plain aligned table, arules inspect() style. */
export function formatRuleTable(rules: readonly Rule<string>[]): string {
  const rows = rules.map((r) => [
    `{${r.antecedent.join(',')}}`,
    '=>',
    `{${r.consequent.join(',')}}`,
    r.support.toFixed(6),
    r.confidence.toFixed(6),
    r.lift.toFixed(6),
    String(r.count),
  ]);
  const header = ['lhs', '', 'rhs', 'support', 'confidence', 'lift', 'count'];
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((row) => row[c].length)));
  const numeric = (c: number) => c >= 3;
  return all.map((row) => row.map((cell, c) => (numeric(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd()).join('\n') + '\n';
}

async function evaluateCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      orders: { type: 'string' },
      'from-db': { type: 'boolean', default: false },
      'legal-entity': { type: 'string' },
      'data-dir': { type: 'string' },
      k: { type: 'string' },
      'min-support': { type: 'string' },
      'min-confidence': { type: 'string' },
      'max-len': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const k = num(values.k, 'k', 10, posInt, 'an integer >= 1');
  const maxLen = num(values['max-len'], 'max-len', 2, (x) => posInt(x) && x >= 2, 'an integer >= 2');
  if (values['from-db']) {
    if (values.orders) throw new UsageError('use either --orders FILE or --from-db, not both');
    return evaluateFromDatabase(values, k, maxLen, io);
  }
  const minSupport = num(values['min-support'], 'min-support', 0.001, unit, 'a number in [0, 1]');
  const minConfidence = num(values['min-confidence'], 'min-confidence', 0.1, unit, 'a number in [0, 1]');
  const path = await requireFile(values.orders, 'orders');
  let customers;
  try {
    customers = ordersToCustomers(parseOrdersCsv(await readFile(path, 'utf8')));
  } catch (err) {
    throw new UsageError(`--orders ${path}: ${err instanceof Error ? err.message : String(err)}`, false);
  }
  let result;
  try {
    result = evaluateHitRate(customers, k, { minSupport, minConfidence, maxLen });
  } catch (err) {
    // Invalid dates in the file surface here as RangeError: a data problem, not a crash.
    if (err instanceof RangeError) throw new UsageError(`--orders ${path}: ${err.message}`, false);
    throw err;
  }
  return printEvaluation(result, k, !!values.json, io);
}

function printEvaluation(result: EvaluationResult, k: number, json: boolean, io: CliIo): number {
  if (json) {
    io.stdout(JSON.stringify(result, null, 2) + '\n');
    return 0;
  }
  const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
  io.stdout(
    [
      `customers evaluated: ${result.customersEvaluated} (last basket hidden), training baskets: ${result.trainingBaskets}, rules: ${result.ruleCount}`,
      `hitRate@${k} also-bought rules:           ${pct(result.rules.hitRate)} (${result.rules.hits} hits; rules covered ${result.rulesCoverage} customers)`,
      `hitRate@${k} popularity baseline:         ${pct(result.popularity.hitRate)} (${result.popularity.hits} hits)`,
      `hitRate@${k} rules + popularity fallback: ${pct(result.rulesWithPopularityFallback.hitRate)} (${result.rulesWithPopularityFallback.hits} hits)`,
    ].join('\n') + '\n',
  );
  return 0;
}

/** `evaluate --from-db`: the same leave-last-basket-out evaluation on a legal entity's orders in the database. */
async function evaluateFromDatabase(
  values: { 'legal-entity'?: string; 'data-dir'?: string; 'min-support'?: string; 'min-confidence'?: string; json?: boolean },
  k: number, maxLen: number, io: CliIo,
): Promise<number> {
  const code = values['legal-entity'];
  if (!code) throw new UsageError('--from-db needs --legal-entity CODE');
  // Validate thresholds before opening the database.
  const supportFlag = values['min-support'] === undefined ? undefined : num(values['min-support'], 'min-support', 0, unit, 'a number in [0, 1]');
  const confidenceFlag = values['min-confidence'] === undefined ? undefined : num(values['min-confidence'], 'min-confidence', 0, unit, 'a number in [0, 1]');
  const { openConfiguredDatabase } = await import('./database.ts');
  const { evaluateLegalEntity } = await import('../modules/recommendations/evaluation-db.ts');
  const { database } = await openConfiguredDatabase(values['data-dir'] ? { 'data-dir': values['data-dir'] } : {});
  try {
    const result = await evaluateLegalEntity(database.db, code, { k, maxLen, minSupport: supportFlag, minConfidence: confidenceFlag });
    if (!result) throw new UsageError(`--legal-entity: no legal entity with code "${code}"`, false);
    if (result.orders === 0) throw new UsageError(`legal entity ${code} has no orders to evaluate`, false);
    if (!values.json) io.stdout(`legal entity ${result.legalEntity}: ${result.customers} customers, ${result.orders} orders; min support ${result.minSupport.toPrecision(3)}, min confidence ${result.minConfidence}\n`);
    return printEvaluation(result, k, !!values.json, io);
  } finally {
    await database.close();
  }
}
