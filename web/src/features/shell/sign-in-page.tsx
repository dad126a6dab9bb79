import { useState, type FormEvent } from 'react';
import { useSession, type SecondFactorStep } from '../../lib/session.tsx';
import { ApiError } from '../../lib/api.ts';
import { useT } from '../../i18n/i18n.ts';

interface LegalEntityChoice { id: string; code: string; name: string }

export function SignInPage() {
  const { signIn, completeSecondFactor } = useSession();
  const { t } = useT();
  // Set when the password was right and the account (or its role) uses a second factor.
  const [step, setStep] = useState<SecondFactorStep | null>(null);
  const [code, setCode] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // A person who works for several legal entities picks one; the server never picks for them.
  const [choices, setChoices] = useState<LegalEntityChoice[] | null>(null);

  async function attempt(legalEntityId?: string) {
    setBusy(true);
    setError(null);
    try {
      const next = await signIn(email, password, legalEntityId);
      if (next) { setStep(next); setChoices(null); }
    } catch (err) {
      const body = err instanceof ApiError ? err.body as { code?: string; legalEntities?: LegalEntityChoice[] } | undefined : undefined;
      if (body?.code === 'auth.choose_legal_entity' && body.legalEntities) setChoices(body.legalEntities);
      else setError((err as Error).message);
    } finally { setBusy(false); }
  }
  function submit(e: FormEvent) {
    e.preventDefault();
    void attempt();
  }

  async function verify(e: FormEvent) {
    e.preventDefault();
    if (!step) return;
    setBusy(true);
    setError(null);
    // Authenticator codes are digits; anything else typed is taken as one of the recovery codes.
    const typed = code.replace(/\s+/g, '');
    try { await completeSecondFactor(step.pendingToken, /^\d{6,8}$/.test(typed) ? { code: typed } : { recoveryCode: typed }); }
    catch (err) { setError((err as Error).message); }
    finally { setBusy(false); }
  }

  if (step) {
    return (
      <main className="sign-in">
        {step.secondFactor === 'verify' ? (
          <form onSubmit={verify} className="card" aria-label={t('signIn.secondFactor')}>
            <h1>{t('shell.brand')}</h1>
            <p className="muted">{t('signIn.enterCode')}</p>
            <label>{t('signIn.code')}<input name="code" autoComplete="one-time-code" inputMode="text" value={code} onChange={(e) => setCode(e.target.value)} required /></label>
            {error && <p role="alert" className="error">{error}</p>}
            <button type="submit" disabled={busy}>{busy ? t('signIn.checking') : t('signIn.continue')}</button>
            <button type="button" className="secondary" onClick={() => { setStep(null); setCode(''); setPassword(''); }}>{t('common.back')}</button>
          </form>
        ) : (
          <section className="card" aria-label={t('signIn.secondFactorRequired')}>
            <h1>{t('shell.brand')}</h1>
            <p role="alert" className="error">{t('signIn.needsEnrolment')}</p>
            <button type="button" className="secondary" onClick={() => { setStep(null); setPassword(''); }}>{t('common.back')}</button>
          </section>
        )}
      </main>
    );
  }

  if (choices) {
    return (
      <main className="sign-in">
        <section className="card" aria-label={t('signIn.chooseLegalEntity')}>
          <h1>{t('shell.brand')}</h1>
          <p className="muted">{t('signIn.severalLegalEntities')}</p>
          <div className="stack">
            {choices.map((le) => <button key={le.id} type="button" disabled={busy} onClick={() => attempt(le.id)}>{le.name}</button>)}
          </div>
          {error && <p role="alert" className="error">{error}</p>}
          <button type="button" className="secondary" onClick={() => { setChoices(null); setPassword(''); }}>{t('common.back')}</button>
        </section>
      </main>
    );
  }
  return (
    <main className="sign-in">
      <form onSubmit={submit} className="card" aria-label={t('signIn.formLabel')}>
        <h1>{t('shell.brand')}</h1>
        <p className="muted">{t('signIn.intro')}</p>
        <label>{t('signIn.email')}<input type="email" name="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required /></label>
        <label>{t('signIn.password')}<input type="password" name="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required /></label>
        {error && <p role="alert" className="error">{error}</p>}
        <button type="submit" disabled={busy}>{busy ? t('signIn.signingIn') : t('signIn.signIn')}</button>
      </form>
    </main>
  );
}
