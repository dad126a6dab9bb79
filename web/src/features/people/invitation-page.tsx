import { useState, type FormEvent } from 'react';
import { ErrorNote } from '../../lib/error-note.tsx';
import { isSecondFactorStep, useSession } from '../../lib/session.tsx';
import { useRouter } from '../../lib/router.tsx';
import { useAcceptInvitation, useDeclineInvitation, useInvitation } from './queries.ts';
import { browserLanguage, useCustomerT } from '../../i18n/i18n.ts';

/**
 * The page an invitation email links to (no sign-in needed to open it). A new address chooses its password; the owner
 * of an existing account accepts signed in as themselves, or with that account's password. Either way they land in
 * the inviting legal entity, signed in.
 */
export function InvitationPage({ params }: { params: Record<string, string> }) {
  const { me, adopt } = useSession();
  // The invitee's page, before any account: in the browser's language.
  const { t, format } = useCustomerT(browserLanguage());
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
    if (inv && !inv.hasAccount && password !== repeat) { setMismatch(t('invitation.mismatch')); return; }
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
  else if (!inv) body = <p className="muted">{t('common.loading')}</p>;
  else if (declined) body = <p role="status">{t('invitation.declined', { entity: inv.legalEntity })}</p>;
  else {
    body = (
      <form onSubmit={accept} aria-label={t('invitation.accept')}>
        <p>{t('invitation.invitedPlain', { entity: inv.legalEntity, name: inv.displayName, email: inv.email })}</p>
        <p className="muted">{t('invitation.validUntil', { date: format.dateTime(inv.expiresAt) })}</p>
        {inv.hasAccount && signedInAsInvitee && <p>{t('invitation.signedInAs', { email: inv.email, entity: inv.legalEntity })}</p>}
        {inv.hasAccount && !signedInAsInvitee && (
          <label>{t('invitation.yourPassword', { email: inv.email })}
            <input type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
          </label>
        )}
        {!inv.hasAccount && (
          <>
            <label>{t('invitation.choosePassword')}
              <input type="password" autoComplete="new-password" minLength={10} value={password} onChange={(e) => setPassword(e.target.value)} required />
            </label>
            <label>{t('invitation.repeat')}
              <input type="password" autoComplete="new-password" minLength={10} value={repeat} onChange={(e) => setRepeat(e.target.value)} required />
            </label>
          </>
        )}
        {typeof error === 'string' ? <p role="alert" className="error">{error}</p> : <ErrorNote error={error} />}
        <div className="stack">
          <button type="submit" disabled={busy}>{busy ? t('invitation.accepting') : t('invitation.accept')}</button>
          <button type="button" className="secondary" onClick={decline}>{t('invitation.decline')}</button>
        </div>
      </form>
    );
  }
  return (
    <main className="sign-in">
      <section className="card" aria-label={t('invitation.label')}>
        <h1>{t('shell.brand')}</h1>
        {body}
      </section>
    </main>
  );
}
