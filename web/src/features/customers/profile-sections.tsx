import { useState } from 'react';
import { useSession } from '../../lib/session.tsx';
import { ErrorNote } from '../../lib/error-note.tsx';
import { day, CHANNEL_LABEL, STATUS_LABEL } from './types.ts';
import { useAddPreference, useRemovePreference, useSetConsent, type ConsentChannel, type Interaction, type Order, type PreferenceKind, type Profile } from './queries.ts';
import { formatMoneyShort } from '../../../../shared/money.ts';
import { SpendChart } from './spend-chart.tsx';

export function SpendingSection({ p }: { p: Profile }) {
  const s = p.spending; const cur = p.currency;
  return (
    <section className="profile-wide" aria-labelledby="spending-h">
      <h2 id="spending-h">Spending patterns</h2>
      <div className="kpis">
        <div className="kpi"><strong>{formatMoneyShort(s.spendThisYearMinor, cur)}</strong><span>Spend this year</span></div>
        <div className="kpi"><strong>{formatMoneyShort(s.spendLastYearMinor, cur)}</strong><span>Spend last year</span></div>
        <div className="kpi"><strong>{formatMoneyShort(s.averageOrderValueMinor, cur)}</strong><span>Average order value</span></div>
        <div className="kpi"><strong>{s.ordersLast12Months}</strong><span>Orders in 12 months</span></div>
        <div className="kpi"><strong>{s.purchaseIntervalDays === null ? '—' : `every ${s.purchaseIntervalDays} days`}</strong><span>Purchase frequency</span></div>
        <div className="kpi"><strong>{day(s.lastPurchaseAt)}</strong><span>Last purchase{s.daysSinceLastPurchase !== null ? ` (${s.daysSinceLastPurchase} days ago)` : ''}</span></div>
      </div>
      {s.favouriteCategories.length > 0 && <p><strong>Favourite categories:</strong> {s.favouriteCategories.map((c) => `${c.name} (${formatMoneyShort(c.spendMinor, cur)})`).join(', ')}</p>}
      {s.favouriteBrands.length > 0 && <p><strong>Favourite brands:</strong> {s.favouriteBrands.map((c) => c.name).join(', ')}</p>}
      <SpendChart monthly={s.monthly} currency={cur} />
      {s.otherCurrencyOrders > 0 && (
        <p className="muted small">
          Amounts in {cur} only: {s.otherCurrencyOrders} order{s.otherCurrencyOrders === 1 ? '' : 's'} in {s.otherCurrencies.join(', ')} {s.otherCurrencyOrders === 1 ? 'is' : 'are'} not added in (they are listed with their own currency).
        </p>
      )}
    </section>
  );
}

function OrderItem({ o }: { o: Order }) {
  return (
    <li>
      <strong>{day(o.orderedAt)}</strong> · {CHANNEL_LABEL[o.channel] ?? o.channel}{o.storeName ? ` · ${o.storeName}` : ''} · {formatMoneyShort(o.totalMinor, o.currency)}
      {o.status !== 'completed' && <> <span className={`badge ${o.status === 'cancelled' ? 'danger' : ''}`}>{STATUS_LABEL[o.status] ?? o.status}</span></>}
      <ul className="order-lines">
        {o.lines.map((l) => (
          <li key={l.lineNumber}>{l.quantity > 1 ? `${l.quantity} × ` : ''}{l.name} — {formatMoneyShort(l.netMinor, o.currency)}{l.discountMinor > 0 ? ` (−${formatMoneyShort(l.discountMinor, o.currency)})` : ''}{l.associateName ? ` · sold by ${l.associateName}` : ''}</li>
        ))}
      </ul>
    </li>
  );
}

export function PurchasesSection({ p }: { p: Profile }) {
  return (
    <section aria-labelledby="purchases-h">
      <h2 id="purchases-h">Recent purchases</h2>
      {p.recentPurchases.length ? <ul className="plain-list">{p.recentPurchases.map((o) => <OrderItem key={o.id} o={o} />)}</ul> : <p className="muted">No purchases yet.</p>}
    </section>
  );
}

export function OpenOrdersSection({ p }: { p: Profile }) {
  return (
    <section aria-labelledby="open-orders-h">
      <h2 id="open-orders-h">Open orders</h2>
      {p.openOrders.length ? <ul className="plain-list">{p.openOrders.map((o) => <OrderItem key={o.id} o={o} />)}</ul> : <p className="muted">No open orders.</p>}
    </section>
  );
}

export function ReturnsSection({ p }: { p: Profile }) {
  return (
    <section aria-labelledby="returns-h">
      <h2 id="returns-h">Returns</h2>
      {p.returns.length ? (
        <ul className="plain-list">{p.returns.map((r) => (
          <li key={r.id}><strong>{day(r.returnedAt)}</strong> · {formatMoneyShort(r.refundMinor, r.currency)} refunded
            <ul className="order-lines">{r.lines.map((l, i) => <li key={i}>{l.name} — {l.reason}</li>)}</ul></li>
        ))}</ul>
      ) : <p className="muted">Nothing returned.</p>}
    </section>
  );
}

export function LoyaltySection({ p }: { p: Profile }) {
  const l = p.loyalty;
  return (
    <section aria-labelledby="loyalty-h">
      <h2 id="loyalty-h">Loyalty</h2>
      {l ? (<>
        <p><strong>{l.programme}</strong> · {l.tier} tier · card {l.cardNumber}</p>
        <p><strong>{l.pointsBalance.toLocaleString()}</strong> points · member since {day(l.joinedAt)}</p>
        <ul className="plain-list">{l.recentLedger.map((e, i) => <li key={i}>{day(e.occurredAt)} · {e.points > 0 ? '+' : ''}{e.points} · {e.reason}</li>)}</ul>
      </>) : <p className="muted">Not a loyalty member.</p>}
    </section>
  );
}

export function WishlistSection({ p }: { p: Profile }) {
  return (
    <section aria-labelledby="wishlist-h">
      <h2 id="wishlist-h">Wishlist and saved items</h2>
      {p.wishlist.length ? <ul className="plain-list">{p.wishlist.map((w) => (
        <li key={w.id}>{w.name} · {formatMoneyShort(w.priceMinor, p.currency)} {w.list === 'saved' && <span className="badge">saved</span>}
          <div className="muted">{w.onHandHere ? `${w.onHandHere} in this store` : w.onHandTotal ? `${w.onHandTotal} in other stores` : 'Out of stock'} · added {day(w.addedAt)}</div></li>
      ))}</ul> : <p className="muted">Nothing on the wishlist.</p>}
    </section>
  );
}

export function BrowsingSection({ p }: { p: Profile }) {
  return (
    <section aria-labelledby="browsing-h">
      <h2 id="browsing-h">Viewed online (30 days)</h2>
      {p.recentBrowsing.length ? <ul className="plain-list">{p.recentBrowsing.map((b) => (
        <li key={b.productId}>{b.name} · {formatMoneyShort(b.priceMinor, p.currency)} {b.purchasedSince ? <span className="badge ok">bought</span> : <span className="badge">not bought</span>} {b.addedToCart && <span className="badge">added to cart</span>}
          <div className="muted">{b.views} view{b.views === 1 ? '' : 's'}, last {day(b.lastViewedAt)}</div></li>
      ))}</ul> : <p className="muted">No recent online browsing.</p>}
    </section>
  );
}

function InteractionItem({ i }: { i: Interaction }) {
  return <li><strong>{i.subject}</strong> {i.status && <span className={`badge ${i.status === 'open' || i.status === 'pending' ? 'danger' : ''}`}>{i.status}</span>}
    <div className="muted">{i.kind.replace('-', ' ')} · {day(i.occurredAt)}{i.channel ? ` · ${i.channel}` : ''}{i.associateName ? ` · ${i.associateName}` : ''}{i.campaign ? ` · ${i.campaign}` : ''}</div></li>;
}

export function InteractionsSection({ p }: { p: Profile }) {
  return (
    <section aria-labelledby="interactions-h">
      <h2 id="interactions-h">Service and interactions</h2>
      {p.openCases.length > 0 && <><h3>Open cases</h3><ul className="plain-list">{p.openCases.map((i) => <InteractionItem key={i.id} i={i} />)}</ul></>}
      <h3>Recent interactions</h3>
      {p.recentInteractions.length ? <ul className="plain-list">{p.recentInteractions.map((i) => <InteractionItem key={i.id} i={i} />)}</ul> : <p className="muted">None recorded.</p>}
      <h3>Marketing touches</h3>
      {p.marketingTouches.length ? <ul className="plain-list">{p.marketingTouches.map((i) => <InteractionItem key={i.id} i={i} />)}</ul> : <p className="muted">No campaigns reached this customer recently.</p>}
    </section>
  );
}

const KINDS: PreferenceKind[] = ['size', 'brand', 'category', 'colour', 'style', 'dietary', 'other'];
const CHANNELS: ConsentChannel[] = ['email', 'sms', 'whatsapp', 'phone', 'mail'];

export function PreferencesSection({ p }: { p: Profile }) {
  const { can } = useSession();
  const [kind, setKind] = useState<PreferenceKind>('size');
  const [qualifier, setQualifier] = useState('');
  const [value, setValue] = useState('');
  const add = useAddPreference(p.customer.id);
  const remove = useRemovePreference(p.customer.id);
  const consentChange = useSetConsent(p.customer.id);
  const error = add.error ?? remove.error ?? consentChange.error;
  const editable = can('customers.edit') && !p.customer.erasedAt && !p.customer.mergedIntoId;
  const consent = (channel: string) => p.consents.find((c) => c.channel === channel);
  return (
    <section aria-labelledby="prefs-h">
      <h2 id="prefs-h">Preferences and consent</h2>
      {p.preferences.length ? <ul className="plain-list">{p.preferences.map((x) => (
        <li key={x.id} className="row" style={{ justifyContent: 'space-between' }}><span><strong>{x.kind}{x.qualifier ? ` (${x.qualifier})` : ''}:</strong> {x.value}</span>
          {editable && <button className="secondary" aria-label={`Remove ${x.kind} ${x.value}`} onClick={() => remove.mutate(x.id)}>Remove</button>}</li>
      ))}</ul> : <p className="muted">No preferences recorded.</p>}
      {editable && (
        <form className="row" onSubmit={(e) => { e.preventDefault(); add.mutate({ kind, qualifier: qualifier || undefined, value }, { onSuccess: () => { setValue(''); setQualifier(''); } }); }}>
          <label>Kind<select value={kind} onChange={(e) => setKind(e.target.value as PreferenceKind)}>{KINDS.map((k) => <option key={k}>{k}</option>)}</select></label>
          <label>For<input value={qualifier} onChange={(e) => setQualifier(e.target.value)} placeholder="shoes, ring…" /></label>
          <label>Preference<input value={value} onChange={(e) => setValue(e.target.value)} required /></label>
          <button type="submit">Add preference</button>
        </form>
      )}
      <h3>Consent</h3>
      <table aria-label="Consent per channel"><tbody>
        {CHANNELS.map((ch) => {
          const c = consent(ch);
          return (
            <tr key={ch}><th scope="row">{ch}{p.customer.preferredChannel === ch ? ' (preferred)' : ''}</th>
              <td>{c ? (c.granted ? <span className="badge ok">granted</span> : <span className="badge danger">refused</span>) : <span className="muted">not asked</span>}
                {c && <div className="muted">{c.source} · {day(c.recordedAt)}</div>}</td>
              <td>{editable && <button className="secondary" aria-label={`${c?.granted ? 'Withdraw' : 'Grant'} ${ch} consent`}
                onClick={() => consentChange.mutate({ channel: ch, granted: !c?.granted })}>{c?.granted ? 'Withdraw' : 'Grant'}</button>}</td></tr>
          );
        })}
      </tbody></table>
      <ErrorNote error={error} />
    </section>
  );
}
