import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, ApiError } from './api.ts';

export interface Me {
  associateId: string;
  name: string;
  email: string;
  legalEntity: { id: string; code: string; name: string; currency: string; timeZone: string };
  storeId: string | null;
  stores: { id: string; code: string; name: string }[];
  permissions: string[];
}

interface SessionValue {
  me: Me | null;
  loading: boolean;
  /** Without a legal entity, a user of several is refused with ApiError 409 code "auth.choose_legal_entity" listing them. */
  signIn(email: string, password: string, legalEntityId?: string): Promise<void>;
  /** Takes the session the server just started (accepting an invitation signs in). */
  adopt(me: Me): void;
  signOut(): Promise<void>;
  switchStore(storeId: string): Promise<void>;
  can(permission: string): boolean;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);
  useEffect(() => {
    api<Me>('me').then(setMe).catch((e) => { if (!(e instanceof ApiError && e.status === 401)) console.error(e); }).finally(() => setLoading(false));
  }, []);
  const signIn = useCallback(async (email: string, password: string, legalEntityId?: string) => {
    setMe(await api<Me>('auth/sign-in', { body: { email, password, ...(legalEntityId ? { legalEntityId } : {}) } }));
  }, []);
  const adopt = useCallback((m: Me) => setMe(m), []);
  const signOut = useCallback(async () => { await api('auth/sign-out', { method: 'POST', body: {} }); setMe(null); }, []);
  const switchStore = useCallback(async (storeId: string) => { setMe(await api<Me>('me/store', { method: 'PUT', body: { storeId } })); }, []);
  const can = useCallback((p: string) => !!me?.permissions.includes(p), [me]);
  return <SessionContext.Provider value={{ me, loading, signIn, adopt, signOut, switchStore, can }}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const v = useContext(SessionContext);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}
