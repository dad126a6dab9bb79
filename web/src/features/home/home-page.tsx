import { useSession } from '../../lib/session.tsx';
import { Link } from '../../lib/router.tsx';
import { ErrorNote } from '../../lib/error-note.tsx';
import { useComingUp, type CustomerCard } from '../client-book/queries.ts';
import { useDay } from '../appointments/queries.ts';
import { useTasks } from '../outreach/queries.ts';
import { useT } from '../../i18n/i18n.ts';
import { useHandOverTasks, useCompleteHandOver } from '../client-book/hand-over-queries.ts';
import type { TFunction } from 'i18next';
import { ChannelWarnings } from '../outreach/channel-warnings.tsx';
import './home.css';

const UPCOMING_DAYS = 14;

function dateLabel(card: CustomerCard, t: TFunction): string {
  const parts: string[] = [];
  const say = (what: string, days: number | null) => {
    if (days === null || days > UPCOMING_DAYS) return;
    parts.push(days === 0 ? t('home.dateToday', { what }) : days === 1 ? t('home.dateTomorrow', { what }) : t('home.dateInDays', { what, days }));
  };
  say(t('home.birthday'), card.birthdayInDays);
  say(t('home.anniversary'), card.anniversaryInDays);
  return parts.join(' · ');
}

/** Birthdays and anniversaries of my client book's customers in the next two weeks, soonest first. */
function ComingUp() {
  const { t } = useT();
  const { data, error } = useComingUp(UPCOMING_DAYS, 6);
  const cards = data?.items ?? null;
  return (
    <section className="card home-panel" aria-labelledby="coming-up-h">
      <h2 id="coming-up-h">{t('home.comingUp')}</h2>
      {error ? <ErrorNote error={error} /> : cards === null ? <p className="muted">{t('common.loading')}</p> : cards.length === 0 ? <p className="muted">{t('home.noDatesComingUp', { days: UPCOMING_DAYS })}</p> : (
        <ul className="plain-list" aria-label={t('home.importantDates')}>
          {cards.map((c) => (
            <li key={c.customerId}>
              <Link to={`/customers/${c.customerId}`}>{c.firstName} {c.lastName}</Link>{c.isVip && <span className="badge ok">{t('common.vip')}</span>}
              <div className="muted small">{dateLabel(c, t)}</div>
            </li>
          ))}
        </ul>
      )}
      <Link to="/client-book" className="small">{t('home.openClientBook')}</Link>
    </section>
  );
}

/** Today's appointments of mine, so the associate can prepare before the customer arrives. */
function TodaysAppointments() {
  const { t, format } = useT();
  const { data, error } = useDay(undefined, 'mine');
  const items = data ? data.items.filter((i) => i.status !== 'cancelled') : null;
  const timeZone = data?.timeZone ?? 'UTC';
  const time = (iso: string) => format.time(iso, timeZone);
  return (
    <section className="card home-panel" aria-labelledby="today-h">
      <h2 id="today-h">{t('home.appointmentsToday')}</h2>
      {error ? <ErrorNote error={error} /> : items === null ? <p className="muted">{t('common.loading')}</p> : items.length === 0 ? <p className="muted">{t('home.noAppointmentsToday')}</p> : (
        <ul className="plain-list">
          {items.map((a) => (
            <li key={a.id}><strong>{time(a.startsAt)}</strong> · {t('home.appointmentWith', { type: a.typeName })} {a.customerId ? <Link to={`/customers/${a.customerId}`}>{a.customerName}</Link> : a.customerName}</li>
          ))}
        </ul>
      )}
      <Link to="/appointments" className="small">{t('home.preparationSheets')}</Link>
    </section>
  );
}

/** How many outreach tasks are waiting for my customers, and how many for customers without an associate. */
function OpenTasks() {
  const { t } = useT();
  const { data, error } = useTasks('mine', 'mine', null, 0, 1);
  if (error) return <section className="card home-panel" aria-labelledby="tasks-h"><h2 id="tasks-h">{t('home.tasks')}</h2><ErrorNote error={error} /></section>;
  if (!data) return null;
  const { mine, unassigned } = data.whose;
  return (
    <section className="card home-panel" aria-labelledby="tasks-h">
      <h2 id="tasks-h">{t('home.tasks')}</h2>
      <p><strong className="home-count">{mine}</strong> {t('home.openTasksMine', { count: mine })}</p>
      {unassigned > 0 && <p className="muted small">{t('home.tasksUnassigned', { count: unassigned })}</p>}
      <Link to="/tasks" className="small">{t('home.goToTasks')}</Link>
    </section>
  );
}

/** A store manager's open hand-overs: the books of associates who left (deactivated by the directory). */
function HandOvers() {
  const { t } = useT();
  const { data, error } = useHandOverTasks();
  const complete = useCompleteHandOver();
  if (error) return <section className="card home-panel" aria-labelledby="hand-overs-h"><h2 id="hand-overs-h">{t('home.handOvers')}</h2><ErrorNote error={error} /></section>;
  if (!data?.length) return null;
  return (
    <section className="card home-panel" aria-labelledby="hand-overs-h">
      <h2 id="hand-overs-h">{t('home.handOvers')}</h2>
      <ul className="plain-list">
        {data.map((h) => (
          <li key={h.id}>
            {h.successorName
              ? t('home.handOverSuccessor', { name: h.leavingAssociateName, count: h.customerCount, successor: h.successorName })
              : t('home.handOverQueue', { name: h.leavingAssociateName, count: h.customerCount })}
            {h.storeName && <div className="muted small">{h.storeName}</div>}
            <button type="button" className="small" disabled={complete.isPending} onClick={() => complete.mutate(h.id)}>{t('home.handOverDone')}</button>
          </li>
        ))}
      </ul>
      {complete.error && <ErrorNote error={complete.error} />}
      <Link to="/store-client-book" className="small">{t('home.openStoreClientBook')}</Link>
    </section>
  );
}

// The home page differs by role: what each person does first when they open the app.
export function HomePage() {
  const { me, can } = useSession();
  const { t } = useT();
  const store = me!.stores.find((s) => s.id === me!.storeId);
  return (
    <div className="home">
      <h1>{t('home.greeting', { name: me!.name.split(' ')[0] })}</h1>
      <p className="muted">{store ? t('home.workingAt', { store: store.name }) : t('home.noStore')}</p>
      {can('outreach.manage') && <ChannelWarnings />}
      <div className="home-panels">
        {can('appointments.view') && <TodaysAppointments />}
        {can('client-book.view-own') && <ComingUp />}
        {can('outreach.send') && <OpenTasks />}
        {can('client-book.reassign') && <HandOvers />}
      </div>
      <div className="tiles">
        {can('client-book.view-own') && <Link to="/client-book" className="tile"><strong>{t('home.tiles.clientBook')}</strong><span>{t('home.tiles.clientBookText')}</span></Link>}
        {can('client-book.view-store') && <Link to="/store-client-book" className="tile"><strong>{t('home.tiles.storeClientBook')}</strong><span>{t('home.tiles.storeClientBookText')}</span></Link>}
        {can('customers.search') && <Link to="/customers" className="tile"><strong>{t('home.tiles.findCustomer')}</strong><span>{t('home.tiles.findCustomerText')}</span></Link>}
        {can('outreach.send') && <Link to="/tasks" className="tile"><strong>{t('home.tiles.tasks')}</strong><span>{t('home.tiles.tasksText')}</span></Link>}
        {can('appointments.view') && <Link to="/appointments" className="tile"><strong>{t('home.tiles.myDay')}</strong><span>{t('home.tiles.myDayText')}</span></Link>}
        {can('attribution.view-own') && <Link to="/my-sales" className="tile"><strong>{t('home.tiles.mySales')}</strong><span>{t('home.tiles.mySalesText')}</span></Link>}
        {can('performance.view') && <Link to="/store-performance" className="tile"><strong>{t('home.tiles.performance')}</strong><span>{t('home.tiles.performanceText')}</span></Link>}
        {can('setup.manage') && <Link to="/setup" className="tile"><strong>{t('home.tiles.setup')}</strong><span>{t('home.tiles.setupText')}</span></Link>}
      </div>
    </div>
  );
}
