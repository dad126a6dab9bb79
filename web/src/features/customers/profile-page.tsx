import { useState } from 'react';
import { ErrorNote } from '../../lib/error-note.tsx';
import { useSession } from '../../lib/session.tsx';
import { Link } from '../../lib/router.tsx';
import type { CustomerPanel } from '../../lib/feature.ts';
import { day } from './types.ts';
import { useProfile } from './queries.ts';
import { SpendingSection, PurchasesSection, OpenOrdersSection, ReturnsSection, LoyaltySection, WishlistSection, BrowsingSection, InteractionsSection, PreferencesSection } from './profile-sections.tsx';
import { PrivacyActions } from './privacy-actions.tsx';
import { ContactForm } from './contact-form.tsx';
import { useT } from '../../i18n/i18n.ts';
import { phoneHref, usePhoneFormat } from '../../lib/phone.ts';
import './customers.css';

// Other features contribute sections (activities and notes, recommendations, outreach…).
const panelModules = import.meta.glob<{ customerPanels: CustomerPanel[] }>('../*/customer-panels.tsx', { eager: true });
const PANELS = Object.values(panelModules).flatMap((m) => m.customerPanels ?? []).sort((a, b) => a.order - b.order);

export function CustomerProfilePage({ params }: { params: Record<string, string> }) {
  const { can } = useSession();
  const { t } = useT();
  const phone = usePhoneFormat();
  const { data: p, error } = useProfile(params.id);
  // The contact form opens in place of the contact line; "saved" shows until the next edit.
  const [editing, setEditing] = useState<'no' | 'open' | 'saved'>('no');
  if (error) return <div className="empty"><h1>{t('customer.title')}</h1><ErrorNote error={error} /><Link to="/customers">{t('customer.backToSearch')}</Link></div>;
  if (!p) return <div className="loading">{t('customer.loadingCustomer')}</div>;
  const c = p.customer;
  const editable = can('customers.edit') && !c.erasedAt && !c.mergedIntoId;
  return (
    <div className="customer-profile">
      <header className="profile-header">
        <div>
          <h1>{c.firstName} {c.lastName} {c.isVip && <span className="badge">{t('common.vip')}</span>} {p.loyalty && <span className="badge" aria-label={t('customer.loyaltyTier')}>{p.loyalty.tier}</span>}
            {c.erasedAt && <span className="badge danger">{t('customer.erased')}</span>} {c.mergedIntoId && <span className="badge danger">{t('customer.merged')}</span>}</h1>
          <div className="contact">
            <span>{c.accountNumber}</span>
            {c.salutation && <span aria-label={t('customer.salutation')}>{t(`customer.salutations.${c.salutation}`)}</span>}
            {c.email && <a href={`mailto:${c.email}`}>{c.email}</a>}
            {c.phone && <a href={phoneHref(c.phone)}>{phone(c.phone)}</a>}
            {c.city && <span>{c.city}</span>}
            {c.birthDate && <span>{t('customer.born', { date: day(c.birthDate) })}</span>}
            {c.homeStoreName && <span>{t('customer.homeStore', { store: c.homeStoreName })}</span>}
            {c.preferredChannel && <span>{t('customer.prefers', { channel: t(`customer.channels.${c.preferredChannel}` as 'customer.channels.email', { defaultValue: c.preferredChannel }) })}</span>}
          </div>
        </div>
        {p.openCases.length > 0 && <p className="badge danger" role="note">{t('customer.openCases', { count: p.openCases.length })}</p>}
        {editable && editing !== 'open' && <button type="button" className="secondary" onClick={() => setEditing('open')}>{t('customer.editContact')}</button>}
      </header>
      {editable && editing === 'open' && <ContactForm customerId={c.id} onDone={(saved) => setEditing(saved ? 'saved' : 'no')} />}
      {editing === 'saved' && <p role="status" className="ok">{t('customer.contactSaved')}</p>}
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
        <section key={panel.key} className="profile-wide" aria-label={t(`panels.${panel.key}` as 'panels.looks', { defaultValue: panel.title })}>
          <h2>{t(`panels.${panel.key}` as 'panels.looks', { defaultValue: panel.title })}</h2>
          <panel.component customerId={c.id} />
        </section>
      ))}
      <PrivacyActions p={p} />
    </div>
  );
}
