import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { testApp } from '../../../test/app.ts';
import { buildRetailer, buildCustomer, buildAssociate, buildProduct, buildOrder, buildReturn, buildOutreachMessage } from '../../../test/factories.ts';
import { query } from '../../db/client.ts';
import { attributionErrors } from './errors.ts';

let app: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => { app = await testApp(); });
afterAll(async () => { await app?.close(); });

type Entry = { orderLineId: string; associateId: string; rule: string; share: number; amountMinor: number; explanation: string; reversedBy: string | null; outreachMessageId: string | null;
  explanationKey: string | null; explanationParams: Record<string, string | number> | null };

async function ledger(legalEntityId: string, orderLineId?: string) {
  return query<Entry>(app.db, sql`
    select order_line_id as "orderLineId", associate_id as "associateId", rule, share::float8 as "share", amount_minor::float8 as "amountMinor",
      explanation, reversed_by as "reversedBy", outreach_message_id as "outreachMessageId",
      explanation_key as "explanationKey", explanation_params as "explanationParams"
    from attribution_ledger where legal_entity_id = ${legalEntityId} ${orderLineId ? sql`and order_line_id = ${orderLineId}` : sql``}
    order by recorded_at, amount_minor desc`);
}

async function run(cookie: string) {
  const res = await app.inject({ method: 'POST', url: '/api/v1/attribution/run', headers: { cookie } });
  expect(res.statusCode).toBe(200);
  return res.json() as { orderLines: number; attributedLines: number; ledgerEntries: number; returnLines: number; reversalEntries: number; otherCurrencyLines: number };
}

describe('sales attribution', () => {
  it('credits the till associate, the creator of a remote order, and explains each credit', async () => {
    const r = await buildRetailer(app, app.db);
    const customer = await buildCustomer(app.db, r.le.id);
    const bag = await buildProduct(app.db, r.le.id, { category: 'Handbags', name: 'Tote bag' });
    const till = await buildOrder(app.db, r.le.id, { storeId: r.store.id, customerId: customer.id, orderedAt: '2024-03-05T10:00:00Z', lines: [{ productId: bag.id, netMinor: 120_000, associateId: r.associate.id }] });
    const remote = await buildOrder(app.db, r.le.id, { channel: 'remote', storeId: r.store.id, customerId: customer.id, associateId: r.manager.id, orderedAt: '2024-03-06T10:00:00Z', lines: [{ productId: bag.id, netMinor: 80_000 }] });

    const result = await run(r.as.headOffice);
    expect(result).toMatchObject({ orderLines: 2, attributedLines: 2, ledgerEntries: 2 });

    const [t] = await ledger(r.le.id, till.lines[0].id);
    expect(t).toMatchObject({ associateId: r.associate.id, rule: 'till', share: 1, amountMinor: 120_000 });
    expect(t.explanation).toContain('Sold at the till by');
    expect(t.explanation).toContain(till.externalId);
    // The same by key for the web (attributionWhy.<key>): names, refs and the local day as they are.
    expect([t.explanationKey, t.explanationParams]).toEqual(['till', { associate: r.associate.displayName, store: r.store.name, date: '2024-03-05', order: till.externalId, line: 1 }]);
    const [m] = await ledger(r.le.id, remote.lines[0].id);
    expect(m).toMatchObject({ associateId: r.manager.id, rule: 'remote-order', amountMinor: 80_000 });
    expect(m.explanation).toContain(`Remote order ${remote.externalId}`);
    expect([m.explanationKey, m.explanationParams]).toEqual(['remoteOrder', { order: remote.externalId, associate: r.manager.displayName, date: '2024-03-06', line: 1 }]);

    // The statement sends the key and parameters beside the English; a till line without a store has its own sentence.
    const statement = await app.inject({ method: 'GET', url: `/api/v1/attribution/statements/${r.associate.id}?period=2024-03`, headers: { cookie: r.as.associate } });
    expect(statement.json().entries.map((e: { explanation: string; explanationText: unknown }) => [e.explanation, e.explanationText]))
      .toEqual([[t.explanation, { key: 'till', params: t.explanationParams }]]);
    const online = await buildOrder(app.db, r.le.id, { storeId: null, channel: 'online', customerId: customer.id, orderedAt: '2024-03-07T10:00:00Z', lines: [{ productId: bag.id, netMinor: 1_000, associateId: r.associate.id }] });
    await run(r.as.headOffice);
    const [n] = await ledger(r.le.id, online.lines[0].id);
    expect([n.explanationKey, n.explanationParams]).toEqual(['tillNoStore', { associate: r.associate.displayName, date: '2024-03-07', order: online.externalId, line: 1 }]);
    // Entries written before the key was kept still read, by their English alone.
    await app.db.execute(sql`update attribution_ledger set explanation_key = null, explanation_params = null where order_line_id = ${online.lines[0].id}`);
    const old = await app.inject({ method: 'GET', url: `/api/v1/attribution/statements/${r.associate.id}?period=2024-03`, headers: { cookie: r.as.associate } });
    expect(old.json().entries.find((e: { orderRef: string }) => e.orderRef === online.externalId)).toMatchObject({ explanation: n.explanation, explanationText: null });
  });

  it('credits outreach within the window, not outside it, and the most recent sender wins', async () => {
    const r = await buildRetailer(app, app.db);
    const other = await buildAssociate(app.db, r.le, { storeIds: [r.store.id], displayName: 'Earlier Sender' });
    const customer = await buildCustomer(app.db, r.le.id);
    const stranger = await buildCustomer(app.db, r.le.id);
    const ring = await buildProduct(app.db, r.le.id, { category: 'Jewellery' });
    await app.inject({ method: 'PUT', url: '/api/v1/attribution/settings', headers: { cookie: r.as.headOffice }, payload: { outreachWindowDays: 14 } });
    await buildOutreachMessage(app.db, r.le.id, { customerId: customer.id, associateId: other.id, sentAt: '2024-04-01T09:00:00Z' });
    const recent = await buildOutreachMessage(app.db, r.le.id, { customerId: customer.id, associateId: r.associate.id, sentAt: '2024-04-05T09:00:00Z' });
    // A failed message never reached the customer and earns nothing.
    await buildOutreachMessage(app.db, r.le.id, { customerId: stranger.id, associateId: r.associate.id, sentAt: '2024-04-05T09:00:00Z', status: 'failed' });

    const within = await buildOrder(app.db, r.le.id, { storeId: null, channel: 'online', customerId: customer.id, orderedAt: '2024-04-08T18:00:00Z', lines: [{ productId: ring.id, netMinor: 50_000 }] });
    const outside = await buildOrder(app.db, r.le.id, { storeId: null, channel: 'online', customerId: customer.id, orderedAt: '2024-04-25T18:00:00Z', lines: [{ productId: ring.id, netMinor: 40_000 }] });
    const failed = await buildOrder(app.db, r.le.id, { storeId: null, channel: 'online', customerId: stranger.id, orderedAt: '2024-04-06T18:00:00Z', lines: [{ productId: ring.id, netMinor: 30_000 }] });

    const result = await run(r.as.headOffice);
    expect(result).toMatchObject({ orderLines: 3, attributedLines: 1 });
    const [e] = await ledger(r.le.id, within.lines[0].id);
    expect(e).toMatchObject({ associateId: r.associate.id, rule: 'outreach', outreachMessageId: recent.id, amountMinor: 50_000 });
    expect(e.explanation).toMatch(/3 days after .*outreach of 2024-04-05 \(within the 14-day window/);
    expect([e.explanationKey, e.explanationParams]).toEqual(['outreach', {
      channel: 'online', order: within.externalId, date: '2024-04-08', associate: r.associate.displayName, outreachChannel: recent.channel, sent: '2024-04-05', window: 14, line: 1, count: 3,
    }]);
    expect(await ledger(r.le.id, outside.lines[0].id)).toEqual([]);
    expect(await ledger(r.le.id, failed.lines[0].id)).toEqual([]);
  });

  it('gives a line one rule by precedence: till over remote creator over outreach', async () => {
    const r = await buildRetailer(app, app.db);
    const customer = await buildCustomer(app.db, r.le.id);
    const p = await buildProduct(app.db, r.le.id);
    await buildOutreachMessage(app.db, r.le.id, { customerId: customer.id, associateId: r.headOffice.id, sentAt: '2024-05-01T09:00:00Z' });
    const order = await buildOrder(app.db, r.le.id, {
      channel: 'remote', storeId: r.store.id, customerId: customer.id, associateId: r.manager.id, orderedAt: '2024-05-02T09:00:00Z',
      lines: [{ productId: p.id, netMinor: 10_000, associateId: r.associate.id }, { productId: p.id, netMinor: 20_000 }],
    });
    await run(r.as.headOffice);
    const first = await ledger(r.le.id, order.lines[0].id);
    expect(first.map((e) => [e.associateId, e.rule])).toEqual([[r.associate.id, 'till']]);
    const second = await ledger(r.le.id, order.lines[1].id);
    expect(second.map((e) => [e.associateId, e.rule])).toEqual([[r.manager.id, 'remote-order']]);
    const onlyOutreach = await buildOrder(app.db, r.le.id, { storeId: null, channel: 'online', customerId: customer.id, orderedAt: '2024-05-03T09:00:00Z', lines: [{ productId: p.id, netMinor: 5_000 }] });
    await run(r.as.headOffice);
    expect((await ledger(r.le.id, onlyOutreach.lines[0].id)).map((e) => [e.associateId, e.rule])).toEqual([[r.headOffice.id, 'outreach']]);
    // An order the day the message went out says so rather than "0 days after".
    const sameDay = await buildOrder(app.db, r.le.id, { storeId: null, channel: 'call-center', customerId: customer.id, orderedAt: '2024-05-01T18:00:00Z', lines: [{ productId: p.id, netMinor: 5_000 }] });
    await run(r.as.headOffice);
    const [same] = await ledger(r.le.id, sameDay.lines[0].id);
    expect(same.explanation).toContain('came the same day as');
    expect([same.explanationKey, same.explanationParams]).toEqual(['outreachSameDay', {
      channel: 'call-center', order: sameDay.externalId, date: '2024-05-01', associate: r.headOffice.displayName, outreachChannel: 'email', sent: '2024-05-01', window: 14, line: 1,
    }]);
  });

  it('splits a sales group\'s line exactly in minor units, reverses a return proportionally, and never counts twice', async () => {
    const r = await buildRetailer(app, app.db);
    const third = await buildAssociate(app.db, r.le, { storeIds: [r.store.id] });
    const customer = await buildCustomer(app.db, r.le.id);
    const p = await buildProduct(app.db, r.le.id, { category: 'Jewellery' });
    const group = await app.inject({
      method: 'POST', url: '/api/v1/attribution/sales-groups', headers: { cookie: r.as.headOffice },
      payload: { name: 'Jewellery counter', storeId: r.store.id, members: [{ associateId: r.associate.id, sharePercent: 50 }, { associateId: r.manager.id, sharePercent: 30 }, { associateId: third.id, sharePercent: 20 }] },
    });
    expect(group.statusCode).toBe(201);
    const bad = await app.inject({
      method: 'POST', url: '/api/v1/attribution/sales-groups', headers: { cookie: r.as.headOffice },
      payload: { name: 'Broken', storeId: null, members: [{ associateId: r.headOffice.id, sharePercent: 60 }] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: attributionErrors.shares_do_not_add_up.code, field: 'members' });
    const saveGroup = (payload: Record<string, unknown>) => app.inject({ method: 'POST', url: '/api/v1/attribution/sales-groups', headers: { cookie: r.as.headOffice }, payload })
      .then((res) => ({ status: res.statusCode, code: res.json().code, field: res.json().field }));
    // An associate sells in one group at a time; group names are unique.
    expect(await saveGroup({ name: 'Second counter', storeId: null, members: [{ associateId: third.id, sharePercent: 100 }] }))
      .toEqual({ status: 409, code: attributionErrors.associate_in_other_group.code, field: 'members' });
    expect(await saveGroup({ name: 'Jewellery counter', storeId: null, members: [{ associateId: r.headOffice.id, sharePercent: 100 }] }))
      .toEqual({ status: 409, code: attributionErrors.sales_group_name_taken.code, field: 'name' });
    expect(await saveGroup({ name: 'Twice', storeId: null, members: [{ associateId: r.headOffice.id, sharePercent: 50 }, { associateId: r.headOffice.id, sharePercent: 50 }] }))
      .toEqual({ status: 400, code: attributionErrors.associate_listed_twice.code, field: 'members' });

    const order = await buildOrder(app.db, r.le.id, { storeId: r.store.id, customerId: customer.id, orderedAt: '2024-06-10T10:00:00Z', lines: [{ productId: p.id, netMinor: 1001, associateId: r.manager.id }] });
    await run(r.as.headOffice);
    const entries = await ledger(r.le.id, order.lines[0].id);
    expect(entries).toHaveLength(3);
    expect(entries.every((e) => e.rule === 'sales-group')).toBe(true);
    expect(entries.reduce((a, e) => a + e.amountMinor, 0)).toBe(1001);
    expect(entries.reduce((a, e) => a + e.share, 0)).toBeCloseTo(1, 10);
    // 50 % of 1001 is 500.5: the first member takes the remainder cent.
    expect(Object.fromEntries(entries.map((e) => [e.associateId, e.amountMinor]))).toEqual({ [r.associate.id]: 501, [r.manager.id]: 300, [third.id]: 200 });
    expect(entries[0].explanation).toContain('Sold at the till by');
    expect(entries[0].explanation).toContain('Shared in sales group "Jewellery counter"');
    // Each member's entry: the till sentence (base) with the group, the member's share (0-1) and amount in minor units.
    const till = { associate: r.manager.displayName, store: r.store.name, date: '2024-06-10', order: order.externalId, line: 1 };
    expect(entries.map((e) => [e.explanationKey, e.explanationParams])).toEqual([
      ['shared', { ...till, base: 'till', group: 'Jewellery counter', share: 0.5, member: r.associate.displayName, amount: 501, currency: 'EUR' }],
      ['shared', { ...till, base: 'till', group: 'Jewellery counter', share: 0.3, member: r.manager.displayName, amount: 300, currency: 'EUR' }],
      ['shared', { ...till, base: 'till', group: 'Jewellery counter', share: 0.2, member: third.displayName, amount: 200, currency: 'EUR' }],
    ]);

    // Rerunning attributes nothing twice.
    expect(await run(r.as.headOffice)).toEqual({ orderLines: 0, attributedLines: 0, ledgerEntries: 0, returnLines: 0, reversalEntries: 0, otherCurrencyLines: 0 });
    expect(await ledger(r.le.id, order.lines[0].id)).toHaveLength(3);

    await buildReturn(app.db, r.le.id, { orderId: order.id, storeId: r.store.id, returnedAt: '2024-07-02T10:00:00Z', lines: [{ orderLineId: order.lines[0].id, productId: p.id, refundMinor: 1001 }] });
    const rr = await run(r.as.headOffice);
    expect(rr).toMatchObject({ returnLines: 1, reversalEntries: 3 });
    const after = await ledger(r.le.id, order.lines[0].id);
    const reversals = after.filter((e) => e.reversedBy);
    expect(reversals.reduce((a, e) => a + e.amountMinor, 0)).toBe(-1001);
    expect(Object.fromEntries(reversals.map((e) => [e.associateId, e.amountMinor]))).toEqual({ [r.associate.id]: -501, [r.manager.id]: -300, [third.id]: -200 });
    expect(await run(r.as.headOffice)).toMatchObject({ returnLines: 0, reversalEntries: 0 });
  });

  it('reverses part of a credit for a partial refund', async () => {
    const r = await buildRetailer(app, app.db);
    const p = await buildProduct(app.db, r.le.id);
    const order = await buildOrder(app.db, r.le.id, { customerId: null, storeId: r.store.id, orderedAt: '2024-06-10T10:00:00Z', lines: [{ productId: p.id, netMinor: 30_000, associateId: r.associate.id, quantity: 3 }] });
    await run(r.as.headOffice);
    await buildReturn(app.db, r.le.id, { orderId: order.id, storeId: r.store.id, returnedAt: '2024-06-12T10:00:00Z', lines: [{ orderLineId: order.lines[0].id, productId: p.id, refundMinor: 10_000 }] });
    await run(r.as.headOffice);
    const entries = await ledger(r.le.id, order.lines[0].id);
    expect(entries.map((e) => e.amountMinor).sort((a, b) => a - b)).toEqual([-10_000, 30_000]);
    const reversal = entries.find((e) => e.reversedBy)!;
    expect(reversal.explanation).toMatch(/^Return R-/);
    // amount is the part of the credit taken back, positive, like the refund.
    expect(reversal.explanationKey).toBe('return');
    expect(reversal.explanationParams).toEqual({ return: expect.stringMatching(/^R-/), date: '2024-06-12', refund: 10_000, associate: r.associate.displayName, amount: 10_000, currency: 'EUR' });
  });

  it('keeps the total shares of a line at most 1 across the whole ledger', async () => {
    const r = await buildRetailer(app, app.db);
    const customer = await buildCustomer(app.db, r.le.id);
    const p = await buildProduct(app.db, r.le.id);
    await app.inject({ method: 'POST', url: '/api/v1/attribution/sales-groups', headers: { cookie: r.as.headOffice }, payload: { name: 'Pair', storeId: null, members: [{ associateId: r.associate.id, sharePercent: 33.33 }, { associateId: r.manager.id, sharePercent: 66.67 }] } });
    await buildOutreachMessage(app.db, r.le.id, { customerId: customer.id, associateId: r.manager.id, sentAt: '2024-02-01T09:00:00Z' });
    for (let i = 0; i < 4; i++) {
      await buildOrder(app.db, r.le.id, { storeId: null, channel: i % 2 ? 'online' : 'remote', associateId: i % 2 ? null : r.associate.id, customerId: customer.id, orderedAt: `2024-02-0${i + 2}T10:00:00Z`, lines: [{ productId: p.id, netMinor: 999 + i, associateId: i === 3 ? r.headOffice.id : null }, { productId: p.id, netMinor: 5 }] });
    }
    await Promise.all([run(r.as.headOffice), run(r.as.headOffice)]);
    const totals = await query<{ lineId: string; shares: number; amount: number; net: number }>(app.db, sql`
      select e.order_line_id as "lineId", sum(e.share)::float8 as "shares", sum(e.amount_minor)::float8 as "amount", max(ol.net_minor)::float8 as "net"
      from attribution_ledger e join order_lines ol on ol.id = e.order_line_id
      where e.legal_entity_id = ${r.le.id} and e.reversed_by is null group by e.order_line_id`);
    expect(totals).toHaveLength(8);
    for (const t of totals) {
      expect(t.shares).toBeLessThanOrEqual(1.0000001);
      expect(t.amount).toBe(t.net);
    }
  });

  it('does not credit sales in another currency than the legal entity\'s, and says how many it left', async () => {
    const r = await buildRetailer(app, app.db);
    const bag = await buildProduct(app.db, r.le.id, { category: 'Handbags', name: 'Tote bag' });
    const euros = await buildOrder(app.db, r.le.id, { customerId: null, storeId: r.store.id, orderedAt: '2024-04-02T10:00:00Z', lines: [{ productId: bag.id, netMinor: 100_000, associateId: r.associate.id }] });
    const yen = await buildOrder(app.db, r.le.id, { customerId: null, storeId: r.store.id, currency: 'JPY', orderedAt: '2024-04-03T10:00:00Z', lines: [{ productId: bag.id, netMinor: 180_000, associateId: r.associate.id }] });
    await buildReturn(app.db, r.le.id, { orderId: yen.id, returnedAt: '2024-04-10T10:00:00Z', lines: [{ orderLineId: yen.lines[0].id, productId: bag.id, refundMinor: 180_000 }] });
    const result = await run(r.as.headOffice);
    expect(result).toMatchObject({ orderLines: 2, attributedLines: 1, otherCurrencyLines: 1, reversalEntries: 0 });
    expect(await ledger(r.le.id, euros.lines[0].id)).toEqual([expect.objectContaining({ associateId: r.associate.id, amountMinor: 100_000 })]);
    // ¥180,000 would otherwise have been counted as €1,800 of commissionable sales.
    expect(await ledger(r.le.id, yen.lines[0].id)).toEqual([]);
    expect(await run(r.as.headOffice)).toMatchObject({ orderLines: 0, otherCurrencyLines: 0 });
  });

  it('keeps legal entities apart', async () => {
    const a = await buildRetailer(app, app.db);
    const b = await buildRetailer(app, app.db);
    const p = await buildProduct(app.db, b.le.id);
    const order = await buildOrder(app.db, b.le.id, { customerId: null, storeId: b.store.id, orderedAt: '2024-03-05T10:00:00Z', lines: [{ productId: p.id, netMinor: 1000, associateId: b.associate.id }] });
    await run(a.as.headOffice);
    expect(await ledger(b.le.id, order.lines[0].id)).toEqual([]);
    const statement = await app.inject({ method: 'GET', url: `/api/v1/attribution/statements/${b.associate.id}?period=2024-03`, headers: { cookie: a.as.headOffice } });
    expect(statement.statusCode).toBe(404);
    expect(statement.json().code).toBe(attributionErrors.associate_not_found.code);
    const perf = await app.inject({ method: 'GET', url: `/api/v1/performance/store/${b.store.id}?from=2024-03-01&to=2024-03-31`, headers: { cookie: a.as.headOffice } });
    expect(perf.statusCode).toBe(404);
    expect(perf.json().code).toBe(attributionErrors.store_not_found.code);
    const foreignGroup = await app.inject({ method: 'POST', url: '/api/v1/attribution/sales-groups', headers: { cookie: a.as.headOffice }, payload: { name: 'Foreign', storeId: null, members: [{ associateId: b.associate.id, sharePercent: 100 }] } });
    expect(foreignGroup.statusCode).toBe(400);
    expect(foreignGroup.json()).toMatchObject({ code: attributionErrors.unknown_associate.code, field: 'members' });
  });

  it('lets only head office run attribution and change set-up', async () => {
    const r = await buildRetailer(app, app.db);
    for (const cookie of [r.as.associate, r.as.manager]) {
      expect(await app.inject({ method: 'POST', url: '/api/v1/attribution/run', headers: { cookie } }).then((res) => [res.statusCode, res.json().code])).toEqual([403, 'forbidden']);
      expect(await app.inject({ method: 'GET', url: '/api/v1/attribution/plans', headers: { cookie } }).then((res) => [res.statusCode, res.json().code])).toEqual([403, 'forbidden']);
    }
    const bad = await app.inject({ method: 'PUT', url: '/api/v1/attribution/settings', headers: { cookie: r.as.headOffice }, payload: { outreachWindowDays: 0 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('validation');
  });
});
