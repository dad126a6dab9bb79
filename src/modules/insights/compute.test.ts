import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { testApp } from '../../../test/app.ts';
import { buildRetailer, buildCustomer } from '../../../test/factories.ts';
import { query } from '../../db/client.ts';
import { buildBook, buildOrders } from './test-helpers.ts';
import { customerErrors } from '../customers/errors.ts';
import { recomputeBuiltinMeasures } from './compute.ts';
import { render } from '../../../test/server-text.ts';

let app: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => { app = await testApp(); });
afterAll(async () => { await app?.close(); });

async function measuresOf(cookie: string, customerId: string) {
  const res = await app.inject({ method: 'GET', url: `/api/v1/customers/${customerId}/measures`, headers: { cookie } });
  expect(res.statusCode).toBe(200);
  const body = res.json() as { currency: string; measures: { key: string; valueNumber: number | null; valueText: string | null; drivers: any; computedAt: string }[] };
  return Object.fromEntries(body.measures.map((m) => [m.key, m]));
}

describe('recomputing built-in measures from orders', () => {
  it('scores a steady weekly buyer as more likely active than one who bought twice two years ago, with drivers and freshness', async () => {
    const r = await buildRetailer(app, app.db);
    await buildBook(app.db, r.le.id, () => buildCustomer(app.db, r.le.id));
    const weekly = await buildCustomer(app.db, r.le.id, { firstName: 'Weekly' });
    const weeklyDays = Array.from({ length: 30 }, (_, k) => 1 + 7 * k);
    await buildOrders(app.db, r.le.id, weekly.id, [...weeklyDays, 1]); // two orders yesterday: one purchase day
    const lapsed = await buildCustomer(app.db, r.le.id, { firstName: 'Lapsed' });
    await buildOrders(app.db, r.le.id, lapsed.id, [735, 700]);
    // A cancelled order yesterday must not make the lapsed customer look active.
    await buildOrders(app.db, r.le.id, lapsed.id, [1], { status: 'cancelled' });

    const before = Date.now();
    const res = await app.inject({ method: 'POST', url: '/api/v1/insights/recompute', headers: { cookie: r.as.headOffice }, payload: {} });
    expect(res.statusCode).toBe(200);
    const run = res.json();
    expect(run.customersWithOrders).toBe(32);
    expect(run.fits.map((f: any) => f.model).sort()).toEqual(['bgnbd', 'gamma-gamma']);

    const w = await measuresOf(r.as.associate, weekly.id);
    const l = await measuresOf(r.as.associate, lapsed.id);
    expect(w.p_alive.valueNumber!).toBeGreaterThan(l.p_alive.valueNumber!);
    expect(w.p_alive.valueNumber!).toBeGreaterThan(0.9);
    expect(l.churn_probability.valueNumber!).toBeCloseTo(1 - l.p_alive.valueNumber!, 10);
    expect(w.expected_purchases_90d.valueNumber!).toBeGreaterThan(l.expected_purchases_90d.valueNumber! + 5);
    expect(w.clv_12m.valueNumber!).toBeGreaterThan(l.clv_12m.valueNumber!);
    expect(Number.isInteger(w.clv_12m.valueNumber)).toBe(true); // minor units

    // Drivers say why: the history behind the figure and the model it came from.
    expect(w.p_alive.drivers).toMatchObject({ purchaseDays: 30, daysSinceLastPurchase: 1, period: 'week' });
    expect(l.p_alive.drivers).toMatchObject({ purchaseDays: 2, daysSinceLastPurchase: 700 });
    expect(w.p_alive.drivers.model).toMatchObject({ model: 'bgnbd', customersInFit: 32 });
    expect(Object.keys(w.p_alive.drivers.model.params).sort()).toEqual(['a', 'alpha', 'b', 'r']);
    expect(typeof w.p_alive.drivers.explanation).toBe('string');
    // The "why" and the profile's purchase frequency are one computation: they say the same number of days.
    const profile = (await app.inject({ method: 'GET', url: `/api/v1/customers/${weekly.id}/profile`, headers: { cookie: r.as.associate } })).json();
    expect(profile.spending.purchaseIntervalDays).toBe(7);
    expect(w.p_alive.drivers.explanation).toContain('about every 7 days');
    expect(w.rfm_score.drivers.explanation).not.toContain('minor units');
    expect(w.rfm_score.drivers.explanation).toMatch(/€/);
    expect(w.rfm_segment.valueText).toBe('Champions');
    expect(['Hibernating', 'At risk', "Can't lose them"]).toContain(l.rfm_segment.valueText);
    // Explanations and segments are named by key: the English catalogue gives the API's English back, the French reads French.
    for (const m of [...Object.values(w), ...Object.values(l)].filter((x) => x.key !== 'next_best_action')) {
      expect(m.drivers.explanationText, m.key).toBeDefined();
      expect(render('en', 'measureWhy', m.drivers.explanationText), m.key).toBe(m.drivers.explanation);
    }
    expect(new Set([...Object.values(w), ...Object.values(l)].map((m) => m.drivers.explanationText?.key))).toEqual(new Set(['rfm', 'spendBlend', 'aliveEvery', 'expectedPurchases', 'clv', undefined]));
    expect(render('fr', 'measureWhy', w.p_alive.drivers.explanationText)).toMatch(/^A acheté 30 jours, environ tous les 7 jours\u202f; le dernier il y a 1 jours\.$/);
    expect(render('fr', 'measureWhy', w.rfm_score.drivers.explanationText)).toMatch(/\d\u202f\d{3},\d{2}\u00a0€ dépensés/);
    expect((w.rfm_segment as unknown as { valueKey: string }).valueKey).toBe('champions');
    expect(render('fr', 'rfmSegment', { key: 'cantLoseThem' })).toBe('À ne pas perdre');
    // Freshness.
    expect(Date.parse(w.p_alive.computedAt)).toBeGreaterThanOrEqual(before - 1000);

    const defs = (await app.inject({ method: 'GET', url: '/api/v1/insights/measures', headers: { cookie: r.as.headOffice } })).json();
    const pAlive = defs.find((d: any) => d.key === 'p_alive');
    expect(pAlive).toMatchObject({ source: 'builtin', format: 'percent', customersWithValue: 32 });
    expect(Date.parse(pAlive.lastComputedAt)).toBeGreaterThanOrEqual(before - 1000);
    const model = (await app.inject({ method: 'GET', url: '/api/v1/insights/model', headers: { cookie: r.as.headOffice } })).json();
    expect(model.fits.find((f: any) => f.model === 'bgnbd')).toMatchObject({ customers: 32, period: 'week' });

    // Reading a customer's measures is a customer-data read in the audit log.
    const audits = await query<{ n: number }>(app.db, sql`select count(*)::int as n from audit_log where legal_entity_id = ${r.le.id} and entity_id = ${weekly.id} and action = 'read'`);
    expect(audits[0].n).toBeGreaterThan(0);
  });

  it('uses Pareto/NBD when the legal entity chooses it, and keeps the ordering', async () => {
    const r = await buildRetailer(app, app.db);
    await buildBook(app.db, r.le.id, () => buildCustomer(app.db, r.le.id));
    const weekly = await buildCustomer(app.db, r.le.id);
    await buildOrders(app.db, r.le.id, weekly.id, Array.from({ length: 20 }, (_, k) => 1 + 7 * k));
    const lapsed = await buildCustomer(app.db, r.le.id);
    await buildOrders(app.db, r.le.id, lapsed.id, [730, 700]);
    const set = await app.inject({ method: 'PUT', url: '/api/v1/insights/settings', headers: { cookie: r.as.headOffice }, payload: { transactionModel: 'pareto-nbd' } });
    expect(set.statusCode).toBe(200);
    const res = await app.inject({ method: 'POST', url: '/api/v1/insights/recompute', headers: { cookie: r.as.headOffice }, payload: {} });
    expect(res.json().fits.map((f: any) => f.model)).toContain('pareto-nbd');
    const w = await measuresOf(r.as.headOffice, weekly.id);
    const l = await measuresOf(r.as.headOffice, lapsed.id);
    expect(w.p_alive.drivers.model.model).toBe('pareto-nbd');
    expect(w.p_alive.valueNumber!).toBeGreaterThan(l.p_alive.valueNumber!);
  });

  it('keeps RFM and says why when there is too little history to fit a model; only head office may recompute', async () => {
    const r = await buildRetailer(app, app.db);
    const c = await buildCustomer(app.db, r.le.id);
    await buildOrders(app.db, r.le.id, c.id, [10, 3]);
    const denied = await app.inject({ method: 'POST', url: '/api/v1/insights/recompute', headers: { cookie: r.as.associate }, payload: {} });
    expect({ status: denied.statusCode, code: denied.json().code }).toEqual({ status: 403, code: 'forbidden' });
    const res = await app.inject({ method: 'POST', url: '/api/v1/insights/recompute', headers: { cookie: r.as.headOffice }, payload: {} });
    expect(res.statusCode).toBe(200);
    expect(res.json().fits).toEqual([]);
    expect(res.json().notes.join(' ')).toMatch(/not fitted/);
    // The same notes by key: the built-in measures' error note on the Measures page reads in the reader's language.
    expect(res.json().noteTexts).toEqual([
      { key: 'purchaseNotFitted', params: { min: 10, minRepeat: 3, customers: 1, repeat: 1 } },
      { key: 'spendNotFitted', params: { min: 10, repeat: 1 } },
    ]);
    const defs = (await app.inject({ method: 'GET', url: '/api/v1/insights/measures', headers: { cookie: r.as.headOffice } })).json();
    expect(defs.find((d: any) => d.key === 'clv_12m')).toMatchObject({ lastError: res.json().notes.join(' '), lastErrorNotes: res.json().noteTexts });
    expect(render('fr', 'measureNote', res.json().noteTexts[1])).toMatch(/^Modèle de dépense non ajusté\u00a0: il faut au moins 10 clients ayant racheté \(il y en a 1\)/);
    const m = await measuresOf(r.as.headOffice, c.id);
    expect(m.rfm_segment.valueText).toBeTruthy();
    expect(m.p_alive).toBeUndefined();
    expect(m.expected_spend.valueNumber).toBe(12_000);
  });

  it('gives every customer the same values a few customers at a time as in one go, and fits a bigger book on a sample', async () => {
    const r = await buildRetailer(app, app.db);
    await buildBook(app.db, r.le.id, () => buildCustomer(app.db, r.le.id));
    const none = await buildCustomer(app.db, r.le.id); // no orders: no model values
    const values = () => query<{ customerId: string; key: string; num: number | null; text: string | null; percentile: number | null }>(app.db, sql`
      select v.customer_id as "customerId", v.measure_key as "key", v.value_number as "num", v.value_text as "text", i.clv_book_percentile as "percentile"
      from customer_measure_values v left join customer_insights i on i.customer_id = v.customer_id and v.measure_key = 'clv_12m'
      where v.legal_entity_id = ${r.le.id} order by 1, 2`);
    const whole = await recomputeBuiltinMeasures(app.db, r.le.id);
    const inOneGo = await values();
    expect(inOneGo.filter((v) => v.key === 'p_alive')).toHaveLength(30);
    expect(inOneGo.filter((v) => v.customerId === none.id && v.key !== 'next_best_action')).toEqual([]);
    const chunked = await recomputeBuiltinMeasures(app.db, r.le.id, { chunk: 7 });
    expect(chunked.fits).toEqual(whole.fits);
    expect(await values()).toEqual(inOneGo);

    // Fitted on 12 of the 30 customers with orders; all 30 are still scored, with a CLV percentile from the sample.
    const sampled = await recomputeBuiltinMeasures(app.db, r.le.id, { fitSample: 12, chunk: 7 });
    expect(sampled.customersWithOrders).toBe(30);
    expect(sampled.fits.find((f) => f.model === 'bgnbd')!.customers).toBe(12);
    const after = await values();
    expect(after.filter((v) => v.key === 'p_alive')).toHaveLength(30);
    expect(after.filter((v) => v.key === 'clv_12m').every((v) => v.percentile! >= 0 && v.percentile! <= 1)).toBe(true);
    expect(after.filter((v) => v.key === 'rfm_segment')).toEqual(inOneGo.filter((v) => v.key === 'rfm_segment'));
  });

  it('never shows one legal entity the measures of another', async () => {
    const a = await buildRetailer(app, app.db);
    const b = await buildRetailer(app, app.db);
    const c = await buildCustomer(app.db, a.le.id);
    await buildOrders(app.db, a.le.id, c.id, [5]);
    await app.inject({ method: 'POST', url: '/api/v1/insights/recompute', headers: { cookie: a.as.headOffice }, payload: {} });
    const hidden = await app.inject({ method: 'GET', url: `/api/v1/customers/${c.id}/measures`, headers: { cookie: b.as.headOffice } });
    expect(hidden.statusCode).toBe(404);
    // The customer is looked up by the customers capability, whose code it is.
    expect(hidden.json().code).toBe(customerErrors.customer_not_found.code);
    await app.inject({ method: 'POST', url: '/api/v1/insights/recompute', headers: { cookie: b.as.headOffice }, payload: {} });
    const rows = await query<{ n: number }>(app.db, sql`select count(*)::int as n from customer_measure_values where customer_id = ${c.id} and legal_entity_id <> ${a.le.id}`);
    expect(rows[0].n).toBe(0);
  });
});
