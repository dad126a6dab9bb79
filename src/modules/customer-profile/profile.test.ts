import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { render } from '../../../test/server-text.ts';
import { i18next } from '../../../web/src/i18n/i18n.ts';
import { timelineDetail } from '../../../web/src/features/activities/timeline-title.ts';
import { sql } from 'drizzle-orm';
import { testApp } from '../../../test/app.ts';
import { buildRetailer, buildCustomer, buildProduct, buildOrder, buildReturn, setStock } from '../../../test/factories.ts';
import { and, desc, eq } from 'drizzle-orm';
import { loyaltyAccounts, loyaltyLedger, wishlistItems, interactions, browsingEvents, consentHistory } from './schema.ts';
import { recordConsentChange } from './service.ts';
import { auditLog } from '../audit/schema.ts';
import { customerProfileErrors } from './errors.ts';
import { customerErrors } from '../customers/errors.ts';

let app: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => { app = await testApp(); });
afterAll(async () => { await app.close(); });

const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString();

async function seedCustomer360() {
  const r = await buildRetailer(app, app.db);
  const le = r.le.id;
  const c = await buildCustomer(app.db, le, { firstName: 'Margaux', lastName: 'Delacroix', isVip: true, homeStoreId: r.store.id });
  const bag = await buildProduct(app.db, le, { name: 'Le Petit Sac', category: 'Handbags', brand: 'Aurelle', priceMinor: 240_000 });
  const ring = await buildProduct(app.db, le, { name: 'Solitaire ring', category: 'Jewellery', brand: 'Vendôme', priceMinor: 90_000 });
  const scarf = await buildProduct(app.db, le, { name: 'Silk twill scarf', category: 'Accessories', priceMinor: 19_000 });
  await setStock(app.db, bag.id, [{ storeId: r.store.id, onHand: 3 }]);
  const thisYear = await buildOrder(app.db, le, { customerId: c.id, lines: [{ productId: bag.id, unitPriceMinor: 240_000, discountMinor: 10_000, associateId: r.associate.id }, { productId: scarf.id, unitPriceMinor: 19_000 }], storeId: r.store.id, orderedAt: daysAgo(1) });
  const lastYearDate = `${new Date().getUTCFullYear() - 1}-03-15T10:00:00Z`;
  await buildOrder(app.db, le, { customerId: c.id, storeId: null, lines: [{ productId: ring.id, unitPriceMinor: 90_000 }], channel: 'online', orderedAt: lastYearDate });
  await buildOrder(app.db, le, { customerId: c.id, storeId: null, lines: [{ productId: scarf.id, unitPriceMinor: 19_000 }], channel: 'online', status: 'shipped', fulfilment: 'ship', orderedAt: daysAgo(2) });
  await buildOrder(app.db, le, { customerId: c.id, storeId: null, lines: [{ productId: scarf.id, unitPriceMinor: 19_000 }], status: 'cancelled', orderedAt: daysAgo(3) });
  await buildReturn(app.db, le, { orderId: thisYear.id, customerId: c.id, storeId: null, lines: [{ productId: scarf.id, reason: 'Colour not as pictured', refundMinor: 19_000 }] });
  await app.db.insert(loyaltyAccounts).values({ customerId: c.id, legalEntityId: le, programme: 'Aurelle Circle', tier: 'Gold', cardNumber: `CARD-${c.id.slice(0, 8)}`, joinedAt: daysAgo(500) });
  await app.db.insert(loyaltyLedger).values([
    { legalEntityId: le, customerId: c.id, externalId: `L1-${c.id}`, occurredAt: daysAgo(400), points: 900, reason: 'Purchase' },
    { legalEntityId: le, customerId: c.id, externalId: `L2-${c.id}`, occurredAt: daysAgo(1), points: 2300, reason: 'Purchase' },
    { legalEntityId: le, customerId: c.id, externalId: `L3-${c.id}`, occurredAt: daysAgo(0.5), points: -500, reason: 'Redeemed voucher' },
  ]);
  await app.db.insert(wishlistItems).values({ legalEntityId: le, customerId: c.id, productId: bag.id });
  await app.db.insert(interactions).values([
    { legalEntityId: le, customerId: c.id, externalId: `I1-${c.id}`, kind: 'complaint', subject: 'Late delivery', status: 'open', occurredAt: daysAgo(5) },
    { legalEntityId: le, customerId: c.id, externalId: `I2-${c.id}`, kind: 'service-case', subject: 'Strap repair', status: 'closed', occurredAt: daysAgo(60), closedAt: daysAgo(40) },
    { legalEntityId: le, customerId: c.id, externalId: `I3-${c.id}`, kind: 'marketing-touch', subject: 'Spring collection', campaign: 'SPRING-LAUNCH', channel: 'email', occurredAt: daysAgo(7) },
  ]);
  await app.db.insert(browsingEvents).values([
    { legalEntityId: le, customerId: c.id, productId: ring.id, externalId: `B1-${c.id}`, occurredAt: daysAgo(4) },
    { legalEntityId: le, customerId: c.id, productId: ring.id, externalId: `B2-${c.id}`, event: 'add-to-cart', occurredAt: daysAgo(4) },
    { legalEntityId: le, customerId: c.id, productId: scarf.id, externalId: `B3-${c.id}`, occurredAt: daysAgo(6) },
  ]);
  return { r, c, bag, ring, scarf };
}

describe('customer 360 profile', () => {
  it('shows purchases across channels, returns, loyalty, wishlist, cases, browsing, open orders and spending in one response', async () => {
    const { r, c, bag, ring, scarf } = await seedCustomer360();
    const res = await app.inject({ method: 'GET', url: `/api/v1/customers/${c.id}/profile`, headers: { cookie: r.as.associate } });
    expect(res.statusCode).toBe(200);
    const p = res.json();
    expect(p.customer.isVip).toBe(true);
    expect(p.recentPurchases.map((o: any) => o.channel).sort()).toEqual(['online', 'online', 'store', 'store']);
    const storeSale = p.recentPurchases.find((o: any) => o.status === 'completed' && o.channel === 'store');
    expect(storeSale.lines[0]).toMatchObject({ name: 'Le Petit Sac', unitPriceMinor: 240_000, discountMinor: 10_000, netMinor: 230_000, associateId: r.associate.id });
    expect(p.returns[0].lines[0]).toMatchObject({ reason: 'Colour not as pictured', productId: scarf.id });
    expect(p.loyalty).toMatchObject({ tier: 'Gold', pointsBalance: 2700 });
    expect(p.loyalty.recentLedger[0].points).toBe(-500);
    expect(p.wishlist[0]).toMatchObject({ productId: bag.id, onHandHere: 3, onHandTotal: 3 });
    expect(p.openOrders.map((o: any) => o.status)).toEqual(['shipped']);
    expect(p.openCases.map((i: any) => i.subject)).toEqual(['Late delivery']);
    expect(p.recentInteractions.map((i: any) => i.subject)).not.toContain('Spring collection');
    expect(p.marketingTouches[0]).toMatchObject({ campaign: 'SPRING-LAUNCH' });
    const viewedRing = p.recentBrowsing.find((b: any) => b.productId === ring.id);
    expect(viewedRing).toMatchObject({ views: 1, addedToCart: true, purchasedSince: false });
    // The scarf was viewed six days ago and bought two days ago: not a browsed-not-bought lead.
    expect(p.recentBrowsing.find((b: any) => b.productId === scarf.id).purchasedSince).toBe(true);

    // Cancelled orders are not spend; this year holds the bag+scarf sale and the shipped scarf.
    const s = p.spending;
    expect(s.orderCount).toBe(3);
    expect(s.spendThisYearMinor).toBe(230_000 + 19_000 + 19_000);
    expect(s.spendLastYearMinor).toBe(90_000);
    expect(s.averageOrderValueMinor).toBe(Math.round((249_000 + 90_000 + 19_000) / 3));
    expect(s.returnedMinor).toBe(19_000);
    expect(s.favouriteCategories[0]).toMatchObject({ name: 'Handbags', spendMinor: 230_000 });
    expect(s.monthly).toHaveLength(24);
    const thisMonth = new Date().toISOString().slice(0, 7);
    const lastOrderMonth = new Date(Date.now() - 86_400_000).toISOString().slice(0, 7);
    expect(s.monthly.at(-1).month).toBe(thisMonth);
    expect(s.monthly.reduce((a: number, m: any) => a + m.spendMinor, 0)).toBeGreaterThanOrEqual(268_000);
    expect(s.monthly.find((m: any) => m.month === lastOrderMonth).spendMinor).toBeGreaterThan(0);

    const audit = await app.inject({ method: 'GET', url: `/api/v1/audit?entityId=${c.id}`, headers: { cookie: r.as.headOffice } });
    expect(audit.statusCode).toBe(200);
    expect(JSON.stringify(audit.json())).toContain('customer-profile');
  });

  it('answers 404 for a customer of another legal entity', async () => {
    const { c } = await seedCustomer360();
    const other = await buildRetailer(app, app.db);
    const res = await app.inject({ method: 'GET', url: `/api/v1/customers/${c.id}/profile`, headers: { cookie: other.as.headOffice } });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe(customerErrors.customer_not_found.code);
  });

  it('gives a new customer an empty profile with zero spending', async () => {
    const r = await buildRetailer(app, app.db);
    const c = await buildCustomer(app.db, r.le.id);
    const p = (await app.inject({ method: 'GET', url: `/api/v1/customers/${c.id}/profile`, headers: { cookie: r.as.associate } })).json();
    expect(p.spending).toMatchObject({ orderCount: 0, averageOrderValueMinor: 0, purchaseIntervalDays: null, lastPurchaseAt: null });
    expect(p.loyalty).toBeNull();
    expect(p.spending.monthly.every((m: any) => m.spendMinor === 0)).toBe(true);
  });

  it('adds up spending in the legal entity\'s currency only, says which orders it left out, and shows refunds in their order\'s currency', async () => {
    const r = await buildRetailer(app, app.db);
    const le = r.le.id;
    const c = await buildCustomer(app.db, le);
    const bag = await buildProduct(app.db, le, { name: 'Tote', category: 'Handbags', priceMinor: 150_000 });
    await buildOrder(app.db, le, { customerId: c.id, storeId: null, lines: [{ productId: bag.id, unitPriceMinor: 150_000 }], orderedAt: daysAgo(3) });
    const tokyo = await buildOrder(app.db, le, { customerId: c.id, storeId: null, lines: [{ productId: bag.id, unitPriceMinor: 230_000 }], orderedAt: daysAgo(2), currency: 'JPY', channel: 'online' });
    await buildReturn(app.db, le, { orderId: tokyo.id, customerId: c.id, storeId: null, lines: [{ productId: bag.id, reason: 'Too large', refundMinor: 230_000 }] });
    const p = (await app.inject({ method: 'GET', url: `/api/v1/customers/${c.id}/profile`, headers: { cookie: r.as.associate } })).json();
    expect(p.currency).toBe('EUR');
    // ¥230,000 is not €2,300: the euro figures hold the euro order only.
    expect(p.spending).toMatchObject({ orderCount: 1, totalMinor: 150_000, spendThisYearMinor: expect.any(Number), averageOrderValueMinor: 150_000,
      returnedMinor: 0, otherCurrencyOrders: 1, otherCurrencies: ['JPY'] });
    expect(p.spending.monthly.reduce((a: number, m: { spendMinor: number }) => a + m.spendMinor, 0)).toBe(150_000);
    expect(p.spending.favouriteCategories).toEqual([{ name: 'Handbags', spendMinor: 150_000, quantity: 1 }]);
    // The purchase and its refund keep their own currency.
    expect(p.recentPurchases.find((o: { id: string }) => o.id === tokyo.id)).toMatchObject({ currency: 'JPY', totalMinor: 230_000 });
    expect(p.returns).toEqual([expect.objectContaining({ currency: 'JPY', refundMinor: 230_000 })]);
  });

  it('puts purchases, returns, cases and online views on the customer timeline, newest first, a page at a time', async () => {
    const { r, c } = await seedCustomer360();
    type Event = { kind: string; title: string; detail: string | null; actor: string | null; occurredAt: string; data: Record<string, unknown> };
    const page = async (q: string) => (await app.inject({ method: 'GET', url: `/api/v1/customers/${c.id}/timeline${q}`, headers: { cookie: r.as.associate } })).json() as { items: Event[]; nextCursor: string | null };
    const first = await page('?limit=50');
    const items = first.items;
    expect(items.map((e) => e.occurredAt)).toEqual([...items.map((e) => e.occurredAt)].sort().reverse());
    expect(items.filter((e) => e.kind === 'purchase').map((e) => e.title).sort()).toEqual(['Order · In store · cancelled', 'Order · Online · shipped', 'Purchase · In store', 'Purchase · Online']);
    expect(items.find((e) => e.title === 'Purchase · In store')).toMatchObject({ detail: 'Le Petit Sac, Silk twill scarf', actor: r.store.name, data: { totalMinor: 249_000, currency: 'EUR' } });
    expect(items.find((e) => e.kind === 'return')).toMatchObject({ title: 'Return', detail: 'Silk twill scarf (Colour not as pictured)', data: { refundMinor: 19_000 } });
    expect(items.find((e) => e.kind === 'complaint')).toMatchObject({ title: 'Late delivery', detail: 'open' });
    expect(items.find((e) => e.kind === 'marketing-touch')).toMatchObject({ title: 'Spring collection', detail: 'email', actor: 'SPRING-LAUNCH' });
    // An interaction's kind, status and channel go by code too: the web words them in the reader's language.
    const coded = items as (Event & { detailKey?: string; detailParams?: Record<string, string> })[];
    const complaint = coded.find((e) => e.kind === 'complaint')!;
    const touch = coded.find((e) => e.kind === 'marketing-touch')!;
    expect(complaint).toMatchObject({ detailKey: 'interactionStatus', detailParams: { kind: 'complaint', status: 'open' } });
    expect(touch).toMatchObject({ detailKey: 'interactionChannel', detailParams: { kind: 'marketing-touch', channel: 'email' } });
    expect([complaint, touch].map((e) => timelineDetail(e, i18next.getFixedT('fr')))).toEqual(['réclamation · ouverte', 'campagne marketing · par e-mail']);
    expect([complaint, touch].map((e) => timelineDetail(e, i18next.getFixedT('en')))).toEqual(['complaint · open', 'marketing touch · by email']);
    expect(items.filter((e) => e.kind.startsWith('online-')).map((e) => e.title).sort())
      .toEqual(['Added to cart online: Solitaire ring', 'Viewed online: Silk twill scarf', 'Viewed online: Solitaire ring']);
    // Purchases, returns and online views are named by key for the web: the English catalogue gives the API's title, the French reads French.
    const keyed = (items as (Event & { titleKey?: string; titleParams?: Record<string, string> })[]).filter((e) => e.titleKey);
    expect(keyed.map((e) => e.kind).sort()).toEqual(['online-add-to-cart', 'online-view', 'online-view', 'purchase', 'purchase', 'purchase', 'purchase', 'return']);
    for (const e of keyed) expect(render('en', 'timeline', { key: e.titleKey!, params: e.titleParams })).toBe(e.title);
    expect(keyed.filter((e) => e.kind === 'purchase' || e.kind === 'return' || e.kind === 'online-add-to-cart').map((e) => render('fr', 'timeline', { key: e.titleKey!, params: e.titleParams })).sort())
      .toEqual(['Achat · En boutique', 'Achat · En ligne', 'Ajouté au panier en ligne : Solitaire ring', 'Commande · En boutique · annulée', 'Commande · En ligne · expédiée', 'Retour']);

    // Three at a time, the pages add up to the same events in the same order.
    const seen: Event[] = [];
    for (let q = '?limit=3'; ;) {
      const p = await page(q);
      seen.push(...p.items);
      if (!p.nextCursor) break;
      q = `?limit=3&before=${encodeURIComponent(p.nextCursor)}`;
    }
    expect(seen.map((e) => `${e.kind} ${e.title}`)).toEqual(items.map((e) => `${e.kind} ${e.title}`));
  });

  it('names a removal from the online cart and the online actor by key', async () => {
    const r = await buildRetailer(app, app.db);
    const c = await buildCustomer(app.db, r.le.id);
    const ring = await buildProduct(app.db, r.le.id, { name: 'Solitaire ring', category: 'Jewellery', priceMinor: 90_000 });
    await app.db.insert(browsingEvents).values({ legalEntityId: r.le.id, customerId: c.id, productId: ring.id, externalId: `R1-${c.id}`, event: 'remove-from-cart', occurredAt: daysAgo(1) });
    const items = (await app.inject({ method: 'GET', url: `/api/v1/customers/${c.id}/timeline`, headers: { cookie: r.as.associate } })).json().items as
      { kind: string; title: string; titleKey?: string; titleParams?: Record<string, string>; actor: string; actorKey?: string }[];
    const removed = items.find((e) => e.kind === 'online-remove-from-cart')!;
    expect(removed).toMatchObject({ title: 'Removed from cart online: Solitaire ring', titleKey: 'removedFromCartOnline', actor: 'Online', actorKey: 'online' });
    expect(render('en', 'timeline', { key: removed.titleKey!, params: removed.titleParams })).toBe(removed.title);
    expect(render('fr', 'timeline', { key: removed.titleKey!, params: removed.titleParams })).toBe('Retiré du panier en ligne\u00a0: Solitaire ring');
    expect(render('en', 'timelineActor', { key: removed.actorKey! })).toBe('Online');
    expect(render('fr', 'timelineActor', { key: removed.actorKey! })).toBe('En ligne');
  });

  it('records preferences and consent per channel with source, time and history', async () => {
    const r = await buildRetailer(app, app.db);
    const c = await buildCustomer(app.db, r.le.id);
    const h = { cookie: r.as.associate };
    const pref = await app.inject({ method: 'POST', url: `/api/v1/customers/${c.id}/preferences`, headers: h, payload: { kind: 'size', qualifier: 'shoes', value: '38' } });
    expect(pref.statusCode).toBe(201);
    const bad = await app.inject({ method: 'POST', url: `/api/v1/customers/${c.id}/preferences`, headers: h, payload: { kind: 'mood', value: 'x' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('validation');

    const grant = await app.inject({ method: 'PUT', url: `/api/v1/customers/${c.id}/consents/email`, headers: h, payload: { granted: true, source: 'in store' } });
    expect(grant.statusCode).toBe(200);
    const revoke = await app.inject({ method: 'PUT', url: `/api/v1/customers/${c.id}/consents/email`, headers: h, payload: { granted: false, source: 'email unsubscribe link' } });
    expect(revoke.json()).toMatchObject({ granted: false, source: 'email unsubscribe link' });
    // A paper form signed last month arrives late: it is kept in the history but does not re-grant.
    await app.inject({ method: 'PUT', url: `/api/v1/customers/${c.id}/consents/email`, headers: h, payload: { granted: true, source: 'paper form', recordedAt: daysAgo(30) } });
    // A consent dated tomorrow is a typo, not a grant.
    const future = await app.inject({ method: 'PUT', url: `/api/v1/customers/${c.id}/consents/email`, headers: h, payload: { granted: true, source: 'paper form', recordedAt: daysAgo(-1) } });
    expect([future.statusCode, future.json().code, future.json().field]).toEqual([400, customerProfileErrors.consent_in_future.code, 'recordedAt']);

    const p = (await app.inject({ method: 'GET', url: `/api/v1/customers/${c.id}/profile`, headers: h })).json();
    expect(p.preferences).toEqual([expect.objectContaining({ kind: 'size', qualifier: 'shoes', value: '38' })]);
    expect(p.consents).toEqual([expect.objectContaining({ channel: 'email', granted: false })]);
    const history = (await app.inject({ method: 'GET', url: `/api/v1/customers/${c.id}/consents/history`, headers: h })).json();
    expect(history.map((x: any) => x.source)).toEqual(['email unsubscribe link', 'in store', 'paper form']);

    const del = await app.inject({ method: 'DELETE', url: `/api/v1/customers/${c.id}/preferences/${pref.json().id}`, headers: h });
    expect(del.statusCode).toBe(204);
    const again = await app.inject({ method: 'DELETE', url: `/api/v1/customers/${c.id}/preferences/${pref.json().id}`, headers: h });
    expect(again.statusCode).toBe(404);
    expect(again.json().code).toBe(customerProfileErrors.preference_not_found.code);
  });

  it('records a consent change from another capability (a STOP keyword) with its source and note, current value and history together', async () => {
    const r = await buildRetailer(app, app.db);
    const c = await buildCustomer(app.db, r.le.id);
    const other = await buildRetailer(app, app.db);
    const h = { cookie: r.as.associate };
    await app.inject({ method: 'PUT', url: `/api/v1/customers/${c.id}/consents/sms`, headers: h, payload: { granted: true, source: 'in store' } });

    const stop = await recordConsentChange(app.db, r.le.id, c.id, { channel: 'sms', granted: false, source: 'sms-stop', note: 'STOP' }, { associateId: null, associateName: 'SMS provider' });
    expect(stop).toMatchObject({ channel: 'sms', granted: false, source: 'sms-stop' });
    // A decision older than the current one (a paper form keyed in late) goes to the history only.
    const late = await recordConsentChange(app.db, r.le.id, c.id, { channel: 'sms', granted: true, source: 'paper form', recordedAt: daysAgo(10) });
    expect(late).toMatchObject({ granted: false, source: 'sms-stop' });

    const p = (await app.inject({ method: 'GET', url: `/api/v1/customers/${c.id}/profile`, headers: h })).json();
    expect(p.consents).toEqual([expect.objectContaining({ channel: 'sms', granted: false, source: 'sms-stop' })]);
    const history = await app.db.select({ source: consentHistory.source, granted: consentHistory.granted, note: consentHistory.note })
      .from(consentHistory).where(eq(consentHistory.customerId, c.id)).orderBy(desc(consentHistory.recordedAt));
    expect(history).toEqual([
      { source: 'sms-stop', granted: false, note: 'STOP' },
      { source: 'in store', granted: true, note: null },
      { source: 'paper form', granted: true, note: null },
    ]);
    const audited = await app.db.select({ actor: auditLog.actorLabel, detail: auditLog.detail }).from(auditLog)
      .where(and(eq(auditLog.legalEntityId, r.le.id), eq(auditLog.entityType, 'customer-consent'), eq(auditLog.entityId, c.id)));
    expect(audited).toContainEqual({ actor: 'SMS provider', detail: { channel: 'sms', granted: false, source: 'sms-stop' } });

    // Another legal entity's customer is not found; an erased customer's consent cannot change.
    await expect(recordConsentChange(app.db, other.le.id, c.id, { channel: 'sms', granted: true, source: 'preference-page' }))
      .rejects.toMatchObject({ code: customerErrors.customer_not_found.code });
    await app.db.execute(sql`update customers set erased_at = now() where id = ${c.id}`);
    await expect(recordConsentChange(app.db, r.le.id, c.id, { channel: 'email', granted: true, source: 'preference-page' }))
      .rejects.toMatchObject({ code: customerProfileErrors.customer_erased.code });
  });

  it('refuses to change the preferences of an erased customer', async () => {
    const r = await buildRetailer(app, app.db);
    const c = await buildCustomer(app.db, r.le.id);
    await app.db.execute(sql`update customers set erased_at = now() where id = ${c.id}`);
    const res = await app.inject({ method: 'PUT', url: `/api/v1/customers/${c.id}/consents/sms`, headers: { cookie: r.as.associate }, payload: { granted: true, source: 'in store' } });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe(customerProfileErrors.customer_erased.code);
  });
});
