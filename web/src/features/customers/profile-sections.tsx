import { useState } from 'react';
import { useSession } from '../../lib/session.tsx';
import { ErrorNote } from '../../lib/error-note.tsx';
import { day } from './types.ts';
import { useAddPreference, useRemovePreference, useSetConsent, type ConsentChannel, type Interaction, type Order, type PreferenceKind, type Profile } from './queries.ts';
import { useT } from '../../i18n/i18n.ts';
import { SpendChart } from './spend-chart.tsx';

export function SpendingSection({ p }: { p: Profile }) {
  const { t, format } = useT();
  const s = p.spending; const cur = p.currency;
  return (
    <section className="profile-wide" aria-labelledby="spending-h">
      <h2 id="spending-h">{t('customer.spending')}</h2>
      <div className="kpis">
        <div className="kpi"><strong>{format.moneyShort(s.spendThisYearMinor, cur)}</strong><span>{t('customer.spendThisYear')}</span></div>
        <div className="kpi"><strong>{format.moneyShort(s.spendLastYearMinor, cur)}</strong><span>{t('customer.spendLastYear')}</span></div>
        <div className="kpi"><strong>{format.moneyShort(s.averageOrderValueMinor, cur)}</strong><span>{t('customer.averageOrder')}</span></div>
        <div className="kpi"><strong>{s.ordersLast12Months}</strong><span>{t('customer.orders12')}</span></div>
        <div className="kpi"><strong>{s.purchaseIntervalDays === null ? '—' : t('customer.everyDays', { days: s.purchaseIntervalDays })}</strong><span>{t('customer.frequency')}</span></div>
        <div className="kpi"><strong>{day(s.lastPurchaseAt)}</strong><span>{t('customer.lastPurchase')}{s.daysSinceLastPurchase !== null ? t('customer.daysAgo', { days: s.daysSinceLastPurchase }) : ''}</span></div>
      </div>
      {s.favouriteCategories.length > 0 && <p><strong>{t('customer.favouriteCategories')}</strong> {s.favouriteCategories.map((c) => `${c.name} (${format.moneyShort(c.spendMinor, cur)})`).join(', ')}</p>}
      {s.favouriteBrands.length > 0 && <p><strong>{t('customer.favouriteBrands')}</strong> {s.favouriteBrands.map((c) => c.name).join(', ')}</p>}
      <SpendChart monthly={s.monthly} currency={cur} />
      {s.otherCurrencyOrders > 0 && (
        <p className="muted small">
          {t('customer.otherCurrencies', { currency: cur, count: s.otherCurrencyOrders, currencies: s.otherCurrencies.join(', ') })}
        </p>
      )}
    </section>
  );
}

function OrderItem({ o }: { o: Order }) {
  const { t, format } = useT();
  return (
    <li>
      <strong>{day(o.orderedAt)}</strong> · {t(`customer.orderChannel.${o.channel}` as 'customer.orderChannel.store', { defaultValue: o.channel })}{o.storeName ? ` · ${o.storeName}` : ''} · {format.moneyShort(o.totalMinor, o.currency)}
      {o.status !== 'completed' && <> <span className={`badge ${o.status === 'cancelled' ? 'danger' : ''}`}>{t(`customer.orderStatus.${o.status}` as 'customer.orderStatus.completed', { defaultValue: o.status })}</span></>}
      <ul className="order-lines">
        {o.lines.map((l) => (
          <li key={l.lineNumber}>{l.quantity > 1 ? `${l.quantity} × ` : ''}{l.name} — {format.moneyShort(l.netMinor, o.currency)}{l.discountMinor > 0 ? ` (−${format.moneyShort(l.discountMinor, o.currency)})` : ''}{l.associateName ? t('customer.soldBy', { name: l.associateName }) : ''}</li>
        ))}
      </ul>
    </li>
  );
}

export function PurchasesSection({ p }: { p: Profile }) {
  const { t, format } = useT();
  return (
    <section aria-labelledby="purchases-h">
      <h2 id="purchases-h">{t('customer.recentPurchases')}</h2>
      {p.recentPurchases.length ? <ul className="plain-list">{p.recentPurchases.map((o) => <OrderItem key={o.id} o={o} />)}</ul> : <p className="muted">{t('customer.noPurchases')}</p>}
    </section>
  );
}

export function OpenOrdersSection({ p }: { p: Profile }) {
  const { t, format } = useT();
  return (
    <section aria-labelledby="open-orders-h">
      <h2 id="open-orders-h">{t('customer.openOrders')}</h2>
      {p.openOrders.length ? <ul className="plain-list">{p.openOrders.map((o) => <OrderItem key={o.id} o={o} />)}</ul> : <p className="muted">{t('customer.noOpenOrders')}</p>}
    </section>
  );
}

export function ReturnsSection({ p }: { p: Profile }) {
  const { t, format } = useT();
  return (
    <section aria-labelledby="returns-h">
      <h2 id="returns-h">{t('customer.returns')}</h2>
      {p.returns.length ? (
        <ul className="plain-list">{p.returns.map((r) => (
          <li key={r.id}><strong>{day(r.returnedAt)}</strong> · {t('customer.refunded', { amount: format.moneyShort(r.refundMinor, r.currency) })}
            <ul className="order-lines">{r.lines.map((l, i) => <li key={i}>{l.name} — {l.reason}</li>)}</ul></li>
        ))}</ul>
      ) : <p className="muted">{t('customer.nothingReturned')}</p>}
    </section>
  );
}

export function LoyaltySection({ p }: { p: Profile }) {
  const { t, format } = useT();
  const l = p.loyalty;
  return (
    <section aria-labelledby="loyalty-h">
      <h2 id="loyalty-h">{t('customer.loyalty')}</h2>
      {l ? (<>
        <p><strong>{l.programme}</strong> · {t('customer.tierCard', { tier: l.tier, card: l.cardNumber })}</p>
        <p><strong>{format.number(l.pointsBalance)}</strong> {t('customer.points', { date: day(l.joinedAt) })}</p>
        <ul className="plain-list">{l.recentLedger.map((e, i) => <li key={i}>{day(e.occurredAt)} · {e.points > 0 ? '+' : ''}{e.points} · {e.reason}</li>)}</ul>
      </>) : <p className="muted">{t('customer.notMember')}</p>}
    </section>
  );
}

export function WishlistSection({ p }: { p: Profile }) {
  const { t, format } = useT();
  return (
    <section aria-labelledby="wishlist-h">
      <h2 id="wishlist-h">{t('customer.wishlist')}</h2>
      {p.wishlist.length ? <ul className="plain-list">{p.wishlist.map((w) => (
        <li key={w.id}>{w.name} · {format.moneyShort(w.priceMinor, p.currency)} {w.list === 'saved' && <span className="badge">{t('customer.saved')}</span>}
          <div className="muted">{w.onHandHere ? t('customer.inThisStore', { count: w.onHandHere }) : w.onHandTotal ? t('customer.inOtherStores', { count: w.onHandTotal }) : t('customer.outOfStock')} · {t('customer.added', { date: day(w.addedAt) })}</div></li>
      ))}</ul> : <p className="muted">{t('customer.emptyWishlist')}</p>}
    </section>
  );
}

export function BrowsingSection({ p }: { p: Profile }) {
  const { t, format } = useT();
  return (
    <section aria-labelledby="browsing-h">
      <h2 id="browsing-h">{t('customer.browsing')}</h2>
      {p.recentBrowsing.length ? <ul className="plain-list">{p.recentBrowsing.map((b) => (
        <li key={b.productId}>{b.name} · {format.moneyShort(b.priceMinor, p.currency)} {b.purchasedSince ? <span className="badge ok">{t('customer.bought')}</span> : <span className="badge">{t('customer.notBought')}</span>} {b.addedToCart && <span className="badge">{t('customer.addedToCart')}</span>}
          <div className="muted">{t('customer.views', { count: b.views, date: day(b.lastViewedAt) })}</div></li>
      ))}</ul> : <p className="muted">{t('customer.noBrowsing')}</p>}
    </section>
  );
}

function InteractionItem({ i }: { i: Interaction }) {
  const { t, format } = useT();
  // Kinds are the platform's; statuses and channels come from the source system, said in the screen's language when known.
  return <li><strong>{i.subject}</strong> {i.status && <span className={`badge ${i.status === 'open' || i.status === 'pending' ? 'danger' : ''}`}>{t(`customer.interactionStatus.${i.status}` as 'customer.interactionStatus.open', { defaultValue: i.status })}</span>}
    <div className="muted">{t(`customer.interactionKinds.${i.kind}` as 'customer.interactionKinds.email', { defaultValue: i.kind.replace('-', ' ') })} · {day(i.occurredAt)}{i.channel ? ` · ${t(`customer.channels.${i.channel}` as 'customer.channels.email', { defaultValue: i.channel })}` : ''}{i.associateName ? ` · ${i.associateName}` : ''}{i.campaign ? ` · ${i.campaign}` : ''}</div></li>;
}

export function InteractionsSection({ p }: { p: Profile }) {
  const { t, format } = useT();
  return (
    <section aria-labelledby="interactions-h">
      <h2 id="interactions-h">{t('customer.interactions')}</h2>
      {p.openCases.length > 0 && <><h3>{t('customer.openCasesHeading')}</h3><ul className="plain-list">{p.openCases.map((i) => <InteractionItem key={i.id} i={i} />)}</ul></>}
      <h3>{t('customer.recentInteractions')}</h3>
      {p.recentInteractions.length ? <ul className="plain-list">{p.recentInteractions.map((i) => <InteractionItem key={i.id} i={i} />)}</ul> : <p className="muted">{t('customer.noneRecorded')}</p>}
      <h3>{t('customer.marketingTouches')}</h3>
      {p.marketingTouches.length ? <ul className="plain-list">{p.marketingTouches.map((i) => <InteractionItem key={i.id} i={i} />)}</ul> : <p className="muted">{t('customer.noCampaigns')}</p>}
    </section>
  );
}

const KINDS: PreferenceKind[] = ['size', 'brand', 'category', 'colour', 'style', 'dietary', 'other'];
const CHANNELS: ConsentChannel[] = ['email', 'sms', 'whatsapp', 'phone', 'mail'];

export function PreferencesSection({ p }: { p: Profile }) {
  const { t, format } = useT();
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
      <h2 id="prefs-h">{t('customer.preferencesConsent')}</h2>
      {p.preferences.length ? <ul className="plain-list">{p.preferences.map((x) => (
        <li key={x.id} className="row" style={{ justifyContent: 'space-between' }}><span><strong>{t('common.labelValue', { label: `${t(`customer.kinds.${x.kind}` as 'customer.kinds.size', { defaultValue: x.kind })}${x.qualifier ? ` (${x.qualifier})` : ''}`, value: '' }).trimEnd()}</strong> {x.value}</span>
          {editable && <button className="secondary" aria-label={t('customer.removePreference', { kind: t(`customer.kinds.${x.kind}` as 'customer.kinds.size', { defaultValue: x.kind }), value: x.value })} onClick={() => remove.mutate(x.id)}>{t('common.remove')}</button>}</li>
      ))}</ul> : <p className="muted">{t('customer.noPreferences')}</p>}
      {editable && (
        <form className="row" onSubmit={(e) => { e.preventDefault(); add.mutate({ kind, qualifier: qualifier || undefined, value }, { onSuccess: () => { setValue(''); setQualifier(''); } }); }}>
          <label>{t('customer.kind')}<select value={kind} onChange={(e) => setKind(e.target.value as PreferenceKind)}>{KINDS.map((k) => <option key={k} value={k}>{t(`customer.kinds.${k}`)}</option>)}</select></label>
          <label>{t('customer.for')}<input value={qualifier} onChange={(e) => setQualifier(e.target.value)} placeholder={t('customer.forPlaceholder')} /></label>
          <label>{t('customer.preference')}<input value={value} onChange={(e) => setValue(e.target.value)} required /></label>
          <button type="submit">{t('customer.addPreference')}</button>
        </form>
      )}
      <h3>{t('customer.consent')}</h3>
      <table aria-label={t('customer.consentPerChannel')}><tbody>
        {CHANNELS.map((ch) => {
          const c = consent(ch);
          return (
            <tr key={ch}><th scope="row">{t(`customer.channels.${ch}`)}{p.customer.preferredChannel === ch ? t('customer.preferred') : ''}</th>
              <td>{c ? (c.granted ? <span className="badge ok">{t('customer.granted')}</span> : <span className="badge danger">{t('customer.refused')}</span>) : <span className="muted">{t('customer.notAsked')}</span>}
                {c && <div className="muted">{c.source} · {day(c.recordedAt)}</div>}</td>
              <td>{editable && <button className="secondary" aria-label={c?.granted ? t('customer.withdrawConsent', { channel: t(`customer.channels.${ch}`) }) : t('customer.grantConsent', { channel: t(`customer.channels.${ch}`) })}
                onClick={() => consentChange.mutate({ channel: ch, granted: !c?.granted })}>{c?.granted ? t('customer.withdraw') : t('customer.grant')}</button>}</td></tr>
          );
        })}
      </tbody></table>
      <ErrorNote error={error} fields={{ kind: t('customer.kind'), qualifier: t('customer.for'), value: t('customer.preference') }} />
    </section>
  );
}
