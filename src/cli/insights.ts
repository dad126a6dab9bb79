// `clienteling insights ...`: analyst CLI to fit and score the customer-base models from CSV files.

import { readFileSync } from 'node:fs';
import {
  bgNbdConditionalExpectedPurchases,
  fitBgNbdWeighted,
  scoreBgNbd,
  type BgNbdParams,
} from '../modules/insights/bgnbd.ts';
import {
  customerLifetimeValue,
  fitGammaGamma,
  gammaGammaConditionalExpectedSpend,
  type GammaGammaParams,
} from '../modules/insights/gamma-gamma.ts';
import { fitParetoNbdWeighted, scoreParetoNbd, type ParetoNbdParams } from '../modules/insights/pareto-nbd.ts';
import { scoreRfm } from '../modules/insights/rfm.ts';
import {
  PERIOD_DAYS,
  compressSummaries,
  parseDay,
  summarizeTransactions,
  validateSummary,
  type Period,
  type Transaction,
} from '../modules/insights/summary.ts';

const USAGE = `Usage:
  clienteling insights fit   --model bgnbd|pareto-nbd|gamma-gamma (--transactions FILE.csv [--calibration-end YYYY-MM-DD] [--period day|week|month] | --summary FILE.csv) [--json]
  clienteling insights score --model bgnbd|pareto-nbd|gamma-gamma|rfm --params JSON (--transactions FILE.csv ... | --summary FILE.csv) [--horizon N] [--spend-params JSON] [--json]

  --transactions  CSV with header customer_id,date,amount (date YYYY-MM-DD or YYYYMMDD)
  --summary       CSV with header customer_id,frequency,recency,T[,monetary_value] (x,t_x,T,zbar also accepted)
  --calibration-end  inclusive; defaults to the last transaction date
  --period        time unit of the models (default week; month = 30.4375 days)
  --horizon       periods ahead for expected purchases (score; required for bgnbd/pareto-nbd)
  --spend-params  gamma-gamma params to add expected spend and 12-month CLV (1%/month) to bgnbd scores`;

const MODELS = ['bgnbd', 'pareto-nbd', 'gamma-gamma', 'rfm'] as const;
type Model = (typeof MODELS)[number];
const VALUE_FLAGS = ['model', 'transactions', 'summary', 'calibration-end', 'period', 'params', 'horizon', 'spend-params'];
const BOOL_FLAGS = ['json', 'help'];

class UsageError extends Error {}

interface Data {
  ids: string[];
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  monetary: Float64Array | null;
  period: Period | null;
}

export async function insightsCommand(argv: string[]): Promise<number> {
  try {
    const [sub, ...rest] = argv;
    if (!sub) {
      process.stderr.write(USAGE + '\n');
      return 2;
    }
    if (sub === 'help' || sub === '--help' || sub === '-h') {
      process.stdout.write(USAGE + '\n');
      return 0;
    }
    if (sub !== 'fit' && sub !== 'score') throw new UsageError(`unknown subcommand "${sub}"`);
    const flags = parseFlags(rest);
    if (flags.help) {
      process.stdout.write(USAGE + '\n');
      return 0;
    }
    const model = flags.model as Model | undefined;
    if (!model || !MODELS.includes(model)) throw new UsageError(`--model must be one of ${MODELS.join(', ')}`);
    if (sub === 'fit' && model === 'rfm') throw new UsageError('rfm has no parameters to fit; use `insights score --model rfm`');
    const data = loadData(flags);
    return sub === 'fit' ? runFit(model, data, flags) : runScore(model, data, flags);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`insights: ${err.message}\n(run \`clienteling insights help\` for usage)\n`);
      return 2;
    }
    process.stderr.write(`insights: ${(err as Error).message}\n`);
    return 1;
  }
}

function parseFlags(args: string[]): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument "${arg}"`);
    let name = arg.slice(2);
    let value: string | undefined;
    const eq = name.indexOf('=');
    if (eq >= 0) {
      value = name.slice(eq + 1);
      name = name.slice(0, eq);
    }
    if (BOOL_FLAGS.includes(name)) {
      out[name] = true;
    } else if (VALUE_FLAGS.includes(name)) {
      if (value === undefined) {
        value = args[++i];
        if (value === undefined) throw new UsageError(`--${name} needs a value`);
      }
      out[name] = value;
    } else {
      throw new UsageError(`unknown flag --${name}`);
    }
  }
  return out;
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

function splitCsvLine(line: string): string[] {
  return line.split(',').map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
}

function findColumn(header: string[], names: string[], what: string, file: string, required = true): number {
  const lower = header.map((h) => h.toLowerCase());
  for (const name of names) {
    const i = lower.indexOf(name.toLowerCase());
    if (i >= 0) return i;
  }
  if (required) throw new UsageError(`${file}: no ${what} column (looked for ${names.join(', ')})`);
  return -1;
}

function csvRows(text: string): string[] {
  return text.split(/\r?\n/).filter((l) => l.trim() !== '');
}

function loadData(flags: Record<string, string | boolean>): Data {
  const period = flags.period as string | undefined;
  if (period !== undefined && !(period in PERIOD_DAYS)) throw new UsageError('--period must be day, week or month');
  if (typeof flags.transactions === 'string' && typeof flags.summary === 'string') {
    throw new UsageError('give either --transactions or --summary, not both');
  }
  if (typeof flags.transactions === 'string') return loadTransactions(flags.transactions, flags, (period as Period) ?? 'week');
  if (typeof flags.summary === 'string') {
    if (flags['calibration-end'] !== undefined) throw new UsageError('--calibration-end only applies to --transactions');
    return loadSummary(flags.summary, (period as Period | undefined) ?? null);
  }
  throw new UsageError('need --transactions FILE or --summary FILE');
}

function loadTransactions(file: string, flags: Record<string, string | boolean>, period: Period): Data {
  const rows = csvRows(readText(file));
  if (rows.length === 0) throw new UsageError(`${file}: empty file`);
  const header = splitCsvLine(rows[0]);
  const ci = findColumn(header, ['customer_id', 'customer', 'id'], 'customer_id', file);
  const di = findColumn(header, ['date', 'day', 'transaction_date'], 'date', file);
  const ai = findColumn(header, ['amount', 'value', 'dollars', 'spend', 'monetary_value'], 'amount', file);
  const transactions: Transaction[] = [];
  let lastDay = -Infinity;
  for (let k = 1; k < rows.length; k++) {
    const cells = splitCsvLine(rows[k]);
    const amount = Number(cells[ai]);
    let day: number;
    try {
      day = parseDay(cells[di] ?? '');
    } catch (err) {
      throw new UsageError(`${file}:${k + 1}: ${(err as Error).message}`);
    }
    if (!Number.isFinite(amount)) throw new UsageError(`${file}:${k + 1}: invalid amount "${cells[ai]}"`);
    if (day > lastDay) lastDay = day;
    transactions.push({ customerId: cells[ci], date: day, amount });
  }
  let calibrationEnd = lastDay;
  if (typeof flags['calibration-end'] === 'string') {
    try {
      calibrationEnd = parseDay(flags['calibration-end']);
    } catch (err) {
      throw new UsageError(`--calibration-end: ${(err as Error).message}`);
    }
  }
  const summaries = summarizeTransactions(transactions, { calibrationEnd, period });
  return {
    ids: summaries.map((s) => s.customerId),
    x: Float64Array.from(summaries, (s) => s.frequency),
    tx: Float64Array.from(summaries, (s) => s.recency),
    T: Float64Array.from(summaries, (s) => s.T),
    monetary: Float64Array.from(summaries, (s) => s.monetaryValue),
    period,
  };
}

function loadSummary(file: string, period: Period | null): Data {
  const rows = csvRows(readText(file));
  if (rows.length === 0) throw new UsageError(`${file}: empty file`);
  const header = splitCsvLine(rows[0]);
  const ii = findColumn(header, ['customer_id', 'id', 'customer'], 'customer_id', file, false);
  const xi = findColumn(header, ['frequency', 'x'], 'frequency', file);
  const ri = findColumn(header, ['recency', 't_x'], 'recency', file);
  const ti = findColumn(header, ['T', 'age'], 'T', file);
  const mi = findColumn(header, ['monetary_value', 'zbar', 'monetary', 'm'], 'monetary', file, false);
  const n = rows.length - 1;
  const data: Data = {
    ids: new Array<string>(n),
    x: new Float64Array(n),
    tx: new Float64Array(n),
    T: new Float64Array(n),
    monetary: mi >= 0 ? new Float64Array(n) : null,
    period,
  };
  for (let k = 0; k < n; k++) {
    const cells = splitCsvLine(rows[k + 1]);
    const x = Number(cells[xi]);
    const tx = Number(cells[ri]);
    const T = Number(cells[ti]);
    const problem = validateSummary(x, tx, T);
    if (problem) throw new UsageError(`${file}:${k + 2}: ${problem}`);
    data.ids[k] = ii >= 0 ? cells[ii] : String(k + 1);
    data.x[k] = x;
    data.tx[k] = tx;
    data.T[k] = T;
    if (data.monetary) {
      const m = Number(cells[mi]);
      if (!Number.isFinite(m)) throw new UsageError(`${file}:${k + 2}: invalid monetary value "${cells[mi]}"`);
      data.monetary[k] = m;
    }
  }
  return data;
}

function runFit(model: Model, data: Data, flags: Record<string, string | boolean>): number {
  let result: { params: object; logLikelihood: number; customers: number; converged: boolean };
  if (model === 'gamma-gamma') {
    if (!data.monetary) throw new UsageError('gamma-gamma needs a monetary_value (or zbar) column');
    result = fitGammaGamma(data.x, data.monetary);
  } else {
    const { weighted } = compressSummaries(data.x, data.tx, data.T);
    result = model === 'bgnbd' ? fitBgNbdWeighted(weighted) : fitParetoNbdWeighted(weighted);
  }
  const out = {
    model,
    params: result.params,
    logLikelihood: result.logLikelihood,
    customers: result.customers,
    converged: result.converged,
    ...(data.period ? { period: data.period } : {}),
  };
  if (flags.json) {
    process.stdout.write(JSON.stringify(out) + '\n');
  } else {
    process.stdout.write(`model: ${model}\n`);
    for (const [k, v] of Object.entries(result.params)) process.stdout.write(`  ${k} = ${(v as number).toPrecision(6)}\n`);
    process.stdout.write(`log-likelihood: ${result.logLikelihood.toFixed(3)}\ncustomers: ${result.customers}\n`);
    if (!result.converged) process.stdout.write('warning: optimiser did not fully converge\n');
  }
  return 0;
}

function parseParams<K extends string>(raw: unknown, keys: readonly K[], flag: string): Record<K, number> {
  if (typeof raw !== 'string') throw new UsageError(`${flag} is required`);
  let obj: Record<string, unknown>;
  try {
    obj = JSON.parse(raw);
  } catch {
    throw new UsageError(`${flag}: not valid JSON`);
  }
  // Accept both {"r":..} and the full `fit --json` output {"params":{...}}.
  if (obj && typeof obj.params === 'object' && obj.params !== null) obj = obj.params as Record<string, unknown>;
  const out = {} as Record<K, number>;
  for (const k of keys) {
    const v = obj[k];
    if (typeof v !== 'number' || !(v > 0)) throw new UsageError(`${flag}: "${k}" must be a positive number`);
    out[k] = v;
  }
  return out;
}

function runScore(model: Model, data: Data, flags: Record<string, string | boolean>): number {
  const n = data.ids.length;
  const rows: Record<string, string | number>[] = new Array(n);
  if (model === 'rfm') {
    const scores = scoreRfm(
      Array.from({ length: n }, (_, i) => ({
        recency: data.T[i] - data.tx[i],
        frequency: data.x[i],
        monetary: data.monetary ? data.monetary[i] : 0,
      })),
    );
    for (let i = 0; i < n; i++) {
      const s = scores[i];
      rows[i] = { customer_id: data.ids[i], r: s.recencyScore, f: s.frequencyScore, m: s.monetaryScore, segment: s.segment };
    }
  } else if (model === 'gamma-gamma') {
    if (!data.monetary) throw new UsageError('gamma-gamma needs a monetary_value (or zbar) column');
    const gg = parseParams(flags.params, ['p', 'q', 'v'], '--params') as GammaGammaParams;
    for (let i = 0; i < n; i++) {
      rows[i] = { customer_id: data.ids[i], expected_spend: gammaGammaConditionalExpectedSpend(gg, data.x[i], data.monetary[i]) };
    }
  } else {
    const horizon = Number(flags.horizon);
    if (flags.horizon === undefined || !(horizon > 0)) throw new UsageError('--horizon must be a positive number of periods');
    let scores: { probabilityAlive: Float64Array; expectedPurchases: Float64Array };
    let bg: BgNbdParams | null = null;
    if (model === 'bgnbd') {
      bg = parseParams(flags.params, ['r', 'alpha', 'a', 'b'], '--params') as BgNbdParams;
      scores = scoreBgNbd(bg, data.x, data.tx, data.T, horizon);
    } else {
      const pp = parseParams(flags.params, ['r', 'alpha', 's', 'beta'], '--params') as ParetoNbdParams;
      scores = scoreParetoNbd(pp, data.x, data.tx, data.T, horizon);
    }
    const gg = flags['spend-params'] === undefined ? null : (parseParams(flags['spend-params'], ['p', 'q', 'v'], '--spend-params') as GammaGammaParams);
    if (gg && !data.monetary) throw new UsageError('--spend-params needs monetary values');
    if (gg && !bg) throw new UsageError('--spend-params is only supported with --model bgnbd');
    const periodsPerMonth = PERIOD_DAYS.month / PERIOD_DAYS[data.period ?? 'week'];
    for (let i = 0; i < n; i++) {
      const row: Record<string, string | number> = {
        customer_id: data.ids[i],
        p_alive: scores.probabilityAlive[i],
        expected_purchases: scores.expectedPurchases[i],
      };
      if (gg && bg && data.monetary) {
        const spend = gammaGammaConditionalExpectedSpend(gg, data.x[i], data.monetary[i]);
        const p = bg;
        const [x, tx, T] = [data.x[i], data.tx[i], data.T[i]];
        row.expected_spend = spend;
        row.clv = customerLifetimeValue((t) => bgNbdConditionalExpectedPurchases(p, t, x, tx, T), spend, { periodsPerMonth }).value;
      }
      rows[i] = row;
    }
  }
  if (flags.json) {
    process.stdout.write(JSON.stringify({ model, ...(flags.horizon ? { horizon: Number(flags.horizon) } : {}), customers: rows }) + '\n');
  } else if (n > 0) {
    const cols = Object.keys(rows[0]);
    const lines = [cols.join(',')];
    for (const r of rows) lines.push(cols.map((c) => formatCell(r[c])).join(','));
    process.stdout.write(lines.join('\n') + '\n');
  }
  return 0;
}

function formatCell(v: string | number): string {
  if (typeof v === 'string') return v;
  return Number.isInteger(v) ? String(v) : v.toPrecision(6);
}
