import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, ApiError } from '../../lib/api.ts';
import { useSession } from '../../lib/session.tsx';
import { FiltersPanel } from './filters-panel.tsx';
import { CustomerCardView } from './customer-card.tsx';
import type { AttributeGroup, CustomerCard, Filter, SavedFilter } from './types.ts';
import './client-book.css';

interface Associate { id: string; displayName: string; active: boolean }

/** My client book (scope "mine") and the store client book (scope "store") share one screen. */
export function ClientBookPage({ scope }: { scope: 'mine' | 'store' }) {
  const { me, can } = useSession();
  const [filter, setFilter] = useState<Filter>({ sort: 'recent' });
  const [stores, setStores] = useState<'current' | 'all'>('current');
  const [items, setItems] = useState<CustomerCard[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [book, setBook] = useState<{ bookNumber: string; customerCount: number } | null>(null);
  const [attributes, setAttributes] = useState<AttributeGroup['attributes']>([]);
  const [saved, setSaved] = useState<SavedFilter[]>([]);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [associates, setAssociates] = useState<Associate[]>([]);
  const [target, setTarget] = useState('');
  const url = scope === 'mine' ? 'client-book/search' : 'store-client-book/search';

  const load = useCallback(async (after: string | null) => {
    setLoading(true); setError(null);
    try {
      const body = { ...filter, ...(scope === 'store' ? { stores } : {}), ...(after ? { cursor: after } : {}), limit: 50 };
      const page = await api<{ items: CustomerCard[]; nextCursor: string | null }>(url, { body });
      setItems((prev) => (after ? [...prev, ...page.items] : page.items));
      setCursor(page.nextCursor);
    } catch (e) { setError((e as Error).message); if (!after) setItems([]); } finally { setLoading(false); }
  }, [filter, stores, scope, url]);

  useEffect(() => { const t = setTimeout(() => load(null), filter.q ? 250 : 0); return () => clearTimeout(t); }, [load, filter.q]);
  const refreshMeta = useCallback(() => {
    if (scope === 'mine') api<{ bookNumber: string; customerCount: number }>('client-book').then(setBook).catch(() => {});
  }, [scope]);
  useEffect(() => {
    refreshMeta();
    api<AttributeGroup[]>('attribute-groups').then((gs) => setAttributes(gs.flatMap((g) => g.attributes))).catch(() => {});
    api<SavedFilter[]>('client-book/saved-filters').then((s) => setSaved(s.filter((f) => f.scope === scope))).catch(() => {});
    if (can('client-book.reassign')) api<Associate[]>('associates').then((a) => setAssociates(a.filter((x) => x.active))).catch(() => {});
  }, [scope, refreshMeta, can]);

  const selectedIds = useMemo(() => [...selected], [selected]);
  const act = async (fn: () => Promise<string>) => {
    setMessage(null); setError(null);
    try { setMessage(await fn()); setSelected(new Set()); refreshMeta(); await load(null); } catch (e) { setError(e instanceof ApiError ? e.message : String(e)); }
  };
  const remove = () => act(async () => {
    // In the store client book each customer is removed from the book that holds them.
    let n = 0;
    const byOwner = new Map<string, string[]>();
    for (const id of selectedIds) {
      const card = items.find((c) => c.customerId === id)!;
      const owner = scope === 'mine' ? me!.associateId : (card.owners.find((o) => o.isPrimary) ?? card.owners[0]).associateId;
      byOwner.set(owner, [...(byOwner.get(owner) ?? []), id]);
    }
    for (const [associateId, customerIds] of byOwner) n += (await api<{ removed: number }>('client-book/remove', { body: { customerIds, associateId } })).removed;
    return `Removed ${n} customer${n === 1 ? '' : 's'}.`;
  });
  const reassign = () => act(async () => {
    const r = await api<{ moved: number; toBookNumber: string }>('client-book/reassign', { body: { toAssociateId: target, customerIds: selectedIds } });
    return `Reassigned ${r.moved} customer${r.moved === 1 ? '' : 's'} to ${r.toBookNumber}.`;
  });
  const save = async () => {
    const name = window.prompt('Name of this filter');
    if (!name) return;
    const { ownerAssociateId: _o, ...rest } = filter;
    const s = await api<SavedFilter>('client-book/saved-filters', { body: { name, scope, filter: scope === 'store' ? filter : rest } });
    setSaved((prev) => [...prev.filter((p) => p.name !== s.name), s].sort((a, b) => a.name.localeCompare(b.name)));
    setMessage(`Saved filter "${s.name}".`);
  };

  return (
    <div>
      <div className="row">
        <h1>{scope === 'mine' ? 'My client book' : 'Store client book'}</h1>
        {book && <span className="muted">{book.bookNumber} · {book.customerCount} customers</span>}
        {scope === 'store' && (
          <label className="inline">Stores
            <select aria-label="Stores" value={stores} onChange={(e) => setStores(e.target.value as 'current' | 'all')}>
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
      </div>
      {error && <p role="alert" className="error">{error}</p>}
      {message && <p role="status" className="ok">{message}</p>}
      <div className="client-book">
        <FiltersPanel attributes={attributes} filter={filter} onChange={setFilter} />
        <section aria-label="Customers">
          {selected.size > 0 && (
            <div className="bulk-bar row" aria-label="Selected customers">
              <strong>{selected.size} selected</strong>
              {can('client-book.remove') && <button className="danger" onClick={remove}>Remove from client book</button>}
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
          {!loading && !error && items.length === 0 && <p className="empty">No customers match. {scope === 'mine' ? 'Add customers from their customer page.' : ''}</p>}
          {loading && <p className="loading">Loading…</p>}
          {cursor && !loading && <button onClick={() => load(cursor)}>Load more</button>}
        </section>
      </div>
    </div>
  );
}
