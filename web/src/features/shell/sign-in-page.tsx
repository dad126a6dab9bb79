import { useEffect, useState, type FormEvent } from 'react';
import { useSession, type Me, type SecondFactorStep } from '../../lib/session.tsx';
import { ApiError, client, unwrap, type ApiResult } from '../../lib/api.ts';
import { useT } from '../../i18n/i18n.ts';
import { errorText } from '../../lib/error-note.tsx';
import { AuthenticatorSetup, RecoveryCodeList } from '../security/authenticator.tsx';

interface LegalEntityChoice { id: string; code: string; name: string }
type SsoOptions = ApiResult<'/api/v1/auth/sso/options', 'get'>;
type SsoProvider = SsoOptions['providers'][number];

// What the server's single sign-on callback reports when it refuses (it sends the browser back here with ?sso_error=).
const SSO_ERRORS = {
  'auth.sso_token_invalid': 'signIn.sso.tokenInvalid',
  'auth.sso_state_invalid': 'signIn.sso.stateInvalid',
  'auth.sso_domain_not_allowed': 'signIn.sso.domainNotAllowed',
  'auth.sso_email_missing': 'signIn.sso.emailMissing',
  'auth.sso_no_role': 'signIn.sso.noRole',
  'auth.no_active_associate': 'signIn.sso.noActiveAssociate',
  'auth.saml_response_invalid': 'signIn.sso.samlResponseInvalid',
  'auth.saml_disabled': 'signIn.sso.samlDisabled',
} as const;

/** Where a provider's button starts: OpenID Connect and SAML each have their own start. */
const startUrl = (p: SsoProvider) => `/api/v1/auth/${p.protocol === 'saml' ? 'saml' : 'sso'}/${encodeURIComponent(p.legalEntityCode)}/start`;

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

/**
 * A single sign-on whose provider used one factor comes back here for this app's own (/#sso_step=verify|enrol&pending=…):
 * the step is taken from the address once and the address cleared, so the pending token stays out of the history.
 */
function ssoSecondFactor(): SecondFactorStep | null {
  const p = new URLSearchParams(window.location.hash.slice(1));
  const step = p.get('sso_step');
  const pendingToken = p.get('pending');
  if ((step !== 'verify' && step !== 'enrol') || !pendingToken) return ssoStepTaken;
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
  const lang = p.get('lang');
  ssoStepTaken = { secondFactor: step, pendingToken, expiresAt: '', language: lang === 'en' || lang === 'fr' ? lang : null };
  return ssoStepTaken;
}
// Kept for a second render of the page (React's strict mode runs the state's initialiser twice).
let ssoStepTaken: SecondFactorStep | null = null;

export function SignInPage() {
  const { signIn, completeSecondFactor, adopt, setPendingLanguage } = useSession();
  const { t } = useT();
  // Set when the password was right (or the single sign-on came back) and the account (or its role) uses a second factor.
  const [step, setStep] = useState<SecondFactorStep | null>(ssoSecondFactor);
  // The code step speaks the account's language; back at the password, the device's again.
  useEffect(() => { setPendingLanguage(step?.language ?? null); }, [step, setPendingLanguage]);
  const [code, setCode] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(() => {
    const code = new URLSearchParams(window.location.search).get('sso_error');
    return code ? t(code in SSO_ERRORS ? SSO_ERRORS[code as keyof typeof SSO_ERRORS] : 'signIn.sso.failed') : null;
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
      else setError(errorText(err));
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
    catch (err) { setError(errorText(err)); }
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
          <Enrolment step={step} onDone={adopt} onBack={() => { setStep(null); setPassword(''); }} />
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
        {sso?.providers.map((p) => {
          const several = sso.providers.length > 1;
          const label = p.protocol === 'saml'
            ? (several ? t('signIn.withSamlOf', { provider: p.displayName, legalEntity: p.legalEntityName }) : t('signIn.withSaml', { provider: p.displayName }))
            : (several ? t('signIn.withProviderOf', { provider: p.displayName, legalEntity: p.legalEntityName }) : t('signIn.withProvider', { provider: p.displayName }));
          return <a key={`${p.protocol}:${p.legalEntityCode}`} className="button" href={startUrl(p)}>{label}</a>;
        })}
        {passwordAllowed ? (
          <>
            <label>{t('signIn.password')}<input type="password" name="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required /></label>
            {error && <p role="alert" className="error">{error}</p>}
            <button type="submit" disabled={busy}>{busy ? t('signIn.signingIn') : t('signIn.signIn')}</button>
          </>
        ) : (
          <>
            <p className="muted">{t('signIn.ssoOnly')}</p>
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
  const { t } = useT();

  async function begin() {
    setBusy(true); setError(null);
    try { setSetup(await unwrap(client.POST('/api/v1/auth/sign-in/enrolment', { body: { pendingToken: step.pendingToken } }))); }
    catch (err) { setError(errorText(err)); }
    finally { setBusy(false); }
  }
  async function confirm(e: FormEvent) {
    e.preventDefault();
    setBusy(true); setError(null);
    try {
      const { recoveryCodes, ...me } = await unwrap(client.POST('/api/v1/auth/sign-in/enrolment/confirm', { body: { pendingToken: step.pendingToken, code: code.replace(/\s+/g, '') } }));
      setDone({ me, recoveryCodes });
    } catch (err) { setError(errorText(err)); }
    finally { setBusy(false); }
  }

  if (done) {
    return (
      <section className="card" aria-label={t('signIn.enrol.ready')}>
        <h1>{t('shell.brand')}</h1>
        <p>{t('signIn.enrol.readyText')}</p>
        <RecoveryCodeList codes={done.recoveryCodes} />
        <button type="button" onClick={() => onDone(done.me)}>{t('signIn.enrol.keptContinue')}</button>
      </section>
    );
  }
  return (
    <section className="card" aria-label={t('signIn.enrol.title')}>
      <h1>{t('shell.brand')}</h1>
      <p>{t('signIn.enrol.intro')}</p>
      {!setup ? (
        <button type="button" disabled={busy} onClick={begin}>{t('signIn.enrol.setUp')}</button>
      ) : (
        <form onSubmit={confirm} aria-label={t('signIn.enrol.confirmLabel')}>
          <AuthenticatorSetup secret={setup.secret} otpauthUri={setup.otpauthUri} />
          <label>{t('signIn.enrol.codeFromApp')}<input name="code" autoComplete="one-time-code" inputMode="numeric" value={code} onChange={(e) => setCode(e.target.value)} required /></label>
          <button type="submit" disabled={busy}>{busy ? t('signIn.checking') : t('signIn.enrol.confirm')}</button>
        </form>
      )}
      {error && <p role="alert" className="error">{error}</p>}
      <button type="button" className="secondary" onClick={onBack}>{t('common.back')}</button>
    </section>
  );
}
