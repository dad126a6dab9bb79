import { useState } from 'react';
import type { TFunction } from 'i18next';
import { ErrorNote } from '../../lib/error-note.tsx';
import { ago } from '../../i18n/ago.ts';
import { useT, type Formatter } from '../../i18n/i18n.ts';
import { serverText, serverTexts, type KeyedText } from '../../i18n/server-text.ts';
import { FORMATS } from './types.ts';
import {
  useRemoveProvider, useReplaceSecret, useSaveProvider, useSyncProvider, useValidateProvider,
  type Provider, type ProviderBody, type ProviderMeasure, type ProviderValidation,
} from './queries.ts';

const emptyMapping = (): ProviderMeasure => ({ field: '', key: '', name: '', format: 'number' });

// Examples of addresses, not words to translate.
const TOKEN_URL_EXAMPLE = 'https://login.example.com/oauth2/token';
const MEASURES_URL_EXAMPLE = 'https://insights.example.com/measures';

function validationText(v: ProviderValidation, t: TFunction, format: Formatter) {
  return v.ok
    ? t('providers.works', { items: format.number(v.items), matched: format.number(v.matchedCustomers), fields: v.fieldsSeen.join(', ') || t('providers.noFields') })
    : t('providers.failed', { errors: serverTexts(t, 'measureNote', v.notes as KeyedText[], v.errors.join(' ')) });
}

/** External providers: OAuth2 client credentials (the secret is write-only), expiry alert, Validate, sync. */
export function ProvidersSection({ providers, onChanged }: { providers: Provider[]; onChanged(message: string): void }) {
  const { t, format } = useT();
  const [form, setForm] = useState({ name: '', tokenUrl: '', clientId: '', clientSecret: '', secretExpiresAt: '', scope: '', baseUrl: '', customerKey: 'accountNumber' });
  const [mapping, setMapping] = useState<ProviderMeasure[]>([emptyMapping()]);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const validator = useValidateProvider();
  const syncer = useSyncProvider();
  const saver = useSaveProvider();
  const secret = useReplaceSecret();
  const remover = useRemoveProvider();
  const calls = [validator, syncer, saver, secret, remover];
  const busy = calls.some((c) => c.isPending);
  const error = calls.find((c) => c.error)?.error;
  // One request at a time from this section; each clears the last outcome shown.
  const start = () => { setStatus(null); calls.forEach((c) => c.reset()); };
  const validate = (target: { id: string } | { draft: ProviderBody }) => { start(); validator.mutate(target, { onSuccess: (v) => setStatus({ ok: v.ok, text: validationText(v, t, format) }) }); };
  // Replacing an expiring secret: a new secret and its new expiry date, validated on save.
  const [rotating, setRotating] = useState<{ id: string; secret: string; expires: string } | null>(null);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const payload = (): ProviderBody => ({ ...form, customerKey: form.customerKey as ProviderBody['customerKey'], secretExpiresAt: form.secretExpiresAt || null, scope: form.scope || null, measures: mapping.filter((m) => m.field && m.key) });
  const expiresSoon = form.secretExpiresAt && (Date.parse(form.secretExpiresAt) - Date.now()) / 86_400_000 <= 30;

  return (
    <section aria-label={t('providers.title')}>
      <h2>{t('providers.title')}</h2>
      {providers.length === 0 ? <p className="muted">{t('providers.none')}</p> : (
        <table>
          <thead><tr><th>{t('providers.provider')}</th><th>{t('providers.measures')}</th><th>{t('providers.clientSecret')}</th><th>{t('providers.lastPulled')}</th><th /></tr></thead>
          <tbody>
            {providers.map((p) => (
              <tr key={p.id}>
                <td><strong>{p.name}</strong><div className="muted small">{p.baseUrl}</div>{p.lastError && <div className="error small">{p.lastError}</div>}</td>
                <td>{p.measures.map((m) => m.name).join(', ')}</td>
                <td>
                  {p.secretExpiresAt ? t('providers.expires', { date: format.day(p.secretExpiresAt) }) : t('providers.noExpiry')}{' '}
                  {p.secretDaysLeft !== null && p.secretDaysLeft < 0 && <span className="badge danger">{t('providers.expired')}</span>}
                  {p.secretDaysLeft !== null && p.secretDaysLeft >= 0 && p.secretDaysLeft <= 30 && <span className="badge danger">{t('providers.daysLeft', { count: p.secretDaysLeft })}</span>}
                </td>
                <td>{ago(p.lastSyncedAt, t, format.locale)}</td>
                <td className="row">
                  <button className="secondary" disabled={busy} aria-label={t('providers.validateLabel', { name: p.name })} onClick={() => validate({ id: p.id })}>{t('providers.validate')}</button>
                  <button className="secondary" disabled={busy} aria-label={t('providers.pullLabel', { name: p.name })} onClick={() => { start(); syncer.mutate(p.id, { onSuccess: (r) => onChanged(r.error ? t('providers.pullFailed', { error: serverText(t, 'measureNote', r.errorNote, r.error) }) : t('providers.pulled', { customers: format.number(r.customers), name: p.name })) }); }}>{t('providers.pullNow')}</button>
                  <button className="secondary" disabled={busy} aria-label={t('providers.replaceLabel', { name: p.name })} onClick={() => setRotating({ id: p.id, secret: '', expires: '' })}>{t('providers.replaceSecret')}</button>
                  <button className="secondary" disabled={busy} aria-label={t('providers.removeLabel', { name: p.name })} onClick={() => { if (!confirm(t('providers.confirmRemove', { name: p.name }))) return; start(); remover.mutate(p.id, { onSuccess: () => onChanged(t('providers.removed', { name: p.name })) }); }}>{t('providers.remove')}</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {rotating && (
        <form className="card row" onSubmit={(e) => {
          e.preventDefault(); start();
          secret.mutate({ id: rotating.id, clientSecret: rotating.secret, secretExpiresAt: rotating.expires || null }, { onSuccess: () => { setRotating(null); onChanged(t('providers.secretReplaced')); } });
        }}>
          <label>{t('providers.newSecret')}<input type="password" autoComplete="new-password" value={rotating.secret} onChange={(e) => setRotating({ ...rotating, secret: e.target.value })} required /></label>
          <label>{t('providers.newSecretExpires')}<input type="date" value={rotating.expires} onChange={(e) => setRotating({ ...rotating, expires: e.target.value })} /></label>
          <button type="submit" disabled={busy}>{t('providers.saveSecret')}</button>
          <button type="button" className="secondary" onClick={() => setRotating(null)}>{t('common.cancel')}</button>
        </form>
      )}

      <form className="card" style={{ marginTop: '1rem' }} onSubmit={(e) => {
        e.preventDefault(); start();
        saver.mutate(payload(), { onSuccess: () => { setForm({ ...form, name: '', clientSecret: '' }); onChanged(t('providers.saved', { name: form.name })); } });
      }}>
        <h3>{t('providers.add')}</h3>
        <p className="muted">{t('providers.addHelp')}</p>
        <div className="form-grid">
          <label>{t('providers.name')}<input value={form.name} onChange={set('name')} required /></label>
          <label>{t('providers.tokenUrl')}<input value={form.tokenUrl} onChange={set('tokenUrl')} placeholder={TOKEN_URL_EXAMPLE} required /></label>
          <label>{t('providers.clientId')}<input value={form.clientId} onChange={set('clientId')} required /></label>
          <label>{t('providers.clientSecret')}<input type="password" autoComplete="new-password" value={form.clientSecret} onChange={set('clientSecret')} required /></label>
          <label>{t('providers.secretExpires')}<input type="date" value={form.secretExpiresAt} onChange={set('secretExpiresAt')} /></label>
          <label>{t('providers.scope')}<input value={form.scope} onChange={set('scope')} placeholder={t('providers.optional')} /></label>
          <label>{t('providers.measuresUrl')}<input value={form.baseUrl} onChange={set('baseUrl')} placeholder={MEASURES_URL_EXAMPLE} required /></label>
          <label>{t('providers.customerId')}<select value={form.customerKey} onChange={set('customerKey')}>
            <option value="accountNumber">{t('providers.customerKey.accountNumber')}</option><option value="externalId">{t('providers.customerKey.externalId')}</option><option value="id">{t('providers.customerKey.id')}</option>
          </select></label>
        </div>
        {expiresSoon && <p role="alert" className="error">{t('providers.expiresSoon')}</p>}
        <h4>{t('providers.toPull')}</h4>
        {mapping.map((m, i) => {
          const upd = (k: keyof ProviderMeasure) => (e: { target: { value: string } }) => setMapping(mapping.map((x, j) => (j === i ? { ...x, [k]: e.target.value } : x)));
          return (
            <div className="mapping-row" key={i}>
              <label>{t('providers.field', { n: i + 1 })}<input value={m.field} onChange={upd('field')} /></label>
              <label>{t('providers.measureKey', { n: i + 1 })}<input value={m.key} onChange={upd('key')} pattern="[a-z][a-z0-9_]{1,49}" /></label>
              <label>{t('providers.measureName', { n: i + 1 })}<input value={m.name} onChange={upd('name')} /></label>
              <label>{t('providers.measureFormat', { n: i + 1 })}<select value={m.format} onChange={upd('format')}>{FORMATS.map(([v]) => <option key={v} value={v}>{t(`measureFormats.${v}`)}</option>)}</select></label>
              <button type="button" className="secondary" aria-label={t('providers.removeMeasure', { n: i + 1 })} onClick={() => setMapping(mapping.filter((_, j) => j !== i))} disabled={mapping.length === 1}>×</button>
            </div>
          );
        })}
        <div className="row">
          <button type="button" className="secondary" onClick={() => setMapping([...mapping, emptyMapping()])}>{t('providers.addMeasure')}</button>
          <button type="button" className="secondary" disabled={busy} onClick={() => validate({ draft: payload() })}>{t('providers.validate')}</button>
          <button type="submit" disabled={busy}>{t('providers.save')}</button>
        </div>
      </form>
      {status && <p role="status" className={status.ok ? 'ok' : 'error'}>{status.text}</p>}
      <ErrorNote error={error} />
    </section>
  );
}
