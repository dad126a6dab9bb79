import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { testApp } from '../../../test/app.ts';
import { buildRetailer, buildCustomer, buildStore, buildAssociate, signInAs, buildProduct, buildOrder, buildReturn, buildOutreachMessage } from '../../../test/factories.ts';
import { clientBooks, clientBookMembers } from '../client-book/schema.ts';
import { appointmentTypes, appointments } from '../appointments/schema.ts';
import { attributionErrors } from './errors.ts';

let app: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => { app = await testApp(); });
afterAll(async () => { await app?.close(); });

describe('store performance', () => {
  it('reports revenue, repeat share, client book growth and retention, conversions and the leaderboard', async () => {
    const r = await buildRetailer(app, app.db);
    const elsewhere = await buildStore(app.db, r.le.id);
    const outsider = await buildAssociate(app.db, r.le, { storeIds: [elsewhere.id] });
    const [c1, c2, c3, c4] = await Promise.all([1, 2, 3, 4].map(() => buildCustomer(app.db, r.le.id)));
    const p = await buildProduct(app.db, r.le.id, { category: 'Handbags' });
    const S = r.store.id;

    // Before the period: C1 and C3 bought (C3 at another store).
    await buildOrder(app.db, r.le.id, { storeId: S, customerId: c1.id, orderedAt: '2024-01-15T10:00:00Z', lines: [{ productId: p.id, netMinor: 9_000 }] });
    await buildOrder(app.db, r.le.id, { storeId: elsewhere.id, customerId: c3.id, orderedAt: '2024-02-10T10:00:00Z', lines: [{ productId: p.id, netMinor: 9_000 }] });
    // In the period (March–April 2024).
    await buildOrder(app.db, r.le.id, { storeId: S, customerId: c1.id, orderedAt: '2024-03-04T10:00:00Z', lines: [{ productId: p.id, netMinor: 30_000, associateId: r.associate.id }] });
    await buildOrder(app.db, r.le.id, { channel: 'online', storeId: S, customerId: c2.id, orderedAt: '2024-03-08T10:00:00Z', lines: [{ productId: p.id, netMinor: 70_000 }] });
    const april = await buildOrder(app.db, r.le.id, { storeId: S, customerId: c2.id, orderedAt: '2024-04-10T10:00:00Z', lines: [{ productId: p.id, netMinor: 20_000, associateId: r.manager.id }] });
    await buildOrder(app.db, r.le.id, { storeId: elsewhere.id, customerId: c1.id, orderedAt: '2024-03-20T10:00:00Z', lines: [{ productId: p.id, netMinor: 99_000 }] });
    await buildOrder(app.db, r.le.id, { status: 'cancelled', storeId: S, customerId: c4.id, orderedAt: '2024-03-21T10:00:00Z', lines: [{ productId: p.id, netMinor: 55_000 }] });
    await buildReturn(app.db, r.le.id, { orderId: april.id, storeId: S, returnedAt: '2024-04-12T10:00:00Z', lines: [{ orderLineId: april.lines[0].id, productId: p.id, refundMinor: 5_000 }] });

    // Client book of the store's associate: two members before the period, two added during it.
    const [book] = await app.db.insert(clientBooks).values({ legalEntityId: r.le.id, associateId: r.associate.id, bookNumber: `CB-${r.le.code}` }).returning();
    await app.db.insert(clientBookMembers).values([
      { clientBookId: book.id, customerId: c1.id, legalEntityId: r.le.id, addedAt: '2023-12-01T10:00:00Z' },
      { clientBookId: book.id, customerId: c3.id, legalEntityId: r.le.id, addedAt: '2023-12-01T10:00:00Z' },
      { clientBookId: book.id, customerId: c2.id, legalEntityId: r.le.id, addedAt: '2024-03-10T10:00:00Z' },
      { clientBookId: book.id, customerId: c4.id, legalEntityId: r.le.id, addedAt: '2024-04-02T10:00:00Z' },
    ]);

    // Outreach by the store's associate: one followed by an order within the window, one not; another store's is not counted.
    await buildOutreachMessage(app.db, r.le.id, { customerId: c2.id, associateId: r.associate.id, sentAt: '2024-03-05T09:00:00Z' });
    await buildOutreachMessage(app.db, r.le.id, { customerId: c4.id, associateId: r.associate.id, sentAt: '2024-03-06T09:00:00Z' });
    await buildOutreachMessage(app.db, r.le.id, { customerId: c1.id, associateId: outsider.id, sentAt: '2024-03-01T09:00:00Z' });

    // Appointments: completed then bought within a week, completed without purchase, cancelled (not counted).
    const [type] = await app.db.insert(appointmentTypes).values({ legalEntityId: r.le.id, storeId: S, name: 'Personal shopping', durationMinutes: 60 }).returning();
    const appt = (customerId: string, status: 'completed' | 'cancelled', day: string) => ({
      publicId: `apt_${customerId.slice(0, 8)}${day}`, legalEntityId: r.le.id, storeId: S, appointmentTypeId: type.id, associateId: r.associate.id, customerId, status,
      startsAt: `2024-03-${day}T10:00:00Z`, endsAt: `2024-03-${day}T11:00:00Z`, blockedUntil: `2024-03-${day}T11:00:00Z`, customerName: 'Customer', customerEmail: 'c@example.test',
    });
    await app.db.insert(appointments).values([appt(c1.id, 'completed', '02'), appt(c4.id, 'completed', '10'), appt(c3.id, 'cancelled', '12')]);

    expect((await app.inject({ method: 'POST', url: '/api/v1/attribution/run', headers: { cookie: r.as.headOffice } })).statusCode).toBe(200);

    const res = await app.inject({ method: 'GET', url: `/api/v1/performance/store/${S}?from=2024-03-01&to=2024-04-30`, headers: { cookie: r.as.manager } });
    expect(res.statusCode).toBe(200);
    const perf = res.json();
    expect(perf).toMatchObject({ revenueMinor: 120_000, returnsMinor: 5_000, repeatRevenueMinor: 30_000, repeatShare: 0.25, orders: 3 });
    expect(perf.months).toEqual([
      expect.objectContaining({ month: '2024-03', revenueMinor: 100_000, repeatRevenueMinor: 30_000, newBookMembers: 1, outreachSent: 2, outreachConverted: 1, appointments: 2, appointmentsConverted: 1 }),
      // By month, C2 is a repeat customer in April (she bought in March).
      expect.objectContaining({ month: '2024-04', revenueMinor: 20_000, repeatRevenueMinor: 20_000, returnsMinor: 5_000, newBookMembers: 1, outreachSent: 0 }),
    ]);
    expect(perf.clientBook).toEqual({ available: true, newMembers: 2, members: 4, previousBuyers: 2, retained: 1, retention: 0.5 });
    expect(perf.outreach).toMatchObject({ available: true, sent: 2, converted: 1, conversion: 0.5 });
    expect(perf.appointments).toEqual({ available: true, total: 2, completed: 2, converted: 1, conversion: 0.5 });
    expect(perf.leaderboard.map((l: any) => [l.associateId, l.attributedMinor, l.returnsMinor])).toEqual([
      [r.associate.id, 100_000, 0],
      [r.manager.id, 15_000, -5_000],
    ]);
  });

  it('is for managers of the store and head office only', async () => {
    const r = await buildRetailer(app, app.db);
    const url = `/api/v1/performance/store/${r.store.id}?from=2024-01-01&to=2024-01-31`;
    const refusal = (res: { statusCode: number; json(): { code: string } }) => [res.statusCode, res.json().code];
    expect(refusal(await app.inject({ method: 'GET', url, headers: { cookie: r.as.associate } }))).toEqual([403, 'forbidden']);
    expect((await app.inject({ method: 'GET', url, headers: { cookie: r.as.headOffice } })).statusCode).toBe(200);
    const elsewhere = await buildStore(app.db, r.le.id);
    const otherManager = await buildAssociate(app.db, r.le, { role: 'Store manager', storeIds: [elsewhere.id] });
    const cookie = (await signInAs(app, otherManager.email)).cookie;
    expect(refusal(await app.inject({ method: 'GET', url, headers: { cookie } }))).toEqual([403, attributionErrors.store_not_worked_in.code]);
    const reversed = await app.inject({ method: 'GET', url: `/api/v1/performance/store/${r.store.id}?from=2024-02-01&to=2024-01-01`, headers: { cookie: r.as.manager } });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json()).toMatchObject({ code: attributionErrors.date_range_reversed.code, field: 'to' });
    const empty = await app.inject({ method: 'GET', url, headers: { cookie: r.as.manager } });
    expect(empty.json()).toMatchObject({ revenueMinor: 0, repeatShare: null, leaderboard: [], months: [{ month: '2024-01', revenueMinor: 0 }] });
  });
});
