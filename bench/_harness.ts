import { sql } from 'drizzle-orm';
import { openDatabase, runMigrations, type Database } from '../src/db/client.ts';
import { loadConfig } from '../src/config.ts';
import { buildApp } from '../src/http/app.ts';

/** Opens the benchmark database: PostgreSQL when DATABASE_URL is set, else a PGlite in memory (or BENCH_DATA_DIR). */
export async function benchDatabase(): Promise<Database> {
  const database = process.env.DATABASE_URL
    ? await openDatabase({ databaseUrl: process.env.DATABASE_URL, poolSize: 4 })
    : await openDatabase({ dataDir: process.env.BENCH_DATA_DIR ?? 'memory://' });
  await runMigrations(database);
  return database;
}

export async function benchApp(database: Database) {
  const app = await buildApp(database, loadConfig({ logLevel: 'silent', signInRateLimit: 1_000_000, secretKey: 'bench-secret-key-bench-secret-key-0123456789' }, {}));
  await app.ready();
  return app;
}

export function percentiles(samplesMs: number[]) {
  const s = [...samplesMs].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
  return { n: s.length, p50: at(50), p95: at(95), p99: at(99), max: s[s.length - 1] };
}

export function printLatency(label: string, samplesMs: number[]) {
  const p = percentiles(samplesMs);
  console.log(`${label.padEnd(48)} n=${p.n}  p50=${p.p50.toFixed(2)} ms  p95=${p.p95.toFixed(2)} ms  p99=${p.p99.toFixed(2)} ms  max=${p.max.toFixed(2)} ms`);
  return p;
}

export async function timeIt<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const r = await fn();
  console.log(`${label}: ${((performance.now() - t0) / 1000).toFixed(2)} s`);
  return r;
}

export function envInt(name: string, fallback: number): number {
  const v = process.env[name];
  return v ? Number(v) : fallback;
}

export async function analyze(database: Database) {
  await database.db.execute(sql`analyze`);
}
