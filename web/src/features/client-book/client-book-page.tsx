import { useMemo, useState } from 'react';
import { useSession } from '../../lib/session.tsx';
import { ErrorNote } from '../../lib/error-note.tsx';
import { Link } from '../../lib/router.tsx';
import { useDebounced } from '../../lib/query.tsx';
import { FiltersPanel } from './filters-panel.tsx';
import { CustomerCardView } from './customer-card.tsx';
import {
  useAssociates, useAttributeGroups, useClientBookSearch, useMyBook, useReassign, useRemoveFromBooks, useSavedFilters, useSaveFilter, useUndoRemoval,
  type Filter, type Scope, type StoresChoice, type Undo,
} from './queries.ts';
import './client-book.css';

/** My client book (scope "mine") and the store client book (scope "store") share one screen. */
export function ClientBookPage({ scope }: { scope: Scope }) {
  const { me, can } = useSession();
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
  // Removing asks first (a whole page can be selected), then offers "Undo" for a few minutes.
  const [confirming, setConfirming] = useState(false);
  const [undo, setUndo] = useState<Undo[] | null>(null);
  const undoing = useUndoRemoval();
  const ownersOfSelection = () => {
    const names = new Set(selectedIds.map((id) => {
      const card = items.find((c) => c.customerId === id);
      return scope === 'mine' ? 'your' : `${(card?.owners.find((o) => o.isPrimary) ?? card?.owners[0])?.associateName ?? 'their'}'s`;
    }));
    return names.size === 1 ? [...names][0] : 'their';
  };
  const remove = () => {
    setMessage(null);
    setUndo(null);
    setConfirming(false);
    // In the store client book each customer is removed from the book that holds them.
    const byOwner = new Map<string, string[]>();
    for (const id of selectedIds) {
      const card = items.find((c) => c.customerId === id)!;
      const owner = scope === 'mine' ? me!.associateId : (card.owners.find((o) => o.isPrimary) ?? card.owners[0]).associateId;
      byOwner.set(owner, [...(byOwner.get(owner) ?? []), id]);
    }
    removal.mutate(byOwner, { onSuccess: (r) => { done(`Removed ${r.removed} customer${r.removed === 1 ? '' : 's'} from the client book.`); setUndo(r.undo); } });
  };
  const undoRemoval = () => {
    if (!undo) return;
    undoing.mutate(undo, {
      onSuccess: (r) => {
        setUndo(null);
        const kept = r.notRestored.length ? ` ${r.notRestored.length} joined another client book meanwhile (${[...new Set(r.notRestored.map((n) => n.owner))].join(', ')}) and stay there.` : '';
        setMessage(`Put back ${r.restored} customer${r.restored === 1 ? '' : 's'}.${kept}`);
      },
    });
  };
  const reassign = () => {
    setMessage(null);
    const name = associates.find((a) => a.id === target)?.displayName ?? 'the chosen associate';
    reassignment.mutate({ toAssociateId: target, customerIds: selectedIds }, { onSuccess: (r) => done(`Reassigned ${r.moved} customer${r.moved === 1 ? '' : 's'} to ${name} (client book ${r.toBookNumber}).`) });
  };
  const save = () => {
    const name = window.prompt('Name of this filter');
    if (!name) return;
    const { ownerAssociateId: _o, ...rest } = filter;
    saving.mutate({ name, scope, filter: scope === 'store' ? filter : rest }, { onSuccess: (s) => setMessage(`Saved filter "${s.name}".`) });
  };

  return (
    <div>
      <div className="row">
        <h1>{scope === 'mine' ? 'My client book' : 'Store client book'}</h1>
        {book && <span className="muted">{book.bookNumber} · {book.customerCount} customers</span>}
        {scope === 'store' && (
          <label className="inline">Stores
            <select aria-label="Stores" value={stores} onChange={(e) => setStores(e.target.value as StoresChoice)}>
              <option value="current">Current store</option>
              <option value="all">All my stores</option>
            </select>
          </label>
        )}
        <label className="inline">Saved filters
          <select aria-label="Saved filters" value="" onChange={(e) => { const s = saved.find((f) => f.id === e.target.value); if (s) setFilter(s.filter); }}>
            <option value="">Choose…</option>
            {saved.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </select>
        </label>
        <button className="secondary" onClick={save}>Save filter</button>
        {scope === 'store' && can('client-book.reassign') && <Link to="/client-book/hand-over" className="small">Hand over a client book</Link>}
      </div>
      <ErrorNote error={error} />
      <ErrorNote error={undoing.error} />
      {message && (
        <p role="status" className="ok">{message}
          {undo && <> <button type="button" className="secondary" disabled={undoing.isPending} onClick={undoRemoval}>Undo</button></>}
        </p>
      )}
      <div className="client-book">
        <FiltersPanel attributes={attributes} filter={filter} onChange={setFilter} />
        <section aria-label="Customers">
          {selected.size > 0 && (
            <div className="bulk-bar row" aria-label="Selected customers">
              <strong>{selected.size} selected</strong>
              {can('client-book.remove') && <button className="danger" onClick={() => setConfirming(true)}>Remove from client book</button>}
              {can('client-book.reassign') && (
                <>
                  <select aria-label="Reassign to" value={target} onChange={(e) => setTarget(e.target.value)}>
                    <option value="">Reassign to…</option>
                    {associates.filter((a) => a.id !== (scope === 'mine' ? me!.associateId : '')).map((a) => <option key={a.id} value={a.id}>{a.displayName}</option>)}
                  </select>
                  <button disabled={!target} onClick={reassign}>Reassign</button>
                </>
              )}
              <button className="secondary" onClick={() => setSelected(new Set())}>Clear selection</button>
            </div>
          )}
          {confirming && selected.size > 0 && (
            <div role="alertdialog" aria-label="Confirm removal" className="card confirm">
              <p>Remove {selected.size} customer{selected.size === 1 ? '' : 's'} from {ownersOfSelection()} client book? They stay customers of the store; you can undo this for a few minutes.</p>
              <div className="row">
                <button className="danger" disabled={removal.isPending} onClick={remove}>Remove {selected.size} customer{selected.size === 1 ? '' : 's'}</button>
                <button className="secondary" onClick={() => setConfirming(false)}>Keep them</button>
              </div>
            </div>
          )}
          {items.length > 0 && (
            <label className="inline"><input type="checkbox" checked={items.every((i) => selected.has(i.customerId))}
              onChange={(e) => setSelected(e.target.checked ? new Set(items.map((i) => i.customerId)) : new Set())} /> Select all shown</label>
          )}
          <div className="grid">
            {items.map((c) => (
              <CustomerCardView key={c.customerId} card={c} showOwner={scope === 'store'} selected={selected.has(c.customerId)}
                onSelect={(v) => setSelected((prev) => { const n = new Set(prev); if (v) n.add(c.customerId); else n.delete(c.customerId); return n; })} />
            ))}
          </div>
          {search.isSuccess && !search.isPlaceholderData && items.length === 0 && <p className="empty">No customers match. {scope === 'mine' ? 'Add customers from their customer page.' : ''}</p>}
          {search.isFetching && <p className="loading">Loading…</p>}
          {search.hasNextPage && !search.isFetching && <button onClick={() => search.fetchNextPage()}>Load more</button>}
        </section>
      </div>
    </div>
  );
}
