import { useState, type FormEvent } from 'react';
import { ErrorNote } from '../../lib/error-note.tsx';
import { useSession } from '../../lib/session.tsx';
import { AuthenticatorSetup, RecoveryCodeList } from './authenticator.tsx';
import {
  useAllSessions, useBeginEnrolment, useConfirmEnrolment, useMySessions, useRemoveSecondFactor, useRevokeAnySession,
  useRevokeMyOtherSessions, useRevokeMySession, useSecondFactorStatus,
} from './queries.ts';

const when = (iso: string) => new Date(iso).toLocaleString();
/** A readable name for a browser from its user agent: enough to tell one's tablet from one's laptop. */
function device(userAgent: string | null): string {
  if (!userAgent) return 'Unknown device';
  const browser = /Edg\//.test(userAgent) ? 'Edge' : /Chrome\//.test(userAgent) ? 'Chrome' : /Firefox\//.test(userAgent) ? 'Firefox' : /Safari\//.test(userAgent) ? 'Safari' : null;
  const system = /iPad|iPhone/.test(userAgent) ? 'iOS' : /Android/.test(userAgent) ? 'Android' : /Windows/.test(userAgent) ? 'Windows' : /Mac OS X/.test(userAgent) ? 'macOS' : /Linux/.test(userAgent) ? 'Linux' : null;
  return browser || system ? [browser, system].filter(Boolean).join(' on ') : userAgent.slice(0, 60);
}

// Each person's own sign-in: the authenticator (second factor) and where they are signed in; head office also sees
// and ends anyone's session in the legal entity (e.g. a lost tablet).
export function SecurityPage() {
  const { can } = useSession();
  return (
    <section>
      <h1>Sign-in and security</h1>
      <SecondFactorPanel />
      <MySessionsPanel />
      {can('users.manage') && <AllSessionsPanel />}
    </section>
  );
}

function SecondFactorPanel() {
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
  return (
    <div className="card stack" aria-label="Second factor">
      <h2>Authenticator (second factor)</h2>
      {!s ? <p className="muted">Loading…</p> : s.enabled ? (
        <>
          <p><span className="badge ok">On</span> Signing in with your password also asks for the code of your authenticator app.
            {' '}{s.recoveryCodesLeft} recovery code{s.recoveryCodesLeft === 1 ? '' : 's'} left.</p>
          {s.required ? <p className="muted">Your role requires a second factor: it cannot be turned off.</p>
            : removing ? (
              <form onSubmit={submitRemove} className="row" aria-label="Turn the authenticator off">
                <label>Current code<input name="code" autoComplete="one-time-code" inputMode="numeric" value={code} onChange={(e) => setCode(e.target.value)} required /></label>
                <button type="submit" disabled={remove.isPending}>Turn off</button>
                <button type="button" className="secondary" onClick={() => { setRemoving(false); setCode(''); }}>Cancel</button>
              </form>
            ) : <div className="row"><button type="button" className="secondary" onClick={() => { reset(); setCodes(null); setRemoving(true); }}>Turn off…</button></div>}
        </>
      ) : begin.data ? (
        <>
          <AuthenticatorSetup secret={begin.data.secret} otpauthUri={begin.data.otpauthUri} />
          <form onSubmit={submitConfirm} className="row" aria-label="Confirm the authenticator">
            <label>Code from the app<input name="code" autoComplete="one-time-code" inputMode="numeric" value={code} onChange={(e) => setCode(e.target.value)} required /></label>
            <button type="submit" disabled={confirm.isPending}>Confirm</button>
          </form>
        </>
      ) : (
        <>
          <p><span className="badge">Off</span> {s.required ? 'Your role requires a second factor.' : 'Add a code from an authenticator app to your password, so a stolen password alone cannot sign in.'}</p>
          <div className="row"><button type="button" onClick={start} disabled={begin.isPending}>Set up an authenticator</button></div>
        </>
      )}
      {codes && <RecoveryCodeList codes={codes} />}
      {error && <ErrorNote error={error} />}
    </div>
  );
}

function MySessionsPanel() {
  const sessions = useMySessions();
  const revoke = useRevokeMySession();
  const revokeOthers = useRevokeMyOtherSessions();
  const rows = sessions.data ?? [];
  const error = revoke.error ?? revokeOthers.error ?? sessions.error;
  return (
    <div className="card stack">
      <h2>Where I am signed in</h2>
      <table aria-label="My sessions">
        <thead><tr><th>Device</th><th>Address</th><th>Signed in</th><th>Last seen</th><th /></tr></thead>
        <tbody>
          {rows.map((s) => (
            <tr key={s.id}>
              <td>{device(s.userAgent)}{s.current && <> <span className="badge ok">This device</span></>}</td>
              <td>{s.ipAddress ?? '—'}</td><td>{when(s.createdAt)}</td><td>{when(s.lastSeenAt)}</td>
              <td>{!s.current && <button type="button" className="secondary" disabled={revoke.isPending} onClick={() => revoke.mutate(s.id)}>Sign out</button>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.some((s) => !s.current) && (
        <div className="row"><button type="button" className="secondary" disabled={revokeOthers.isPending} onClick={() => revokeOthers.mutate()}>Sign out everywhere else</button></div>
      )}
      {error && <ErrorNote error={error} />}
    </div>
  );
}

function AllSessionsPanel() {
  const sessions = useAllSessions(true);
  const revoke = useRevokeAnySession();
  const rows = sessions.data ?? [];
  const error = revoke.error ?? sessions.error;
  function end(id: string, name: string) {
    if (!window.confirm(`Sign ${name} out of this session?`)) return;
    revoke.mutate(id);
  }
  return (
    <div className="card stack">
      <h2>Everyone's sessions</h2>
      <p className="muted">Head office: open sessions of this legal entity's associates. Ending one signs that device out at once.</p>
      <table aria-label="Associates' sessions">
        <thead><tr><th>Associate</th><th>Device</th><th>Address</th><th>Signed in</th><th>Last seen</th><th /></tr></thead>
        <tbody>
          {rows.map((s) => (
            <tr key={s.id}>
              <td>{s.associateName}</td><td>{device(s.userAgent)}</td><td>{s.ipAddress ?? '—'}</td><td>{when(s.createdAt)}</td><td>{when(s.lastSeenAt)}</td>
              <td><button type="button" className="secondary" disabled={revoke.isPending} onClick={() => end(s.id, s.associateName)}>Sign out</button></td>
            </tr>
          ))}
        </tbody>
      </table>
      {error && <ErrorNote error={error} />}
    </div>
  );
}
