import { useState } from 'react';
import { ErrorNote } from '../../lib/error-note.tsx';
import { Link } from '../../lib/router.tsx';
import { useSession } from '../../lib/session.tsx';
import { formatTime } from './types.ts';
import { useDay, useSetAppointmentStatus, type AppointmentStatus, type Preparation } from './queries.ts';
import './appointments.css';
import { useT } from '../../i18n/i18n.ts';
import { usePhoneFormat } from '../../lib/phone.ts';

// Spending on the preparation sheet in whole units: the associate reads it at a glance.
const WHOLE = { maximumFractionDigits: 0 };

function todayIn(timeZone: string) {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}


/** "My day": today's appointments with what to know before each customer arrives. */
export function MyDayPage() {
  const { me, can } = useSession();
  const { t, language } = useT();
  const phone = usePhoneFormat();
  const [date, setDate] = useState(() => todayIn(me!.legalEntity.timeZone));
  const [scope, setScope] = useState<'mine' | 'store'>('mine');
  const dayQuery = useDay(date || undefined, scope);
  const day = dayQuery.data;
  const setStatus = useSetAppointmentStatus();
  const error = dayQuery.error ?? setStatus.error;
  const mark = (id: string, status: AppointmentStatus, customerId: string | null) => setStatus.mutate({ id, status, customerId });

  return (
    <div>
      <h1>{scope === 'mine' ? t('myDay.title') : t('myDay.storeTitle')}</h1>
      <div className="row">
        <label>{t('myDay.date')}<input type="date" value={date} onChange={(e) => setDate(e.target.value)} /></label>
        <label>{t('myDay.show')}
          <select value={scope} onChange={(e) => setScope(e.target.value as 'mine' | 'store')}>
            <option value="mine">{t('myDay.mine')}</option>
            <option value="store">{t('myDay.everyone')}</option>
          </select>
        </label>
      </div>
      <ErrorNote error={error} />
      {!day && !error && <p className="muted">{t('common.loading')}</p>}
      {day && !day.items.length && <p className="empty">{t('myDay.empty')}</p>}
      <div className="day-list">
        {day?.items.map((a) => (
          <article key={a.id} className="card appointment-card" aria-label={`${formatTime(a.startsAt, day.timeZone, language)} ${a.customerName}`}>
            <div className="head">
              <span className="when">{formatTime(a.startsAt, day.timeZone, language)}–{formatTime(a.endsAt, day.timeZone, language)}</span>
              <strong>{a.customerName}</strong>
              {a.preparation?.customer.isVip && <span className="badge">{t('common.vip')}</span>}
              <span>{a.typeName}</span>
              <span className={`badge ${a.status === 'booked' ? '' : a.status === 'completed' ? 'ok' : 'danger'}`}>{t(`myDay.status.${a.status}` as 'myDay.status.booked', { defaultValue: a.status })}</span>
              {scope === 'store' && <span className="muted">{t('myDay.withAssociate', { name: a.associateName })}</span>}
            </div>
            {a.customerMessage && <p>“{a.customerMessage}”</p>}
            <p className="muted">{[a.customerPhone && phone(a.customerPhone), a.customerEmail].filter(Boolean).join(' · ')}</p>
            {a.preparation ? <PreparationSheet p={a.preparation} /> : <p className="muted">{t('myDay.noRecord')}</p>}
            {a.status === 'booked' && (a.associateId === me!.associateId || can('appointments.manage')) && (
              <div className="row" style={{ marginTop: '.75rem' }}>
                {Date.parse(a.startsAt) <= Date.now() && <button onClick={() => mark(a.id, 'completed', a.customerId)}>{t('myDay.completed')}</button>}
                {Date.parse(a.startsAt) <= Date.now() && <button className="secondary" onClick={() => mark(a.id, 'no-show', a.customerId)}>{t('myDay.noShow')}</button>}
                {Date.parse(a.startsAt) > Date.now() && <button className="secondary" onClick={() => { if (window.confirm(t('myDay.confirmCancel'))) mark(a.id, 'cancelled', a.customerId); }}>{t('myDay.cancel')}</button>}
              </div>
            )}
          </article>
        ))}
      </div>
    </div>
  );
}

function PreparationSheet({ p }: { p: Preparation }) {
  const { t, format } = useT();
  const money = (minor: number, currency: string) => format.money(minor, currency, WHOLE);
  return (
    <section className="prep" aria-label={t('myDay.sheetFor', { name: p.customer.name })}>
      <div>
        <h3>{t('myDay.profile')}</h3>
        <p><Link to={`/customers/${p.customer.id}`}>{p.customer.name}</Link> · {p.customer.accountNumber}</p>
        <p className="muted">{t('myDay.since', { date: format.day(p.customer.customerSince) })}{p.customer.loyaltyTier ? t('myDay.tier', { tier: p.customer.loyaltyTier, points: format.number(p.customer.loyaltyPoints ?? 0) }) : ''}</p>
        {p.customer.birthDate && <p className="muted">{t('myDay.birthday', { date: format.day(p.customer.birthDate, { day: 'numeric', month: 'long' }) })}</p>}
        <p>{t('myDay.spending', { count: p.spending.orderCount, total: money(p.spending.totalMinor, p.spending.currency), last12: money(p.spending.last12MonthsMinor, p.spending.currency) })}</p>
      </div>
      <div>
        <h3>{t('myDay.recentPurchases')}</h3>
        {p.recentPurchases.length ? (
          <ul>{p.recentPurchases.map((o, i) => <li key={i}>{t('common.labelValue', { label: format.day(o.orderedAt), value: `${o.items.map((l) => l.name).join(', ')} (${money(o.totalMinor, o.currency)})` })}</li>)}</ul>
        ) : <p className="muted">{t('myDay.noPurchases')}</p>}
      </div>
      <div>
        <h3>{t('myDay.notes')}</h3>
        {p.notes.length ? <ul>{p.notes.map((n, i) => <li key={i}>{n.body} <span className="muted">— {n.authorName}</span></li>)}</ul> : <p className="muted">{t('myDay.noNotes')}</p>}
      </div>
      <div>
        <h3>{t('myDay.preferences')}</h3>
        {p.preferences.length + p.wishlist.length ? (
          <ul>
            {p.preferences.map((x, i) => <li key={`p${i}`}>{t('common.labelValue', { label: `${t(`customer.kinds.${x.kind}` as 'customer.kinds.size', { defaultValue: x.kind })}${x.qualifier ? ` (${x.qualifier})` : ''}`, value: x.value })}</li>)}
            {p.wishlist.map((w, i) => <li key={`w${i}`}>{t('myDay.wish', { name: w.name })}{w.onHandHere ? t('myDay.inStock') : ''}</li>)}
          </ul>
        ) : <p className="muted">{t('myDay.nothing')}</p>}
      </div>
      {p.recommendations.length > 0 && (
        <div>
          <h3>{t('myDay.ideas')}</h3>
          <ul>{p.recommendations.map((r, i) => <li key={i}>{r.name} <span className="muted">— {t(`myDay.recommendationKinds.${r.kind}`, { defaultValue: r.reason })}</span></li>)}</ul>
        </div>
      )}
    </section>
  );
}
