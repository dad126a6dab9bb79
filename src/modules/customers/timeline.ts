import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Db } from '../../db/client.ts';
import type { AuthContext } from '../auth/context.ts';

/** One entry on a customer's timeline: an activity, a note, a purchase, a return, a message, an appointment… */
export interface TimelineEvent {
  /** Unique across sources, e.g. "activity:<uuid>", "order:<uuid>". */
  id: string;
  kind: string;
  occurredAt: string;
  title: string;
  detail: string | null;
  /** Who did it, when known (associate name, "Online", a campaign). */
  actor: string | null;
  storeId: string | null;
  data: Record<string, unknown>;
}

/**
 * A capability that puts events on the timeline exports `timelineSource` from
 * src/modules/<capability>/timeline-source.ts. Each returns up to `limit` events older than `before`,
 * newest first; the timeline merges them.
 */
export type TimelineSource = (db: Db, auth: AuthContext, customerId: string, page: { before: string | null; limit: number }) => Promise<TimelineEvent[]>;

const modulesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let sources: Promise<TimelineSource[]> | null = null;

export function timelineSources(): Promise<TimelineSource[]> {
  sources ??= (async () => {
    const found: TimelineSource[] = [];
    for (const dir of fs.readdirSync(modulesDir).sort()) {
      const file = path.join(modulesDir, dir, 'timeline-source.ts');
      if (fs.existsSync(file)) found.push((await import(pathToFileURL(file).href)).timelineSource as TimelineSource);
    }
    return found;
  })();
  return sources;
}

/** Merges every source's events, newest first, with a cursor (the occurredAt of the last event returned). */
export async function customerTimeline(db: Db, auth: AuthContext, customerId: string, page: { before: string | null; limit: number }) {
  const all = (await Promise.all((await timelineSources()).map((s) => s(db, auth, customerId, page)))).flat();
  all.sort((a, b) => (a.occurredAt < b.occurredAt ? 1 : a.occurredAt > b.occurredAt ? -1 : a.id.localeCompare(b.id)));
  const items = all.slice(0, page.limit);
  return { items, nextCursor: all.length > page.limit ? items[items.length - 1].occurredAt : null };
}
