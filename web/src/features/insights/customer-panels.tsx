import { ErrorNote } from '../../lib/error-note.tsx';
import type { CustomerPanel } from '../../lib/feature.ts';
import { useT } from '../../i18n/i18n.ts';
import { ago } from '../../i18n/ago.ts';
import { serverText, type KeyedText } from '../../i18n/server-text.ts';
import { useCustomerMeasures, useNextBestActions } from './queries.ts';
import { driverLines, modelLine } from './format.ts';
import { formatMeasureValue } from '../../../../shared/measures.ts';
import './insights.css';

const CHANNELS = ['email', 'sms', 'whatsapp', 'phone', 'mail', 'in-store'] as const;

/** Insights: next best actions, then each measure with its value, why (drivers) and when it was computed. */
function InsightsPanel({ customerId }: { customerId: string }) {
  const { t, format } = useT();
  const { data, error } = useCustomerMeasures(customerId);
  const nba = useNextBestActions(customerId);
  const actions = nba.data ?? [];
  if (error) return <ErrorNote error={error} />;
  if (!data) return <p className="muted">{t('insightsPanel.loading')}</p>;
  const measures = data.measures.filter((m) => m.key !== 'next_best_action');
  const channel = (c: string) => ((CHANNELS as readonly string[]).includes(c) ? t(`insightsPanel.channel.${c as (typeof CHANNELS)[number]}`) : c);
  return (
    <div className="insights-panel">
      <section aria-label={t('insightsPanel.nextBestActions')}>
        <h3>{t('insightsPanel.nextBestActions')}</h3>
        <ErrorNote error={nba.error} />
        {nba.isPending ? <p className="muted">{t('common.loading')}</p> : actions.length === 0 ? <p className="muted">{t('insightsPanel.nothingToSuggest')}</p> : (
          <ol className="nba-list">
            {actions.slice(0, 4).map((a) => (
              <li key={a.key}>
                <strong>{serverText(t, 'nba.title', { key: a.key }, a.title)}</strong> <span className="badge">{channel(a.channel)}</span>
                <ul className="muted">{a.reasons.map((r, i) => <li key={r}>{serverText(t, 'nba.reason', a.reasonTexts?.[i], r)}</li>)}</ul>
              </li>
            ))}
          </ol>
        )}
      </section>
      <h3>{t('insightsPanel.measures')}</h3>
      {measures.length === 0 ? <p className="muted">{t('insightsPanel.noMeasures')}</p> : (
        <ul className="measure-list">
          {measures.map((m) => {
            const lines = driverLines(m.drivers, data.currency, t, format);
            const model = modelLine(m.drivers, t, format);
            const english = typeof m.drivers?.explanation === 'string' ? m.drivers.explanation : null;
            const explanation = english && serverText(t, 'measureWhy', m.drivers?.explanationText as KeyedText | undefined, english);
            const name = serverText(t, 'measureName', m.nameKey ? { key: m.nameKey } : null, m.name);
            const source = m.source === 'builtin' ? '' : ` · ${m.source === 'sql' ? t('insightsPanel.headOfficeMeasure') : t('insightsPanel.externalProvider')}`;
            return (
              <li key={m.key} className="measure" aria-label={name}>
                <div className="measure-head">
                  <span className="measure-name">{name}</span>
                  <span className="measure-value">{m.valueKey ? serverText(t, 'rfmSegment', { key: m.valueKey }, m.valueText ?? '') : formatMeasureValue(m.format, m, data.currency, format.locale) ?? '—'}</span>
                </div>
                <div className="muted small">{t('insightsPanel.computed', { ago: ago(m.computedAt, t, format.locale) })}{source}</div>
                {(explanation || lines.length > 0 || model) && (
                  <details>
                    <summary>{t('insightsPanel.why')}</summary>
                    {explanation && <p>{explanation}</p>}
                    {(lines.length > 0 || model) && (
                      <details className="statistics">
                        <summary>{t('insightsPanel.details')}</summary>
                        {lines.length > 0 && <dl className="drivers">{lines.map((l) => <div key={l.label}><dt>{l.label}</dt><dd>{l.value}</dd></div>)}</dl>}
                        {model && <p className="muted small">{model}</p>}
                      </details>
                    )}
                  </details>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

export const customerPanels: CustomerPanel[] = [
  { key: 'insights', title: 'Insights', order: 45, permission: 'customers.view', component: InsightsPanel },
];
