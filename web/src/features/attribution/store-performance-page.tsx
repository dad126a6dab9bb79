import { useState } from 'react';
import { ErrorNote } from '../../lib/error-note.tsx';
import { useSession } from '../../lib/session.tsx';
import { Link } from '../../lib/router.tsx';
import { BarChart, LineChart } from './charts.tsx';
import { isoDay } from './format.ts';
import { useStorePerformance, useStores } from './queries.ts';
import './attribution.css';
import { useT } from '../../i18n/i18n.ts';

function defaultRange() {
  const now = new Date();
  return { from: isoDay(new Date(now.getFullYear(), now.getMonth() - 11, 1)), to: isoDay(now) };
}

// The store manager's view: what the store sold, how much came from returning customers, whether client
// books grow and keep their customers, whether outreach and appointments turn into sales, and who sold.
export function StorePerformancePage() {
  const { me, can } = useSession();
  const { t, format } = useT();
  const formatMoney = (minor: number, currency: string, _locale?: undefined, opts?: Intl.NumberFormatOptions) => format.money(minor, currency, opts);
  const percent = (ratio: number | null | undefined, digits = 0) => (ratio === null || ratio === undefined ? '—' : format.percent(ratio, digits));
  // Head office may look at every store of the legal entity.
  const allStores = useStores(can('attribution.manage'));
  const stores = allStores.data ?? me!.stores;
  const [chosenStoreId, setStoreId] = useState(me!.storeId ?? me!.stores[0]?.id ?? '');
  const storeId = chosenStoreId || stores[0]?.id || '';
  const [range, setRange] = useState(defaultRange);
  const performance = useStorePerformance(storeId, range);
  const data = performance.data;
  const error = performance.error ?? allStores.error;

  const c = data?.store.currency ?? me!.legalEntity.currency;
  const months = data?.months.map((m) => m.month) ?? [];
  return (
    <div className="attribution">
      <h1>{t('performance.title')}</h1>
      <div className="row toolbar">
        <label>{t('performance.store')}
          <select aria-label={t('performance.store')} value={storeId} onChange={(e) => setStoreId(e.target.value)}>
            {stores.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </select>
        </label>
        <label>{t('performance.from')}<input type="date" value={range.from} onChange={(e) => setRange({ ...range, from: e.target.value })} /></label>
        <label>{t('performance.to')}<input type="date" value={range.to} onChange={(e) => setRange({ ...range, to: e.target.value })} /></label>
      </div>
      {!storeId && <p className="muted">{t('performance.noStore')}</p>}
      <ErrorNote error={error} />
      {data && (
        <>
          <div className="kpis" aria-label={t('performance.keyFigures')}>
            <div className="kpi"><span>{t('performance.revenue')}</span><strong>{formatMoney(data.revenueMinor, c)}</strong><small>{t('performance.ordersReturns', { orders: data.orders, returns: formatMoney(data.returnsMinor, c) })}</small></div>
            <div className="kpi"><span>{t('performance.repeatRevenue')}</span><strong>{percent(data.repeatShare)}</strong><small>{t('performance.fromRepeat', { amount: formatMoney(data.repeatRevenueMinor, c) })}</small></div>
            <div className="kpi"><span>{t('performance.newMembers')}</span><strong>{data.clientBook.available ? data.clientBook.newMembers : '—'}</strong><small>{data.clientBook.available ? t('performance.members', { count: data.clientBook.members }) : t('performance.bookNotSetUp')}</small></div>
            <div className="kpi"><span>{t('performance.retention')}</span><strong>{percent(data.clientBook.retention)}</strong><small>{data.clientBook.available ? t('performance.retained', { retained: data.clientBook.retained, previous: data.clientBook.previousBuyers }) : '—'}</small></div>
            <div className="kpi"><span>{t('performance.outreachConversion')}</span><strong>{percent(data.outreach.conversion)}</strong><small>{data.outreach.available ? t('performance.outreachConverted', { converted: data.outreach.converted, sent: data.outreach.sent, days: data.outreachWindowDays }) : t('performance.outreachNotSetUp')}</small></div>
            <div className="kpi"><span>{t('performance.appointmentConversion')}</span><strong>{percent(data.appointments.conversion)}</strong><small>{data.appointments.available ? t('performance.appointmentsConverted', { converted: data.appointments.converted, total: data.appointments.total }) : t('performance.appointmentsNotSetUp')}</small></div>
          </div>

          <div className="charts">
            <BarChart
              title={t('performance.chartRevenue')} months={months} stacked format={(v) => formatMoney(v, c, undefined, { notation: 'compact', minimumFractionDigits: 0, maximumFractionDigits: 1 })}
              series={[
                { key: 'repeat', label: t('performance.repeatCustomers'), color: '#7a4b2a', values: data.months.map((m) => m.repeatRevenueMinor) },
                { key: 'new', label: t('performance.newCustomers'), color: '#d9b99b', values: data.months.map((m) => Math.max(0, m.revenueMinor - m.repeatRevenueMinor)) },
              ]}
            />
            <LineChart
              title={t('performance.chartShare')} months={months} max={1} format={(v) => percent(v)}
              series={[{ key: 'share', label: t('performance.repeatShare'), color: '#7a4b2a', values: data.months.map((m) => (m.revenueMinor > 0 ? m.repeatRevenueMinor / m.revenueMinor : null)) }]}
            />
            {data.clientBook.available && (
              <BarChart
                title={t('performance.chartGrowth')} months={months} format={(v) => String(Math.round(v))}
                series={[{ key: 'members', label: t('performance.customersAdded'), color: '#2f6d3a', values: data.months.map((m) => m.newBookMembers) }]}
              />
            )}
            <LineChart
              title={t('performance.chartConversion')} months={months} max={1} format={(v) => percent(v)}
              series={[
                { key: 'outreach', label: t('performance.outreach'), color: '#9a6a00', values: data.months.map((m) => (m.outreachSent ? (m.outreachConverted ?? 0) / m.outreachSent : null)) },
                { key: 'appointments', label: t('performance.appointments'), color: '#3b5b92', values: data.months.map((m) => (m.appointments ? (m.appointmentsConverted ?? 0) / m.appointments : null)) },
              ]}
            />
          </div>

          <h2>{t('performance.leaderboard')}</h2>
          {data.leaderboard.length === 0 ? <p className="muted">{t('performance.noSales')}</p> : (
            <table aria-label={t('performance.leaderboard')}>
              <thead><tr><th>#</th><th>{t('performance.associate')}</th><th className="num">{t('performance.attributedRevenue')}</th><th className="num">{t('performance.returns')}</th><th className="num">{t('performance.saleLines')}</th><th className="num">{t('performance.shareOfStore')}</th></tr></thead>
              <tbody>
                {data.leaderboard.map((l, i) => (
                  <tr key={l.associateId}>
                    <td>{i + 1}</td>
                    <td><Link to={`/my-sales?associate=${l.associateId}&period=${data.to.slice(0, 7)}`}>{l.name}</Link></td>
                    <td className="num">{formatMoney(l.attributedMinor, c)}</td><td className="num">{formatMoney(l.returnsMinor, c)}</td>
                    <td className="num">{l.lines}</td><td className="num">{percent(l.share, 1)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </div>
  );
}
