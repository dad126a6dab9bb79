import { useEffect, useState, type FormEvent } from 'react';
import { ErrorNote } from '../../lib/error-note.tsx';
import { SamlSettingsSection } from './saml-settings.tsx';
import { useT } from '../../i18n/i18n.ts';
import { useRoles } from '../people/queries.ts';
import { useActiveAssociates } from '../attribution/queries.ts';
import {
  useHandOverRule, useOidcSettings, useSaveHandOverRule, useSaveOidcSettings, type HandOverRuleInput, type OidcSettings,
} from './sign-in-queries.ts';

/*
 * Head office's sign-in set-up for its legal entity: single sign-on through its OpenID provider, whether associates may
 * still sign in with a password, and where a leaver's client book goes. The client secret is write-only: the page
 * shows whether one is set, never its value, and an empty field keeps the saved one.
 */

interface OidcForm {
  displayName: string; issuer: string; clientId: string; clientSecret: string; allowedDomains: string; roleClaim: string;
  roleMapping: { value: string; roleId: string }[]; enabled: boolean;
}
const emptyForm: OidcForm = { displayName: '', issuer: '', clientId: '', clientSecret: '', allowedDomains: '', roleClaim: '', roleMapping: [], enabled: true };
const formOf = (s: OidcSettings): OidcForm => ({
  displayName: s.displayName, issuer: s.issuer, clientId: s.clientId, clientSecret: '', allowedDomains: s.allowedDomains.join(', '),
  roleClaim: s.roleClaim ?? '', roleMapping: s.roleMapping, enabled: s.enabled,
});
/** What the server keeps of the saved settings, to send back with one change (the secret left out: it is kept). */
const savedBody = (s: OidcSettings) => ({
  displayName: s.displayName, issuer: s.issuer, clientId: s.clientId, allowedDomains: s.allowedDomains, roleClaim: s.roleClaim,
  roleMapping: s.roleMapping, passwordSignIn: s.passwordSignIn, enabled: s.enabled,
});

function OidcSection({ saved }: { saved: OidcSettings | null }) {
  const { t } = useT();
  const roles = useRoles();
  const save = useSaveOidcSettings();
  const [form, setForm] = useState<OidcForm>(emptyForm);
  const [done, setDone] = useState(false);
  useEffect(() => { setForm(saved ? formOf(saved) : emptyForm); }, [saved]);
  const set = (patch: Partial<OidcForm>) => { setDone(false); setForm((f) => ({ ...f, ...patch })); };
  const setMapping = (i: number, patch: Partial<{ value: string; roleId: string }>) =>
    set({ roleMapping: form.roleMapping.map((m, j) => (j === i ? { ...m, ...patch } : m)) });

  function submit(e: FormEvent) {
    e.preventDefault();
    setDone(false);
    save.mutate({
      displayName: form.displayName.trim(), issuer: form.issuer.trim(), clientId: form.clientId.trim(),
      ...(form.clientSecret ? { clientSecret: form.clientSecret } : {}),
      allowedDomains: form.allowedDomains.split(/[\s,;]+/).filter(Boolean), roleClaim: form.roleClaim.trim() || null,
      roleMapping: form.roleMapping.filter((m) => m.value.trim() && m.roleId).map((m) => ({ value: m.value.trim(), roleId: m.roleId })),
      passwordSignIn: saved?.passwordSignIn ?? true, enabled: form.enabled,
    }, { onSuccess: () => setDone(true) });
  }

  return (
    <section className="card" aria-label={t('signInSettings.oidc.title')}>
      <h2>{t('signInSettings.oidc.title')}</h2>
      <p className="muted">{saved ? t('signInSettings.oidc.intro') : t('signInSettings.oidc.notSetUp')}</p>
      <ErrorNote error={save.error ?? roles.error} />
      {done && <p role="status" className="ok">{t('signInSettings.oidc.saved')}</p>}
      <form onSubmit={submit} aria-label={t('signInSettings.oidc.title')}>
        <label><input type="checkbox" checked={form.enabled} onChange={(e) => set({ enabled: e.target.checked })} /> {t('signInSettings.oidc.enabled')}</label>
        <div className="grid">
          <label>{t('signInSettings.oidc.displayName')}<input value={form.displayName} onChange={(e) => set({ displayName: e.target.value })} required maxLength={100} /></label>
          <label>{t('signInSettings.oidc.issuer')}<input type="url" value={form.issuer} onChange={(e) => set({ issuer: e.target.value })} required /></label>
          <label>{t('signInSettings.oidc.clientId')}<input value={form.clientId} onChange={(e) => set({ clientId: e.target.value })} required autoComplete="off" /></label>
          <label>{t('signInSettings.oidc.clientSecret')}
            <input type="password" value={form.clientSecret} onChange={(e) => set({ clientSecret: e.target.value })} required={!saved?.hasClientSecret} autoComplete="new-password" />
            <span className="muted">
              {saved?.hasClientSecret ? <><span className="badge ok">{t('signInSettings.oidc.secretSet')}</span> {t('signInSettings.oidc.secretKeep')}</> : t('signInSettings.oidc.secretNone')}
            </span>
          </label>
          <label>{t('signInSettings.oidc.allowedDomains')}<input value={form.allowedDomains} onChange={(e) => set({ allowedDomains: e.target.value })} required /></label>
          <label>{t('signInSettings.oidc.roleClaim')}<input value={form.roleClaim} onChange={(e) => set({ roleClaim: e.target.value })} /></label>
        </div>
        {saved && <p className="muted">{t('signInSettings.oidc.redirectUri')} <code>{saved.redirectUri}</code></p>}
        <fieldset>
          <legend>{t('signInSettings.oidc.mapping')}</legend>
          <p className="muted">{t('signInSettings.oidc.mappingHelp')}</p>
          {form.roleMapping.map((m, i) => (
            <div className="row" key={i}>
              <label>{t('signInSettings.oidc.claimValue', { n: i + 1 })}<input value={m.value} onChange={(e) => setMapping(i, { value: e.target.value })} /></label>
              <label>{t('signInSettings.oidc.role', { n: i + 1 })}
                <select value={m.roleId} onChange={(e) => setMapping(i, { roleId: e.target.value })}>
                  <option value="">{t('signInSettings.oidc.chooseRole')}</option>
                  {(roles.data ?? []).map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}
                </select>
              </label>
              <button type="button" className="secondary" onClick={() => set({ roleMapping: form.roleMapping.filter((_, j) => j !== i) })}>
                {t('signInSettings.oidc.removeMapping', { n: i + 1 })}
              </button>
            </div>
          ))}
          <button type="button" className="secondary" onClick={() => set({ roleMapping: [...form.roleMapping, { value: '', roleId: '' }] })}>{t('signInSettings.oidc.addMapping')}</button>
        </fieldset>
        <button type="submit" disabled={save.isPending}>{save.isPending ? t('common.saving') : t('signInSettings.oidc.save')}</button>
      </form>
    </section>
  );
}

function PasswordSection({ saved }: { saved: OidcSettings | null }) {
  const { t } = useT();
  const save = useSaveOidcSettings();
  const [allowed, setAllowed] = useState(true);
  const [done, setDone] = useState(false);
  useEffect(() => { setAllowed(saved?.passwordSignIn ?? true); }, [saved]);
  // Without single sign-on on, a password is the only way in: it can't be turned off.
  const ssoOn = !!saved?.enabled;

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!saved) return;
    setDone(false);
    save.mutate({ ...savedBody(saved), passwordSignIn: allowed }, { onSuccess: () => setDone(true) });
  }

  return (
    <section className="card" aria-label={t('signInSettings.password.title')}>
      <h2>{t('signInSettings.password.title')}</h2>
      <ErrorNote error={save.error} />
      {done && <p role="status" className="ok">{t('signInSettings.password.saved')}</p>}
      <form onSubmit={submit} aria-label={t('signInSettings.password.title')}>
        <label>
          <input type="checkbox" checked={allowed} disabled={!ssoOn} onChange={(e) => { setDone(false); setAllowed(e.target.checked); }} />{' '}
          {t('signInSettings.password.allowed')}
        </label>
        <p className={allowed ? 'muted' : 'error'}>
          <strong>{t('signInSettings.password.warningTitle')}</strong>{' '}
          {t('signInSettings.password.warning', { provider: saved?.displayName ?? t('signInSettings.password.yourProvider') })}
        </p>
        {!ssoOn && <p className="muted">{t('signInSettings.password.needsSso')}</p>}
        <button type="submit" disabled={!ssoOn || save.isPending}>{t('signInSettings.password.save')}</button>
      </form>
    </section>
  );
}

function HandOverSection() {
  const { t } = useT();
  const rule = useHandOverRule();
  const associates = useActiveAssociates();
  const save = useSaveHandOverRule();
  const [form, setForm] = useState<HandOverRuleInput>({ rule: 'store-queue', successorAssociateId: null });
  const [done, setDone] = useState(false);
  useEffect(() => { if (rule.data) setForm({ rule: rule.data.rule, successorAssociateId: rule.data.successorAssociateId }); }, [rule.data]);
  const change = (patch: Partial<HandOverRuleInput>) => { setDone(false); setForm((f) => ({ ...f, ...patch })); };

  function submit(e: FormEvent) {
    e.preventDefault();
    setDone(false);
    save.mutate(form.rule === 'successor' ? form : { rule: 'store-queue' }, { onSuccess: () => setDone(true) });
  }

  return (
    <section className="card" aria-label={t('signInSettings.handOver.title')}>
      <h2>{t('signInSettings.handOver.title')}</h2>
      <p className="muted">{t('signInSettings.handOver.intro')}</p>
      <ErrorNote error={rule.error ?? associates.error ?? save.error} />
      {done && <p role="status" className="ok">{t('signInSettings.handOver.saved')}</p>}
      <form onSubmit={submit} aria-label={t('signInSettings.handOver.title')}>
        <fieldset>
          <legend>{t('signInSettings.handOver.legend')}</legend>
          <label><input type="radio" name="hand-over-rule" checked={form.rule === 'store-queue'} onChange={() => change({ rule: 'store-queue' })} /> {t('signInSettings.handOver.storeQueue')}</label>
          <label><input type="radio" name="hand-over-rule" checked={form.rule === 'successor'} onChange={() => change({ rule: 'successor' })} /> {t('signInSettings.handOver.successor')}</label>
        </fieldset>
        {form.rule === 'successor' && (
          <label>{t('signInSettings.handOver.successorLabel')}
            <select value={form.successorAssociateId ?? ''} onChange={(e) => change({ successorAssociateId: e.target.value || null })} required>
              <option value="">{t('signInSettings.handOver.chooseSuccessor')}</option>
              {(associates.data ?? []).map((a) => <option key={a.id} value={a.id}>{a.displayName}</option>)}
            </select>
          </label>
        )}
        <p className="muted">{t('signInSettings.handOver.task')}</p>
        <button type="submit" disabled={save.isPending || !rule.data}>{t('signInSettings.handOver.save')}</button>
      </form>
    </section>
  );
}

/** The Sign-in set-up screen (head office, users.manage). */
export function SignInSettingsPage() {
  const { t } = useT();
  const oidc = useOidcSettings();
  return (
    <div className="setup">
      <h1>{t('signInSettings.title')}</h1>
      <ErrorNote error={oidc.error} />
      {oidc.isPending ? <p className="muted">{t('common.loading')}</p> : !oidc.error && (
        <>
          <OidcSection saved={oidc.data ?? null} />
          <PasswordSection saved={oidc.data ?? null} />
        </>
      )}
      <SamlSettingsSection />
      <HandOverSection />
    </div>
  );
}
