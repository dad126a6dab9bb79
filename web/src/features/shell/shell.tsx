import { useEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import { Link, useRouter } from '../../lib/router.tsx';
import { useSession } from '../../lib/session.tsx';
import type { FeatureRoute } from '../../lib/feature.ts';
import { useQueryClient } from '@tanstack/react-query';
import { useT } from '../../i18n/i18n.ts';
import { OfflineBanner, useOfflineSync } from '../../lib/offline.tsx';
import { UndoBar } from '../../lib/undo.tsx';

const SECTIONS = ['associate', 'store', 'head-office'] as const;

export function Shell({ routes, children }: { routes: FeatureRoute[]; children: ReactNode }) {
  const { me, signOut, switchStore, setLanguage, can } = useSession();
  const { path, navigate } = useRouter();
  const { t } = useT();
  const visible = routes.filter((r) => r.nav && (!r.permission || can(r.permission)));
  // A route's label is its English; the catalogue has it by path (routes added later show their own label).
  const label = (r: FeatureRoute) => t(`nav.${r.path}` as 'nav./', { defaultValue: r.nav!.label });
  // On a phone the top bar is one row and the navigation one scrolling line; the menu button opens the account
  // (language, sign out) and every screen, grouped, in their place. Escape closes it and gives the button back its focus.
  const [menuOpen, setMenuOpen] = useState(false);
  const nav = useRef<HTMLElement>(null);
  const menuButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!menuOpen) return;
    const onKey = (e: KeyboardEvent) => { if (e.key === 'Escape') { setMenuOpen(false); menuButton.current?.focus(); } };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [menuOpen]);
  const current = path.split('?')[0];
  useEffect(() => {
    setMenuOpen(false);
    nav.current?.querySelector('a.active')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [current]);
  useOfflineSync(useQueryClient(), me);
  const content = useRef<HTMLElement>(null);
  useScrollableTablesFocusable(content);
  return (
    <div className={menuOpen ? 'shell menu-open' : 'shell'}>
      <header className="topbar">
        <Link to="/" className="brand">{t('shell.brand')}</Link>
        <span className="muted entity">{me!.legalEntity.name}</span>
        {me!.stores.length > 0 && (
          <select aria-label={t('shell.currentStore')} value={me!.storeId ?? ''} onChange={(e) => switchStore(e.target.value).then(() => navigate(path))}>
            {me!.stores.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </select>
        )}
        <span className="spacer" />
        <button type="button" ref={menuButton} className="secondary menu-button" aria-expanded={menuOpen} aria-controls="account-menu main-nav" onClick={() => setMenuOpen(!menuOpen)}>{t('shell.menu')}</button>
        {/* On a phone these fold into the menu, so the top bar stays one row; elsewhere they sit in the bar as they are. */}
        <div className="account" id="account-menu">
          <select aria-label={t('shell.language')} value={me!.language ?? ''} onChange={(e) => void setLanguage(e.target.value === 'en' || e.target.value === 'fr' ? e.target.value : null)}>
            <option value="">{t('shell.languages.auto')}</option>
            <option value="en" lang="en">{t('shell.languages.en')}</option>
            <option value="fr" lang="fr">{t('shell.languages.fr')}</option>
          </select>
          <span className="who">{me!.name}</span>
          <button className="secondary" onClick={() => signOut().then(() => navigate('/'))}>{t('shell.signOut')}</button>
        </div>
      </header>
      {/* Choosing a screen closes the menu, the one already shown too (its path does not change). */}
      <nav className="sidenav" id="main-nav" aria-label={t('shell.mainNav')} ref={nav} onClick={(e) => { if ((e.target as Element).closest('a')) setMenuOpen(false); }}>
        {SECTIONS.map((section) => {
          const items = visible.filter((r) => r.nav!.section === section).sort((a, b) => a.nav!.order - b.nav!.order);
          if (!items.length) return null;
          return (
            <div key={section}>
              <h2>{t(`shell.sections.${section}`)}</h2>
              {items.map((r) => <Link key={r.path} to={r.path} className={current === r.path ? 'active' : ''} current={current === r.path}>{label(r)}</Link>)}
            </div>
          );
        })}
      </nav>
      <main className="content" ref={content}><OfflineBanner /><UndoBar />{children}</main>
    </div>
  );
}

/**
 * A table wider than the screen scrolls inside itself (styles.css); with nothing focusable in it, a keyboard user
 * could not scroll it, so it takes focus (tabindex 0) for as long as it overflows.
 */
function useScrollableTablesFocusable(root: RefObject<HTMLElement | null>) {
  useEffect(() => {
    const el = root.current;
    if (!el) return;
    let frame = 0;
    const mark = () => {
      frame = 0;
      for (const table of el.querySelectorAll('table')) {
        const scrolls = table.scrollWidth > table.clientWidth + 1;
        if (scrolls && !table.hasAttribute('tabindex')) { table.tabIndex = 0; table.dataset.scrollFocus = ''; }
        else if (!scrolls && table.dataset.scrollFocus !== undefined) { table.removeAttribute('tabindex'); delete table.dataset.scrollFocus; }
      }
    };
    const schedule = () => { if (!frame) frame = requestAnimationFrame(mark); };
    const observer = new MutationObserver(schedule);
    observer.observe(el, { childList: true, subtree: true, characterData: true });
    window.addEventListener('resize', schedule);
    schedule();
    return () => { observer.disconnect(); window.removeEventListener('resize', schedule); if (frame) cancelAnimationFrame(frame); };
  }, [root]);
}
