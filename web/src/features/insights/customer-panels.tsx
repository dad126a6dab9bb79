import { ErrorNote } from '../../lib/error-note.tsx';
import type { CustomerPanel } from '../../lib/feature.ts';
import { useCustomerMeasures, useNextBestActions } from './queries.ts';
import { ago, driverLines, modelLine } from './format.ts';
import { formatMeasureValue } from '../../../../shared/measures.ts';
import './insights.css';

const CHANNEL: Record<string, string> = { email: 'Email', sms: 'SMS', whatsapp: 'WhatsApp', phone: 'Phone', mail: 'Post', 'in-store': 'At the next store visit' };

/** Insights: next best actions, then each measure with its value, why (drivers) and when it was computed. */
function InsightsPanel({ customerId }: { customerId: string }) {
  const { data, error } = useCustomerMeasures(customerId);
  const nba = useNextBestActions(customerId);
  const actions = nba.data ?? [];
  if (error) return <ErrorNote error={error} />;
  if (!data) return <p className="muted">Loading insights…</p>;
  const measures = data.measures.filter((m) => m.key !== 'next_best_action');
  return (
    <div className="insights-panel">
      <section aria-label="Next best actions">
        <h3>Next best actions</h3>
        <ErrorNote error={nba.error} />
        {nba.isPending ? <p className="muted">Loading…</p> : actions.length === 0 ? <p className="muted">Nothing to suggest right now.</p> : (
          <ol className="nba-list">
            {actions.slice(0, 4).map((a) => (
              <li key={a.key}>
                <strong>{a.title}</strong> <span className="badge">{CHANNEL[a.channel] ?? a.channel}</span>
                <ul className="muted">{a.reasons.map((r) => <li key={r}>{r}</li>)}</ul>
              </li>
            ))}
          </ol>
        )}
      </section>
      <h3>Measures</h3>
      {measures.length === 0 ? <p className="muted">No measures yet: they appear after the next recompute once the customer has orders.</p> : (
        <ul className="measure-list">
          {measures.map((m) => {
            const lines = driverLines(m.drivers, data.currency);
            const model = modelLine(m.drivers);
            const explanation = typeof m.drivers?.explanation === 'string' ? m.drivers.explanation : null;
            return (
              <li key={m.key} className="measure" aria-label={m.name}>
                <div className="measure-head">
                  <span className="measure-name">{m.name}</span>
                  <span className="measure-value">{formatMeasureValue(m.format, m, data.currency) ?? '—'}</span>
                </div>
                <div className="muted small">Computed {ago(m.computedAt)}{m.source !== 'builtin' ? ` · ${m.source === 'sql' ? 'head-office measure' : 'external provider'}` : ''}</div>
                {(explanation || lines.length > 0 || model) && (
                  <details>
                    <summary>Why</summary>
                    {explanation && <p>{explanation}</p>}
                    {(lines.length > 0 || model) && (
                      <details className="statistics">
                        <summary>Details</summary>
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
