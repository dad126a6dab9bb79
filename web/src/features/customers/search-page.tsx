import { useEffect, useState } from 'react';
import { api } from '../../lib/api.ts';
import { Link, useRouter, useQueryParams } from '../../lib/router.tsx';

interface Hit { id: string; accountNumber: string; firstName: string; lastName: string; email: string | null; phone: string | null; city: string | null; isVip: boolean }

export function CustomerSearchPage() {
  const params = useQueryParams();
  const { navigate } = useRouter();
  const [q, setQ] = useState(params.get('q') ?? '');
  const [allStores, setAllStores] = useState(params.get('all') === '1');
  const [hits, setHits] = useState<Hit[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const term = q.trim();
    if (term.length < 2) { setHits(null); return; }
    const t = setTimeout(() => {
      api<Hit[]>('customers', { query: { q: term, allStores, limit: 30 } }).then((h) => { setHits(h); setError(null); }).catch((e) => setError(e.message));
      window.history.replaceState({}, '', `/customers?q=${encodeURIComponent(term)}${allStores ? '&all=1' : ''}`);
    }, 250);
    return () => clearTimeout(t);
  }, [q, allStores]);

  return (
    <div className="customer-search">
      <h1>Find a customer</h1>
      <form className="row" role="search" onSubmit={(e) => { e.preventDefault(); if (hits?.[0]) navigate(`/customers/${hits[0].id}`); }}>
        <label style={{ flex: 1 }}>Name, email or phone<input type="search" value={q} autoFocus onChange={(e) => setQ(e.target.value)} placeholder="e.g. Delacroix, +33 6…, margaux@…" /></label>
        <label className="inline"><input type="checkbox" checked={allStores} onChange={(e) => setAllStores(e.target.checked)} /> All stores</label>
      </form>
      {error && <p className="error" role="alert">{error}</p>}
      {hits && !hits.length && <p className="muted">No customer matches “{q.trim()}”{allStores ? '' : ' in this store — try All stores'}.</p>}
      {hits && hits.length > 0 && (
        <table aria-label="Customers found">
          <thead><tr><th>Name</th><th>Account</th><th>Email</th><th>Phone</th><th>City</th></tr></thead>
          <tbody>
            {hits.map((h) => (
              <tr key={h.id}>
                <td><Link to={`/customers/${h.id}`}>{h.firstName} {h.lastName}</Link> {h.isVip && <span className="badge">VIP</span>}</td>
                <td>{h.accountNumber}</td><td>{h.email ?? '—'}</td><td>{h.phone ?? '—'}</td><td>{h.city ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
