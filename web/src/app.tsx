import { RouterProvider, useRouter, matchPath } from './lib/router.tsx';
import { SessionProvider, useSession } from './lib/session.tsx';
import { UndoProvider } from './lib/undo.tsx';
import { createQueryClient, QueryProvider } from './lib/query.tsx';
import type { FeatureRoute } from './lib/feature.ts';
import { Shell } from './features/shell/shell.tsx';
import { SignInPage } from './features/shell/sign-in-page.tsx';
import { browserLanguage, useLanguage, useT } from './i18n/i18n.ts';

// Each feature folder contributes its screens; nothing central to edit when a capability is added.
const modules = import.meta.glob<{ routes: FeatureRoute[] }>('./features/*/routes.tsx', { eager: true });
export const ROUTES: FeatureRoute[] = Object.values(modules).flatMap((m) => m.routes);

function resolve(path: string) {
  for (const route of ROUTES) {
    const params = matchPath(route.path, path);
    if (params) return { route, params };
  }
  return null;
}

function Screen() {
  const { path } = useRouter();
  const { me, loading, pendingLanguage } = useSession();
  const { t } = useT();
  const match = resolve(path);
  // The associate's own language (before the session, while the second factor is asked for: the account's, as the
  // sign-in answered), else the device's; public pages speak the customer's (they choose, useCustomerT).
  useLanguage(match?.route.public ? null : (me ? me.language : pendingLanguage) ?? browserLanguage());
  if (match?.route.public) {
    const C = match.route.component;
    return <C params={match.params} />;
  }
  if (loading) return <div className="loading">{t('common.loading')}</div>;
  if (!me) return <SignInPage />;
  let body;
  if (!match) body = <div className="empty"><h1>{t('app.notFound')}</h1><p>{t('app.noPageAt', { path })}</p></div>;
  else if (match.route.permission && !me.permissions.includes(match.route.permission)) body = <div className="empty"><h1>{t('app.notAllowed')}</h1><p>{t('app.roleLacksScreen')}</p></div>;
  else { const C = match.route.component; body = <C params={match.params} />; }
  return <Shell routes={ROUTES}>{body}</Shell>;
}

export const queryClient = createQueryClient();

export function App() {
  return (
    <QueryProvider client={queryClient}>
      <RouterProvider>
        <SessionProvider>
          <UndoProvider>
            <Screen />
          </UndoProvider>
        </SessionProvider>
      </RouterProvider>
    </QueryProvider>
  );
}
