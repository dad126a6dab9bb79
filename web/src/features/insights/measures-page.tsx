import { useState } from 'react';
import { ErrorNote } from '../../lib/error-note.tsx';
import { ago } from '../../i18n/ago.ts';
import { useT } from '../../i18n/i18n.ts';
import { serverText, serverTexts } from '../../i18n/server-text.ts';
import { ProvidersSection } from './providers-section.tsx';
import { SqlMeasureForm } from './sql-measure-form.tsx';
import { MODEL_NAMES } from './types.ts';
import {
  useAlerts, useDeleteMeasure, useMeasureDefinitions, useModel, useProviders, useRecompute, useSaveModelSettings, useSetMeasureEnabled,
  type Alert, type Definition, type ModelOverview,
} from './queries.ts';
import './insights.css';

/** Head office: measures with their freshness, the fitted model, recompute now, SQL measures and external providers. */
export function MeasuresPage() {
  const { t, format } = useT();
  /** A built-in measure's name in the reader's language; head office's own as it named them. */
  const measureName = (d: { key: string; name: string; source: string }) => (d.source === 'builtin' ? serverText(t, 'measureName', { key: d.key }, d.name) : d.name);
  /** An alert in the reader's language: a failed measure's is its heading then why (measureNote), else the English whole. */
  const alertText = (a: Alert) => {
    if (!a.notes) return serverText(t, 'insightAlert', a.messageText, a.message);
    const heading = serverText(t, 'insightAlert', a.messageText, '');
    const why = serverTexts(t, 'measureNote', a.notes, '');
    return heading && why ? `${heading} ${why}` : a.message;
  };
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
      onSuccess: (r) => setMessage(t('measuresSetup.recomputed', {
        scored: format.number(r.customersScored), withOrders: format.number(r.customersWithOrders),
        seconds: format.number(r.timingsMs.total / 1000, { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
      }) + (r.notes.length ? ' ' + serverTexts(t, 'measureNote', r.noteTexts, r.notes.join(' ')) : '')),
    });
  };
  const saveSettings = (patch: Partial<ModelOverview['settings']>) => settings.mutate(patch, { onSuccess: () => setMessage(t('measuresSetup.settingSaved')) });
  const toggle = (d: Definition) => enabler.mutate({ key: d.key, enabled: !d.enabled });
  const remove = (d: Definition) => {
    if (!confirm(t('measuresSetup.confirmDelete', { name: d.name }))) return;
    deleter.mutate(d.key, { onSuccess: () => setMessage(t('measuresSetup.deleted', { name: d.name })) });
  };
  // Confirmations from the sections below, shown once what they changed has been re-read.
  const done = async (text: string) => { setMessage(text); };

  return (
    <div className="setup-measures">
      <h1>{t('measuresSetup.title')}</h1>
      {alerts.length > 0 && (
        <div className="insight-alerts" aria-label={t('measuresSetup.alerts')}>
          {alerts.map((a, i) => <div key={i} role="alert" className={`insight-alert ${a.severity === 'error' ? 'error' : ''}`}>{alertText(a)}</div>)}
        </div>
      )}
      {message && <p role="status" className="ok">{message}</p>}
      <ErrorNote error={error} />

      <section aria-label={t('measuresSetup.model')}>
        <h2>{t('measuresSetup.model')}</h2>
        <div className="row">
          {model && (
            <>
              <label>{t('measuresSetup.purchaseModel')}<select value={model.settings.transactionModel} onChange={(e) => saveSettings({ transactionModel: e.target.value as 'bgnbd' | 'pareto-nbd' })}>
                <option value="bgnbd">{t('measuresSetup.bgnbd')}</option><option value="pareto-nbd">{MODEL_NAMES['pareto-nbd']}</option>
              </select></label>
              <label>{t('measuresSetup.timeUnit')}<select value={model.settings.period} onChange={(e) => saveSettings({ period: e.target.value as 'day' | 'week' })}>
                <option value="week">{t('measuresSetup.weeks')}</option><option value="day">{t('measuresSetup.days')}</option>
              </select></label>
            </>
          )}
          <button onClick={recompute} disabled={busy}>{busy ? t('measuresSetup.recomputing') : t('measuresSetup.recomputeNow')}</button>
        </div>
        {model && model.fits.length === 0 && <p className="muted">{t('measuresSetup.noModel')}</p>}
        {model && model.fits.length > 0 && (
          <table>
            <thead><tr><th>{t('measuresSetup.model')}</th><th>{t('measuresSetup.parameters')}</th><th>{t('measuresSetup.logLikelihood')}</th><th>{t('measuresSetup.customers')}</th><th>{t('measuresSetup.fitted')}</th></tr></thead>
            <tbody>{model.fits.map((f) => (
              <tr key={f.model}>
                <td>{f.model === 'gamma-gamma' ? t('measuresSetup.gammaGamma') : MODEL_NAMES[f.model] ?? f.model}{!f.converged && <span className="badge danger"> {t('measuresSetup.notConverged')}</span>}</td>
                <td>{Object.entries(f.params).map(([k, v]) => `${k} = ${format.number(Number(v), { minimumSignificantDigits: 4, maximumSignificantDigits: 4 })}`).join(', ')}{f.model !== 'gamma-gamma' ? ` (${f.period === 'day' || f.period === 'week' ? t(`measuresSetup.unit.${f.period}`) : f.period})` : ''}</td>
                <td>{format.number(f.logLikelihood, { minimumFractionDigits: 1, maximumFractionDigits: 1 })}</td><td>{format.number(f.customers)}</td><td>{ago(f.fittedAt, t, format.locale)}</td>
              </tr>
            ))}</tbody>
          </table>
        )}
      </section>

      <section aria-label={t('measuresSetup.measureList')}>
        <h2>{t('measuresSetup.freshness')}</h2>
        <table>
          <thead><tr><th>{t('measuresSetup.measure')}</th><th>{t('measuresSetup.sourceHeading')}</th><th>{t('measuresSetup.customers')}</th><th>{t('measuresSetup.computed')}</th><th>{t('measuresSetup.shown')}</th><th /></tr></thead>
          <tbody>{defs.map((d) => (
            <tr key={d.key}>
              <td><strong>{measureName(d)}</strong><div className="muted small">{d.source === 'builtin' ? serverText(t, 'measureDescription', { key: d.key }, d.description ?? '') : d.description}</div>{d.lastError && <div className="error small">{serverTexts(t, 'measureNote', d.lastErrorNotes, d.lastError)}</div>}</td>
              <td>{t(`measuresSetup.source.${d.source}`)}</td>
              <td>{format.number(d.customersWithValue)}</td>
              <td>{ago(d.lastComputedAt ?? d.lastRunAt, t, format.locale)}</td>
              <td><label className="inline"><input type="checkbox" checked={d.enabled} onChange={() => toggle(d)} aria-label={t('measuresSetup.showLabel', { name: measureName(d) })} /></label></td>
              <td>{d.source === 'sql' && <button className="secondary" aria-label={t('measuresSetup.deleteLabel', { name: d.name })} onClick={() => remove(d)}>{t('measuresSetup.delete')}</button>}</td>
            </tr>
          ))}</tbody>
        </table>
      </section>

      <section aria-label={t('measuresSetup.sqlMeasures')}><SqlMeasureForm onSaved={done} /></section>
      <ProvidersSection providers={providers} onChanged={done} />
    </div>
  );
}
