import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { testApp } from '../../../test/app.ts';
import { buildRetailer, buildCustomer, buildStore, buildAssociate, signInAs, buildProduct, buildOrder, buildReturn } from '../../../test/factories.ts';
import { attributionErrors } from './errors.ts';

let app: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => { app = await testApp(); });
afterAll(async () => { await app?.close(); });

async function setUp() {
  const r = await buildRetailer(app, app.db);
  const second = await buildStore(app.db, r.le.id, { name: 'Second store' });
  const customer = await buildCustomer(app.db, r.le.id, { firstName: 'Élise', lastName: 'Durand' });
  const ring = await buildProduct(app.db, r.le.id, { category: 'Jewellery', name: 'Gold ring' });
  const bag = await buildProduct(app.db, r.le.id, { category: 'Handbags', name: 'Tote, "large"' });
  const scarf = await buildProduct(app.db, r.le.id, { category: 'Scarves', name: 'Silk scarf' });
  const plan = await app.inject({
    method: 'POST', url: '/api/v1/attribution/plans', headers: { cookie: r.as.headOffice },
    payload: {
      name: 'Plan 2024', validFrom: '2024-01', validTo: '2024-12', defaultRatePercent: 3,
      rates: [
        { storeId: null, category: 'Jewellery', ratePercent: 5 },
        { storeId: r.store.id, category: 'Jewellery', ratePercent: 7 },
        { storeId: second.id, category: null, ratePercent: 4 },
      ],
    },
  });
  expect(plan.statusCode).toBe(201);
  const at = '2024-09-10T10:00:00Z';
  const a = r.associate.id;
  // Store+category 7 %, category 5 % (at the second store), store 4 %, default 3 %.
  const o1 = await buildOrder(app.db, r.le.id, { storeId: r.store.id, customerId: customer.id, orderedAt: at, lines: [{ productId: ring.id, netMinor: 100_000, associateId: a }] });
  await buildOrder(app.db, r.le.id, { storeId: second.id, customerId: customer.id, orderedAt: at, lines: [{ productId: ring.id, netMinor: 10_000, associateId: a }, { productId: bag.id, netMinor: 20_000, associateId: a }] });
  await buildOrder(app.db, r.le.id, { storeId: r.store.id, customerId: customer.id, orderedAt: at, lines: [{ productId: scarf.id, netMinor: 15_050, associateId: a }] });
  await buildReturn(app.db, r.le.id, { orderId: o1.id, storeId: r.store.id, returnedAt: '2024-09-20T10:00:00Z', lines: [{ orderLineId: o1.lines[0].id, productId: ring.id, refundMinor: 50_000 }] });
  expect((await app.inject({ method: 'POST', url: '/api/v1/attribution/run', headers: { cookie: r.as.headOffice } })).statusCode).toBe(200);
  return { r, second };
}

describe('commission statements', () => {
  it('applies the most specific rate: store and category, category, store, default', async () => {
    const { r, second } = await setUp();
    const res = await app.inject({ method: 'GET', url: `/api/v1/attribution/statements/${r.associate.id}?period=2024-09`, headers: { cookie: r.as.associate } });
    expect(res.statusCode).toBe(200);
    const st = res.json();
    expect(st.plan.name).toBe('Plan 2024');
    const line = (storeId: string, category: string) => st.lines.find((l: any) => l.storeId === storeId && l.category === category);
    expect(line(r.store.id, 'Jewellery')).toMatchObject({ ratePercent: 7, rateSource: 'store-and-category', salesMinor: 100_000, returnsMinor: -50_000, netMinor: 50_000, commissionMinor: 3_500 });
    expect(line(second.id, 'Jewellery')).toMatchObject({ ratePercent: 5, rateSource: 'category', commissionMinor: 500 });
    expect(line(second.id, 'Handbags')).toMatchObject({ ratePercent: 4, rateSource: 'store', commissionMinor: 800 });
    // 3 % of 150.50 is 4.515, rounded to 4.52.
    expect(line(r.store.id, 'Scarves')).toMatchObject({ ratePercent: 3, rateSource: 'default', commissionMinor: 452 });
    expect(st.totals).toEqual({ salesMinor: 145_050, returnsMinor: -50_000, netMinor: 95_050, commissionMinor: 3_500 + 500 + 800 + 452 });
    expect(st.entries).toHaveLength(5);
    expect(st.entries.find((e: any) => e.kind === 'return')).toMatchObject({ amountMinor: -50_000, commissionMinor: -3_500, customerName: 'Élise Durand' });

    const empty = await app.inject({ method: 'GET', url: `/api/v1/attribution/statements/${r.associate.id}?period=2025-02`, headers: { cookie: r.as.associate } });
    expect(empty.json()).toMatchObject({ plan: null, entries: [], totals: { commissionMinor: 0 } });
    const bad = await app.inject({ method: 'GET', url: `/api/v1/attribution/statements/${r.associate.id}?period=2024-13`, headers: { cookie: r.as.associate } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'validation', field: 'period' }); // the route's month pattern
  });

  it('exports the statement as CSV whose rows add up to the total', async () => {
    const { r } = await setUp();
    const res = await app.inject({ method: 'GET', url: `/api/v1/attribution/statements/${r.associate.id}/csv?period=2024-09`, headers: { cookie: r.as.associate } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="commission-.*-2024-09\.csv"/);
    const lines = res.body.trim().split('\r\n');
    expect(lines[0]).toBe('date,kind,order,line,product,category,store,customer,rule,share_percent,amount_EUR,rate_percent,commission_EUR,explanation');
    expect(lines).toHaveLength(1 + 5 + 1);
    expect(res.body).toContain('"Tote, ""large"""');
    expect(lines.some((l) => l.startsWith('2024-09-20,return,') && l.includes(',-500.00,7,-35.00,'))).toBe(true);
    const commissions = lines.slice(1, -1).map((l) => Number(l.match(/,(-?\d+\.\d{2}),"?(Sold|Return)/)![1]));
    expect(commissions.reduce((a, b) => a + b, 0)).toBeCloseTo(52.52, 2);
    expect(lines.at(-1)).toContain(',total,');
    expect(lines.at(-1)).toContain(',950.50,,52.52,');
  });

  it('shows an associate only their own statement; a manager those of their store; head office all', async () => {
    const { r } = await setUp();
    const colleague = await buildAssociate(app.db, r.le, { storeIds: [r.store.id] });
    const colleagueCookie = (await signInAs(app, colleague.email)).cookie;
    const url = `/api/v1/attribution/statements/${r.associate.id}?period=2024-09`;
    const refusal = (res: { statusCode: number; json(): { code: string } }) => [res.statusCode, res.json().code];
    const notYours = [403, attributionErrors.statement_not_yours.code];
    expect(refusal(await app.inject({ method: 'GET', url, headers: { cookie: colleagueCookie } }))).toEqual(notYours);
    expect(refusal(await app.inject({ method: 'GET', url: `/api/v1/attribution/statements/${r.associate.id}/csv?period=2024-09`, headers: { cookie: colleagueCookie } }))).toEqual(notYours);
    expect((await app.inject({ method: 'GET', url, headers: { cookie: r.as.manager } })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url, headers: { cookie: r.as.headOffice } })).statusCode).toBe(200);

    const elsewhere = await buildStore(app.db, r.le.id);
    const otherManager = await buildAssociate(app.db, r.le, { role: 'Store manager', storeIds: [elsewhere.id] });
    const otherCookie = (await signInAs(app, otherManager.email)).cookie;
    expect(refusal(await app.inject({ method: 'GET', url, headers: { cookie: otherCookie } }))).toEqual(notYours);
  });

  it('rejects overlapping plans and rates without a store or category', async () => {
    const { r } = await setUp();
    const overlap = await app.inject({ method: 'POST', url: '/api/v1/attribution/plans', headers: { cookie: r.as.headOffice }, payload: { name: 'Autumn', validFrom: '2024-10', validTo: null, defaultRatePercent: 2, rates: [] } });
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json()).toMatchObject({ code: attributionErrors.plan_overlap.code, field: 'validFrom' });
    const vague = await app.inject({ method: 'POST', url: '/api/v1/attribution/plans', headers: { cookie: r.as.headOffice }, payload: { name: '2025', validFrom: '2025-01', validTo: null, defaultRatePercent: 2, rates: [{ storeId: null, category: null, ratePercent: 1 }] } });
    expect(vague.statusCode).toBe(400);
    expect(vague.json()).toMatchObject({ code: attributionErrors.rate_without_scope.code, field: 'rates/0' });
    const ok = await app.inject({ method: 'POST', url: '/api/v1/attribution/plans', headers: { cookie: r.as.headOffice }, payload: { name: '2025', validFrom: '2025-01', validTo: null, defaultRatePercent: 2.5, rates: [{ storeId: null, category: 'Jewellery', ratePercent: 4.25 }] } });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ validFrom: '2025-01', validTo: null, defaultRatePercent: 2.5, rates: [{ category: 'Jewellery', ratePercent: 4.25 }] });
  });
});
