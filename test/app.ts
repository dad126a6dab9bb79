import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { startSmtpSink, type SmtpSink } from './smtp-sink.ts';
import { openDatabase, runMigrations, type Database } from '../src/db/client.ts';
import { loadConfig, type Config } from '../src/config.ts';
import { buildApp } from '../src/http/app.ts';
import type { App } from '../src/http/types.ts';
import { setPasswordHashCost } from '../src/modules/auth/passwords.ts';
import { inArray } from 'drizzle-orm';
import { rateLimitHits } from '../src/db/schema/rate-limits.ts';
import { SIGN_IN_BACKOFF } from '../src/modules/auth/sign-in-throttle.ts';

// Tests create hundreds of associates: a lower scrypt work factor keeps the suite fast (production keeps 2^14).
setPasswordHashCost(1024);

let shared: Promise<Database> | null = null;

/** One database per test file: in-memory PGlite, or the PostgreSQL server the run was given. */
export function testDatabase(): Promise<Database> {
  if (!shared) {
    shared = (async () => {
      if (process.env.CLIENTELING_TEST_DB === 'postgres' && process.env.DATABASE_URL) {
        const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, poolSize: 4 });
        await runMigrations(database);
        return database;
      }
      const database = await openDatabase({ dataDir: 'memory://' });
      await runMigrations(database);
      return database;
    })();
  }
  return shared;
}

export async function testApp(overrides: Partial<Config> = {}): Promise<App & FastifyInstance> {
  const database = await testDatabase();
  const config = loadConfig({ logLevel: 'silent', signInRateLimit: 10_000, secretKey: 'test-secret-key-test-secret-key-0123456789', ...overrides }, {});
  const app = await buildApp(database, config);
  await app.ready();
  // Every file's requests come from this machine's address, and the files of a worker share one database: a file's
  // deliberate wrong passwords and codes would slow the next file's sign-ins (the back-off never forgets within the
  // hour). Each file starts with the loopback address's sign-in back-off clear, as on a database of its own.
  const loopback = ['127.0.0.1', '::1', '::ffff:127.0.0.1'].map((ip) => `${SIGN_IN_BACKOFF.address.name}:${ip}`);
  await database.db.delete(rateLimitHits).where(inArray(rateLimitHits.bucket, loopback));
  return app as App & FastifyInstance;
}

/** A call to the API as whoever holds the cookie (`/api/v1` is added to the URL). */
export function apiAs(app: FastifyInstance, method: string, url: string, cookie: string, payload?: object) {
  return app.inject({ method: method as 'GET', url: `/api/v1${url}`, headers: { cookie }, ...(payload ? { payload } : {}) });
}

/** Status, code and field of a refusal: what a client acts on. */
export async function problemOf(res: ReturnType<typeof apiAs>): Promise<[number, string, string | undefined]> {
  const r = await res;
  const b = r.json();
  return [r.statusCode, b.code, b.field];
}

/**
 * For a test file whose app sends email: starts a sink and an app sending to it before the file's tests, closes both
 * after, and hands them to `started` (which keeps them in the file's own variables).
 */
export function appWithSmtpSink(started: (s: { app: App & FastifyInstance; sink: SmtpSink }) => void) {
  let app: App & FastifyInstance | undefined;
  let sink: SmtpSink | undefined;
  beforeAll(async () => {
    sink = await startSmtpSink();
    app = await testApp({ smtpUrl: sink.url });
    started({ app, sink });
  });
  afterAll(async () => {
    await app?.close();
    await sink?.close();
  });
}
