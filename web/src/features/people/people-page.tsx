import { useEffect, useState, type FormEvent } from 'react';
import { ErrorNote } from '../../lib/error-note.tsx';
import { Link } from '../../lib/router.tsx';
import { useStores } from '../attribution/queries.ts';
import {
  useAllAssociates, useApiTokens, useCancelInvitation, useCreateToken, useInvite, useResendInvitation, useRevokeToken, useRoles, useSetActive,
  type Associate, type Token,
} from './queries.ts';
import { useT } from '../../i18n/i18n.ts';
import { DeactivatePanel, type DeactivateChoice } from './deactivate-panel.tsx';

type Status = Associate['status'];

const STATUS_BADGE: Record<Status, string> = { active: 'badge ok', inactive: 'badge danger', invited: 'badge', declined: 'badge danger', expired: 'badge danger' };

// Head office: who works where with which role, invitations, and API tokens for integrations. New associates are
// invited by email and accept themselves, so nobody here sets their password or learns whether they have an account.
export function PeoplePage() {
  const { t, format } = useT();
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
        setSent(t('people.sent', { email: form.email, name: form.displayName }));
        setForm({ ...form, displayName: '', email: '', personnelNumber: '' });
      },
    });
  }

  // Deactivating hands the client book over by the legal entity's rule: the panel says how first (and may pick the
  // successor); afterwards, where the book went and the way to share it out.
  const [confirming, setConfirming] = useState<Associate | null>(null);
  const [leaving, setLeaving] = useState<{ a: Associate; count: number; successor: string | null } | null>(null);
  const [reactivated, setReactivated] = useState<Associate | null>(null);
  function deactivate(a: Associate, choice: DeactivateChoice) {
    start();
    activation.mutate({ id: a.id, active: false, ...choice }, {
      onSuccess: (r) => {
        setConfirming(null);
        setLeaving({ a, count: r.handOver?.customerCount ?? 0, successor: r.handOver?.successorAssociateId ? nameOf(r.handOver.successorAssociateId) : null });
      },
    });
  }
  function setActive(a: Associate, active: boolean) {
    start();
    setLeaving(null);
    setReactivated(null);
    if (!active) { setConfirming(a); return; }
    setConfirming(null);
    activation.mutate({ id: a.id, active }, { onSuccess: () => setReactivated(a) });
  }

  function resend(a: Associate) {
    start();
    setNewToken(null);
    resender.mutate(a.id, { onSuccess: () => setSent(t('people.resent', { email: a.email })) });
  }

  function cancel(a: Associate) {
    if (!window.confirm(t('people.confirmCancel', { name: a.displayName }))) return;
    start();
    canceller.mutate(a.id);
  }

  function createToken() {
    const name = window.prompt(t('people.tokenName'));
    if (!name) return;
    start();
    setSent(null);
    tokenCreator.mutate(name, { onSuccess: (created) => setNewToken(created.token) });
  }

  function revoke(token: Token) { start(); revoker.mutate(token.id); }

  return (
    <div>
      <h1>{t('people.title')}</h1>
      <ErrorNote error={error} />
      {confirming && (
        <DeactivatePanel leaver={confirming} associates={associates} busy={activation.isPending}
          onConfirm={(choice) => deactivate(confirming, choice)} onCancel={() => setConfirming(null)} />
      )}
      {leaving && (
        <p role="status" className="card">{t('people.deactivated', { name: leaving.a.displayName })}{' '}
          {leaving.successor ? t('people.bookWentTo', { count: leaving.count, successor: leaving.successor }) : t('people.bookStayed', { count: leaving.count })}{' '}
          {!leaving.successor && leaving.count > 0 && <Link to={`/client-book/hand-over?from=${leaving.a.id}`}>{t('people.handOverBook', { name: leaving.a.displayName })}</Link>}
        </p>
      )}
      {reactivated && <p role="status" className="card">{t('people.reactivated', { name: reactivated.displayName })}</p>}
      <table aria-label={t('people.associates')}>
        <thead><tr><th>{t('people.name')}</th><th>{t('people.personnelNo')}</th><th>{t('people.roles')}</th><th>{t('people.stores')}</th><th>{t('people.statusHeading')}</th><th /></tr></thead>
        <tbody>
          {associates.map((a) => (
            <tr key={a.id}>
              <td>{a.displayName}<div className="muted">{a.email}</div></td>
              <td>{a.personnelNumber}</td>
              <td>{a.roles.join(', ')}</td>
              <td>{a.storeIds.map(storeName).join(', ')}</td>
              <td>
                <span className={STATUS_BADGE[a.status]}>{t(`people.status.${a.status}`)}</span>
                {a.status === 'invited' && a.invitationExpiresAt && <div className="muted">{t('people.until', { date: format.date(a.invitationExpiresAt) })}</div>}
              </td>
              <td>
                {a.status === 'active' || a.status === 'inactive'
                  ? <button className="secondary" onClick={() => setActive(a, !a.active)}>{a.active ? t('people.deactivate') : t('people.activate')}</button>
                  : <>
                    <button className="secondary" onClick={() => resend(a)}>{t('people.sendAgain')}</button>{' '}
                    <button className="secondary" onClick={() => cancel(a)}>{t('people.cancelInvitation')}</button>
                  </>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>{t('people.invite')}</h2>
      <p className="muted">{t('people.inviteHelp')}</p>
      {sent && <p role="status" className="card">{sent}</p>}
      <form className="card" onSubmit={create} aria-label={t('people.invite')}>
        <div className="grid">
          <label>{t('people.name')}<input value={form.displayName} onChange={(e) => setForm({ ...form, displayName: e.target.value })} required /></label>
          <label>{t('people.email')}<input type="email" value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} required /></label>
          <label>{t('people.personnelNumber')}<input value={form.personnelNumber} onChange={(e) => setForm({ ...form, personnelNumber: e.target.value })} required /></label>
          <label>{t('people.role')}<select value={form.roleId} onChange={(e) => setForm({ ...form, roleId: e.target.value })}>{roles.map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}</select></label>
          <label>{t('people.store')}<select value={form.storeId} onChange={(e) => setForm({ ...form, storeId: e.target.value })}>{stores.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}</select></label>
        </div>
        <button type="submit">{t('people.sendInvitation')}</button>
      </form>

      <h2>{t('people.roles')}</h2>
      <div className="grid">
        {roles.map((r) => <div key={r.id} className="card"><strong>{r.name}</strong><p className="muted">{r.description}</p><p>{t('people.operations', { count: r.permissions.length })}</p></div>)}
      </div>

      <h2>{t('people.apiTokens')}</h2>
      {newToken && <p className="card" role="status">{t('people.newToken')} <code>{newToken}</code></p>}
      <button onClick={createToken}>{t('people.createToken')}</button>
      <table aria-label={t('people.apiTokens')}>
        <thead><tr><th>{t('people.name')}</th><th>{t('people.actsAs')}</th><th>{t('people.prefix')}</th><th>{t('people.created')}</th><th>{t('people.lastUsed')}</th><th /></tr></thead>
        <tbody>
          {tokens.map((token) => (
            <tr key={token.id}>
              <td>{token.name}</td><td>{nameOf(token.associateId)}</td><td><code>{token.prefix}…</code></td>
              <td>{format.dateTime(token.createdAt)}</td><td>{token.lastUsedAt ? format.dateTime(token.lastUsedAt) : '—'}</td>
              <td>{token.revokedAt ? <span className="badge">{t('people.revoked')}</span> : <button className="secondary" onClick={() => revoke(token)}>{t('people.revoke')}</button>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
