import { useEffect, useState } from 'react';
import { api } from '../../lib/api.ts';
import { formatMoney } from '../../../../shared/money.ts';
import type { Pick } from './types.ts';

type Source = 'suggested' | 'wishlist' | 'search';

interface Recommendation { productId: string; name: string; brand: string | null; priceMinor: number; onHand: number }
interface WishlistItem { productId: string; name: string; brand: string | null; priceMinor: number; onHandHere: number | null }
interface SearchHit { id: string; name: string; brand: string | null; priceMinor: number; onHand: number | null }

/** Candidates from the customer's suggestions, their wishlist, or a product search. */
function useCandidates(customerId: string, source: Source, q: string) {
  const [items, setItems] = useState<Pick[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setItems(null); setError(null);
    const load: Promise<Pick[]> = source === 'suggested'
      ? api<{ items: Recommendation[] }>(`customers/${customerId}/recommendations`, { query: { limit: 12, includeOutOfStock: true } })
        .then((r) => r.items.map((x) => ({ id: x.productId, name: x.name, brand: x.brand, priceMinor: x.priceMinor, onHand: x.onHand })))
      : source === 'wishlist'
        ? api<{ wishlist: WishlistItem[] }>(`customers/${customerId}/profile`)
          .then((p) => p.wishlist.map((x) => ({ id: x.productId, name: x.name, brand: x.brand, priceMinor: x.priceMinor, onHand: x.onHandHere })))
        : q.trim().length < 2 ? Promise.resolve([])
          : api<SearchHit[]>(`customers/${customerId}/look-products`, { query: { q: q.trim(), limit: 20 } });
    let live = true;
    load.then((x) => live && setItems(x)).catch((e) => live && setError(e.message));
    return () => { live = false; };
  }, [customerId, source, q]);
  return { items, error };
}

/** "Share a look": pick products, give the look a title and a note, send it by email or text message. */
export function ShareDialog({ customerId, currency, onClose, onSent }: { customerId: string; currency: string; onClose: () => void; onSent: (url: string) => void }) {
  const [source, setSource] = useState<Source>('suggested');
  const [q, setQ] = useState('');
  const [picked, setPicked] = useState<Pick[]>([]);
  const [title, setTitle] = useState('');
  const [note, setNote] = useState('');
  const [channel, setChannel] = useState<'email' | 'sms'>('email');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [key] = useState(() => crypto.randomUUID());
  const { items, error: loadError } = useCandidates(customerId, source, q);
  const toggle = (p: Pick) => setPicked(picked.some((x) => x.id === p.id) ? picked.filter((x) => x.id !== p.id) : [...picked, p].slice(0, 12));

  const send = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true); setError(null);
    try {
      const look = await api<{ url: string }>(`customers/${customerId}/looks`, {
        body: { title: title.trim(), note: note.trim() || null, productIds: picked.map((p) => p.id), channel, idempotencyKey: key },
      });
      onSent(look.url);
    } catch (err) { setError((err as Error).message); } finally { setBusy(false); }
  };

  return (
    <form role="dialog" aria-label="Share a look" className="card share-picker" onSubmit={send}>
      <h2>Share a look</h2>
      <div className="row" role="group" aria-label="Products from">
        {(['suggested', 'wishlist', 'search'] as const).map((s) => (
          <label key={s} className="inline">
            <input type="radio" name="source" checked={source === s} onChange={() => setSource(s)} />
            {s === 'suggested' ? 'Suggestions' : s === 'wishlist' ? 'Wishlist' : 'Search products'}
          </label>
        ))}
      </div>
      {source === 'search' && <label>Product<input type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="Name, brand, category or SKU" /></label>}
      {loadError && <p role="alert" className="error">{loadError}</p>}
      {items && items.length === 0 && <p className="muted">No products here.</p>}
      {items && items.length > 0 && (
        <ul className="share-list" aria-label="Candidates">
          {items.map((p) => (
            <li key={p.id}>
              <label className="inline">
                <input type="checkbox" checked={picked.some((x) => x.id === p.id)} onChange={() => toggle(p)} />
                {p.name}
              </label>
              <span className="muted">{formatMoney(p.priceMinor, currency)} · {p.onHand === null ? 'stock unknown' : p.onHand > 0 ? `${p.onHand} in stock` : 'not in stock'}</span>
            </li>
          ))}
        </ul>
      )}
      <p aria-live="polite">{picked.length ? `In the look: ${picked.map((p) => p.name).join(', ')}` : 'Pick up to 12 products.'}</p>
      <label>Title<input value={title} maxLength={120} required onChange={(e) => setTitle(e.target.value)} /></label>
      <label>Note to the customer<textarea value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} /></label>
      <label>Send by
        <select value={channel} onChange={(e) => setChannel(e.target.value as 'email' | 'sms')}>
          <option value="email">Email</option>
          <option value="sms">Text message</option>
        </select>
      </label>
      {error && <p role="alert" className="error">{error}</p>}
      <div className="row">
        <button type="submit" disabled={busy || !picked.length || !title.trim()}>{busy ? 'Sending…' : 'Send the look'}</button>
        <button type="button" className="secondary" onClick={onClose}>Cancel</button>
      </div>
    </form>
  );
}
