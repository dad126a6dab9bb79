import type { Db } from '../../db/client.ts';
import type { AuthContext } from '../auth/context.ts';

/** One entry on a customer's timeline: an activity, a note, a purchase, a return, a message, an appointment… */
export interface TimelineEvent {
  /** Unique across sources, e.g. "activity:<uuid>", "order:<uuid>". */
  id: string;
  kind: string;
  occurredAt: string;
  /** In English; the web shows titleKey's translation instead when it has one. */
  title: string;
  /** A stable name of the title, translated on the web (timeline.<key> in its catalogue) with titleParams. */
  titleKey?: TimelineTitleKey;
  titleParams?: Record<string, string>;
  detail: string | null;
  /** The detail by key when the server wrote words around the data (timelineDetail.<key> on the web), with detailParams. */
  detailKey?: TimelineDetailKey;
  detailParams?: Record<string, string>;
  /** Who did it, when known (associate name, "Online", a campaign). */
  actor: string | null;
  /** An actor that is no one's name ("Automatic", "Online", "Customer"), by key: timelineActor.<key> on the web. */
  actorKey?: TimelineActorKey;
  storeId: string | null;
  data: Record<string, unknown>;
}

/** Titles the web translates by key; an event without one shows its English title. */
export const TIMELINE_TITLE_KEYS = [
  'note', 'privateNote', 'storeNote', 'askedForAnotherAssociate', 'lookOpened', 'lookProductClicked', 'lookSomeProductClicked',
  'appointmentBooked', 'appointmentAttended', 'appointmentMissed', 'appointmentCancelled',
  'purchase', 'order', 'return', 'viewedOnline', 'addedToCartOnline', 'removedFromCartOnline', 'outreachMessage', 'outreachMessageAbout',
  'outreachMessageAboutPurpose', 'lookShared',
] as const;
export type TimelineTitleKey = (typeof TIMELINE_TITLE_KEYS)[number];
/**
 * Details the web words by key: an activity's outcome after its notes; an interaction's kind with its status and
 * channel when it has them (params kind, status and channel are codes: the web words those it knows, timeline-title.ts).
 */
export const TIMELINE_DETAIL_KEYS = ['activityOutcome', 'activityNotesOutcome', 'interaction', 'interactionStatus', 'interactionChannel', 'interactionStatusChannel'] as const;
export type TimelineDetailKey = (typeof TIMELINE_DETAIL_KEYS)[number];
/** Actors that are no one's name. */
export const TIMELINE_ACTOR_KEYS = ['automatic', 'online', 'customer', 'customerPreferencePage'] as const;
export type TimelineActorKey = (typeof TIMELINE_ACTOR_KEYS)[number];

/**
 * A capability that puts events on the timeline exports `timelineSource` from
 * src/modules/<capability>/timeline-source.ts, listed in src/capabilities.ts. Each returns up to `limit` events older
 * than `before`, newest first; the timeline merges them.
 */
export type TimelineSource = (db: Db, auth: AuthContext, customerId: string, page: { before: string | null; limit: number }) => Promise<TimelineEvent[]>;

/**
 * Where the next page starts: the instant (ISO, milliseconds) of the last event shown and how many events at that
 * very instant were shown already, written "<instant>~<count>". Several events can share an instant (an import with
 * whole-second times, or events a millisecond apart once rounded), so the instant alone would skip some of them.
 * A bare date (no "~") still works and means "strictly before".
 */
export interface TimelineCursor { at: string; shownAtInstant: number | null }

export function parseTimelineCursor(cursor: string): TimelineCursor | null {
  const [at, count, ...rest] = cursor.split('~');
  const t = Date.parse(at);
  if (Number.isNaN(t) || rest.length) return null;
  if (count === undefined) return { at: new Date(t).toISOString(), shownAtInstant: null };
  if (!/^\d{1,6}$/.test(count)) return null;
  return { at: new Date(t).toISOString(), shownAtInstant: Number(count) };
}

/** Newest first; events at the same instant by ID, so every page and every source agree on one order. */
const newestFirst = (a: TimelineEvent, b: TimelineEvent) =>
  (a.occurredAt < b.occurredAt ? 1 : a.occurredAt > b.occurredAt ? -1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Merges every source's events, newest first, with a cursor that neither repeats nor skips events sharing an instant. */
export async function customerTimeline(sources: readonly TimelineSource[], db: Db, auth: AuthContext, customerId: string, page: { before: TimelineCursor | null; limit: number }) {
  const cur = page.before;
  const skip = cur?.shownAtInstant ?? 0;
  // Sources answer "older than": ask for everything up to the end of the cursor's millisecond, enough of it to step
  // over the events of that instant already shown, and one more to know whether there is a next page.
  const before = cur ? (cur.shownAtInstant === null ? cur.at : new Date(Date.parse(cur.at) + 1).toISOString()) : null;
  const all = (await Promise.all(sources.map((s) => s(db, auth, customerId, { before, limit: page.limit + skip + 1 })))).flat()
    .map((e) => ({ ...e, occurredAt: new Date(e.occurredAt).toISOString() })); // one format, so instants compare as strings
  all.sort(newestFirst);
  let dropped = 0;
  const fresh = all.filter((e) => {
    if (!cur || cur.shownAtInstant === null || e.occurredAt !== cur.at) return true;
    return ++dropped > skip;
  });
  const items = fresh.slice(0, page.limit);
  const last = items[items.length - 1];
  let nextCursor: string | null = null;
  if (last && fresh.length > page.limit) {
    const atInstant = items.filter((e) => e.occurredAt === last.occurredAt).length + (cur && last.occurredAt === cur.at ? skip : 0);
    nextCursor = `${last.occurredAt}~${atInstant}`;
  }
  return { items, nextCursor };
}
