import { useState } from 'react';
import { ErrorNote } from '../../lib/error-note.tsx';
import { useSession } from '../../lib/session.tsx';
import { Link } from '../../lib/router.tsx';
import { BarChart, LineChart } from './charts.tsx';
import { isoDay, percent } from './format.ts';
import { formatMoney } from '../../../../shared/money.ts';
import { useStorePerformance, useStores } from './queries.ts';
import './attribution.css';

function defaultRange() {
  const now = new Date();
  return { from: isoDay(new Date(now.getFullYear(), now.getMonth() - 11, 1)), to: isoDay(now) };
}

// The store manager's view: what the store sold, how much came from returning customers, whether client
// books grow and keep their customers, whether outreach and appointments turn into sales, and who sold.
export function StorePerformancePage() {
  const { me, can } = useSession();
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
      <h1>Store performance</h1>
      <div className="row toolbar">
        <label>Store
          <select aria-label="Store" value={storeId} onChange={(e) => setStoreId(e.target.value)}>
            {stores.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </select>
        </label>
        <label>From date<input type="date" value={range.from} onChange={(e) => setRange({ ...range, from: e.target.value })} /></label>
        <label>To date<input type="date" value={range.to} onChange={(e) => setRange({ ...range, to: e.target.value })} /></label>
      </div>
      {!storeId && <p className="muted">You are not assigned to a store.</p>}
      <ErrorNote error={error} />
      {data && (
        <>
          <div className="kpis" aria-label="Key figures">
            <div className="kpi"><span>Revenue</span><strong>{formatMoney(data.revenueMinor, c)}</strong><small>{data.orders} orders · returns {formatMoney(data.returnsMinor, c)}</small></div>
            <div className="kpi"><span>Repeat-customer revenue</span><strong>{percent(data.repeatShare)}</strong><small>{formatMoney(data.repeatRevenueMinor, c)} from customers who bought before</small></div>
            <div className="kpi"><span>New client book members</span><strong>{data.clientBook.available ? data.clientBook.newMembers : '—'}</strong><small>{data.clientBook.available ? `${data.clientBook.members} customers in the store's books` : 'Client books are not set up'}</small></div>
            <div className="kpi"><span>Client book retention</span><strong>{percent(data.clientBook.retention)}</strong><small>{data.clientBook.available ? `${data.clientBook.retained} of ${data.clientBook.previousBuyers} earlier buyers bought again` : '—'}</small></div>
            <div className="kpi"><span>Outreach conversion</span><strong>{percent(data.outreach.conversion)}</strong><small>{data.outreach.available ? `${data.outreach.converted} of ${data.outreach.sent} messages led to an order within ${data.outreachWindowDays} days` : 'Outreach is not set up'}</small></div>
            <div className="kpi"><span>Appointment conversion</span><strong>{percent(data.appointments.conversion)}</strong><small>{data.appointments.available ? `${data.appointments.converted} of ${data.appointments.total} appointments led to a purchase within 7 days` : 'Appointments are not set up'}</small></div>
          </div>

          <div className="charts">
            <BarChart
              title="Monthly revenue: repeat and new customers" months={months} stacked format={(v) => formatMoney(v, c, undefined, { notation: 'compact', minimumFractionDigits: 0, maximumFractionDigits: 1 })}
              series={[
                { key: 'repeat', label: 'Repeat customers', color: '#7a4b2a', values: data.months.map((m) => m.repeatRevenueMinor) },
                { key: 'new', label: 'New customers', color: '#d9b99b', values: data.months.map((m) => Math.max(0, m.revenueMinor - m.repeatRevenueMinor)) },
              ]}
            />
            <LineChart
              title="Repeat-customer share of revenue" months={months} max={1} format={(v) => percent(v)}
              series={[{ key: 'share', label: 'Repeat share', color: '#7a4b2a', values: data.months.map((m) => (m.revenueMinor > 0 ? m.repeatRevenueMinor / m.revenueMinor : null)) }]}
            />
            {data.clientBook.available && (
              <BarChart
                title="Client book growth: customers added per month" months={months} format={(v) => String(Math.round(v))}
                series={[{ key: 'members', label: 'Customers added', color: '#2f6d3a', values: data.months.map((m) => m.newBookMembers) }]}
              />
            )}
            <LineChart
              title="Outreach and appointment conversion" months={months} max={1} format={(v) => percent(v)}
              series={[
                { key: 'outreach', label: 'Outreach', color: '#9a6a00', values: data.months.map((m) => (m.outreachSent ? (m.outreachConverted ?? 0) / m.outreachSent : null)) },
                { key: 'appointments', label: 'Appointments', color: '#3b5b92', values: data.months.map((m) => (m.appointments ? (m.appointmentsConverted ?? 0) / m.appointments : null)) },
              ]}
            />
          </div>

          <h2>Leaderboard</h2>
          {data.leaderboard.length === 0 ? <p className="muted">No attributed sales in this period.</p> : (
            <table aria-label="Leaderboard">
              <thead><tr><th>#</th><th>Associate</th><th className="num">Attributed revenue</th><th className="num">Returns</th><th className="num">Sale lines</th><th className="num">Share of store revenue</th></tr></thead>
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
