import type { ReactNode } from 'react';
import { Link, useRouter } from '../../lib/router.tsx';
import { useSession } from '../../lib/session.tsx';
import type { FeatureRoute } from '../../lib/feature.ts';
import { useT } from '../../i18n/i18n.ts';

const SECTIONS = ['associate', 'store', 'head-office'] as const;

export function Shell({ routes, children }: { routes: FeatureRoute[]; children: ReactNode }) {
  const { me, signOut, switchStore, setLanguage, can } = useSession();
  const { path, navigate } = useRouter();
  const { t } = useT();
  const visible = routes.filter((r) => r.nav && (!r.permission || can(r.permission)));
  // A route's label is its English; the catalogue has it by path (routes added later show their own label).
  const label = (r: FeatureRoute) => t(`nav.${r.path}` as 'nav./', { defaultValue: r.nav!.label });
  return (
    <div className="shell">
      <header className="topbar">
        <Link to="/" className="brand">{t('shell.brand')}</Link>
        <span className="muted">{me!.legalEntity.name}</span>
        {me!.stores.length > 0 && (
          <select aria-label={t('shell.currentStore')} value={me!.storeId ?? ''} onChange={(e) => switchStore(e.target.value).then(() => navigate(path))}>
            {me!.stores.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </select>
        )}
        <span className="spacer" />
        <select aria-label={t('shell.language')} value={me!.language ?? ''} onChange={(e) => void setLanguage(e.target.value === 'en' || e.target.value === 'fr' ? e.target.value : null)}>
          <option value="">{t('shell.languages.auto')}</option>
          <option value="en" lang="en">{t('shell.languages.en')}</option>
          <option value="fr" lang="fr">{t('shell.languages.fr')}</option>
        </select>
        <span className="who">{me!.name}</span>
        <button className="secondary" onClick={() => signOut().then(() => navigate('/'))}>{t('shell.signOut')}</button>
      </header>
      <nav className="sidenav" aria-label={t('shell.mainNav')}>
        {SECTIONS.map((section) => {
          const items = visible.filter((r) => r.nav!.section === section).sort((a, b) => a.nav!.order - b.nav!.order);
          if (!items.length) return null;
          return (
            <div key={section}>
              <h2>{t(`shell.sections.${section}`)}</h2>
              {items.map((r) => <Link key={r.path} to={r.path} className={path.split('?')[0] === r.path ? 'active' : ''}>{label(r)}</Link>)}
            </div>
          );
        })}
      </nav>
      <main className="content">{children}</main>
    </div>
  );
}
