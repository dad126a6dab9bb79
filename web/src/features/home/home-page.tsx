import { useSession } from '../../lib/session.tsx';
import { Link } from '../../lib/router.tsx';

// The home page differs by role: what each person does first when they open the app.
export function HomePage() {
  const { me, can } = useSession();
  const store = me!.stores.find((s) => s.id === me!.storeId);
  return (
    <div className="home">
      <h1>Good day, {me!.name.split(' ')[0]}</h1>
      <p className="muted">{store ? `You are working at ${store.name}.` : 'You are not assigned to a store.'}</p>
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
