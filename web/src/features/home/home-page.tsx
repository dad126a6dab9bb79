import { useSession } from '../../lib/session.tsx';
import { Link } from '../../lib/router.tsx';
import { ErrorNote } from '../../lib/error-note.tsx';
import { useComingUp, type CustomerCard } from '../client-book/queries.ts';
import { useDay } from '../appointments/queries.ts';
import { useTasks } from '../outreach/queries.ts';
import { ChannelWarnings } from '../outreach/channel-warnings.tsx';
import './home.css';

const UPCOMING_DAYS = 14;

function dateLabel(card: CustomerCard): string {
  const parts: string[] = [];
  const say = (what: string, days: number | null) => {
    if (days === null || days > UPCOMING_DAYS) return;
    parts.push(days === 0 ? `${what} today` : days === 1 ? `${what} tomorrow` : `${what} in ${days} days`);
  };
  say('Birthday', card.birthdayInDays);
  say('Anniversary', card.anniversaryInDays);
  return parts.join(' · ');
}

/** Birthdays and anniversaries of my client book's customers in the next two weeks, soonest first. */
function ComingUp() {
  const { data, error } = useComingUp(UPCOMING_DAYS, 6);
  const cards = data?.items ?? null;
  return (
    <section className="card home-panel" aria-labelledby="coming-up-h">
      <h2 id="coming-up-h">Coming up in my client book</h2>
      {error ? <ErrorNote error={error} /> : cards === null ? <p className="muted">Loading…</p> : cards.length === 0 ? <p className="muted">No birthdays or anniversaries in the next {UPCOMING_DAYS} days.</p> : (
        <ul className="plain-list" aria-label="Important dates coming up">
          {cards.map((c) => (
            <li key={c.customerId}>
              <Link to={`/customers/${c.customerId}`}>{c.firstName} {c.lastName}</Link>{c.isVip && <span className="badge ok">VIP</span>}
              <div className="muted small">{dateLabel(c)}</div>
            </li>
          ))}
        </ul>
      )}
      <Link to="/client-book" className="small">Open my client book</Link>
    </section>
  );
}

/** Today's appointments of mine, so the associate can prepare before the customer arrives. */
function TodaysAppointments() {
  const { data, error } = useDay(undefined, 'mine');
  const items = data ? data.items.filter((i) => i.status !== 'cancelled') : null;
  const timeZone = data?.timeZone ?? 'UTC';
  const time = (iso: string) => new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
  return (
    <section className="card home-panel" aria-labelledby="today-h">
      <h2 id="today-h">My appointments today</h2>
      {error ? <ErrorNote error={error} /> : items === null ? <p className="muted">Loading…</p> : items.length === 0 ? <p className="muted">No appointments today.</p> : (
        <ul className="plain-list">
          {items.map((a) => (
            <li key={a.id}><strong>{time(a.startsAt)}</strong> · {a.typeName} with {a.customerId ? <Link to={`/customers/${a.customerId}`}>{a.customerName}</Link> : a.customerName}</li>
          ))}
        </ul>
      )}
      <Link to="/appointments" className="small">Preparation sheets in My day</Link>
    </section>
  );
}

/** How many outreach tasks are waiting for my customers, and how many for customers without an associate. */
function OpenTasks() {
  const { data, error } = useTasks('mine', 'mine', null, 0, 1);
  if (error) return <section className="card home-panel" aria-labelledby="tasks-h"><h2 id="tasks-h">Tasks</h2><ErrorNote error={error} /></section>;
  if (!data) return null;
  const { mine, unassigned } = data.whose;
  return (
    <section className="card home-panel" aria-labelledby="tasks-h">
      <h2 id="tasks-h">Tasks</h2>
      <p><strong className="home-count">{mine}</strong> open task{mine === 1 ? '' : 's'} for my client book</p>
      {unassigned > 0 && <p className="muted small">{unassigned} for customers of my stores without an associate</p>}
      <Link to="/tasks" className="small">Go to today's tasks</Link>
    </section>
  );
}

// The home page differs by role: what each person does first when they open the app.
export function HomePage() {
  const { me, can } = useSession();
  const store = me!.stores.find((s) => s.id === me!.storeId);
  return (
    <div className="home">
      <h1>Good day, {me!.name.split(' ')[0]}</h1>
      <p className="muted">{store ? `You are working at ${store.name}.` : 'You are not assigned to a store.'}</p>
      {can('outreach.manage') && <ChannelWarnings />}
      <div className="home-panels">
        {can('appointments.view') && <TodaysAppointments />}
        {can('client-book.view-own') && <ComingUp />}
        {can('outreach.send') && <OpenTasks />}
      </div>
      <div className="tiles">
        {can('client-book.view-own') && <Link to="/client-book" className="tile"><strong>My client book</strong><span>Your customers, their important dates and what they love</span></Link>}
        {can('client-book.view-store') && <Link to="/store-client-book" className="tile"><strong>Store client book</strong><span>Every associate's customers at this store</span></Link>}
        {can('customers.search') && <Link to="/customers" className="tile"><strong>Find a customer</strong><span>Search by name, email or phone</span></Link>}
        {can('outreach.send') && <Link to="/tasks" className="tile"><strong>Today's tasks</strong><span>Birthdays, follow-ups, new arrivals and customers to win back</span></Link>}
        {can('appointments.view') && <Link to="/appointments" className="tile"><strong>My day</strong><span>Today's appointments with a preparation sheet for each</span></Link>}
        {can('attribution.view-own') && <Link to="/my-sales" className="tile"><strong>My sales</strong><span>Attributed sales and commission statement</span></Link>}
        {can('performance.view') && <Link to="/store-performance" className="tile"><strong>Store performance</strong><span>Repeat business, client book growth, conversion, leaderboard</span></Link>}
        {can('setup.manage') && <Link to="/setup" className="tile"><strong>Clienteling set-up</strong><span>Attributes, activity types, measures on the card</span></Link>}
      </div>
    </div>
  );
}
