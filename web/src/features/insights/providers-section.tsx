import { useState } from 'react';
import { ErrorNote } from '../../lib/error-note.tsx';
import { ago } from './format.ts';
import { FORMATS } from './types.ts';
import {
  useRemoveProvider, useReplaceSecret, useSaveProvider, useSyncProvider, useValidateProvider,
  type Provider, type ProviderBody, type ProviderMeasure, type ProviderValidation,
} from './queries.ts';

const emptyMapping = (): ProviderMeasure => ({ field: '', key: '', name: '', format: 'number' });

function validationText(v: ProviderValidation) {
  return v.ok
    ? `Connection works: token obtained, ${v.items} customers on the first page (${v.matchedCustomers} matched), fields ${v.fieldsSeen.join(', ') || 'none'}.`
    : `Validation failed: ${v.errors.join(' ')}`;
}

/** External providers: OAuth2 client credentials (the secret is write-only), expiry alert, Validate, sync. */
export function ProvidersSection({ providers, onChanged }: { providers: Provider[]; onChanged(message: string): void }) {
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
  const validate = (target: { id: string } | { draft: ProviderBody }) => { start(); validator.mutate(target, { onSuccess: (v) => setStatus({ ok: v.ok, text: validationText(v) }) }); };
  // Replacing an expiring secret: a new secret and its new expiry date, validated on save.
  const [rotating, setRotating] = useState<{ id: string; secret: string; expires: string } | null>(null);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const payload = (): ProviderBody => ({ ...form, customerKey: form.customerKey as ProviderBody['customerKey'], secretExpiresAt: form.secretExpiresAt || null, scope: form.scope || null, measures: mapping.filter((m) => m.field && m.key) });
  const expiresSoon = form.secretExpiresAt && (Date.parse(form.secretExpiresAt) - Date.now()) / 86_400_000 <= 30;

  return (
    <section aria-label="External providers">
      <h2>External providers</h2>
      {providers.length === 0 ? <p className="muted">No external provider yet.</p> : (
        <table>
          <thead><tr><th>Provider</th><th>Measures</th><th>Client secret</th><th>Last pulled</th><th /></tr></thead>
          <tbody>
            {providers.map((p) => (
              <tr key={p.id}>
                <td><strong>{p.name}</strong><div className="muted small">{p.baseUrl}</div>{p.lastError && <div className="error small">{p.lastError}</div>}</td>
                <td>{p.measures.map((m) => m.name).join(', ')}</td>
                <td>
                  {p.secretExpiresAt ? `Expires ${p.secretExpiresAt.slice(0, 10)}` : 'No expiry date'}{' '}
                  {p.secretDaysLeft !== null && p.secretDaysLeft < 0 && <span className="badge danger">Expired</span>}
                  {p.secretDaysLeft !== null && p.secretDaysLeft >= 0 && p.secretDaysLeft <= 30 && <span className="badge danger">{p.secretDaysLeft} days left</span>}
                </td>
                <td>{ago(p.lastSyncedAt)}</td>
                <td className="row">
                  <button className="secondary" disabled={busy} aria-label={`Validate ${p.name}`} onClick={() => validate({ id: p.id })}>Validate</button>
                  <button className="secondary" disabled={busy} aria-label={`Pull now from ${p.name}`} onClick={() => { start(); syncer.mutate(p.id, { onSuccess: (r) => onChanged(r.error ? `Pull failed: ${r.error}` : `Pulled values for ${r.customers} customers from ${p.name}.`) }); }}>Pull now</button>
                  <button className="secondary" disabled={busy} aria-label={`Replace the secret of ${p.name}`} onClick={() => setRotating({ id: p.id, secret: '', expires: '' })}>Replace secret</button>
                  <button className="secondary" disabled={busy} aria-label={`Remove ${p.name}`} onClick={() => { if (!confirm(`Remove ${p.name} and its measures?`)) return; start(); remover.mutate(p.id, { onSuccess: () => onChanged(`${p.name} removed.`) }); }}>Remove</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {rotating && (
        <form className="card row" onSubmit={(e) => {
          e.preventDefault(); start();
          secret.mutate({ id: rotating.id, clientSecret: rotating.secret, secretExpiresAt: rotating.expires || null }, { onSuccess: () => { setRotating(null); onChanged('Client secret replaced.'); } });
        }}>
          <label>New client secret<input type="password" autoComplete="new-password" value={rotating.secret} onChange={(e) => setRotating({ ...rotating, secret: e.target.value })} required /></label>
          <label>New secret expires on<input type="date" value={rotating.expires} onChange={(e) => setRotating({ ...rotating, expires: e.target.value })} /></label>
          <button type="submit" disabled={busy}>Save secret</button>
          <button type="button" className="secondary" onClick={() => setRotating(null)}>Cancel</button>
        </form>
      )}

      <form className="card" style={{ marginTop: '1rem' }} onSubmit={(e) => {
        e.preventDefault(); start();
        saver.mutate(payload(), { onSuccess: () => { setForm({ ...form, name: '', clientSecret: '' }); onChanged(`Provider "${form.name}" saved.`); } });
      }}>
        <h3>Add a provider</h3>
        <p className="muted">OAuth2 client credentials over HTTPS. The secret is stored encrypted and never shown again.</p>
        <div className="form-grid">
          <label>Provider name<input value={form.name} onChange={set('name')} required /></label>
          <label>Token URL<input value={form.tokenUrl} onChange={set('tokenUrl')} placeholder="https://login.example.com/oauth2/token" required /></label>
          <label>Client ID<input value={form.clientId} onChange={set('clientId')} required /></label>
          <label>Client secret<input type="password" autoComplete="new-password" value={form.clientSecret} onChange={set('clientSecret')} required /></label>
          <label>Secret expires on<input type="date" value={form.secretExpiresAt} onChange={set('secretExpiresAt')} /></label>
          <label>Scope<input value={form.scope} onChange={set('scope')} placeholder="optional" /></label>
          <label>Measures URL<input value={form.baseUrl} onChange={set('baseUrl')} placeholder="https://insights.example.com/measures" required /></label>
          <label>Provider's customer id<select value={form.customerKey} onChange={set('customerKey')}>
            <option value="accountNumber">Customer account number</option><option value="externalId">External id (CRM)</option><option value="id">Clienteling id</option>
          </select></label>
        </div>
        {expiresSoon && <p role="alert" className="error">This secret expires within 30 days: measures stop refreshing when it does.</p>}
        <h4>Measures to pull</h4>
        {mapping.map((m, i) => {
          const upd = (k: keyof ProviderMeasure) => (e: { target: { value: string } }) => setMapping(mapping.map((x, j) => (j === i ? { ...x, [k]: e.target.value } : x)));
          return (
            <div className="mapping-row" key={i}>
              <label>Provider field {i + 1}<input value={m.field} onChange={upd('field')} /></label>
              <label>Measure key {i + 1}<input value={m.key} onChange={upd('key')} pattern="[a-z][a-z0-9_]{1,49}" /></label>
              <label>Measure name {i + 1}<input value={m.name} onChange={upd('name')} /></label>
              <label>Measure format {i + 1}<select value={m.format} onChange={upd('format')}>{FORMATS.map(([v, l]) => <option key={v} value={v}>{l}</option>)}</select></label>
              <button type="button" className="secondary" aria-label={`Remove measure ${i + 1}`} onClick={() => setMapping(mapping.filter((_, j) => j !== i))} disabled={mapping.length === 1}>×</button>
            </div>
          );
        })}
        <div className="row">
          <button type="button" className="secondary" onClick={() => setMapping([...mapping, emptyMapping()])}>Add measure</button>
          <button type="button" className="secondary" disabled={busy} onClick={() => validate({ draft: payload() })}>Validate</button>
          <button type="submit" disabled={busy}>Save provider</button>
        </div>
      </form>
      {status && <p role="status" className={status.ok ? 'ok' : 'error'}>{status.text}</p>}
      <ErrorNote error={error} />
    </section>
  );
}
