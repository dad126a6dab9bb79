import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../../lib/api.ts';

type Status = 'active' | 'inactive' | 'invited' | 'declined' | 'expired';
interface Associate {
  id: string; personnelNumber: string; displayName: string; email: string | null; jobTitle: string | null; active: boolean; storeIds: string[]; roles: string[];
  status: Status; invitationExpiresAt: string | null;
}

const STATUS_BADGE: Record<Status, { label: string; className: string }> = {
  active: { label: 'Active', className: 'badge ok' },
  inactive: { label: 'Inactive', className: 'badge danger' },
  invited: { label: 'Invited', className: 'badge' },
  declined: { label: 'Declined', className: 'badge danger' },
  expired: { label: 'Invitation expired', className: 'badge danger' },
};
interface Role { id: string; name: string; description: string | null; permissions: string[] }
interface Store { id: string; code: string; name: string }
interface Token { id: string; associateId: string; name: string; prefix: string; createdAt: string; lastUsedAt: string | null; revokedAt: string | null }

// Head office: who works where with which role, invitations, and API tokens for integrations. New associates are
// invited by email and accept themselves, so nobody here sets their password or learns whether they have an account.
export function PeoplePage() {
  const [associates, setAssociates] = useState<Associate[]>([]);
  const [roles, setRoles] = useState<Role[]>([]);
  const [stores, setStores] = useState<Store[]>([]);
  const [tokens, setTokens] = useState<Token[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [newToken, setNewToken] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const [form, setForm] = useState({ displayName: '', email: '', personnelNumber: '', roleId: '', storeId: '' });

  const load = () => Promise.all([
    api<Associate[]>('associates').then(setAssociates),
    api<Role[]>('roles').then((r) => { setRoles(r); setForm((f) => ({ ...f, roleId: f.roleId || r.find((x) => x.name === 'Sales associate')?.id || r[0]?.id || '' })); }),
    api<Store[]>('stores').then((s) => { setStores(s); setForm((f) => ({ ...f, storeId: f.storeId || s[0]?.id || '' })); }),
    api<Token[]>('api-tokens').then(setTokens),
  ]).catch((e) => setError(e.message));
  useEffect(() => { void load(); }, []);

  const storeName = (id: string) => stores.find((s) => s.id === id)?.name ?? id;
  const nameOf = (id: string) => associates.find((a) => a.id === id)?.displayName ?? id;

  async function create(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setSent(null);
    try {
      await api('associates', { body: { displayName: form.displayName, email: form.email, personnelNumber: form.personnelNumber, roleIds: [form.roleId], storeIds: form.storeId ? [form.storeId] : [] } });
      setSent(`Invitation sent to ${form.email}. ${form.displayName} becomes active on accepting it.`);
      setForm({ ...form, displayName: '', email: '', personnelNumber: '' });
      await load();
    } catch (err) { setError((err as Error).message); }
  }

  async function setActive(a: Associate, active: boolean) {
    try { await api(`associates/${a.id}/active`, { method: 'PUT', body: { active } }); await load(); } catch (err) { setError((err as Error).message); }
  }

  async function resend(a: Associate) {
    setError(null);
    setNewToken(null);
    try { await api(`associates/${a.id}/invitation`, { body: {} }); setSent(`A new invitation was sent to ${a.email}.`); await load(); } catch (err) { setError((err as Error).message); }
  }

  async function cancel(a: Associate) {
    if (!window.confirm(`Cancel the invitation of ${a.displayName}?`)) return;
    try { await api(`associates/${a.id}/invitation`, { method: 'DELETE' }); await load(); } catch (err) { setError((err as Error).message); }
  }

  async function createToken() {
    const name = window.prompt('Name of the integration (e.g. "ERP order feed")');
    if (!name) return;
    setSent(null);
    try { const t = await api<{ token: string }>('api-tokens', { body: { name } }); setNewToken(t.token); await load(); } catch (err) { setError((err as Error).message); }
  }

  async function revoke(t: Token) {
    try { await api(`api-tokens/${t.id}`, { method: 'DELETE' }); await load(); } catch (err) { setError((err as Error).message); }
  }

  return (
    <div>
      <h1>Associates and access</h1>
      {error && <p role="alert" className="error">{error}</p>}
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
