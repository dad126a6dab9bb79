import { createContext, useCallback, useContext, useState, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, client, unwrap, type ApiResult } from './api.ts';
import { ErrorNote } from './error-note.tsx';
import { useT } from '../i18n/i18n.ts';

export type Me = ApiResult<'/api/v1/me', 'get'>;

/** The server's answer when the password was right but a second factor is still to come (202), with the account's language. */
export interface SecondFactorStep { pendingToken: string; secondFactor: 'enrol' | 'verify'; expiresAt: string; language?: 'en' | 'fr' | null }
export const isSecondFactorStep = (a: unknown): a is SecondFactorStep => typeof a === 'object' && a !== null && 'pendingToken' in a;

interface SessionValue {
  me: Me | null;
  loading: boolean;
  /** Without a legal entity, a user of several is refused with ApiError 409 code "auth.choose_legal_entity" listing them. */
  signIn(email: string, password: string, legalEntityId?: string): Promise<SecondFactorStep | null>;
  /** Finishes a sign-in that asked for a second factor: a code from the authenticator app, or a recovery code. */
  completeSecondFactor(pendingToken: string, answer: { code: string } | { recoveryCode: string }): Promise<void>;
  /** Takes the session the server just started (accepting an invitation signs in). */
  adopt(me: Me): void;
  signOut(): Promise<void>;
  switchStore(storeId: string): Promise<void>;
  /** The language of the user's own screens; null follows the browser. */
  setLanguage(language: 'en' | 'fr' | null): Promise<void>;
  can(permission: string): boolean;
  /** The account's language while its second factor is asked for (no session yet); null: the browser's. */
  pendingLanguage: 'en' | 'fr' | null;
  setPendingLanguage(language: 'en' | 'fr' | null): void;
}

const SessionContext = createContext<SessionValue | null>(null);
export const ME_KEY = ['me'] as const;

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  // Not signed in (401) is an answer, null; any other failure is shown below.
  const meQuery = useQuery({
    queryKey: ME_KEY,
    queryFn: async () => {
      try { return await unwrap(client.GET('/api/v1/me')); } catch (e) { if (e instanceof ApiError && e.status === 401) return null; throw e; }
    },
    staleTime: Infinity,
  });
  const me = meQuery.data ?? null;
  const [pendingLanguage, setPendingLanguage] = useState<'en' | 'fr' | null>(null);
  // Another person's or store's answers must never show: a new session or store starts from an empty cache.
  const become = useCallback((m: Me | null) => {
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
    queryClient.setQueryData(ME_KEY, m);
    setPendingLanguage(null);
  }, [queryClient]);
  const signIn = useCallback(async (email: string, password: string, legalEntityId?: string) => {
    const answer = await unwrap(client.POST('/api/v1/auth/sign-in', { body: { email, password, ...(legalEntityId ? { legalEntityId } : {}) } }));
    if (isSecondFactorStep(answer)) { setPendingLanguage(answer.language ?? null); return answer; }
    become(answer);
    return null;
  }, [become]);
  const completeSecondFactor = useCallback(async (pendingToken: string, answer: { code: string } | { recoveryCode: string }) => {
    become(await unwrap(client.POST('/api/v1/auth/sign-in/second-factor', { body: { pendingToken, ...answer } })));
  }, [become]);
  const signOut = useCallback(async () => { await unwrap(client.POST('/api/v1/auth/sign-out')); become(null); }, [become]);
  const switchStore = useCallback(async (storeId: string) => { become(await unwrap(client.PUT('/api/v1/me/store', { body: { storeId } }))); }, [become]);
  const setLanguage = useCallback(async (language: 'en' | 'fr' | null) => {
    // Only the answer's language changes: the cached screens stay (they hold no language).
    queryClient.setQueryData(ME_KEY, await unwrap(client.PUT('/api/v1/me/language', { body: { language } })));
  }, [queryClient]);
  const { t } = useT();
  const can = useCallback((p: string) => !!me?.permissions.includes(p), [me]);
  const value: SessionValue = { me, loading: meQuery.isPending, signIn, completeSecondFactor, adopt: become, signOut, switchStore, setLanguage, can, pendingLanguage, setPendingLanguage };
  if (meQuery.isError) return <div className="empty"><h1>{t('app.cannotReach')}</h1><ErrorNote error={meQuery.error} /><button onClick={() => meQuery.refetch()}>{t('common.tryAgain')}</button></div>;
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const v = useContext(SessionContext);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}
