import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { client, unwrap, type ApiBody, type ApiResult } from '../../lib/api.ts';
import { useApiMutation } from '../../lib/query.tsx';
import { ErrorNote } from '../../lib/error-note.tsx';
import { useRoles } from '../people/queries.ts';
import { useT } from '../../i18n/i18n.ts';

type SamlSettings = NonNullable<ApiResult<'/api/v1/sso/saml', 'get'>>;
type SamlBody = ApiBody<'/api/v1/sso/saml', 'put'>;
const samlKey = ['sso', 'saml'] as const;

export function useSamlSettings() {
  return useQuery({ queryKey: samlKey, queryFn: () => unwrap(client.GET('/api/v1/sso/saml')) });
}
export function useSaveSamlSettings() {
  return useApiMutation((body: SamlBody) => unwrap(client.PUT('/api/v1/sso/saml', { body })), () => [samlKey]);
}

const empty: SamlBody = {
  enabled: true, displayName: '', idpEntityId: '', idpSsoUrl: '', idpCertificates: [], spEntityId: '', allowedDomains: [],
  roleAttribute: null, roleMapping: [], passwordSignIn: true,
};

/** The form keeps lists as the text typed; they are split when saved. */
interface Draft extends Omit<SamlBody, 'idpCertificates' | 'allowedDomains'> { certificates: string; domains: string }
const draftOf = (s: SamlBody | SamlSettings): Draft => {
  const { idpCertificates, allowedDomains, ...rest } = s;
  const { spMetadataUrl: _m, acsUrl: _a, ...settings } = rest as SamlSettings;
  return { ...settings, certificates: idpCertificates.join('\n\n'), domains: allowedDomains.join(', ') };
};
const bodyOf = ({ certificates, domains, ...rest }: Draft): SamlBody => ({
  ...rest,
  roleAttribute: rest.roleAttribute?.trim() ? rest.roleAttribute.trim() : null,
  idpCertificates: certificates.split(/\n\s*\n|(?<=-----END CERTIFICATE-----)/).map((c) => c.trim()).filter(Boolean),
  allowedDomains: domains.split(/[\s,;]+/).map((d) => d.trim()).filter(Boolean),
});

/** Head office's SAML 2.0 sign-in: the IdP's details, the allowed domains, attribute → role mapping. */
export function SamlSettingsSection() {
  const { t } = useT();
  const query = useSamlSettings();
  if (query.isPending) return <section className="card" aria-label={t('setup.saml.title')}><p className="loading">{t('common.loading')}</p></section>;
  return <SamlSettingsForm key={query.data ? 'saved' : 'new'} saved={query.data ?? null} loadError={query.error} />;
}

function SamlSettingsForm({ saved, loadError }: { saved: SamlSettings | null; loadError: unknown }) {
  const { t } = useT();
  const roles = useRoles().data ?? [];
  const save = useSaveSamlSettings();
  const [draft, setDraft] = useState<Draft>(() => draftOf(saved ?? empty));
  const [message, setMessage] = useState<string | null>(null);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setMessage(null);
    save.mutate(bodyOf(draft), { onSuccess: () => setMessage(t('setup.saml.saved')) });
  };
  const mapping = draft.roleMapping;
  return (
    <section className="card" aria-label={t('setup.saml.title')}>
      <h2>{t('setup.saml.title')}</h2>
      <p className="muted">{t('setup.saml.intro')}</p>
      <ErrorNote error={loadError ?? save.error} />
      {message && <p role="status" className="ok">{message}</p>}
      {saved ? (
        <dl>
          <dt>{t('setup.saml.spMetadataUrl')}</dt><dd><code>{saved.spMetadataUrl}</code></dd>
          <dt>{t('setup.saml.acsUrl')}</dt><dd><code>{saved.acsUrl}</code></dd>
        </dl>
      ) : <p className="muted">{t('setup.saml.notSet')}</p>}
      <form className="stack" onSubmit={submit}>
        <label className="inline"><input type="checkbox" checked={draft.enabled} onChange={(e) => set('enabled', e.target.checked)} /> {t('setup.saml.enabled')}</label>
        <label>{t('setup.saml.displayName')}<input value={draft.displayName} onChange={(e) => set('displayName', e.target.value)} required maxLength={100} /></label>
        <label>{t('setup.saml.idpEntityId')}<input value={draft.idpEntityId} onChange={(e) => set('idpEntityId', e.target.value)} required maxLength={500} /></label>
        <label>{t('setup.saml.idpSsoUrl')}<input type="url" value={draft.idpSsoUrl} onChange={(e) => set('idpSsoUrl', e.target.value)} required maxLength={1000} /></label>
        <label>{t('setup.saml.idpCertificates')}<textarea rows={6} value={draft.certificates} onChange={(e) => set('certificates', e.target.value)} required spellCheck={false} /></label>
        <label>{t('setup.saml.spEntityId')}<input value={draft.spEntityId} onChange={(e) => set('spEntityId', e.target.value)} required maxLength={500} /></label>
        <label>{t('setup.saml.allowedDomains')}<input value={draft.domains} onChange={(e) => set('domains', e.target.value)} required /></label>
        <label>{t('setup.saml.roleAttribute')}<input value={draft.roleAttribute ?? ''} onChange={(e) => set('roleAttribute', e.target.value)} maxLength={300} /></label>
        <fieldset>
          <legend>{t('setup.saml.roleMapping')}</legend>
          {mapping.map((m, i) => (
            <div key={i} className="row">
              <label>{t('setup.saml.attributeValue')}<input value={m.value} required onChange={(e) => set('roleMapping', mapping.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)))} /></label>
              <label>{t('setup.saml.role')}
                <select value={m.roleId} required onChange={(e) => set('roleMapping', mapping.map((x, j) => (j === i ? { ...x, roleId: e.target.value } : x)))}>
                  {roles.map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}
                </select>
              </label>
              <button type="button" className="secondary" onClick={() => set('roleMapping', mapping.filter((_, j) => j !== i))}>{t('setup.saml.removeMapping', { value: m.value })}</button>
            </div>
          ))}
          <button type="button" className="secondary" disabled={!roles.length}
            onClick={() => set('roleMapping', [...mapping, { value: '', roleId: roles[0]?.id ?? '' }])}>{t('setup.saml.addMapping')}</button>
        </fieldset>
        <label className="inline"><input type="checkbox" checked={draft.passwordSignIn} onChange={(e) => set('passwordSignIn', e.target.checked)} /> {t('setup.saml.passwordSignIn')}</label>
        <button type="submit" disabled={save.isPending}>{t('setup.saml.save')}</button>
      </form>
    </section>
  );
}
