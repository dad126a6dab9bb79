import type { ReactNode } from 'react';
import { Link, useRouter } from '../../lib/router.tsx';
import { useSession } from '../../lib/session.tsx';
import type { FeatureRoute } from '../../lib/feature.ts';

const SECTIONS: { key: 'associate' | 'store' | 'head-office'; label: string }[] = [
  { key: 'associate', label: 'My work' },
  { key: 'store', label: 'Store' },
  { key: 'head-office', label: 'Head office' },
];

export function Shell({ routes, children }: { routes: FeatureRoute[]; children: ReactNode }) {
  const { me, signOut, switchStore, can } = useSession();
  const { path, navigate } = useRouter();
  const visible = routes.filter((r) => r.nav && (!r.permission || can(r.permission)));
  return (
    <div className="shell">
      <header className="topbar">
        <Link to="/" className="brand">Clienteling</Link>
        <span className="muted">{me!.legalEntity.name}</span>
        {me!.stores.length > 0 && (
          <select aria-label="Current store" value={me!.storeId ?? ''} onChange={(e) => switchStore(e.target.value).then(() => navigate(path))}>
            {me!.stores.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </select>
        )}
        <span className="spacer" />
        <span className="who">{me!.name}</span>
        <button className="secondary" onClick={() => signOut().then(() => navigate('/'))}>Sign out</button>
      </header>
      <nav className="sidenav" aria-label="Main">
        {SECTIONS.map((section) => {
          const items = visible.filter((r) => r.nav!.section === section.key).sort((a, b) => a.nav!.order - b.nav!.order);
          if (!items.length) return null;
          return (
            <div key={section.key}>
              <h2>{section.label}</h2>
              {items.map((r) => <Link key={r.path} to={r.path} className={path.split('?')[0] === r.path ? 'active' : ''}>{r.nav!.label}</Link>)}
            </div>
          );
        })}
      </nav>
      <main className="content">{children}</main>
    </div>
  );
}
