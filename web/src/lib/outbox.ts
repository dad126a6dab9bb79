// The outbox (#17): notes and activities written without a connection wait on the device (IndexedDB) and are sent when
// it is back, each with a clientId the server uses so that a write sent twice is stored once.
import { onlineManager, type QueryClient } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { ApiError, client, unwrap, type ApiBody } from './api.ts';
import { offlineStore } from './offline-store.ts';
import { errorText } from './error-note.tsx';

const OUTBOX_KEY = 'outbox';
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());
const subscribe = (l: () => void) => { listeners.add(l); return () => { listeners.delete(l); }; };

export async function loadOutbox() { outbox = (await offlineStore.get<Pending[]>(OUTBOX_KEY)) ?? []; emit(); }

type NoteBody = ApiBody<'/api/v1/customers/{id}/notes', 'post'>;
type ActivityBody = ApiBody<'/api/v1/customers/{id}/activities', 'post'>;
export type Pending =
  & { clientId: string; customerId: string; associateId: string; queuedAt: string; refused?: string }
  & ({ kind: 'note'; body: NoteBody } | { kind: 'activity'; body: ActivityBody });

let outbox: Pending[] = [];
async function saveOutbox() { await offlineStore.set(OUTBOX_KEY, outbox); emit(); }

function post(item: Pending) {
  const params = { path: { id: item.customerId } };
  return item.kind === 'note'
    ? unwrap(client.POST('/api/v1/customers/{id}/notes', { params, body: { ...item.body, clientId: item.clientId } }))
    : unwrap(client.POST('/api/v1/customers/{id}/activities', { params, body: { ...item.body, clientId: item.clientId } }));
}

/**
 * Sends a note or an activity now, or, without a connection, keeps it on the device to send later (answers null then).
 * A refusal from the server (4xx) is the answer and is thrown as when online.
 */
export async function sendOrQueue(associateId: string, customerId: string, write: { kind: 'note'; body: NoteBody } | { kind: 'activity'; body: ActivityBody }) {
  const item = { ...write, clientId: crypto.randomUUID(), customerId, associateId, queuedAt: new Date().toISOString() } as Pending;
  if (onlineManager.isOnline()) {
    try { return await post(item); } catch (e) { if (e instanceof ApiError && e.status < 500) throw e; }
  }
  outbox = [...outbox, item];
  await saveOutbox();
  return null;
}

let flushing: Promise<void> | null = null;

/** Sends what waits in the outbox, oldest first; stops at the first network fault (tried again when back online). */
export function flushOutbox(queryClient: QueryClient, associateId: string) {
  if (flushing || !onlineManager.isOnline()) return flushing;
  flushing = (async () => {
    for (const item of outbox.filter((i) => i.associateId === associateId && !i.refused)) {
      try {
        await post(item);
        outbox = outbox.filter((i) => i.clientId !== item.clientId);
      } catch (e) {
        if (!(e instanceof ApiError) || e.status === 401 || e.status >= 500) break;
        // Refused (the customer was erased meanwhile, the type retired…): kept with the reason, for the associate to read
        // in their language (the catalogue's words for the problem's code, as any other error they see).
        outbox = outbox.map((i) => (i.clientId === item.clientId ? { ...i, refused: errorText(e) } : i));
      }
      await saveOutbox();
      await queryClient.invalidateQueries({ queryKey: ['customer', item.customerId] });
    }
  })().finally(() => { flushing = null; });
  return flushing;
}

export async function discardPending(clientId: string) {
  outbox = outbox.filter((i) => i.clientId !== clientId);
  await saveOutbox();
}

/** The writes about a customer still on this device. */
export function usePendingWrites(customerId: string): Pending[] {
  const all = useSyncExternalStore(subscribe, () => outbox);
  return all.filter((i) => i.customerId === customerId);
}

export function useWaitingCount(): number {
  return useSyncExternalStore(subscribe, () => outbox.filter((i) => !i.refused).length);
}
