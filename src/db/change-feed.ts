import pg from 'pg';
import { sql } from 'drizzle-orm';
import type { Database, Db } from './client.ts';

/**
 * Tells every server process that shares the database that cached set-up data changed, so a cache can be cleared at
 * once everywhere (several Node processes behind a load balancer each keep their own). PostgreSQL's NOTIFY carries it:
 * sent in the changing transaction, it is delivered when that transaction commits, and never if it rolls back.
 *
 * A process caches only while its listener is connected: a notification missed while the connection was down could
 * leave a stale entry, so a reconnect clears every cache first.
 */
const CHANNEL = 'clienteling_changes';
type Handler = (key: string | null) => void;
const handlers = new Map<string, Set<Handler>>();
let listening = 0;

/** Clears `key` (or everything, for null) in each cache subscribed to `topic`, in this process. */
function dispatch(topic: string, key: string | null) {
  for (const h of handlers.get(topic) ?? []) h(key);
}

function dispatchPayload(payload: string | undefined) {
  if (!payload) return;
  const i = payload.indexOf(':');
  if (i > 0) dispatch(payload.slice(0, i), payload.slice(i + 1));
}

function clearAll() {
  for (const topic of handlers.keys()) dispatch(topic, null);
}

/** A cache subscribes to a topic; its handler clears one key, or everything when the key is null. */
export function onChange(topic: string, handler: Handler): void {
  if (!handlers.has(topic)) handlers.set(topic, new Set());
  handlers.get(topic)!.add(handler);
}

/** Whether caches may be used: some listener of this process is connected to the database's change feed. */
export function changeFeedConnected(): boolean {
  return listening > 0;
}

/** Announces a change: this process's caches are cleared now, every other process's when the transaction commits. */
export async function announceChange(db: Db, topic: string, key: string): Promise<void> {
  dispatch(topic, key);
  await db.execute(sql`select pg_notify(${CHANNEL}, ${`${topic}:${key}`})`);
}

/**
 * Listens to the change feed for as long as the server runs; returns the function that stops it. PGlite is one
 * process, whose own changes clear its caches directly; it listens all the same, so the code path is the same.
 */
export async function listenForChanges(database: Database, opts: { retryMs?: number } = {}): Promise<() => Promise<void>> {
  if (database.pglite) {
    const unlisten = await database.pglite.listen(CHANNEL, (payload) => dispatchPayload(payload));
    listening++;
    return async () => { listening--; await unlisten(); };
  }
  const retryMs = opts.retryMs ?? 1000;
  const options = database.pool!.options;
  let client: pg.Client | null = null;
  let connected = false;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;

  const down = () => {
    if (connected) { connected = false; listening--; }
    clearAll();
  };
  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: options.connectionString, options: options.options, application_name: 'clienteling change feed' });
    // An error, or the server closing the connection, loses the feed: stop caching, and try again in a moment.
    let gone = false;
    const lost = () => {
      if (gone) return;
      gone = true;
      if (client === c) { client = null; down(); }
      c.end().catch(() => {});
      if (stopped) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => { void connect(); }, retryMs);
    };
    c.on('notification', (msg) => { if (msg.channel === CHANNEL) dispatchPayload(msg.payload); });
    c.on('error', lost);
    c.on('end', lost);
    try {
      await c.connect();
      await c.query(`listen ${CHANNEL}`);
    } catch {
      // Caches stay off until a retry connects (the pool's own queries will say what is wrong).
      lost();
      return;
    }
    if (stopped || gone) { await c.end().catch(() => {}); return; }
    client = c;
    // Anything cached before now may have missed a change while no listener was connected.
    clearAll();
    connected = true;
    listening++;
  };
  await connect();
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    down();
    await client?.end().catch(() => {});
  };
}
