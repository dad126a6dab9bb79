import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import Fastify, { LogController, type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import fastifyStatic from '@fastify/static';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { cachedCompilers } from './schema-compilers.ts';
import type { Database } from '../db/client.ts';
import { listenForChanges } from '../db/change-feed.ts';
import type { Config } from '../config.ts';
import { Problem } from './schemas.ts';
import { CustomerSchema } from '../modules/customers/customer-schema.ts';
import { errorHandler, sendProblem } from './problem.ts';
import { findBadInput } from './input-guard.ts';
import { registerWebSecurity } from './web-security.ts';
import { AppError } from './errors.ts';
import { JobQueue, type ScheduledJob } from '../jobs/scheduler.ts';
import { createMetrics, metricsHandler } from './metrics.ts';
import { authenticateSession, authenticateToken } from '../modules/auth/service.ts';
import type { App } from './types.ts';
import './types.ts';

import { SESSION_COOKIE } from './session-cookie.ts';
import { capabilityRoutes, scheduledJobs, timelineSources } from '../capabilities.ts';

/** A client's or proxy's request id is kept when it is a plain token; anything else could forge or garble log lines. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

export function requestIdOf(req: { headers: Record<string, string | string[] | undefined> }): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && SANE_REQUEST_ID.test(given) ? given : crypto.randomUUID();
}

export interface BuildOptions {
  /** Where log lines go (tests read them); standard output otherwise. */
  logStream?: { write(line: string): void };
  /** The jobs app.jobs knows (default: every capability's); tests give their own. */
  jobs?: readonly ScheduledJob[];
}

export async function buildApp(database: Database, config: Config, opts: BuildOptions = {}): Promise<App> {
  const logger: FastifyServerOptions['logger'] = config.logLevel === 'silent' ? false : { level: config.logLevel, ...(opts.logStream ? { stream: opts.logStream } : {}) };
  const app = Fastify({
    logger,
    // Request ids join the log lines of one request across processes: taken from X-Request-Id when sane (set by a
    // proxy or the caller), else random (a per-process counter repeats across processes and restarts).
    requestIdHeader: false,
    genReqId: (req) => requestIdOf(req),
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    bodyLimit: 1024 * 1024,
    schemaController: { compilersFactory: cachedCompilers },
    // Unknown fields are rejected (schemas say additionalProperties: false), not silently dropped.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false } },
    trustProxy: config.trustProxy,
    // Errors met while routing (a bad %-escape in the path, a path segment over 100 characters) answer problem+json too.
    frameworkErrors: (error, req, reply) => { errorHandler(error, req, reply); },
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as App;

  app.decorate('database', database);
  app.decorate('db', database.db);
  app.decorate('config', config);
  const metrics = createMetrics(database);
  app.decorate('metrics', metrics);
  // Handed to the routes that need them, so no capability imports the registry (it imports every capability's routes).
  app.decorate('timelineSources', timelineSources);
  // Set-up caches are cleared in every server process when any of them changes the set-up.
  const stopListening = await listenForChanges(database);
  app.addHook('onClose', async () => { await stopListening(); });
  // Background jobs (pg-boss): every process can queue one; `worker` and `serve` without --no-jobs also run them.
  // Closing the app lets the running jobs finish (graceful shutdown).
  const jobs = new JobQueue(database, opts.jobs ?? scheduledJobs, config);
  app.decorate('jobs', jobs);
  app.addHook('onClose', async () => { await jobs.stop(); });
  app.decorateRequest('auth', null);
  app.decorateRequest('sessionToken', null);
  app.setErrorHandler(errorHandler);
  // Every route as registered, so a test can hold each one to the rules (schema, permission or public).
  const routeCatalog: { method: string; url: string; public: boolean; permission: string | null; hasResponseSchema: boolean }[] = [];
  app.decorate('routeCatalog', routeCatalog);
  app.addHook('onRoute', (r) => {
    const methods = Array.isArray(r.method) ? r.method : [r.method];
    const cfg = (r.config ?? {}) as { public?: boolean; permission?: string };
    for (const method of methods) {
      routeCatalog.push({ method, url: r.url, public: !!cfg.public, permission: cfg.permission ?? null, hasResponseSchema: !!(r.schema as { response?: unknown } | undefined)?.response });
    }
  });
  // Every answer, errors and 404s included, names its request id, so a user's report can be found in the logs.
  app.addHook('onSend', async (req, reply) => { reply.header('x-request-id', req.id); });
  app.addHook('onResponse', async (req, reply) => {
    // The route pattern, never the raw path (ids would make a series each); unmatched paths share one label.
    const route = req.routeOptions.url ?? 'unmatched';
    metrics.requestDuration.observe({ method: req.method, route, status_class: `${Math.floor(reply.statusCode / 100)}xx` }, reply.elapsedTime / 1000);
  });
  app.addSchema(Problem);
  app.addSchema(CustomerSchema);

  await app.register(cookie);
  await registerWebSecurity(app);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Clienteling API', version: '1.0.0', description: 'Client books, customer 360, insights, recommendations, outreach, appointments and sales attribution.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          bearer: { type: 'http', scheme: 'bearer', description: 'API token created by head office' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    refResolver: { buildLocalReference: (json, _base, _frag, i) => (json.$id as string) || `def-${i}` },
  });

  // Text no handler can take (NUL, lone surrogates, absurd nesting) is refused before anything else reads it: the
  // headers, path and query here, the parsed body below. Streamed bodies (imports) are checked row by row by their reader.
  const refuse = (where: string, bad: { field: string; reason: string }) =>
    new AppError('validation', `${where} ${bad.field} ${bad.reason}.`, { field: bad.field });
  app.addHook('onRequest', async (req) => {
    for (const [name, value] of Object.entries(req.headers)) {
      const bad = findBadInput(value, name);
      if (bad) throw refuse('header', bad);
    }
    const badParam = findBadInput(req.params);
    if (badParam) throw refuse('params', badParam);
    const badQuery = findBadInput(req.query);
    if (badQuery) throw refuse('querystring', badQuery);
  });
  app.addHook('preValidation', async (req) => {
    const bad = findBadInput(req.body);
    if (bad) throw refuse('body', { ...bad, field: bad.field || 'body' });
  });
  // Once the schemas have coerced the query and path ("1e400" to Infinity), again.
  app.addHook('preHandler', async (req) => {
    const badParam = findBadInput(req.params);
    if (badParam) throw refuse('params', badParam);
    const badQuery = findBadInput(req.query);
    if (badQuery) throw refuse('querystring', badQuery);
  });

  // Every route is authenticated unless its config says public; then the named permission is checked.
  app.addHook('onRequest', async (req, reply) => {
    const cfg = req.routeOptions.config ?? {};
    const header = req.headers.authorization;
    let auth = null;
    if (header?.startsWith('Bearer ')) {
      auth = await authenticateToken(app.db, header.slice(7).trim());
    } else if (req.cookies[SESSION_COOKIE]) {
      const token = req.cookies[SESSION_COOKIE]!;
      auth = await authenticateSession(app.db, token);
      if (auth) req.sessionToken = token;
    }
    const url = req.routeOptions.url;
    // A SCIM token provisions through /scim/v2 and nothing else: anywhere else it is no sign-in at all. The SCIM routes
    // check the reverse themselves (only a SCIM token gets in), and answer in SCIM's error format.
    if (auth?.scim && !req.url.startsWith('/scim/')) auth = null;
    req.auth = auth;
    // The API lives under /api/; the web app's files and /health, /openapi.json are public.
    if (cfg.public || !url || !url.startsWith('/api/')) return;
    if (!auth) return sendProblem(reply, { status: 401, code: 'unauthenticated', detail: 'Sign in, or send a valid API token, to use this route.' });
    if (cfg.permission && !auth.permissions.has(cfg.permission)) {
      return sendProblem(reply, { status: 403, code: 'forbidden', detail: `This needs the "${cfg.permission}" permission, which your roles do not grant.` });
    }
  });

  app.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
  // Off unless a token is configured: the figures (routes, queue depths) are for operations, not the public.
  if (config.metricsToken) {
    app.get('/metrics', {
      config: { public: true },
      schema: {
        tags: ['platform'],
        summary: 'Prometheus metrics (bearer METRICS_TOKEN; served only when it is set)',
        security: [{ bearer: [] }],
        response: { 200: { type: 'string', description: 'Prometheus text exposition format' }, 401: { $ref: 'Problem' } },
      },
    }, metricsHandler(metrics, config.metricsToken));
  }

  // Every capability's routes, as listed in src/capabilities.ts.
  for (const { plugin, prefix } of capabilityRoutes) await app.register(plugin, { prefix });

  const hasWeb = fs.existsSync(path.join(config.webDist, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: config.webDist, wildcard: false, index: false });
  app.setNotFoundHandler((req, reply) => {
    // Client-side routes of the single-page app: any GET outside /api/ that is not a file asks for the page.
    const pathOnly = req.url.split('?')[0];
    const wantsPage = req.method === 'GET' && !pathOnly.startsWith('/api/') && ((req.headers.accept ?? '').includes('text/html') || !/\.[a-z0-9]+$/i.test(pathOnly));
    if (wantsPage) {
      if (hasWeb) return reply.type('text/html').sendFile('index.html');
      return reply.type('text/html').send('<p>The web app is not built. Run <code>npm run build:web</code>.</p>');
    }
    return sendProblem(reply, { status: 404, code: 'not_found', detail: `No route ${req.method} ${req.url.split('?')[0]}.` });
  });
  return app;
}
