import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../../lib/api.ts';
import { ago } from './format.ts';
import { ProvidersSection } from './providers-section.tsx';
import { SqlMeasureForm } from './sql-measure-form.tsx';
import { MODEL_NAMES, type Alert, type Definition, type ModelOverview, type Provider } from './types.ts';
import './insights.css';

const SOURCE: Record<string, string> = { builtin: 'Built in', sql: 'SQL', external: 'External' };

interface RecomputeResult { customersScored: number; customersWithOrders: number; notes: string[]; timingsMs: { total: number } }

/** Head office: measures with their freshness, the fitted model, recompute now, SQL measures and external providers. */
export function MeasuresPage() {
  const [defs, setDefs] = useState<Definition[]>([]);
  const [model, setModel] = useState<ModelOverview | null>(null);
  const [alerts, setAlerts] = useState<Alert[]>([]);
  const [providers, setProviders] = useState<Provider[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Reads after a change can overlap an earlier load: only the latest load's replies are shown, so a slow stale
  // reply never overwrites fresh data.
  const generation = useRef(0);
  const load = useCallback(async () => {
    const gen = ++generation.current;
    const latest = <T,>(set: (v: T) => void) => (v: T) => { if (gen === generation.current) set(v); };
    await Promise.all([
      api<Definition[]>('insights/measures').then(latest(setDefs)).catch((e) => setError(e.message)),
      api<ModelOverview>('insights/model').then(latest(setModel)).catch(() => {}),
      api<Alert[]>('insights/alerts').then(latest(setAlerts)).catch(() => {}),
      api<Provider[]>('insights/providers').then(latest(setProviders)).catch(() => {}),
    ]);
  }, []);
  useEffect(() => { void load(); }, [load]);
  // The confirmation shows once the page has re-read what the change affects (alerts, freshness, the model), so it
  // never sits beside the state from before the change.
  const done = async (text: string) => { await load(); setMessage(text); };

  const recompute = async () => {
    setBusy(true); setError(null); setMessage(null);
    try {
      const r = await api<RecomputeResult>('insights/recompute', { body: {} });
      await done(`Recomputed ${r.customersScored} customers (${r.customersWithOrders} with orders) in ${(r.timingsMs.total / 1000).toFixed(1)} s.${r.notes.length ? ' ' + r.notes.join(' ') : ''}`);
    } catch (e) { setError((e as Error).message); } finally { setBusy(false); }
  };
  const saveSettings = async (patch: Partial<ModelOverview['settings']>) => {
    try { await api('insights/settings', { method: 'PUT', body: patch }); await done('Model setting saved; it applies from the next recompute.'); } catch (e) { setError((e as Error).message); }
  };
  const toggle = async (d: Definition) => {
    try { await api(`insights/measures/${d.key}`, { method: 'PATCH', body: { enabled: !d.enabled } }); await load(); } catch (e) { setError((e as Error).message); }
  };
  const remove = async (d: Definition) => {
    if (!confirm(`Delete the measure "${d.name}" and its values?`)) return;
    try { await api(`insights/measures/${d.key}`, { method: 'DELETE' }); await done(`"${d.name}" deleted.`); } catch (e) { setError((e as Error).message); }
  };

  return (
    <div className="setup-measures">
      <h1>Measures</h1>
      {alerts.length > 0 && (
        <div className="insight-alerts" aria-label="Alerts">
          {alerts.map((a, i) => <div key={i} role="alert" className={`insight-alert ${a.severity === 'error' ? 'error' : ''}`}>{a.message}</div>)}
        </div>
      )}
      {message && <p role="status" className="ok">{message}</p>}
      {error && <p role="alert" className="error">{error}</p>}

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
