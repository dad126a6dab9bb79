import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { testApp } from '../../../test/app.ts';
import { buildRetailer, buildCustomer, buildProduct, buildOrder, buildBrowsingEvent, buildPreference } from '../../../test/factories.ts';
import { query } from '../../db/client.ts';
import { daysAgo } from './test-helpers.ts';
import { PER_REASON, recommendForCustomer, type Recommendation } from './service.ts';
import { wishlistItems } from '../customer-profile/schema.ts';
import { recommendationsErrors } from './errors.ts';
import { render } from '../../../test/server-text.ts';

let app: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => { app = await testApp(); });
afterAll(async () => { await app?.close(); });

type Retailer = Awaited<ReturnType<typeof buildRetailer>>;

async function recommendations(r: Retailer, customerId: string, qs = ''): Promise<Recommendation[]> {
  const res = await app.inject({ method: 'GET', url: `/api/v1/customers/${customerId}/recommendations${qs}`, headers: { cookie: r.as.associate } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
}

async function mine(r: Retailer) {
  const res = await app.inject({ method: 'POST', url: '/api/v1/recommendations/mine', headers: { cookie: r.as.headOffice } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** Customers who buy the tote also buy the card holder: six baskets with both, noise elsewhere. */
async function toteAndCardHolder(r: Retailer) {
  const stock = [{ storeId: r.store.id, onHand: 4 }];
  const tote = await buildProduct(app.db, r.le.id, { name: 'Lina tote bag', category: 'Handbags', stock });
  const cardHolder = await buildProduct(app.db, r.le.id, { name: 'Card holder', category: 'Small leather goods', stock });
  const scarf = await buildProduct(app.db, r.le.id, { name: 'Silk scarf', category: 'Accessories', stock });
  const belt = await buildProduct(app.db, r.le.id, { name: 'Leather belt', category: 'Accessories', stock });
  for (let i = 0; i < 6; i++) {
    const c = await buildCustomer(app.db, r.le.id);
    await buildOrder(app.db, r.le.id, { customerId: c.id, storeId: null, lines: [{ productId: tote.id }, { productId: cardHolder.id }], orderedAt: daysAgo(100 + i) });
  }
  for (let i = 0; i < 6; i++) {
    const c = await buildCustomer(app.db, r.le.id);
    await buildOrder(app.db, r.le.id, { customerId: c.id, storeId: null, lines: [{ productId: scarf.id }, { productId: belt.id }], orderedAt: daysAgo(90 + i) });
    await buildOrder(app.db, r.le.id, { customerId: c.id, storeId: null, lines: [{ productId: i % 2 ? scarf.id : belt.id }], orderedAt: daysAgo(40 + i) });
  }
  return { tote, cardHolder, scarf, belt };
}

describe('recommendations for the associate', () => {
  it('mines "also bought" rules and suggests B to a new buyer of A, naming the purchase and its date', async () => {
    const r = await buildRetailer(app, app.db);
    const { tote, cardHolder, scarf } = await toteAndCardHolder(r);
    // A cancelled order never reached the customer: it is neither a basket nor a purchase.
    const cancelled = await buildCustomer(app.db, r.le.id);
    for (let i = 0; i < 5; i++) await buildOrder(app.db, r.le.id, { customerId: cancelled.id, storeId: null, lines: [{ productId: tote.id }, { productId: scarf.id }], status: 'cancelled' });

    const run = await mine(r);
    expect(run.status).toBe('succeeded');
    expect(run.baskets).toBe(6 + 12);
    const rules = await query<{ a: string; c: string; confidence: number; count: number }>(app.db, sql`
      select antecedent_product_id as a, consequent_product_id as c, confidence, count from product_association_rules
      where legal_entity_id = ${r.le.id}`);
    expect(rules).toContainEqual({ a: tote.id, c: cardHolder.id, confidence: 1, count: 6 });
    expect(rules.some((x) => x.a === tote.id && x.c === scarf.id)).toBe(false);

    const ada = await buildCustomer(app.db, r.le.id, { firstName: 'Ada' });
    await buildOrder(app.db, r.le.id, { customerId: ada.id, storeId: null, lines: [{ productId: tote.id }], orderedAt: new Date(Date.UTC(new Date().getUTCFullYear(), 0, 3, 12)) });
    const recs = await recommendations(r, ada.id);
    const hit = recs.find((x) => x.productId === cardHolder.id)!;
    expect(hit).toMatchObject({ kind: 'also-bought', name: 'Card holder', inStockAtStore: true, onHand: 4, becauseProductId: tote.id });
    expect(hit.reason).toContain('Because Ada bought Lina tote bag on 3 January');
    // By key for the screens: the English catalogue gives the API's English, the French reads French.
    expect(render('en', 'reco.reason', hit.reasonText!)).toBe(hit.reason);
    expect(render('fr', 'reco.reason', hit.reasonText!)).toBe('Parce que Ada a acheté Lina tote bag le 3 janvier : 100\u00a0% des clients qui l’ont acheté ont aussi acheté ceci');
    // Already bought: never suggested back (outside replenishment).
    expect(recs.some((x) => x.productId === tote.id)).toBe(false);

    // The read of customer data is audited.
    const audited = await query(app.db, sql`select 1 from audit_log where legal_entity_id = ${r.le.id} and entity_id = ${ada.id} and detail->>'view' = 'recommendations'`);
    expect(audited.length).toBe(1);

    const setup = await app.inject({ method: 'GET', url: '/api/v1/recommendations/setup', headers: { cookie: r.as.headOffice } });
    expect(setup.json()).toMatchObject({ ruleCount: rules.length, lastRun: { status: 'succeeded', rules: rules.length } });
  });

  it('keeps rules per legal entity: another retailer neither sees nor mines them', async () => {
    const r = await buildRetailer(app, app.db);
    const { tote, cardHolder } = await toteAndCardHolder(r);
    await mine(r);
    const other = await buildRetailer(app, app.db);
    const run = await mine(other);
    expect(run).toMatchObject({ baskets: 0, rules: 0 });
    // The first retailer's rules survive the other's run.
    const mine1 = await query(app.db, sql`select 1 from product_association_rules where legal_entity_id = ${r.le.id} and antecedent_product_id = ${tote.id} and consequent_product_id = ${cardHolder.id}`);
    expect(mine1.length).toBe(1);
    // A customer of the first retailer does not exist for the other.
    const ada = await buildCustomer(app.db, r.le.id);
    const res = await app.inject({ method: 'GET', url: `/api/v1/customers/${ada.id}/recommendations`, headers: { cookie: other.as.associate } });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe(recommendationsErrors.customer_not_found.code);
  });

  it('filters what is not on hand at the associate\'s store unless asked, and re-mining replaces the rules', async () => {
    const r = await buildRetailer(app, app.db);
    const { tote, cardHolder } = await toteAndCardHolder(r);
    await mine(r);
    await app.db.execute(sql`update product_stock set on_hand = 0 where product_id = ${cardHolder.id}`);
    const ada = await buildCustomer(app.db, r.le.id);
    await buildOrder(app.db, r.le.id, { customerId: ada.id, storeId: null, lines: [{ productId: tote.id }] });
    expect((await recommendations(r, ada.id)).some((x) => x.productId === cardHolder.id)).toBe(false);
    const all = await recommendations(r, ada.id, '?includeOutOfStock=true');
    expect(all.find((x) => x.productId === cardHolder.id)).toMatchObject({ inStockAtStore: false, onHand: 0 });

    // Ada's order is now a seventh basket; a second run replaces, not adds.
    const second = await mine(r);
    const n = await query<{ n: number }>(app.db, sql`select count(*)::int as n from product_association_rules where legal_entity_id = ${r.le.id}`);
    expect(n[0].n).toBe(second.rules);
  });

  it('shows what she viewed online recently and did not buy, not what she bought after viewing', async () => {
    const r = await buildRetailer(app, app.db);
    const stock = [{ storeId: r.store.id, onHand: 2 }];
    const viewed = await buildProduct(app.db, r.le.id, { name: 'Mini bag', stock });
    const boughtAfter = await buildProduct(app.db, r.le.id, { name: 'Bucket bag', stock });
    const longAgo = await buildProduct(app.db, r.le.id, { name: 'Clutch', stock });
    const ada = await buildCustomer(app.db, r.le.id, { firstName: 'Ada' });
    await buildBrowsingEvent(app.db, r.le.id, { customerId: ada.id, productId: viewed.id, at: daysAgo(3) });
    await buildBrowsingEvent(app.db, r.le.id, { customerId: ada.id, productId: viewed.id, at: daysAgo(2), event: 'add-to-cart' });
    await buildBrowsingEvent(app.db, r.le.id, { customerId: ada.id, productId: boughtAfter.id, at: daysAgo(5) });
    await buildOrder(app.db, r.le.id, { customerId: ada.id, storeId: null, lines: [{ productId: boughtAfter.id }], orderedAt: daysAgo(4) });
    await buildBrowsingEvent(app.db, r.le.id, { customerId: ada.id, productId: longAgo.id, at: daysAgo(45) });

    const recs = await recommendations(r, ada.id);
    expect(recs.map((x) => x.productId)).toEqual([viewed.id]);
    expect(recs[0].kind).toBe('browsed-not-bought');
    expect(recs[0].reason).toMatch(/^Ada added it to the online basket on/);
    expect(render('en', 'reco.reason', recs[0].reasonText!)).toBe(recs[0].reason);
    expect(render('fr', 'reco.reason', recs[0].reasonText!)).toMatch(/^Ada l’a mis dans son panier en ligne le \d+ \S+( \d{4})? sans l’acheter$/);
  });

  it('reminds of replenishment with a due date from her own purchase rhythm', async () => {
    const r = await buildRetailer(app, app.db);
    const stock = [{ storeId: r.store.id, onHand: 10 }];
    const cream = await buildProduct(app.db, r.le.id, { name: 'Leather care cream', category: 'Leather care', stock });
    const candle = await buildProduct(app.db, r.le.id, { name: 'Scented candle', category: 'Home', stock });
    const ada = await buildCustomer(app.db, r.le.id, { firstName: 'Ada' });
    const now = new Date();
    // Every 30 days, last 25 days ago: due in 5 days.
    for (const d of [85, 55, 25]) await buildOrder(app.db, r.le.id, { customerId: ada.id, storeId: null, lines: [{ productId: cream.id }], orderedAt: daysAgo(d, now) });
    // Irregular purchases are no rhythm.
    for (const d of [300, 290, 20]) await buildOrder(app.db, r.le.id, { customerId: ada.id, storeId: null, lines: [{ productId: candle.id }], orderedAt: daysAgo(d, now) });

    const recs = await recommendations(r, ada.id);
    expect(recs.map((x) => x.productId)).toEqual([cream.id]);
    const expectedDue = new Date(Math.floor(daysAgo(25, now).getTime() / 86_400_000) * 86_400_000 + 30 * 86_400_000).toISOString().slice(0, 10);
    expect(recs[0]).toMatchObject({ kind: 'replenishment', dueDate: expectedDue });
    expect(recs[0].reason).toContain('Ada buys it about every 30 days (3 times');
    expect(render('en', 'reco.reason', recs[0].reasonText!)).toBe(recs[0].reason);
    expect(render('fr', 'reco.reason', recs[0].reasonText!)).toMatch(/^Ada l’achète environ tous les 30 jours \(3 fois, dernière le .+\) ; à prévoir le .+$/);
  });

  it('respects her sizes of the same kind and boosts her brands', async () => {
    const r = await buildRetailer(app, app.db);
    const stock = [{ storeId: r.store.id, onHand: 3 }];
    const shoes38 = await buildProduct(app.db, r.le.id, { name: 'Pump 38', category: 'Shoes', attributes: { size: '38' }, stock });
    const shoes40 = await buildProduct(app.db, r.le.id, { name: 'Pump 40', category: 'Shoes', attributes: { size: '40' }, stock });
    const dressM = await buildProduct(app.db, r.le.id, { name: 'Dress M', category: 'Ready-to-wear', attributes: { size: 'M' }, stock });
    const favourite = await buildProduct(app.db, r.le.id, { name: 'Loafer', category: 'Shoes', brand: 'Aurelle', stock });
    const ada = await buildCustomer(app.db, r.le.id);
    await buildPreference(app.db, r.le.id, { customerId: ada.id, kind: 'size', value: '38', qualifier: 'shoes' });
    await buildPreference(app.db, r.le.id, { customerId: ada.id, kind: 'brand', value: 'Aurelle' });
    for (const p of [shoes38, shoes40, dressM, favourite]) await buildBrowsingEvent(app.db, r.le.id, { customerId: ada.id, productId: p.id, at: daysAgo(1) });

    const ids = (await recommendations(r, ada.id)).map((x) => x.productId);
    expect(ids).toContain(shoes38.id);
    expect(ids).not.toContain(shoes40.id);
    // No dress size on record: dresses are not filtered by her shoe size.
    expect(ids).toContain(dressM.id);
    expect(ids[0]).toBe(favourite.id);
  });

  it('cross-sells the complement category head office set, from her recent purchase', async () => {
    const r = await buildRetailer(app, app.db);
    const stock = [{ storeId: r.store.id, onHand: 5 }];
    const loafer = await buildProduct(app.db, r.le.id, { name: 'Loafer', category: 'Shoes', stock });
    const polish = await buildProduct(app.db, r.le.id, { name: 'Shoe polish', category: 'Shoe care', stock });
    const trees = await buildProduct(app.db, r.le.id, { name: 'Shoe trees', category: 'Shoe care', stock: [{ storeId: r.store.id, onHand: 0 }] });
    const res = await app.inject({ method: 'POST', url: '/api/v1/recommendations/complements', headers: { cookie: r.as.headOffice }, payload: { fromCategory: 'Shoes', toCategory: 'Shoe care', note: 'Offer care with every pair' } });
    expect(res.statusCode, res.body).toBe(201);
    const dup = await app.inject({ method: 'POST', url: '/api/v1/recommendations/complements', headers: { cookie: r.as.headOffice }, payload: { fromCategory: 'Shoes', toCategory: 'Shoe care' } });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: recommendationsErrors.complement_rule_exists.code, field: 'toCategory' });
    // Removing a rule twice: the second time there is none.
    const removed = await app.inject({ method: 'DELETE', url: `/api/v1/recommendations/complements/${res.json().id}`, headers: { cookie: r.as.headOffice } });
    expect(removed.statusCode).toBe(200);
    const gone = await app.inject({ method: 'DELETE', url: `/api/v1/recommendations/complements/${res.json().id}`, headers: { cookie: r.as.headOffice } });
    expect(gone.statusCode).toBe(404);
    expect(gone.json().code).toBe(recommendationsErrors.complement_rule_not_found.code);
    const again = await app.inject({ method: 'POST', url: '/api/v1/recommendations/complements', headers: { cookie: r.as.headOffice }, payload: { fromCategory: 'Shoes', toCategory: 'Shoe care', note: 'Offer care with every pair' } });
    expect(again.statusCode).toBe(201);
    // Other customers' sales make polish and trees the category's top sellers at the next mining run.
    const other = await buildCustomer(app.db, r.le.id);
    for (let i = 0; i < 3; i++) await buildOrder(app.db, r.le.id, { customerId: other.id, storeId: null, lines: [{ productId: polish.id }, { productId: trees.id }], orderedAt: daysAgo(200 + i) });
    await mine(r);
    const ada = await buildCustomer(app.db, r.le.id, { firstName: 'Ada' });
    await buildOrder(app.db, r.le.id, { customerId: ada.id, storeId: null, lines: [{ productId: loafer.id }], orderedAt: daysAgo(10) });
    // A shoe bought over a year ago has had its care kit: only recent purchases drive cross-sell.
    const bea = await buildCustomer(app.db, r.le.id);
    await buildOrder(app.db, r.le.id, { customerId: bea.id, storeId: null, lines: [{ productId: loafer.id }], orderedAt: daysAgo(400) });
    expect(await recommendations(r, bea.id)).toEqual([]);

    const recs = await recommendations(r, ada.id);
    expect(recs.map((x) => x.productId)).toEqual([polish.id]);
    expect(recs[0]).toMatchObject({ kind: 'cross-sell', becauseProductId: loafer.id });
    expect(recs[0].reason).toMatch(/^Complements the Loafer Ada bought on .*: a top seller in Shoe care\. Offer care with every pair\.$/);
    expect(render('en', 'reco.reason', recs[0].reasonText!)).toBe(recs[0].reason);
    expect(recs.some((x) => x.productId === trees.id)).toBe(false);
  });

  it('never offers a wishlist item as a complement, and keeps one purchase from filling the list with the same sentence', async () => {
    const r = await buildRetailer(app, app.db);
    const stock = [{ storeId: r.store.id, onHand: 5 }];
    const loafer = await buildProduct(app.db, r.le.id, { name: 'Loafer', category: 'Shoes', stock });
    const care = await Promise.all(['Polish', 'Cream', 'Brush', 'Spray', 'Cloth'].map((n) => buildProduct(app.db, r.le.id, { name: n, category: 'Shoe care', stock })));
    expect((await app.inject({ method: 'POST', url: '/api/v1/recommendations/complements', headers: { cookie: r.as.headOffice }, payload: { fromCategory: 'Shoes', toCategory: 'Shoe care' } })).statusCode).toBe(201);
    const other = await buildCustomer(app.db, r.le.id);
    for (let i = 0; i < 3; i++) await buildOrder(app.db, r.le.id, { customerId: other.id, storeId: null, lines: care.map((c) => ({ productId: c.id })), orderedAt: daysAgo(200 + i) });
    await mine(r);
    const ada = await buildCustomer(app.db, r.le.id, { firstName: 'Ada' });
    await buildOrder(app.db, r.le.id, { customerId: ada.id, storeId: null, lines: [{ productId: loafer.id }], orderedAt: daysAgo(10) });
    const cream = care[1];
    await app.db.insert(wishlistItems).values({ legalEntityId: r.le.id, customerId: ada.id, productId: cream.id });

    const recs = await recommendations(r, ada.id);
    expect(recs.some((x) => x.productId === cream.id)).toBe(false);
    // Five complements of one loafer would be five times the same sentence: three say it.
    expect(recs.filter((x) => x.becauseProductId === loafer.id && x.kind === 'cross-sell')).toHaveLength(PER_REASON);
  });

  it('is for the right people: associates read, only head office mines and sets up', async () => {
    const r = await buildRetailer(app, app.db);
    const mineAsAssociate = await app.inject({ method: 'POST', url: '/api/v1/recommendations/mine', headers: { cookie: r.as.associate } });
    expect(mineAsAssociate.statusCode).toBe(403);
    expect(mineAsAssociate.json().code).toBe('forbidden');
    const bad = await app.inject({ method: 'PUT', url: '/api/v1/recommendations/settings', headers: { cookie: r.as.headOffice }, payload: { minConfidence: 2 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'validation', field: 'minConfidence' });
    const same = await app.inject({ method: 'POST', url: '/api/v1/recommendations/complements', headers: { cookie: r.as.headOffice }, payload: { fromCategory: 'Shoes', toCategory: 'Shoes' } });
    expect(same.statusCode).toBe(400);
    expect(same.json()).toMatchObject({ code: recommendationsErrors.complement_to_itself.code, field: 'toCategory' });
    const blank = await app.inject({ method: 'POST', url: '/api/v1/recommendations/complements', headers: { cookie: r.as.headOffice }, payload: { fromCategory: ' ', toCategory: 'Shoes' } });
    expect(blank.statusCode).toBe(400);
    expect(blank.json()).toMatchObject({ code: recommendationsErrors.complement_category_required.code, field: 'fromCategory' });
    // One manual run at a time per legal entity.
    await app.db.execute(sql`insert into recommendation_mining_runs (legal_entity_id, trigger, status, started_at) values (${r.le.id}, 'manual', 'running', now())`);
    const busy = await app.inject({ method: 'POST', url: '/api/v1/recommendations/mine', headers: { cookie: r.as.headOffice } });
    expect(busy.statusCode).toBe(409);
    expect(busy.json().code).toBe(recommendationsErrors.mining_in_progress.code);
    const ok = await app.inject({ method: 'PUT', url: '/api/v1/recommendations/settings', headers: { cookie: r.as.headOffice }, payload: { minSupportCount: 5 } });
    expect(ok.json()).toMatchObject({ minSupportCount: 5, minConfidence: 0.05 });
  });

  it('serves the same list through the service that other capabilities import', async () => {
    const r = await buildRetailer(app, app.db);
    const { tote, cardHolder } = await toteAndCardHolder(r);
    await mine(r);
    const ada = await buildCustomer(app.db, r.le.id);
    await buildOrder(app.db, r.le.id, { customerId: ada.id, storeId: null, lines: [{ productId: tote.id }] });
    const recs = await recommendForCustomer(app.db, { legalEntityId: r.le.id, storeId: r.store.id }, ada.id, { limit: 1 });
    expect(recs).toHaveLength(1);
    expect(recs[0].productId).toBe(cardHolder.id);
    await expect(recommendForCustomer(app.db, { legalEntityId: r.le.id, storeId: r.store.id }, '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ code: recommendationsErrors.customer_not_found.code, kind: 'not_found' });
  });
});
