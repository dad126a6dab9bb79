import { ErrorNote } from '../../lib/error-note.tsx';
import { useSession } from '../../lib/session.tsx';
import { Link } from '../../lib/router.tsx';
import type { CustomerPanel } from '../../lib/feature.ts';
import { day } from './types.ts';
import { useProfile } from './queries.ts';
import { SpendingSection, PurchasesSection, OpenOrdersSection, ReturnsSection, LoyaltySection, WishlistSection, BrowsingSection, InteractionsSection, PreferencesSection } from './profile-sections.tsx';
import { PrivacyActions } from './privacy-actions.tsx';
import './customers.css';

// Other features contribute sections (activities and notes, recommendations, outreach…).
const panelModules = import.meta.glob<{ customerPanels: CustomerPanel[] }>('../*/customer-panels.tsx', { eager: true });
const PANELS = Object.values(panelModules).flatMap((m) => m.customerPanels ?? []).sort((a, b) => a.order - b.order);

export function CustomerProfilePage({ params }: { params: Record<string, string> }) {
  const { can } = useSession();
  const { data: p, error } = useProfile(params.id);
  if (error) return <div className="empty"><h1>Customer</h1><ErrorNote error={error} /><Link to="/customers">Back to search</Link></div>;
  if (!p) return <div className="loading">Loading the customer…</div>;
  const c = p.customer;
  return (
    <div className="customer-profile">
      <header className="profile-header">
        <div>
          <h1>{c.firstName} {c.lastName} {c.isVip && <span className="badge">VIP</span>} {p.loyalty && <span className="badge" aria-label="Loyalty tier">{p.loyalty.tier}</span>}
            {c.erasedAt && <span className="badge danger">Erased</span>} {c.mergedIntoId && <span className="badge danger">Merged</span>}</h1>
          <div className="contact">
            <span>{c.accountNumber}</span>
            {c.email && <a href={`mailto:${c.email}`}>{c.email}</a>}
            {c.phone && <a href={`tel:${c.phone.replace(/\s/g, '')}`}>{c.phone}</a>}
            {c.city && <span>{c.city}</span>}
            {c.birthDate && <span>Born {day(c.birthDate)}</span>}
            {c.homeStoreName && <span>Home store: {c.homeStoreName}</span>}
            {c.preferredChannel && <span>Prefers {c.preferredChannel}</span>}
          </div>
        </div>
        {p.openCases.length > 0 && <p className="badge danger" role="note">{p.openCases.length} open service case{p.openCases.length > 1 ? 's' : ''}</p>}
      </header>
      <SpendingSection p={p} />
      <div className="profile-grid">
        <PurchasesSection p={p} />
        <OpenOrdersSection p={p} />
        <ReturnsSection p={p} />
        <LoyaltySection p={p} />
        <WishlistSection p={p} />
        <BrowsingSection p={p} />
        <InteractionsSection p={p} />
        <PreferencesSection p={p} />
      </div>
      {PANELS.filter((x) => !x.permission || can(x.permission)).map((panel) => (
        <section key={panel.key} className="profile-wide" aria-label={panel.title}>
          <h2>{panel.title}</h2>
          <panel.component customerId={c.id} />
        </section>
      ))}
      <PrivacyActions p={p} />
    </div>
  );
}
