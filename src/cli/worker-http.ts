import http from 'node:http';
import type { App } from '../http/types.ts';

/** The only paths a worker answers: what a scraper and an orchestrator's probes ask for, never the API. */
const PATHS = new Set(['/metrics', '/health/live', '/health/ready']);

export interface WorkerListener {
  port: number;
  /** From now on readiness answers 503, so nothing counts on this process while it winds down. */
  draining(): void;
  close(): Promise<void>;
}

/**
 * The worker's small HTTP listener: GET /metrics, /health/live and /health/ready, answered by the same routes as a
 * web process's (through app.inject, so the bearer METRICS_TOKEN check, the readiness checks and the problem+json
 * errors are the ones the web processes give), and 404 for anything else.
 */
export async function startWorkerListener(app: App, port: number, host: string): Promise<WorkerListener> {
  let draining = false;
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const answer = (status: number, headers: Record<string, string>, body: string) => { res.writeHead(status, headers); res.end(body); };
    const problem = (status: number, code: string, detail: string) => answer(status, { 'content-type': 'application/problem+json' },
      JSON.stringify({ type: 'about:blank', title: http.STATUS_CODES[status], status, code, detail }));
    if (!PATHS.has(path)) return problem(404, 'not_found', `A worker serves only ${[...PATHS].join(', ')}.`);
    if (req.method !== 'GET' && req.method !== 'HEAD') return problem(405, 'method_not_allowed', 'Use GET.');
    if (path === '/health/ready' && draining) return problem(503, 'shutting_down', 'The worker is shutting down.');
    app.inject({ method: req.method, url: req.url, headers: req.headers.authorization ? { authorization: req.headers.authorization } : {} })
      .then((r) => {
        const type = r.headers['content-type'];
        answer(r.statusCode, {
          ...(type ? { 'content-type': String(type) } : {}),
          ...(r.headers['www-authenticate'] ? { 'www-authenticate': String(r.headers['www-authenticate']) } : {}),
        }, req.method === 'HEAD' ? '' : r.body);
      })
      .catch((err) => {
        app.log.error({ err }, 'worker listener: answering failed');
        problem(500, 'internal', 'The worker could not answer.');
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => { server.off('error', reject); resolve(); });
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : port,
    draining: () => { draining = true; },
    close: () => new Promise((resolve) => { server.close(() => resolve()); server.closeAllConnections(); }),
  };
}
