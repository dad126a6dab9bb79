import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// `clienteling serve` as a deploy stops it: SIGTERM while a request is still arriving. The request must still be
// answered and the process exit 0 once it has closed the database. Runs the real CLI on a temporary PGlite directory
// (the same code path on PostgreSQL; once is enough, so not again in the postgres project).
const ROOT = path.resolve(import.meta.dirname, '..');
let work = '';
let child: ChildProcess | null = null;
afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

function startServer(): Promise<{ port: number; output: () => string; exited: Promise<number | null> }> {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'clt-shutdown-'));
  const env = { ...process.env, DATABASE_URL: '', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', SHUTDOWN_TIMEOUT_MS: '30000', CLIENTELING_DATA_DIR: path.join(work, 'data'), CLIENTELING_SECRET_KEY: 'test-secret-key-test-secret-key-0123456789' };
  child = spawn(process.execPath, [path.join(ROOT, 'bin/clienteling.mjs'), 'serve'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /serving on http:\/\/localhost:(\d+)/.exec(out);
      if (m) resolve({ port: Number(m[1]), output: () => out, exited });
    };
    child!.stdout!.on('data', onData);
    child!.stderr!.on('data', onData);
    void exited.then((code) => reject(new Error(`serve exited (${code}) before listening:\n${out}`)));
  });
}

describe.skipIf(process.env.CLIENTELING_TEST_DB === 'postgres')('graceful shutdown of serve', () => {
  it('answers a request in flight at SIGTERM, then exits 0', async () => {
    const server = await startServer();
    // A sign-in whose body arrives slowly: the request is in flight until its last byte.
    const body = JSON.stringify({ email: 'nobody@example.test', password: 'not the password' });
    const answered = new Promise<{ status: number; requestId: string | undefined; body: string }>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: server.port, method: 'POST', path: '/api/v1/auth/sign-in',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-request-id': 'slow-sign-in' } }, (res) => {
        let text = '';
        res.on('data', (c) => { text += c; });
        res.on('end', () => resolve({ status: res.statusCode!, requestId: res.headers['x-request-id'] as string | undefined, body: text }));
      });
      req.on('error', reject);
      req.write(body.slice(0, 10));
      // The first bytes reached the server (it logs the request) before the signal is sent.
      const waitForRequest = setInterval(() => {
        if (!server.output().includes('slow-sign-in')) return;
        clearInterval(waitForRequest);
        child!.kill('SIGTERM');
        setTimeout(() => req.end(body.slice(10)), 1_000);
      }, 50);
    });
    const res = await answered;
    // Unknown account: refused as a sign-in, but answered in full.
    expect(res.status).toBe(401);
    expect(res.requestId).toBe('slow-sign-in');
    expect(JSON.parse(res.body).requestId).toBe('slow-sign-in');
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('shutting down');
  }, 180_000);
});
