import { useEffect, useState, type FormEvent } from 'react';
import { useSession, type Me, type SecondFactorStep } from '../../lib/session.tsx';
import { ApiError, client, unwrap } from '../../lib/api.ts';
import { AuthenticatorSetup, RecoveryCodeList } from '../security/authenticator.tsx';

interface LegalEntityChoice { id: string; code: string; name: string }
type SsoOptions = { providers: { legalEntityCode: string; legalEntityName: string; displayName: string }[]; passwordSignIn: boolean };

// What the server's single sign-on callback reports when it refuses (it sends the browser back here with ?sso_error=).
const SSO_ERRORS: Record<string, string> = {
  'auth.sso_token_invalid': 'The sign-in provider\'s answer could not be trusted. Try again.',
  'auth.sso_state_invalid': 'That sign-in expired or was started elsewhere. Try again.',
  'auth.sso_domain_not_allowed': 'Your address is not one this company signs in with.',
  'auth.sso_email_missing': 'The sign-in provider did not give your email address.',
  'auth.sso_no_role': 'None of your groups gives you a role here: ask head office.',
  'auth.no_active_associate': 'Your address is not an active associate here: ask head office.',
};

/** The single sign-on of the company using this address's domain, looked up once the address looks complete. */
function useSsoOptions(email: string): SsoOptions | null {
  const [options, setOptions] = useState<SsoOptions | null>(null);
  useEffect(() => {
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]{2,}$/.test(email)) { setOptions(null); return; }
    let live = true;
    const t = setTimeout(() => {
      unwrap(client.GET('/api/v1/auth/sso/options', { params: { query: { email } } }))
        .then((o) => { if (live) setOptions(o); }, () => { if (live) setOptions(null); });
    }, 300);
    return () => { live = false; clearTimeout(t); };
  }, [email]);
  return options;
}

export function SignInPage() {
  const { signIn, completeSecondFactor, adopt } = useSession();
  // Set when the password was right and the account (or its role) uses a second factor.
  const [step, setStep] = useState<SecondFactorStep | null>(null);
  const [code, setCode] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(() => {
    const code = new URLSearchParams(window.location.search).get('sso_error');
    return code ? SSO_ERRORS[code] ?? 'Single sign-on did not succeed.' : null;
  });
  const [busy, setBusy] = useState(false);
  const sso = useSsoOptions(email);
  const passwordAllowed = sso?.passwordSignIn ?? true;
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
          <form onSubmit={verify} className="card" aria-label="Second factor">
            <h1>Clienteling</h1>
            <p className="muted">Enter the code from your authenticator app, or one of your recovery codes.</p>
            <label>Code<input name="code" autoComplete="one-time-code" inputMode="text" value={code} onChange={(e) => setCode(e.target.value)} required /></label>
            {error && <p role="alert" className="error">{error}</p>}
            <button type="submit" disabled={busy}>{busy ? 'Checking…' : 'Continue'}</button>
            <button type="button" className="secondary" onClick={() => { setStep(null); setCode(''); setPassword(''); }}>Back</button>
          </form>
        ) : (
          <Enrolment step={step} onDone={adopt} onBack={() => { setStep(null); setPassword(''); }} />
        )}
      </main>
    );
  }

  if (choices) {
    return (
      <main className="sign-in">
        <section className="card" aria-label="Choose a legal entity">
          <h1>Clienteling</h1>
          <p className="muted">You work for several legal entities. Which one do you want to sign in to?</p>
          <div className="stack">
            {choices.map((le) => <button key={le.id} type="button" disabled={busy} onClick={() => attempt(le.id)}>{le.name}</button>)}
          </div>
          {error && <p role="alert" className="error">{error}</p>}
          <button type="button" className="secondary" onClick={() => { setChoices(null); setPassword(''); }}>Back</button>
        </section>
      </main>
    );
  }
  return (
    <main className="sign-in">
      <form onSubmit={submit} className="card" aria-label="Sign in">
        <h1>Clienteling</h1>
        <p className="muted">Sign in with your associate account.</p>
        <label>Email<input type="email" name="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required /></label>
        {sso?.providers.map((p) => (
          <a key={p.legalEntityCode} className="button" href={`/api/v1/auth/sso/${encodeURIComponent(p.legalEntityCode)}/start`}>
            Sign in with {p.displayName}{sso.providers.length > 1 ? ` (${p.legalEntityName})` : ''}
          </a>
        ))}
        {passwordAllowed ? (
          <>
            <label>Password<input type="password" name="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required /></label>
            {error && <p role="alert" className="error">{error}</p>}
            <button type="submit" disabled={busy}>{busy ? 'Signing in…' : 'Sign in'}</button>
          </>
        ) : (
          <>
            <p className="muted">Your company signs in through its single sign-on only.</p>
            {error && <p role="alert" className="error">{error}</p>}
          </>
        )}
      </form>
    </main>
  );
}

/**
 * A role that requires a second factor, and an account without one: the pending sign-in sets up the authenticator
 * (secret shown as a QR code and as text), a first code confirms it and signs in, and the recovery codes are shown
 * once before the app opens.
 */
function Enrolment({ step, onDone, onBack }: { step: SecondFactorStep; onDone(me: Me): void; onBack(): void }) {
  const [setup, setSetup] = useState<{ secret: string; otpauthUri: string } | null>(null);
  const [code, setCode] = useState('');
  const [done, setDone] = useState<{ me: Me; recoveryCodes: string[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function begin() {
    setBusy(true); setError(null);
    try { setSetup(await unwrap(client.POST('/api/v1/auth/sign-in/enrolment', { body: { pendingToken: step.pendingToken } }))); }
    catch (err) { setError((err as Error).message); }
    finally { setBusy(false); }
  }
  async function confirm(e: FormEvent) {
    e.preventDefault();
    setBusy(true); setError(null);
    try {
      const { recoveryCodes, ...me } = await unwrap(client.POST('/api/v1/auth/sign-in/enrolment/confirm', { body: { pendingToken: step.pendingToken, code: code.replace(/\s+/g, '') } }));
      setDone({ me, recoveryCodes });
    } catch (err) { setError((err as Error).message); }
    finally { setBusy(false); }
  }

  if (done) {
    return (
      <section className="card" aria-label="Authenticator ready">
        <h1>Clienteling</h1>
        <p>Your authenticator is set up. From now on, sign-in asks for its code after your password.</p>
        <RecoveryCodeList codes={done.recoveryCodes} />
        <button type="button" onClick={() => onDone(done.me)}>I have kept them — continue</button>
      </section>
    );
  }
  return (
    <section className="card" aria-label="Set up a second factor">
      <h1>Clienteling</h1>
      <p>Your role requires a second factor: set up an authenticator app on your phone to finish signing in.</p>
      {!setup ? (
        <button type="button" disabled={busy} onClick={begin}>Set up an authenticator</button>
      ) : (
        <form onSubmit={confirm} aria-label="Confirm the authenticator">
          <AuthenticatorSetup secret={setup.secret} otpauthUri={setup.otpauthUri} />
          <label>Code from the app<input name="code" autoComplete="one-time-code" inputMode="numeric" value={code} onChange={(e) => setCode(e.target.value)} required /></label>
          <button type="submit" disabled={busy}>{busy ? 'Checking…' : 'Confirm and sign in'}</button>
        </form>
      )}
      {error && <p role="alert" className="error">{error}</p>}
      <button type="button" className="secondary" onClick={onBack}>Back</button>
    </section>
  );
}
