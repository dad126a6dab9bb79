import { useEffect, useState } from 'react';
import { Link, useRouter, useQueryParams } from '../../lib/router.tsx';
import { useSession } from '../../lib/session.tsx';
import { ErrorNote } from '../../lib/error-note.tsx';
import { useDebounced } from '../../lib/query.tsx';
import { useAddToMyBook, useCustomerSearch, type BulkAddResult, type CustomerHit as Hit } from './queries.ts';
import type { TFunction } from 'i18next';
import { useT } from '../../i18n/i18n.ts';
import { usePhoneFormat } from '../../lib/phone.ts';

export function CustomerSearchPage() {
  const { t } = useT();
  const phone = usePhoneFormat();
  const params = useQueryParams();
  const { navigate } = useRouter();
  const [q, setQ] = useState(params.get('q') ?? '');
  const [allStores, setAllStores] = useState(params.get('all') === '1');
  const { can } = useSession();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [added, setAdded] = useState<string | null>(null);
  const term = useDebounced(q.trim());
  const search = useCustomerSearch(term, allStores);
  const hits = term.length >= 2 ? search.data ?? null : null;
  const addToBook = useAddToMyBook();
  const error = search.error ?? addToBook.error;

  const toggle = (id: string, on: boolean) => setSelected((s) => { const n = new Set(s); if (on) n.add(id); else n.delete(id); return n; });
  function addSelected() {
    addToBook.mutate([...selected], { onSuccess: (res) => { setAdded(describeBulkAdd(res, hits ?? [], t)); setSelected(new Set()); } });
  }

  useEffect(() => {
    if (term.length >= 2) window.history.replaceState({}, '', `/customers?q=${encodeURIComponent(term)}${allStores ? '&all=1' : ''}`);
  }, [term, allStores]);

  return (
    <div className="customer-search">
      <h1>{t('customer.find')}</h1>
      <form className="row" role="search" onSubmit={(e) => { e.preventDefault(); if (hits?.[0]) navigate(`/customers/${hits[0].id}`); }}>
        <label style={{ flex: 1 }}>{t('customer.searchLabel')}<input type="search" value={q} autoFocus onChange={(e) => setQ(e.target.value)} placeholder={t('customer.searchPlaceholder')} /></label>
        <label className="inline"><input type="checkbox" checked={allStores} onChange={(e) => setAllStores(e.target.checked)} /> {t('customer.allStores')}</label>
      </form>
      <ErrorNote error={error} />
      {hits && !hits.length && !search.isPlaceholderData && <p className="muted">{allStores ? t('customer.noMatch', { term }) : t('customer.noMatchHere', { term })}</p>}
      {added && <p className="ok" role="status">{added}</p>}
      {hits && hits.length > 0 && can('client-book.add') && (
        <p className="row">
          <button type="button" disabled={!selected.size} onClick={addSelected}>
            {selected.size ? t('customer.addSelected', { count: selected.size }) : t('customer.addNone')}
          </button>
        </p>
      )}
      {hits && hits.length > 0 && (
        <table aria-label={t('customer.found')} aria-busy={search.isPlaceholderData}>
          <thead><tr>{can('client-book.add') && <th><span className="visually-hidden">{t('customer.select')}</span></th>}<th>{t('customer.name')}</th><th>{t('customer.account')}</th><th>{t('customer.email')}</th><th>{t('customer.phone')}</th><th>{t('customer.city')}</th></tr></thead>
          <tbody>
            {hits.map((h) => (
              <tr key={h.id}>
                {can('client-book.add') && (
                  <td><input type="checkbox" aria-label={t('customer.selectName', { name: `${h.firstName} ${h.lastName}` })} checked={selected.has(h.id)} onChange={(e) => toggle(h.id, e.target.checked)} /></td>
                )}
                <td><Link to={`/customers/${h.id}`}>{h.firstName} {h.lastName}</Link> {h.isVip && <span className="badge">{t('common.vip')}</span>}</td>
                <td>{h.accountNumber}</td><td>{h.email ?? '—'}</td><td>{h.phone ? phone(h.phone) : '—'}</td><td>{h.city ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** "Added 2 customers to your client book. Not added: Paul Renard (in the client book of Inès), …" */
function describeBulkAdd(res: BulkAddResult, hits: Hit[], t: TFunction): string {
  const name = (id: string) => { const h = hits.find((x) => x.id === id); return h ? `${h.firstName} ${h.lastName}` : id; };
  const why: Record<string, (owner?: string) => string> = {
    'already-in-your-book': () => t('customer.whyAlready'), 'in-another-book': (o) => t('customer.whyOther', { owner: o ?? t('customer.anotherAssociate') }),
    merged: () => t('customer.whyMerged'), 'not-found': () => t('customer.whyNotFound'),
  };
  const skipped = res.results.filter((r) => r.outcome !== 'added').map((r) => `${name(r.customerId)} (${why[r.outcome](r.owner)})`);
  return t('customer.addedCount', { count: res.added, book: res.bookNumber }) + (skipped.length ? t('customer.notAdded', { list: skipped.join(', ') }) : '');
}
