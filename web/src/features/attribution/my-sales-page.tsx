import { useEffect, useState } from 'react';
import { ErrorNote } from '../../lib/error-note.tsx';
import { useSession } from '../../lib/session.tsx';
import { useQueryParams, useRouter } from '../../lib/router.tsx';
import { currentMonth, RULE_LABELS } from './format.ts';
import { useStatement } from './queries.ts';
import './attribution.css';
import { useT } from '../../i18n/i18n.ts';
import { serverText } from '../../i18n/server-text.ts';

const FIRST_ENTRIES = 30;

// "My sales": the sales credited to the associate in a month, why each was credited, and the commission.
// A manager opens the same page for one of their associates from the store leaderboard (?associate=…).
export function MySalesPage() {
  const { me } = useSession();
  const { t, format } = useT();
  const formatMoney = format.money;
  const rate = (percent: number) => format.percent(percent / 100, 2);
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
      <h1>{own ? t('mySales.title') : t('mySales.salesOf', { name: statement?.associate.name ?? '…' })}</h1>
      <div className="row toolbar">
        <label>{t('mySales.month')}<input type="month" value={period} onChange={(e) => setPeriod(e.target.value)} /></label>
        <a className="button secondary" href={csvUrl} download>{t('mySales.download')}</a>
      </div>
      <ErrorNote error={error} />
      {statement && (
        <>
          <div className="kpis" aria-label={t('mySales.totals')}>
            <div className="kpi"><span>{t('mySales.attributed')}</span><strong>{formatMoney(statement.totals.salesMinor, c)}</strong></div>
            <div className="kpi"><span>{t('mySales.returns')}</span><strong>{formatMoney(statement.totals.returnsMinor, c)}</strong></div>
            <div className="kpi"><span>{t('mySales.net')}</span><strong>{formatMoney(statement.totals.netMinor, c)}</strong></div>
            <div className="kpi accent"><span>{t('mySales.commission')}</span><strong data-testid="commission-total">{formatMoney(statement.totals.commissionMinor, c)}</strong></div>
          </div>
          <p className="muted">{statement.plan ? t('mySales.plan', { name: statement.plan.name }) : t('mySales.noPlan')}</p>

          <h2>{t('mySales.statement')}</h2>
          {statement.lines.length === 0 ? <p className="muted">{t('mySales.noSales', { who: own ? t('mySales.you') : statement.associate.name })}</p> : (
            <table aria-label={t('mySales.statement')}>
              <thead><tr><th>{t('mySales.store')}</th><th>{t('mySales.category')}</th><th className="num">{t('mySales.sales')}</th><th className="num">{t('mySales.returns')}</th><th className="num">{t('mySales.rate')}</th><th className="num">{t('mySales.commission')}</th></tr></thead>
              <tbody>
                {statement.lines.map((l) => (
                  <tr key={`${l.storeId}|${l.category}`}>
                    <td>{l.storeName ?? t('mySales.online')}</td><td>{l.category}</td>
                    <td className="num">{formatMoney(l.salesMinor, c)}</td><td className="num">{formatMoney(l.returnsMinor, c)}</td>
                    <td className="num" title={l.rateSource}>{rate(l.ratePercent)}</td><td className="num">{formatMoney(l.commissionMinor, c)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot><tr><th colSpan={2}>{t('mySales.total')}</th><th className="num">{formatMoney(statement.totals.salesMinor, c)}</th><th className="num">{formatMoney(statement.totals.returnsMinor, c)}</th><th /><th className="num">{formatMoney(statement.totals.commissionMinor, c)}</th></tr></tfoot>
            </table>
          )}

          {statement.entries.length > 0 && (
            <>
              <h2>{t('mySales.attributed')}</h2>
              <ul className="entries" aria-label={t('mySales.attributed')}>
                {(showAll ? statement.entries : statement.entries.slice(0, FIRST_ENTRIES)).map((e) => (
                  <li key={e.id} className={`card entry ${e.kind}`}>
                    <div className="row">
                      <strong>{e.productName}</strong>
                      <span className="badge">{e.kind === 'return' ? t('mySales.return') : t(`mySales.rule.${e.rule}` as 'mySales.rule.till', { defaultValue: RULE_LABELS[e.rule] ?? e.rule })}</span>
                      {e.sharePercent < 100 && <span className="badge">{t('mySales.share', { share: e.sharePercent / 100 })}</span>}
                      <span className="spacer" />
                      <strong className={e.amountMinor < 0 ? 'error' : ''}>{formatMoney(e.amountMinor, c)}</strong>
                    </div>
                    <div className="muted small">{format.day(e.attributedAt)} · {e.orderRef} · {e.category}{e.customerName ? ` · ${e.customerName}` : ''}{t('mySales.commissionAt', { amount: formatMoney(e.commissionMinor, c), rate: e.ratePercent / 100 })}</div>
                    <p className="explanation">{serverText(t, 'attributionWhy', e.explanationText, e.explanation)}</p>
                  </li>
                ))}
              </ul>
              {!showAll && statement.entries.length > FIRST_ENTRIES && (
                <button type="button" className="secondary" onClick={() => setShowAll(true)}>{t('mySales.showAll', { count: statement.entries.length })}</button>
              )}
            </>
          )}
        </>
      )}
    </div>
  );
}
