import http from 'node:http';

export interface ProviderRequest { path: string; headers: http.IncomingHttpHeaders; body: Record<string, unknown> }

/** An SMS/WhatsApp provider on 127.0.0.1 for tests: records requests, can fail the next ones, de-duplicates by Idempotency-Key. */
export async function startProviderStandIn() {
  const requests: ProviderRequest[] = [];
  const accepted = new Map<string, string>();
  let failures: number[] = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const body = raw ? JSON.parse(raw) : {};
      requests.push({ path: req.url ?? '', headers: req.headers, body });
      const status = failures.shift();
      if (status) { res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'test failure' })); return; }
      const key = String(req.headers['idempotency-key'] ?? '');
      if (!accepted.has(key)) accepted.set(key, `prov-${accepted.size + 1}`);
      res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ id: accepted.get(key) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    /** Messages the provider actually delivered: one per idempotency key. */
    delivered: accepted,
    failNext(...statuses: number[]) { failures = statuses; },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
