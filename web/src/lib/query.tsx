import { MutationCache, QueryCache, QueryClient, QueryClientProvider, useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { ApiError } from './api.ts';

// A refusal (4xx) is the answer, not a glitch: shown at once, never retried. Network faults and 5xx are retried once.
const retry = (failures: number, error: unknown) => !(error instanceof ApiError && error.status < 500) && failures < 1;

export function createQueryClient() {
  return new QueryClient({
    // Screens show their own errors; these logs are for the developer's console only, never instead of showing them.
    queryCache: new QueryCache({ onError: (e) => { if (!(e instanceof ApiError)) console.error(e); } }),
    mutationCache: new MutationCache({ onError: (e) => { if (!(e instanceof ApiError)) console.error(e); } }),
    defaultOptions: {
      // Kept a day when no screen shows them: what was loaded ahead stays for offline use (lib/offline.tsx).
      queries: { retry, staleTime: 5_000, gcTime: 24 * 3600_000, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
}

export function QueryProvider({ client, children }: { client: QueryClient; children: ReactNode }) {
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

/**
 * A change sent to the server; when it succeeds, the queries it affects are refetched before the promise settles,
 * so the screen never shows the old answer beside the confirmation. A conflict (409) means what the screen showed was
 * out of date (a time just taken, a row just changed), so they are refetched then too.
 */
export function useApiMutation<TVars = void, TData = unknown>(
  mutationFn: (vars: TVars) => Promise<TData>,
  affects: (vars: TVars, data: TData) => QueryKey[],
  /** 'always' for a change that works offline itself (it queues), instead of waiting for the connection. */
  options: { networkMode?: 'always' | 'online' } = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    networkMode: options.networkMode,
    onSuccess: (data, vars) => Promise.all(affects(vars, data).map((queryKey) => queryClient.invalidateQueries({ queryKey }))),
    onError: (error, vars) => {
      if (error instanceof ApiError && error.status === 409) {
        for (const queryKey of affects(vars, undefined as TData)) void queryClient.invalidateQueries({ queryKey });
      }
    },
  });
}

/** The value once it has stopped changing for `ms`: a search asks for what was typed, not for every keystroke. */
export function useDebounced<T>(value: T, ms = 250): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}
