import { useEffect, useState, type FormEvent } from 'react';
import { ErrorNote } from '../../lib/error-note.tsx';
import { Link } from '../../lib/router.tsx';
import { useStores } from '../attribution/queries.ts';
import {
  useAllAssociates, useApiTokens, useCancelInvitation, useCreateToken, useInvite, useResendInvitation, useRevokeToken, useRoles, useSetActive,
  type Associate, type Token,
} from './queries.ts';

type Status = Associate['status'];

const STATUS_BADGE: Record<Status, { label: string; className: string }> = {
  active: { label: 'Active', className: 'badge ok' },
  inactive: { label: 'Inactive', className: 'badge danger' },
  invited: { label: 'Invited', className: 'badge' },
  declined: { label: 'Declined', className: 'badge danger' },
  expired: { label: 'Invitation expired', className: 'badge danger' },
};

// Head office: who works where with which role, invitations, and API tokens for integrations. New associates are
// invited by email and accept themselves, so nobody here sets their password or learns whether they have an account.
export function PeoplePage() {
  const associatesQuery = useAllAssociates();
  const associates = associatesQuery.data ?? [];
  const rolesQuery = useRoles();
  const roles = rolesQuery.data ?? [];
  const storesQuery = useStores();
  const stores = storesQuery.data ?? [];
  const tokensQuery = useApiTokens();
  const tokens = tokensQuery.data ?? [];
  const [newToken, setNewToken] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const [form, setForm] = useState({ displayName: '', email: '', personnelNumber: '', roleId: '', storeId: '' });
  // The invitation form starts on the usual role and the first store once they are known.
  useEffect(() => { const r = rolesQuery.data; if (r) setForm((f) => ({ ...f, roleId: f.roleId || r.find((x) => x.name === 'Sales associate')?.id || r[0]?.id || '' })); }, [rolesQuery.data]);
  useEffect(() => { const s = storesQuery.data; if (s) setForm((f) => ({ ...f, storeId: f.storeId || s[0]?.id || '' })); }, [storesQuery.data]);
  const invite = useInvite();
  const activation = useSetActive();
  const resender = useResendInvitation();
  const canceller = useCancelInvitation();
  const tokenCreator = useCreateToken();
  const revoker = useRevokeToken();
  const changes = [invite, activation, resender, canceller, tokenCreator, revoker];
  const error = changes.find((c) => c.error)?.error ?? associatesQuery.error ?? rolesQuery.error ?? storesQuery.error ?? tokensQuery.error;
  // The last outcome only: a new change clears the errors of earlier ones.
  const start = () => changes.forEach((c) => c.reset());

  const storeName = (id: string) => stores.find((s) => s.id === id)?.name ?? id;
  const nameOf = (id: string) => associates.find((a) => a.id === id)?.displayName ?? id;

  function create(e: FormEvent) {
    e.preventDefault();
    start();
    setSent(null);
    invite.mutate({ displayName: form.displayName, email: form.email, personnelNumber: form.personnelNumber, roleIds: [form.roleId], storeIds: form.storeId ? [form.storeId] : [] }, {
      onSuccess: () => {
        setSent(`Invitation sent to ${form.email}. ${form.displayName} becomes active on accepting it.`);
        setForm({ ...form, displayName: '', email: '', personnelNumber: '' });
      },
    });
  }

  // Deactivating someone leaves their customers in a book nobody works: offer the hand-over straight away.
  const [leaving, setLeaving] = useState<Associate | null>(null);
  function setActive(a: Associate, active: boolean) {
    start();
    setLeaving(null);
    activation.mutate({ id: a.id, active }, { onSuccess: () => { if (!active) setLeaving(a); } });
  }

  function resend(a: Associate) {
    start();
    setNewToken(null);
    resender.mutate(a.id, { onSuccess: () => setSent(`A new invitation was sent to ${a.email}.`) });
  }

  function cancel(a: Associate) {
    if (!window.confirm(`Cancel the invitation of ${a.displayName}?`)) return;
    start();
    canceller.mutate(a.id);
  }

  function createToken() {
    const name = window.prompt('Name of the integration (e.g. "ERP order feed")');
    if (!name) return;
    start();
    setSent(null);
    tokenCreator.mutate(name, { onSuccess: (t) => setNewToken(t.token) });
  }

  function revoke(t: Token) { start(); revoker.mutate(t.id); }

  return (
    <div>
      <h1>Associates and access</h1>
      <ErrorNote error={error} />
      {leaving && (
        <p role="status" className="card">{leaving.displayName} is deactivated and can no longer sign in.{' '}
          <Link to={`/client-book/hand-over?from=${leaving.id}`}>Hand over {leaving.displayName}'s client book</Link>
        </p>
      )}
      <table aria-label="Associates">
        <thead><tr><th>Name</th><th>Personnel no.</th><th>Roles</th><th>Stores</th><th>Status</th><th /></tr></thead>
        <tbody>
          {associates.map((a) => (
            <tr key={a.id}>
              <td>{a.displayName}<div className="muted">{a.email}</div></td>
              <td>{a.personnelNumber}</td>
              <td>{a.roles.join(', ')}</td>
              <td>{a.storeIds.map(storeName).join(', ')}</td>
              <td>
                <span className={STATUS_BADGE[a.status].className}>{STATUS_BADGE[a.status].label}</span>
                {a.status === 'invited' && a.invitationExpiresAt && <div className="muted">until {new Date(a.invitationExpiresAt).toLocaleDateString()}</div>}
              </td>
              <td>
                {a.status === 'active' || a.status === 'inactive'
                  ? <button className="secondary" onClick={() => setActive(a, !a.active)}>{a.active ? 'Deactivate' : 'Activate'}</button>
                  : <>
                    <button className="secondary" onClick={() => resend(a)}>Send again</button>{' '}
                    <button className="secondary" onClick={() => cancel(a)}>Cancel invitation</button>
                  </>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>Invite an associate</h2>
      <p className="muted">They get an email with a link to accept: with their existing Clienteling account if they have one, otherwise by choosing a password.</p>
      {sent && <p role="status" className="card">{sent}</p>}
      <form className="card" onSubmit={create} aria-label="Invite an associate">
        <div className="grid">
          <label>Name<input value={form.displayName} onChange={(e) => setForm({ ...form, displayName: e.target.value })} required /></label>
          <label>Email<input type="email" value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} required /></label>
          <label>Personnel number<input value={form.personnelNumber} onChange={(e) => setForm({ ...form, personnelNumber: e.target.value })} required /></label>
          <label>Role<select value={form.roleId} onChange={(e) => setForm({ ...form, roleId: e.target.value })}>{roles.map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}</select></label>
          <label>Store<select value={form.storeId} onChange={(e) => setForm({ ...form, storeId: e.target.value })}>{stores.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}</select></label>
        </div>
        <button type="submit">Send invitation</button>
      </form>

      <h2>Roles</h2>
      <div className="grid">
        {roles.map((r) => <div key={r.id} className="card"><strong>{r.name}</strong><p className="muted">{r.description}</p><p>{r.permissions.length} operations</p></div>)}
      </div>

      <h2>API tokens</h2>
      {newToken && <p className="card" role="status">New token (shown once — copy it now): <code>{newToken}</code></p>}
      <button onClick={createToken}>Create API token</button>
      <table aria-label="API tokens">
        <thead><tr><th>Name</th><th>Acts as</th><th>Prefix</th><th>Created</th><th>Last used</th><th /></tr></thead>
        <tbody>
          {tokens.map((t) => (
            <tr key={t.id}>
              <td>{t.name}</td><td>{nameOf(t.associateId)}</td><td><code>{t.prefix}…</code></td>
              <td>{new Date(t.createdAt).toLocaleString()}</td><td>{t.lastUsedAt ? new Date(t.lastUsedAt).toLocaleString() : '—'}</td>
              <td>{t.revokedAt ? <span className="badge">Revoked</span> : <button className="secondary" onClick={() => revoke(t)}>Revoke</button>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
