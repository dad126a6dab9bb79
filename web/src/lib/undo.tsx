import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useSession } from './session.tsx';
import { useRouter } from './router.tsx';
import { ErrorNote } from './error-note.tsx';
import { useT } from '../i18n/i18n.ts';

/**
 * An "Undo" the server honours until `expiresAt` (e.g. customers removed from a client book). It lives at app level,
 * not in the screen that made the change: an associate who moves on to another screen can still take it back until
 * it expires. `undo` does the work and answers what to say afterwards; `affects` are the queries it changes.
 */
export interface UndoOffer {
  text: string;
  expiresAt: string;
  undo: () => Promise<string>;
  affects: QueryKey[];
}

type State =
  | { kind: 'offer'; offer: UndoOffer; pending: boolean; error: unknown }
  | { kind: 'done'; text: string }
  | null;

const UndoContext = createContext<(offer: UndoOffer) => void>(() => {});

/** Offers an Undo for its time window; a new offer replaces the one shown. */
export function useOfferUndo() { return useContext(UndoContext); }

const UndoStateContext = createContext<{ state: State; run: () => void; dismiss: () => void }>({ state: null, run: () => {}, dismiss: () => {} });

export function UndoProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const { me } = useSession();
  const [state, setState] = useState<State>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const dismiss = useCallback(() => { clearTimeout(timer.current); setState(null); }, []);
  const offer = useCallback((o: UndoOffer) => {
    clearTimeout(timer.current);
    const left = Date.parse(o.expiresAt) - Date.now();
    if (!(left > 0)) return setState(null);
    setState({ kind: 'offer', offer: o, pending: false, error: null });
    // Gone when the server would refuse it; setTimeout counts in a signed 32-bit number of milliseconds.
    timer.current = setTimeout(() => setState((s) => (s?.kind === 'offer' && s.offer === o && !s.pending ? null : s)), Math.min(left, 2 ** 31 - 1));
  }, []);
  const current = useRef<State>(null);
  current.current = state;
  const run = useCallback(() => {
    const s = current.current;
    if (s?.kind !== 'offer' || s.pending) return;
    const o = s.offer;
    setState({ ...s, pending: true, error: null });
    o.undo().then(
      async (text) => {
        clearTimeout(timer.current);
        await Promise.all(o.affects.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
        setState((now) => (now?.kind === 'offer' && now.offer === o ? { kind: 'done', text } : now));
      },
      (error: unknown) => setState((now) => (now?.kind === 'offer' && now.offer === o ? { ...now, pending: false, error } : now)),
    );
  }, [queryClient]);
  // Another person's or store's undo must never show.
  useEffect(() => dismiss(), [me?.associateId, me?.storeId, dismiss]);
  useEffect(() => () => clearTimeout(timer.current), []);
  // What undoing did is said once: it goes with the next screen (an offer still open stays).
  const { path } = useRouter();
  useEffect(() => { if (current.current?.kind === 'done') setState(null); }, [path]);
  return (
    <UndoContext.Provider value={offer}>
      <UndoStateContext.Provider value={{ state, run, dismiss }}>{children}</UndoStateContext.Provider>
    </UndoContext.Provider>
  );
}

/** The offer (or what undoing did), shown by the shell above every screen. */
export function UndoBar() {
  const { state, run, dismiss } = useContext(UndoStateContext);
  const { t } = useT();
  if (!state) return null;
  return (
    <div className="undo-bar" role="status">
      <span>{state.kind === 'offer' ? state.offer.text : state.text}</span>
      {state.kind === 'offer' && <button type="button" className="secondary" disabled={state.pending} onClick={run}>{t('shell.undo')}</button>}
      <button type="button" className="secondary dismiss" aria-label={t('shell.dismiss')} onClick={dismiss}>×</button>
      {state.kind === 'offer' && <ErrorNote error={state.error} />}
    </div>
  );
}
