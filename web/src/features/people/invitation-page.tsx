import { useState, type FormEvent } from 'react';
import { ErrorNote } from '../../lib/error-note.tsx';
import { isSecondFactorStep, useSession } from '../../lib/session.tsx';
import { useRouter } from '../../lib/router.tsx';
import { useAcceptInvitation, useDeclineInvitation, useInvitation } from './queries.ts';

/**
 * The page an invitation email links to (no sign-in needed to open it). A new address chooses its password; the owner
 * of an existing account accepts signed in as themselves, or with that account's password. Either way they land in
 * the inviting legal entity, signed in.
 */
export function InvitationPage({ params }: { params: Record<string, string> }) {
  const { me, adopt } = useSession();
  const { navigate } = useRouter();
  const { data: inv, error: gone } = useInvitation(params.token);
  const accepter = useAcceptInvitation(params.token);
  const decliner = useDeclineInvitation(params.token);
  const [mismatch, setMismatch] = useState<string | null>(null);
  const [declined, setDeclined] = useState(false);
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const busy = accepter.isPending;

  const signedInAsInvitee = !!(inv && me && me.email.toLowerCase() === inv.email.toLowerCase());

  function accept(e: FormEvent) {
    e.preventDefault();
    setMismatch(null); decliner.reset();
    if (inv && !inv.hasAccount && password !== repeat) { setMismatch('The two passwords are not the same.'); return; }
    // With a second factor on, accepting does not sign in: the new associate signs in with their code.
    accepter.mutate(signedInAsInvitee ? {} : { password }, { onSuccess: (next) => { if (!isSecondFactorStep(next)) adopt(next); navigate('/'); } });
  }

  function decline() {
    setMismatch(null); accepter.reset();
    decliner.mutate(undefined, { onSuccess: () => setDeclined(true) });
  }
  const error = mismatch ?? accepter.error ?? decliner.error;

  let body;
  if (gone) body = <ErrorNote error={gone} />;
  else if (!inv) body = <p className="muted">Loading…</p>;
  else if (declined) body = <p role="status">You declined the invitation to {inv.legalEntity}. You can close this page.</p>;
  else {
    body = (
      <form onSubmit={accept} aria-label="Accept the invitation">
        <p>You are invited to work for <strong>{inv.legalEntity}</strong> as <strong>{inv.displayName}</strong> ({inv.email}).</p>
        <p className="muted">The invitation is valid until {new Date(inv.expiresAt).toLocaleString()}.</p>
        {inv.hasAccount && signedInAsInvitee && <p>You are signed in as {inv.email}; accepting adds {inv.legalEntity} to your account.</p>}
        {inv.hasAccount && !signedInAsInvitee && (
          <label>Your password for {inv.email}
            <input type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
          </label>
        )}
        {!inv.hasAccount && (
          <>
            <label>Choose a password (10+ characters)
              <input type="password" autoComplete="new-password" minLength={10} value={password} onChange={(e) => setPassword(e.target.value)} required />
            </label>
            <label>Repeat the password
              <input type="password" autoComplete="new-password" minLength={10} value={repeat} onChange={(e) => setRepeat(e.target.value)} required />
            </label>
          </>
        )}
        {typeof error === 'string' ? <p role="alert" className="error">{error}</p> : <ErrorNote error={error} />}
        <div className="stack">
          <button type="submit" disabled={busy}>{busy ? 'Accepting…' : 'Accept the invitation'}</button>
          <button type="button" className="secondary" onClick={decline}>Decline</button>
        </div>
      </form>
    );
  }
  return (
    <main className="sign-in">
      <section className="card" aria-label="Invitation">
        <h1>Clienteling</h1>
        {body}
      </section>
    </main>
  );
}
