import { useState } from 'react';
import { ErrorNote } from '../../lib/error-note.tsx';
import { Link } from '../../lib/router.tsx';
import { useSession } from '../../lib/session.tsx';
import { formatTime } from './types.ts';
import { formatMoney } from '../../../../shared/money.ts';
import { useDay, useSetAppointmentStatus, type AppointmentStatus, type Preparation } from './queries.ts';
import './appointments.css';

// Spending on the preparation sheet in whole units: the associate reads it at a glance.
const WHOLE = { maximumFractionDigits: 0 };

function todayIn(timeZone: string) {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

const STATUS: Record<string, string> = { booked: 'Booked', completed: 'Completed', 'no-show': 'No-show', cancelled: 'Cancelled' };

/** "My day": today's appointments with what to know before each customer arrives. */
export function MyDayPage() {
  const { me, can } = useSession();
  const [date, setDate] = useState(() => todayIn(me!.legalEntity.timeZone));
  const [scope, setScope] = useState<'mine' | 'store'>('mine');
  const dayQuery = useDay(date || undefined, scope);
  const day = dayQuery.data;
  const setStatus = useSetAppointmentStatus();
  const error = dayQuery.error ?? setStatus.error;
  const mark = (id: string, status: AppointmentStatus, customerId: string | null) => setStatus.mutate({ id, status, customerId });

  return (
    <div>
      <h1>{scope === 'mine' ? 'My day' : 'Store appointments'}</h1>
      <div className="row">
        <label>Date<input type="date" value={date} onChange={(e) => setDate(e.target.value)} /></label>
        <label>Show
          <select value={scope} onChange={(e) => setScope(e.target.value as 'mine' | 'store')}>
            <option value="mine">My appointments</option>
            <option value="store">Everyone at this store</option>
          </select>
        </label>
      </div>
      <ErrorNote error={error} />
      {!day && !error && <p className="muted">Loading…</p>}
      {day && !day.items.length && <p className="empty">No appointments on this day.</p>}
      <div className="day-list">
        {day?.items.map((a) => (
          <article key={a.id} className="card appointment-card" aria-label={`${formatTime(a.startsAt, day.timeZone)} ${a.customerName}`}>
            <div className="head">
              <span className="when">{formatTime(a.startsAt, day.timeZone)}–{formatTime(a.endsAt, day.timeZone)}</span>
              <strong>{a.customerName}</strong>
              {a.preparation?.customer.isVip && <span className="badge">VIP</span>}
              <span>{a.typeName}</span>
              <span className={`badge ${a.status === 'booked' ? '' : a.status === 'completed' ? 'ok' : 'danger'}`}>{STATUS[a.status] ?? a.status}</span>
              {scope === 'store' && <span className="muted">with {a.associateName}</span>}
            </div>
            {a.customerMessage && <p>“{a.customerMessage}”</p>}
            <p className="muted">{[a.customerPhone, a.customerEmail].filter(Boolean).join(' · ')}</p>
            {a.preparation ? <PreparationSheet p={a.preparation} /> : <p className="muted">No customer record to prepare from.</p>}
            {a.status === 'booked' && (a.associateId === me!.associateId || can('appointments.manage')) && (
              <div className="row" style={{ marginTop: '.75rem' }}>
                {Date.parse(a.startsAt) <= Date.now() && <button onClick={() => mark(a.id, 'completed', a.customerId)}>Completed</button>}
                {Date.parse(a.startsAt) <= Date.now() && <button className="secondary" onClick={() => mark(a.id, 'no-show', a.customerId)}>No-show</button>}
                {Date.parse(a.startsAt) > Date.now() && <button className="secondary" onClick={() => { if (window.confirm('Cancel this appointment? The customer is told by email.')) mark(a.id, 'cancelled', a.customerId); }}>Cancel appointment</button>}
              </div>
            )}
          </article>
        ))}
      </div>
    </div>
  );
}

function PreparationSheet({ p }: { p: Preparation }) {
  return (
    <section className="prep" aria-label={`Preparation sheet for ${p.customer.name}`}>
      <div>
        <h3>Profile</h3>
        <p><Link to={`/customers/${p.customer.id}`}>{p.customer.name}</Link> · {p.customer.accountNumber}</p>
        <p className="muted">Customer since {p.customer.customerSince}{p.customer.loyaltyTier ? ` · ${p.customer.loyaltyTier} (${p.customer.loyaltyPoints} pts)` : ''}</p>
        {p.customer.birthDate && <p className="muted">Birthday {p.customer.birthDate.slice(5)}</p>}
        <p>{p.spending.orderCount} orders · {formatMoney(p.spending.totalMinor, p.spending.currency, 'en-GB', WHOLE)} in total · {formatMoney(p.spending.last12MonthsMinor, p.spending.currency, 'en-GB', WHOLE)} in the last 12 months</p>
      </div>
      <div>
        <h3>Recent purchases</h3>
        {p.recentPurchases.length ? (
          <ul>{p.recentPurchases.map((o, i) => <li key={i}>{o.orderedAt.slice(0, 10)}: {o.items.map((l) => l.name).join(', ')} ({formatMoney(o.totalMinor, o.currency, 'en-GB', WHOLE)})</li>)}</ul>
        ) : <p className="muted">No purchases yet.</p>}
      </div>
      <div>
        <h3>Notes</h3>
        {p.notes.length ? <ul>{p.notes.map((n, i) => <li key={i}>{n.body} <span className="muted">— {n.authorName}</span></li>)}</ul> : <p className="muted">No notes.</p>}
      </div>
      <div>
        <h3>Preferences and wish list</h3>
        {p.preferences.length + p.wishlist.length ? (
          <ul>
            {p.preferences.map((x, i) => <li key={`p${i}`}>{x.kind}{x.qualifier ? ` (${x.qualifier})` : ''}: {x.value}</li>)}
            {p.wishlist.map((w, i) => <li key={`w${i}`}>Wish list: {w.name}{w.onHandHere ? ' — in stock here' : ''}</li>)}
          </ul>
        ) : <p className="muted">Nothing recorded.</p>}
      </div>
      {p.recommendations.length > 0 && (
        <div>
          <h3>Ideas to show</h3>
          <ul>{p.recommendations.map((r, i) => <li key={i}>{r.name} <span className="muted">— {r.reason}</span></li>)}</ul>
        </div>
      )}
    </section>
  );
}
