import { z } from 'zod';
import path from 'node:path';

// The one place that reads process.env. Everything else receives a Config.
const schema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(3000),
  host: z.string().default('0.0.0.0'),
  databaseUrl: z.string().url().optional(),
  dataDir: z.string().default(path.resolve(process.cwd(), 'data')),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Secure cookies need HTTPS: on when PUBLIC_BASE_URL is https unless SECURE_COOKIES says otherwise (see loadConfig).
  secureCookies: z.boolean().optional(),
  // Only behind a reverse proxy that sets X-Forwarded-For; otherwise clients could choose their own address.
  trustProxy: z.coerce.boolean().default(false),
  sessionHours: z.coerce.number().positive().default(12),
  // Sign-in attempts per client address per minute (a ceiling on bursts), on top of the back-off on failures per address and account.
  signInRateLimit: z.coerce.number().int().positive().default(30),
  // Key used to encrypt stored secrets (external measure providers) and sign public links.
  // Generated and kept in the data directory when not given, so no default secret ships.
  secretKey: z.string().min(32).optional(),
  smtpUrl: z.string().optional(),
  mailFrom: z.string().default('Clienteling <no-reply@clienteling.local>'),
  // Email replies: outbound email carries Reply-To reply+<signed token>@<inboundMailDomain>; `serve` receives that mail over SMTP.
  inboundMailDomain: z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i).optional(),
  inboundSmtpPort: z.coerce.number().int().min(0).max(65535).optional(),
  // The app's own address: links in emails, the origin that may use a session, HTTPS-only headers and cookies.
  publicBaseUrl: z.string().url().refine((u) => /^https?:\/\//.test(u), 'must start with http:// or https://').default('http://localhost:3000'),
  webDist: z.string().default(path.resolve(process.cwd(), 'web/dist')),
  // Head-office SQL measures: PostgreSQL stops one after this long; a query whose planner cost estimate exceeds the
  // ceiling is refused before it runs (the only guard on PGlite, which cannot interrupt a query); results are capped.
  measureStatementTimeoutMs: z.coerce.number().int().positive().default(15_000),
  measureMaxCost: z.coerce.number().positive().default(10_000_000),
  measureMaxRows: z.coerce.number().int().positive().default(2_000_000),
  // /metrics (Prometheus) is served only when a token is set, and then only to a scraper sending it as a bearer token.
  metricsToken: z.string().min(16).optional(),
  // `clienteling worker` serves /metrics, /health/live and /health/ready on this port (0: any free one); unset, it
  // listens on none. /metrics follows the web processes' rule: only with METRICS_TOKEN, sent as a bearer token.
  workerMetricsPort: z.coerce.number().int().min(0).max(65535).optional(),
  // On SIGTERM/SIGINT, how long `serve` waits for requests in flight and a running job before it stops regardless.
  shutdownTimeoutMs: z.coerce.number().int().positive().default(25_000),
  // Background jobs (pg-boss): how often a working process asks for due jobs of each queue. Scheduled jobs run on
  // cron times, so a few seconds late costs nothing; the embedded PGlite database has one connection to share.
  jobPollSeconds: z.coerce.number().min(0.5).optional(),
  // Cron overrides by job name, e.g. {"attribution.run":"*/5 * * * *"}; a per-legal-entity job's cron is read in
  // each legal entity's time zone.
  jobSchedules: z.record(z.string()).default({}),
  // The outbox sender of each working process: messages sent at once; and a ceiling per provider (the SMTP server; a
  // legal entity's SMS or WhatsApp account) in messages per second for all processes together, kept through the
  // database (outreach/outbox-rate.ts); 0 for no limit.
  outboxConcurrency: z.coerce.number().int().min(1).max(256).default(8),
  outboxEmailRatePerSecond: z.coerce.number().nonnegative().default(200),
  outboxSmsRatePerSecond: z.coerce.number().nonnegative().default(10),
  outboxWhatsappRatePerSecond: z.coerce.number().nonnegative().default(20),
});

export type Config = Omit<z.infer<typeof schema>, 'secureCookies'> & { secureCookies: boolean };

export function loadConfig(overrides: Partial<Config> = {}, env: NodeJS.ProcessEnv = process.env): Config {
  const fromEnv = {
    port: env.PORT,
    host: env.HOST,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.CLIENTELING_DATA_DIR,
    logLevel: env.LOG_LEVEL,
    secureCookies: flag(env.SECURE_COOKIES),
    trustProxy: env.TRUST_PROXY === 'true' ? true : undefined,
    sessionHours: env.SESSION_HOURS,
    secretKey: env.CLIENTELING_SECRET_KEY,
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM,
    inboundMailDomain: env.INBOUND_MAIL_DOMAIN,
    inboundSmtpPort: env.INBOUND_SMTP_PORT,
    publicBaseUrl: env.PUBLIC_BASE_URL,
    webDist: env.CLIENTELING_WEB_DIST,
    measureStatementTimeoutMs: env.MEASURE_STATEMENT_TIMEOUT_MS,
    measureMaxCost: env.MEASURE_MAX_COST,
    measureMaxRows: env.MEASURE_MAX_ROWS,
    metricsToken: env.METRICS_TOKEN || undefined,
    workerMetricsPort: env.WORKER_METRICS_PORT || undefined,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    jobPollSeconds: env.JOB_POLL_SECONDS || undefined,
    jobSchedules: env.JOB_SCHEDULES ? json(env.JOB_SCHEDULES) : undefined,
    outboxConcurrency: env.OUTBOX_CONCURRENCY || undefined,
    outboxEmailRatePerSecond: env.OUTBOX_EMAIL_RATE_PER_SECOND || undefined,
    outboxSmsRatePerSecond: env.OUTBOX_SMS_RATE_PER_SECOND || undefined,
    outboxWhatsappRatePerSecond: env.OUTBOX_WHATSAPP_RATE_PER_SECOND || undefined,
  };
  const clean = Object.fromEntries(Object.entries({ ...fromEnv, ...overrides }).filter(([, v]) => v !== undefined));
  const parsed = schema.safeParse(clean);
  if (!parsed.success) {
    const msg = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${msg}`);
  }
  return { ...parsed.data, secureCookies: parsed.data.secureCookies ?? parsed.data.publicBaseUrl.startsWith('https:') };
}

/** true/1 and false/0; unset or empty is undefined; anything else is passed on for the schema to refuse. */
function flag(value: string | undefined): boolean | string | undefined {
  if (value === undefined || value === '') return undefined;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  return value;
}

/** A JSON setting; text that is not JSON is passed on for the schema to refuse. */
function json(value: string): unknown {
  try { return JSON.parse(value); } catch { return value; }
}
