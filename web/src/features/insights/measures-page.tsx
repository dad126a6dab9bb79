import { useState } from 'react';
import { ErrorNote } from '../../lib/error-note.tsx';
import { ago } from './format.ts';
import { ProvidersSection } from './providers-section.tsx';
import { SqlMeasureForm } from './sql-measure-form.tsx';
import { MODEL_NAMES } from './types.ts';
import {
  useAlerts, useDeleteMeasure, useMeasureDefinitions, useModel, useProviders, useRecompute, useSaveModelSettings, useSetMeasureEnabled,
  type Definition, type ModelOverview,
} from './queries.ts';
import './insights.css';

const SOURCE: Record<string, string> = { builtin: 'Built in', sql: 'SQL', external: 'External' };

/** Head office: measures with their freshness, the fitted model, recompute now, SQL measures and external providers. */
export function MeasuresPage() {
  // Each read is kept under its own key: a change refetches them all before its confirmation shows (useApiMutation),
  // and a slow reply to an earlier read never replaces a later one.
  const defsQuery = useMeasureDefinitions();
  const defs = defsQuery.data ?? [];
  const modelQuery = useModel();
  const model = modelQuery.data ?? null;
  const alertsQuery = useAlerts();
  const alerts = alertsQuery.data ?? [];
  const providersQuery = useProviders();
  const providers = providersQuery.data ?? [];
  const [message, setMessage] = useState<string | null>(null);
  const recomputer = useRecompute();
  const settings = useSaveModelSettings();
  const enabler = useSetMeasureEnabled();
  const deleter = useDeleteMeasure();
  const error = recomputer.error ?? settings.error ?? enabler.error ?? deleter.error ?? defsQuery.error ?? modelQuery.error ?? alertsQuery.error ?? providersQuery.error;
  const busy = recomputer.isPending;

  const recompute = () => {
    setMessage(null);
    recomputer.mutate(undefined, {
      onSuccess: (r) => setMessage(`Recomputed ${r.customersScored} customers (${r.customersWithOrders} with orders) in ${(r.timingsMs.total / 1000).toFixed(1)} s.${r.notes.length ? ' ' + r.notes.join(' ') : ''}`),
    });
  };
  const saveSettings = (patch: Partial<ModelOverview['settings']>) => settings.mutate(patch, { onSuccess: () => setMessage('Model setting saved; it applies from the next recompute.') });
  const toggle = (d: Definition) => enabler.mutate({ key: d.key, enabled: !d.enabled });
  const remove = (d: Definition) => {
    if (!confirm(`Delete the measure "${d.name}" and its values?`)) return;
    deleter.mutate(d.key, { onSuccess: () => setMessage(`"${d.name}" deleted.`) });
  };
  // Confirmations from the sections below, shown once what they changed has been re-read.
  const done = async (text: string) => { setMessage(text); };

  return (
    <div className="setup-measures">
      <h1>Measures</h1>
      {alerts.length > 0 && (
        <div className="insight-alerts" aria-label="Alerts">
          {alerts.map((a, i) => <div key={i} role="alert" className={`insight-alert ${a.severity === 'error' ? 'error' : ''}`}>{a.message}</div>)}
        </div>
      )}
      {message && <p role="status" className="ok">{message}</p>}
      <ErrorNote error={error} />

      <section aria-label="Model">
        <h2>Model</h2>
        <div className="row">
          {model && (
            <>
              <label>Purchase model<select value={model.settings.transactionModel} onChange={(e) => saveSettings({ transactionModel: e.target.value as 'bgnbd' | 'pareto-nbd' })}>
                <option value="bgnbd">BG/NBD (Fader, Hardie &amp; Lee 2005)</option><option value="pareto-nbd">Pareto/NBD</option>
              </select></label>
              <label>Time unit<select value={model.settings.period} onChange={(e) => saveSettings({ period: e.target.value as 'day' | 'week' })}>
                <option value="week">Weeks</option><option value="day">Days</option>
              </select></label>
            </>
          )}
          <button onClick={recompute} disabled={busy}>{busy ? 'Recomputing…' : 'Recompute now'}</button>
        </div>
        {model && model.fits.length === 0 && <p className="muted">No model fitted yet.</p>}
        {model && model.fits.length > 0 && (
          <table>
            <thead><tr><th>Model</th><th>Parameters</th><th>Log-likelihood</th><th>Customers</th><th>Fitted</th></tr></thead>
            <tbody>{model.fits.map((f) => (
              <tr key={f.model}>
                <td>{MODEL_NAMES[f.model] ?? f.model}{!f.converged && <span className="badge danger"> not converged</span>}</td>
                <td>{Object.entries(f.params).map(([k, v]) => `${k} = ${Number(v).toPrecision(4)}`).join(', ')}{f.model !== 'gamma-gamma' ? ` (${f.period}s)` : ''}</td>
                <td>{f.logLikelihood.toFixed(1)}</td><td>{f.customers}</td><td>{ago(f.fittedAt)}</td>
              </tr>
            ))}</tbody>
          </table>
        )}
      </section>

      <section aria-label="Measure list">
        <h2>Measures and freshness</h2>
        <table>
          <thead><tr><th>Measure</th><th>Source</th><th>Customers</th><th>Computed</th><th>Shown</th><th /></tr></thead>
          <tbody>{defs.map((d) => (
            <tr key={d.key}>
              <td><strong>{d.name}</strong><div className="muted small">{d.description}</div>{d.lastError && <div className="error small">{d.lastError}</div>}</td>
              <td>{SOURCE[d.source]}</td>
              <td>{d.customersWithValue}</td>
              <td>{ago(d.lastComputedAt ?? d.lastRunAt)}</td>
              <td><label className="inline"><input type="checkbox" checked={d.enabled} onChange={() => toggle(d)} aria-label={`Show ${d.name}`} /></label></td>
              <td>{d.source === 'sql' && <button className="secondary" aria-label={`Delete ${d.name}`} onClick={() => remove(d)}>Delete</button>}</td>
            </tr>
          ))}</tbody>
        </table>
      </section>

      <section aria-label="SQL measures"><SqlMeasureForm onSaved={done} /></section>
      <ProvidersSection providers={providers} onChanged={done} />
    </div>
  );
}
