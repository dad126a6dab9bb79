import { useEffect, useState } from 'react';
import { ErrorNote } from '../../lib/error-note.tsx';
import { useSession } from '../../lib/session.tsx';
import { useQueryParams, useRouter } from '../../lib/router.tsx';
import { currentMonth, RULE_LABELS } from './format.ts';
import { formatMoney } from '../../../../shared/money.ts';
import { useStatement } from './queries.ts';
import './attribution.css';

const FIRST_ENTRIES = 30;

// "My sales": the sales credited to the associate in a month, why each was credited, and the commission.
// A manager opens the same page for one of their associates from the store leaderboard (?associate=…).
export function MySalesPage() {
  const { me } = useSession();
  const params = useQueryParams();
  const { navigate } = useRouter();
  const associateId = params.get('associate') ?? me!.associateId;
  const period = params.get('period') ?? currentMonth();
  const { data: statement, error } = useStatement(associateId, period);
  // A busy month has hundreds of credited lines: the first ones, then all on request.
  const [showAll, setShowAll] = useState(false);
  useEffect(() => setShowAll(false), [associateId, period]);

  const setPeriod = (p: string) => {
    if (!p) return;
    const qs = new URLSearchParams(params);
    qs.set('period', p);
    navigate(`/my-sales?${qs.toString()}`);
  };
  const own = associateId === me!.associateId;
  const c = statement?.currency ?? me!.legalEntity.currency;
  const csvUrl = `/api/v1/attribution/statements/${associateId}/csv?period=${period}`;

  return (
    <div className="attribution">
      <h1>{own ? 'My sales' : `Sales of ${statement?.associate.name ?? '…'}`}</h1>
      <div className="row toolbar">
        <label>Month<input type="month" value={period} onChange={(e) => setPeriod(e.target.value)} /></label>
        <a className="button secondary" href={csvUrl} download>Download statement (CSV)</a>
      </div>
      <ErrorNote error={error} />
      {statement && (
        <>
          <div className="kpis" aria-label="Statement totals">
            <div className="kpi"><span>Attributed sales</span><strong>{formatMoney(statement.totals.salesMinor, c)}</strong></div>
            <div className="kpi"><span>Returns</span><strong>{formatMoney(statement.totals.returnsMinor, c)}</strong></div>
            <div className="kpi"><span>Net</span><strong>{formatMoney(statement.totals.netMinor, c)}</strong></div>
            <div className="kpi accent"><span>Commission</span><strong data-testid="commission-total">{formatMoney(statement.totals.commissionMinor, c)}</strong></div>
          </div>
          <p className="muted">{statement.plan ? `Commission plan: ${statement.plan.name}.` : 'No commission plan covers this month; sales are shown without commission.'}</p>

          <h2>Commission statement</h2>
          {statement.lines.length === 0 ? <p className="muted">No sales were credited to {own ? 'you' : statement.associate.name} this month.</p> : (
            <table aria-label="Commission statement">
              <thead><tr><th>Store</th><th>Category</th><th className="num">Sales</th><th className="num">Returns</th><th className="num">Rate</th><th className="num">Commission</th></tr></thead>
              <tbody>
                {statement.lines.map((l) => (
                  <tr key={`${l.storeId}|${l.category}`}>
                    <td>{l.storeName ?? 'Online'}</td><td>{l.category}</td>
                    <td className="num">{formatMoney(l.salesMinor, c)}</td><td className="num">{formatMoney(l.returnsMinor, c)}</td>
                    <td className="num" title={l.rateSource}>{l.ratePercent}%</td><td className="num">{formatMoney(l.commissionMinor, c)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot><tr><th colSpan={2}>Total</th><th className="num">{formatMoney(statement.totals.salesMinor, c)}</th><th className="num">{formatMoney(statement.totals.returnsMinor, c)}</th><th /><th className="num">{formatMoney(statement.totals.commissionMinor, c)}</th></tr></tfoot>
            </table>
          )}

          {statement.entries.length > 0 && (
            <>
              <h2>Attributed sales</h2>
              <ul className="entries" aria-label="Attributed sales">
                {(showAll ? statement.entries : statement.entries.slice(0, FIRST_ENTRIES)).map((e) => (
                  <li key={e.id} className={`card entry ${e.kind}`}>
                    <div className="row">
                      <strong>{e.productName}</strong>
                      <span className="badge">{e.kind === 'return' ? 'Return' : RULE_LABELS[e.rule] ?? e.rule}</span>
                      {e.sharePercent < 100 && <span className="badge">{e.sharePercent}% share</span>}
                      <span className="spacer" />
                      <strong className={e.amountMinor < 0 ? 'error' : ''}>{formatMoney(e.amountMinor, c)}</strong>
                    </div>
                    <div className="muted small">{e.attributedAt.slice(0, 10)} · {e.orderRef} · {e.category}{e.customerName ? ` · ${e.customerName}` : ''} · commission {formatMoney(e.commissionMinor, c)} at {e.ratePercent}%</div>
                    <p className="explanation">{e.explanation}</p>
                  </li>
                ))}
              </ul>
              {!showAll && statement.entries.length > FIRST_ENTRIES && (
                <button type="button" className="secondary" onClick={() => setShowAll(true)}>Show all {statement.entries.length} credited lines</button>
              )}
            </>
          )}
        </>
      )}
    </div>
  );
}
