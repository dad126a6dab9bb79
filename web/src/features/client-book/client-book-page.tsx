import { useMemo, useState } from 'react';
import { useSession } from '../../lib/session.tsx';
import { ErrorNote } from '../../lib/error-note.tsx';
import { Link } from '../../lib/router.tsx';
import { useDebounced } from '../../lib/query.tsx';
import { useOfferUndo } from '../../lib/undo.tsx';
import { customerKey } from '../customers/queries.ts';
import { FiltersPanel } from './filters-panel.tsx';
import { CustomerCardView } from './customer-card.tsx';
import {
  useAssociates, useAttributeGroups, useClientBookSearch, useMyBook, useReassign, useRemoveFromBooks, useSavedFilters, useSaveFilter, undoRemovals, clientBookKey,
  type Filter, type Scope, type StoresChoice,
} from './queries.ts';
import './client-book.css';
import { useT } from '../../i18n/i18n.ts';

/** My client book (scope "mine") and the store client book (scope "store") share one screen. */
export function ClientBookPage({ scope }: { scope: Scope }) {
  const { me, can } = useSession();
  const { t } = useT();
  const [filter, setFilter] = useState<Filter>({ sort: 'recent' });
  const [stores, setStores] = useState<StoresChoice>('current');
  const [message, setMessage] = useState<string | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [target, setTarget] = useState('');
  // Typing in the search waits for a pause; other filter changes ask at once.
  const asked = useDebounced(filter, filter.q ? 250 : 0);
  const search = useClientBookSearch(scope, asked, stores);
  const items = useMemo(() => search.data?.pages.flatMap((p) => p.items) ?? [], [search.data]);
  const book = useMyBook(scope === 'mine').data;
  const attributes = (useAttributeGroups().data ?? []).flatMap((g) => g.attributes);
  const savedFilters = useSavedFilters();
  const saved = (savedFilters.data ?? []).filter((f) => f.scope === scope);
  const associates = (useAssociates(can('client-book.reassign')).data ?? []).filter((x) => x.active);
  const removal = useRemoveFromBooks();
  const reassignment = useReassign();
  const saving = useSaveFilter();
  const error = search.error ?? removal.error ?? reassignment.error ?? saving.error ?? savedFilters.error;

  const selectedIds = useMemo(() => [...selected], [selected]);
  const done = (text: string) => { setMessage(text); setSelected(new Set()); };
  // Removing asks first (a whole page can be selected), then offers "Undo" for a few minutes, at app level: it stays
  // offered when the associate goes on to another screen.
  const [confirming, setConfirming] = useState(false);
  const offerUndo = useOfferUndo();
  // Whose client book the confirmation names: yours, one associate's, or "their" when the selection spans several.
  const confirmRemoval = () => {
    const count = selected.size;
    if (scope === 'mine') return t('clientBook.confirmRemoveMine', { count });
    const names = new Set(selectedIds.map((id) => {
      const card = items.find((c) => c.customerId === id);
      return (card?.owners.find((o) => o.isPrimary) ?? card?.owners[0])?.associateName ?? null;
    }));
    const [name] = [...names];
    return names.size === 1 && name ? t('clientBook.confirmRemoveOf', { count, name }) : t('clientBook.confirmRemoveTheir', { count });
  };
  const remove = () => {
    setMessage(null);
    setConfirming(false);
    // In the store client book each customer is removed from the book that holds them.
    const byOwner = new Map<string, string[]>();
    for (const id of selectedIds) {
      const card = items.find((c) => c.customerId === id)!;
      const owner = scope === 'mine' ? me!.associateId : (card.owners.find((o) => o.isPrimary) ?? card.owners[0]).associateId;
      byOwner.set(owner, [...(byOwner.get(owner) ?? []), id]);
    }
    const removedIds = [...byOwner.values()].flat();
    removal.mutate(byOwner, {
      onSuccess: (r) => {
        setSelected(new Set());
        // The earliest token to expire bounds the offer: after it, part of the undo would be refused.
        const expiresAt = r.undo.map((u) => u.expiresAt).sort()[0] ?? new Date().toISOString();
        offerUndo({
          text: t('clientBook.removed', { count: r.removed }), expiresAt, affects: [clientBookKey, ...removedIds.map(customerKey)],
          undo: async () => {
            const u = await undoRemovals(r.undo);
            const kept = u.notRestored.length ? t('clientBook.notRestored', { count: u.notRestored.length, owners: [...new Set(u.notRestored.map((n) => n.owner))].join(', ') }) : '';
            return t('clientBook.putBack', { count: u.restored }) + kept;
          },
        });
      },
    });
  };
  const reassign = () => {
    setMessage(null);
    const name = associates.find((a) => a.id === target)?.displayName ?? t('clientBook.theChosenAssociate');
    reassignment.mutate({ toAssociateId: target, customerIds: selectedIds }, { onSuccess: (r) => done(t('clientBook.reassigned', { count: r.moved, name, book: r.toBookNumber })) });
  };
  const save = () => {
    const name = window.prompt(t('clientBook.filterName'));
    if (!name) return;
    const { ownerAssociateId: _o, ...rest } = filter;
    saving.mutate({ name, scope, filter: scope === 'store' ? filter : rest }, { onSuccess: (s) => setMessage(t('clientBook.savedFilter', { name: s.name })) });
  };

  return (
    <div>
      <div className="row">
        <h1>{scope === 'mine' ? t('clientBook.mine') : t('clientBook.store')}</h1>
        {book && <span className="muted">{t('clientBook.customerCount', { book: book.bookNumber, count: book.customerCount })}</span>}
        {scope === 'store' && (
          <label className="inline">{t('clientBook.stores')}
            <select aria-label={t('clientBook.stores')} value={stores} onChange={(e) => setStores(e.target.value as StoresChoice)}>
              <option value="current">{t('clientBook.currentStore')}</option>
              <option value="all">{t('clientBook.allMyStores')}</option>
            </select>
          </label>
        )}
        <label className="inline">{t('clientBook.savedFilters')}
          <select aria-label={t('clientBook.savedFilters')} value="" onChange={(e) => { const s = saved.find((f) => f.id === e.target.value); if (s) setFilter(s.filter); }}>
            <option value="">{t('clientBook.choose')}</option>
            {saved.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </select>
        </label>
        <button className="secondary" onClick={save}>{t('clientBook.saveFilter')}</button>
        {scope === 'store' && can('client-book.reassign') && <Link to="/client-book/hand-over" className="small">{t('clientBook.handOverLink')}</Link>}
      </div>
      <ErrorNote error={error} />
      {message && <p role="status" className="ok">{message}</p>}
      <div className="client-book">
        <FiltersPanel attributes={attributes} filter={filter} onChange={setFilter} />
        <section aria-label={t('clientBook.customers')}>
          {selected.size > 0 && (
            <div className="bulk-bar row" aria-label={t('clientBook.selectedCustomers')}>
              <strong>{t('clientBook.selectedCount', { count: selected.size })}</strong>
              {can('client-book.remove') && <button className="danger" onClick={() => setConfirming(true)}>{t('clientBook.removeFromBook')}</button>}
              {can('client-book.reassign') && (
                <>
                  <select aria-label={t('clientBook.reassignTo')} value={target} onChange={(e) => setTarget(e.target.value)}>
                    <option value="">{t('clientBook.reassignToChoose')}</option>
                    {associates.filter((a) => a.id !== (scope === 'mine' ? me!.associateId : '')).map((a) => <option key={a.id} value={a.id}>{a.displayName}</option>)}
                  </select>
                  <button disabled={!target} onClick={reassign}>{t('clientBook.reassign')}</button>
                </>
              )}
              <button className="secondary" onClick={() => setSelected(new Set())}>{t('clientBook.clearSelection')}</button>
            </div>
          )}
          {confirming && selected.size > 0 && (
            <div role="alertdialog" aria-label={t('clientBook.confirmRemoval')} className="card confirm">
              <p>{confirmRemoval()}</p>
              <div className="row">
                <button className="danger" disabled={removal.isPending} onClick={remove}>{t('clientBook.removeCount', { count: selected.size })}</button>
                <button className="secondary" onClick={() => setConfirming(false)}>{t('clientBook.keepThem')}</button>
              </div>
            </div>
          )}
          {items.length > 0 && (
            <label className="inline"><input type="checkbox" checked={items.every((i) => selected.has(i.customerId))}
              onChange={(e) => setSelected(e.target.checked ? new Set(items.map((i) => i.customerId)) : new Set())} /> {t('clientBook.selectAllShown')}</label>
          )}
          <div className="grid">
            {items.map((c) => (
              <CustomerCardView key={c.customerId} card={c} showOwner={scope === 'store'} selected={selected.has(c.customerId)}
                onSelect={(v) => setSelected((prev) => { const n = new Set(prev); if (v) n.add(c.customerId); else n.delete(c.customerId); return n; })} />
            ))}
          </div>
          {search.isSuccess && !search.isPlaceholderData && items.length === 0 && <p className="empty">{t('clientBook.noMatch')} {scope === 'mine' ? t('clientBook.addFromPage') : ''}</p>}
          {search.isFetching && <p className="loading">{t('common.loading')}</p>}
          {search.hasNextPage && !search.isFetching && <button onClick={() => search.fetchNextPage()}>{t('clientBook.loadMore')}</button>}
        </section>
      </div>
    </div>
  );
}
