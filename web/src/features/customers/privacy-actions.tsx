import { useEffect, useState } from 'react';
import { api } from '../../lib/api.ts';
import { useSession } from '../../lib/session.tsx';
import { useRouter } from '../../lib/router.tsx';
import type { Profile } from './types.ts';

interface Pair { a: { id: string; accountNumber: string; name: string; email: string | null; phone: string | null }; b: Pair['a']; reasons: string[] }

/** Export, erasure (with confirmation) and merging of duplicates: head-office actions on the profile. */
export function PrivacyActions({ p, reload }: { p: Profile; reload: () => void }) {
  const { can } = useSession();
  const { navigate } = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dups, setDups] = useState<Pair[]>([]);
  const c = p.customer;
  useEffect(() => { if (can('setup.manage') && !c.mergedIntoId) api<Pair[]>(`customers/${c.id}/duplicates`).then(setDups).catch(() => setDups([])); }, [c.id, c.mergedIntoId]);
  if (!can('privacy.manage') && !can('setup.manage')) return null;

  const download = async () => {
    const data = await api(`customers/${c.id}/export`);
    const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url; a.download = `customer-${c.accountNumber}.json`; a.click();
    URL.revokeObjectURL(url);
    setMessage('The export was downloaded and logged.');
  };
  const erase = async () => {
    try { await api(`customers/${c.id}/erase`, { body: { reason } }); setConfirming(false); setMessage('The customer was erased: personal data removed, orders kept.'); reload(); }
    catch (e) { setError((e as Error).message); }
  };
  const merge = async (duplicateId: string) => {
    try { await api(`customers/${c.id}/merge`, { body: { duplicateId } }); setMessage('Merged: the duplicate\'s history now belongs to this customer.'); setDups((d) => d.filter((x) => x.a.id !== duplicateId && x.b.id !== duplicateId)); reload(); }
    catch (e) { setError((e as Error).message); }
  };

  return (
    <section className="profile-wide danger-zone" aria-labelledby="privacy-h">
      <h2 id="privacy-h">Privacy and data quality</h2>
      {c.mergedIntoId && <p>This record was merged. <button className="secondary" onClick={() => navigate(`/customers/${c.mergedIntoId}`)}>Open the surviving record</button></p>}
      {can('setup.manage') && dups.length > 0 && (<>
        <h3>Possible duplicates</h3>
        <ul className="plain-list">{dups.map((d) => { const o = d.a.id === c.id ? d.b : d.a; return (
          <li key={o.id} className="row" style={{ justifyContent: 'space-between' }}>
            <span><strong>{o.name}</strong> · {o.accountNumber} · {o.email ?? o.phone ?? ''} <span className="muted">({d.reasons.join(', ')})</span></span>
            <button className="secondary" onClick={() => merge(o.id)} aria-label={`Merge ${o.name} ${o.accountNumber} into this customer`}>Merge into this customer</button>
          </li>); })}</ul>
      </>)}
      {can('privacy.manage') && (
        <div className="row">
          <button className="secondary" onClick={() => download().catch((e) => setError(e.message))}>Export customer data</button>
          {!c.erasedAt && <button className="danger" onClick={() => setConfirming(true)}>Erase customer…</button>}
        </div>
      )}
      {confirming && (
        <div role="dialog" aria-label="Confirm erasure" className="card">
          <p><strong>Erase {c.firstName} {c.lastName}?</strong> Name, contact details, preferences, wishlist and free text are removed for good. Orders and amounts stay for the accounts.</p>
          <label>Reason for erasure<input value={reason} onChange={(e) => setReason(e.target.value)} placeholder="Customer's request of …" /></label>
          <div className="row"><button className="danger" disabled={reason.trim().length < 3} onClick={erase}>Erase permanently</button><button className="secondary" onClick={() => setConfirming(false)}>Cancel</button></div>
        </div>
      )}
      {message && <p className="ok" role="status">{message}</p>}
      {error && <p className="error" role="alert">{error}</p>}
    </section>
  );
}
