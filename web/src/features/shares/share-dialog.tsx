import { useState } from 'react';
import { ErrorNote } from '../../lib/error-note.tsx';
import { useDebounced } from '../../lib/query.tsx';
import { useProfile } from '../customers/queries.ts';
import { useRecommendations } from '../recommendations/queries.ts';
import { useLookProducts, useShareLook } from './queries.ts';
import type { Pick } from './types.ts';
import { useT } from '../../i18n/i18n.ts';

type Source = 'suggested' | 'wishlist' | 'search';

/** Candidates from the customer's suggestions, their wishlist (the profile's, already read by the page), or a product search. */
function useCandidates(customerId: string, source: Source, q: string): { items: Pick[] | undefined; error: unknown } {
  const suggested = useRecommendations(customerId, 12, true);
  const profile = useProfile(customerId);
  const term = useDebounced(q.trim());
  const search = useLookProducts(customerId, term, source === 'search');
  if (source === 'suggested') {
    return { error: suggested.error, items: suggested.data?.items.map((x) => ({ id: x.productId, name: x.name, brand: x.brand, priceMinor: x.priceMinor, onHand: x.onHand })) };
  }
  if (source === 'wishlist') {
    return { error: profile.error, items: profile.data?.wishlist.map((x) => ({ id: x.productId, name: x.name, brand: x.brand, priceMinor: x.priceMinor, onHand: x.onHandHere })) };
  }
  return { error: search.error, items: term.length < 2 ? [] : search.data };
}

/** "Share a look": pick products, give the look a title and a note, send it by email or text message. */
export function ShareDialog({ customerId, currency, onClose, onSent }: { customerId: string; currency: string; onClose: () => void; onSent: (url: string) => void }) {
  const { t, format } = useT();
  const [source, setSource] = useState<Source>('suggested');
  const [q, setQ] = useState('');
  const [picked, setPicked] = useState<Pick[]>([]);
  const [title, setTitle] = useState('');
  const [note, setNote] = useState('');
  const [channel, setChannel] = useState<'email' | 'sms'>('email');
  const share = useShareLook(customerId);
  const [key] = useState(() => crypto.randomUUID());
  const { items, error: loadError } = useCandidates(customerId, source, q);
  const toggle = (p: Pick) => setPicked(picked.some((x) => x.id === p.id) ? picked.filter((x) => x.id !== p.id) : [...picked, p].slice(0, 12));

  const send = (e: React.FormEvent) => {
    e.preventDefault();
    share.mutate(
      { title: title.trim(), note: note.trim() || null, productIds: picked.map((p) => p.id), channel, idempotencyKey: key },
      { onSuccess: (look) => onSent(look.url) },
    );
  };

  return (
    <form role="dialog" aria-label={t('looks.share')} className="card share-picker" onSubmit={send}>
      <h2>{t('looks.share')}</h2>
      <div className="row" role="group" aria-label={t('looks.productsFrom')}>
        {(['suggested', 'wishlist', 'search'] as const).map((s) => (
          <label key={s} className="inline">
            <input type="radio" name="source" checked={source === s} onChange={() => setSource(s)} />
            {s === 'suggested' ? t('looks.suggested') : s === 'wishlist' ? t('looks.wishlist') : t('looks.search')}
          </label>
        ))}
      </div>
      {source === 'search' && <label>{t('looks.product')}<input type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t('looks.searchPlaceholder')} /></label>}
      <ErrorNote error={loadError} />
      {items && items.length === 0 && <p className="muted">{t('looks.noProducts')}</p>}
      {items && items.length > 0 && (
        <ul className="share-list" aria-label={t('looks.candidates')}>
          {items.map((p) => (
            <li key={p.id}>
              <label className="inline">
                <input type="checkbox" checked={picked.some((x) => x.id === p.id)} onChange={() => toggle(p)} />
                {p.name}
              </label>
              <span className="muted">{format.money(p.priceMinor, currency)} · {p.onHand === null ? t('looks.stockUnknown') : p.onHand > 0 ? t('looks.inStock', { count: p.onHand }) : t('looks.notInStock')}</span>
            </li>
          ))}
        </ul>
      )}
      <p aria-live="polite">{picked.length ? t('looks.inLook', { names: picked.map((p) => p.name).join(', ') }) : t('looks.pickUpTo')}</p>
      <label>{t('looks.title')}<input value={title} maxLength={120} required onChange={(e) => setTitle(e.target.value)} /></label>
      <label>{t('looks.note')}<textarea value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} /></label>
      <label>{t('looks.sendBy')}
        <select value={channel} onChange={(e) => setChannel(e.target.value as 'email' | 'sms')}>
          <option value="email">{t('channel.email')}</option>
          <option value="sms">{t('looks.textMessage')}</option>
        </select>
      </label>
      <ErrorNote error={share.error} />
      <div className="row">
        <button type="submit" disabled={share.isPending || !picked.length || !title.trim()}>{share.isPending ? t('looks.sending') : t('looks.send')}</button>
        <button type="button" className="secondary" onClick={onClose}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}
