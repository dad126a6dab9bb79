// The app offline (#17): the associate's own client book, customer cards, timelines (notes and activities) and today's
// appointments are kept on the device from the last sync; notes and activities written offline wait in an outbox and
// are sent when the connection is back, each with a clientId the server uses so a write sent twice is stored once.
import { dehydrate, hydrate, onlineManager, type DehydratedState, type QueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { useT } from '../i18n/i18n.ts';
import { ME_KEY } from './session.tsx';
import { client, unwrap } from './api.ts';
import { offlineStore } from './offline-store.ts';
import { flushOutbox, loadOutbox, useWaitingCount } from './outbox.ts';
import { clientBookSearchOptions } from '../features/client-book/queries.ts';
import { customerKey, profileOptions } from '../features/customers/queries.ts';
import { activityTypesKey, timelineOptions } from '../features/activities/queries.ts';
import { dayOptions } from '../features/appointments/queries.ts';

const CACHE_KEY = 'query-cache';
const KEEP_MS = 7 * 86_400_000;
/** Customers whose card and timeline are loaded ahead: the book's first ones (newest first), to bound a sync. */
const CUSTOMERS_AHEAD = 100;

// ---- The offline copy: the query cache, saved in IndexedDB as it changes and put back when the app starts. ----

let savedAt: number | null = null;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

/**
 * Before the first render, offline: the last saved answers, the signed-in person included. Online the app asks the
 * server as usual: the session may have ended (signed out elsewhere, expired), and the cached person must not show.
 */
export async function restoreOfflineCopy(queryClient: QueryClient) {
  // The query library assumes "online" until told; a reload while offline must not try (and fail) every query.
  onlineManager.setOnline(navigator.onLine);
  try {
    const saved = await offlineStore.get<{ savedAt: number; state: DehydratedState }>(CACHE_KEY);
    if (saved && !navigator.onLine && Date.now() - saved.savedAt < KEEP_MS) { hydrate(queryClient, saved.state); savedAt = saved.savedAt; }
    await loadOutbox();
  } catch (e) {
    console.error(`offline copy: read failed`, e);
  }
}

/** Saves the answers the app holds (a second after they change); nothing is kept once nobody is signed in. */
export function persistOfflineCopy(queryClient: QueryClient, meKey: readonly unknown[]) {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const save = async () => {
    timer = null;
    if (!queryClient.getQueryData(meKey)) { await offlineStore.delete(CACHE_KEY); return; }
    const state = dehydrate(queryClient, { shouldDehydrateQuery: (q) => q.state.status === 'success' });
    await offlineStore.set(CACHE_KEY, { savedAt: Date.now(), state });
    savedAt = Date.now();
    emit();
  };
  return queryClient.getQueryCache().subscribe(() => { timer ??= setTimeout(() => { save().catch((e) => console.error(`offline copy: save failed`, e)); }, 1000); });
}

let lastSync = 0;
let syncing: Promise<void> | null = null;

/**
 * Loads ahead what an associate needs without a connection: the client book (its cards), the card and timeline of each
 * of its first customers, today's appointments and the activity types. At most every 15 minutes.
 */
export function syncOfflineCopy(queryClient: QueryClient, me: { permissions: string[]; legalEntity: { timeZone: string } }) {
  if (syncing || !onlineManager.isOnline() || Date.now() - lastSync < 15 * 60_000) return syncing;
  syncing = (async () => {
    const can = (p: string) => me.permissions.includes(p);
    if (can('appointments.view')) {
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: me.legalEntity.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
      await Promise.all([queryClient.prefetchQuery(dayOptions(undefined, 'mine')), queryClient.prefetchQuery(dayOptions(today, 'mine'))]);
    }
    if (can('customers.view')) await queryClient.prefetchQuery({ queryKey: activityTypesKey, queryFn: () => unwrap(client.GET('/api/v1/activity-types')) });
    if (!can('client-book.view-own')) return;
    const book = await queryClient.fetchInfiniteQuery({ ...clientBookSearchOptions('mine', { sort: 'recent' }, 'current'), pages: 4 });
    const ids = book.pages.flatMap((p) => p.items.map((i) => i.customerId)).slice(0, CUSTOMERS_AHEAD);
    if (!can('customers.view')) return;
    // Three at a time: a sync must not crowd out what the associate is doing.
    for (let i = 0; i < ids.length; i += 3) {
      await Promise.all(ids.slice(i, i + 3).flatMap((id) => [queryClient.prefetchQuery(profileOptions(id)), queryClient.prefetchInfiniteQuery(timelineOptions(id))]));
    }
    lastSync = Date.now();
    document.documentElement.dataset.offlineSync = new Date(lastSync).toISOString();
  })().catch((e) => { console.error(`offline copy: sync failed`, e); }).finally(() => { syncing = null; });
  return syncing;
}

const subscribe = (l: () => void) => { listeners.add(l); return () => { listeners.delete(l); }; };

export function useOnline(): boolean {
  return useSyncExternalStore((l) => onlineManager.subscribe(l), () => onlineManager.isOnline());
}

/** While signed in: syncs the offline copy, and sends the outbox when the connection comes back. */
export function useOfflineSync(queryClient: QueryClient, me: { associateId: string; permissions: string[]; legalEntity: { timeZone: string } } | null) {
  const online = useOnline();
  const wasOnline = useRef(online);
  useEffect(() => {
    // Back online after opening offline: the session shown came from the device; ask the server whether it still holds.
    if (online && !wasOnline.current) void queryClient.invalidateQueries({ queryKey: ME_KEY });
    wasOnline.current = online;
    if (!me || !online) return;
    void (async () => { await flushOutbox(queryClient, me.associateId); await syncOfflineCopy(queryClient, me); })();
  }, [queryClient, me, online]);
}

/** Shown while offline: what the screens show is the copy saved on this device. */
export function OfflineBanner() {
  const online = useOnline();
  const saved = useSyncExternalStore(subscribe, () => savedAt);
  const waiting = useWaitingCount();
  const { t, format } = useT();
  if (online) return null;
  return (
    <p className="offline-banner" role="status">
      {saved ? t('offline.bannerSavedAt', { time: format.time(saved) }) : t('offline.banner')}
      {' '}{waiting ? t('offline.writesWaiting', { count: waiting }) : t('offline.writesSentLater')}
    </p>
  );
}
