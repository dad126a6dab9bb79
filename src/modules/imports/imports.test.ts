import { Readable } from 'node:stream';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { testApp } from '../../../test/app.ts';
import { buildRetailer } from '../../../test/factories.ts';
import { query } from '../../db/client.ts';
import { readRecords } from './parse.ts';
import { runImport, type ImportSummary } from './service.ts';
import { byLegalEntityKey } from '../../db/bulk.ts';
import { orders } from '../orders/schema.ts';
import { customers } from '../customers/schema.ts';
import { importsErrors } from './errors.ts';

let app: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => { app = await testApp(); });
afterAll(async () => { await app.close(); });

const post = (cookie: string, entity: string, body: string, type = 'application/x-ndjson') =>
  app.inject({ method: 'POST', url: `/api/v1/import/${entity}`, headers: { cookie, 'content-type': type }, payload: body });
const ndjson = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

describe('import', () => {
  it('imports customers from CSV, reports bad rows by line, and changes nothing on a re-run', async () => {
    const r = await buildRetailer(app, app.db);
    const csv = [
      'externalId,firstName,lastName,email,phone,birthDate,homeStore,isVip',
      `CRM-1,Margaux,Delacroix,margaux@example.com,+33 6 12 34 56 78,1985-04-23,${r.store.code},true`,
      'CRM-2,"Jean, Paul",Martin,,,,,',
      'CRM-3,Zoé,Roux,not-an-email,,,,',
      'CRM-4,Anaïs,Petit,anais@example.com,,1990-13-45,,',
      ',Nobody,Here,,,,,',
      'CRM-5,Hugo,"Bernard ""HB""",hugo@example.com,,,UNKNOWN,',
    ].join('\r\n');
    const first = await post(r.as.headOffice, 'customers', csv, 'text/csv');
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ received: 6, inserted: 2, updated: 0, unchanged: 0 });
    expect(first.json().errors).toEqual([
      { line: 4, message: expect.stringContaining('email') },
      { line: 5, message: expect.stringContaining('birthDate') },
      { line: 6, message: expect.stringContaining('externalId') },
      { line: 7, message: expect.stringContaining('Unknown store "UNKNOWN"') },
    ]);
    const again = await post(r.as.headOffice, 'customers', csv, 'text/csv');
    expect(again.json()).toMatchObject({ received: 6, inserted: 0, updated: 0, unchanged: 2 });

    const rows = await query<{ firstName: string; accountNumber: string; isVip: boolean }>(app.db, sql`select first_name as "firstName", account_number as "accountNumber", is_vip as "isVip"
      from customers where legal_entity_id = ${r.le.id} order by external_id`);
    expect(rows.map((x) => x.firstName)).toEqual(['Margaux', 'Jean, Paul']);
    expect(rows[0].isVip).toBe(true);
    expect(rows[0].accountNumber).not.toBe(rows[1].accountNumber);
    // The store's associates find the imported customer in store search (home store's address book).
    const search = await app.inject({ method: 'GET', url: '/api/v1/customers?q=delacroix', headers: { cookie: r.as.associate } });
    expect(search.json().map((c: any) => c.lastName)).toEqual(['Delacroix']);

    const changed = csv.replace('Delacroix,margaux@example.com', 'Delacroix,margaux.d@example.com');
    expect((await post(r.as.headOffice, 'customers', changed, 'text/csv')).json()).toMatchObject({ inserted: 0, updated: 1, unchanged: 1 });
  });

  it('imports the salutation in English or French words, or none, and reports one it does not know', async () => {
    const r = await buildRetailer(app, app.db);
    const res = await post(r.as.headOffice, 'customers', ndjson([
      { externalId: 'S-1', firstName: 'Léa', lastName: 'Martin', salutation: 'Mme' },
      { externalId: 'S-2', firstName: 'Hugo', lastName: 'Bernard', salutation: 'Mr.' },
      { externalId: 'S-3', firstName: 'Alex', lastName: 'Roy', salutation: 'Mx' },
      { externalId: 'S-4', firstName: 'Noa', lastName: 'Petit', salutation: '' },
      { externalId: 'S-5', firstName: 'Jo', lastName: 'Lee', salutation: 'Dr' },
    ]));
    expect(res.json()).toMatchObject({ received: 5, inserted: 4 });
    expect(res.json().errors).toEqual([{ line: 5, message: expect.stringContaining('salutation "Dr"') }]);
    const rows = await query<{ externalId: string; salutation: string | null }>(app.db, sql`select external_id as "externalId", salutation from customers
      where legal_entity_id = ${r.le.id} order by external_id`);
    expect(rows).toEqual([{ externalId: 'S-1', salutation: 'ms' }, { externalId: 'S-2', salutation: 'mr' }, { externalId: 'S-3', salutation: 'mx' }, { externalId: 'S-4', salutation: null }]);
  });

  it('imports products, stock and orders (flat CSV lines and nested NDJSON) with totals, idempotently', async () => {
    const r = await buildRetailer(app, app.db);
    const h = r.as.headOffice;
    await post(h, 'customers', ndjson([{ externalId: 'C1', firstName: 'Ada', lastName: 'Lovelace' }]));
    const products = await post(h, 'products', ndjson([
      { sku: 'BAG-1', name: 'Le Petit Sac', category: 'Handbags', brand: 'Aurelle', price: '2400.00', attributes: { colour: 'Noir' }, arrivalDate: '2026-11-20' },
      { sku: 'SCF-1', name: 'Silk scarf', category: 'Accessories', priceMinor: 19000 },
      { sku: 'BAD-1', name: 'No price', category: 'Accessories' },
    ]));
    expect(products.json()).toMatchObject({ inserted: 2, errors: [{ line: 3, message: expect.stringContaining('price') }] });
    expect((await post(h, 'stock', `sku,store,onHand\nBAG-1,${r.store.code},4\nNOPE,${r.store.code},1\n`, 'text/csv')).json())
      .toMatchObject({ inserted: 1, errors: [{ line: 3, message: expect.stringContaining('Unknown product') }] });

    const csv = [
      'orderId,customerId,channel,status,store,orderedAt,lineNumber,sku,quantity,unitPrice,discount,lineAssociate',
      `O-1,C1,store,completed,${r.store.code},2026-10-01T10:00:00Z,1,BAG-1,1,2400.00,100.00,${r.associate.email}`,
      `O-1,C1,store,completed,${r.store.code},2026-10-01T10:00:00Z,2,SCF-1,2,190.00,0,`,
      'O-2,C404,online,shipped,,2026-10-02T10:00:00Z,1,SCF-1,1,190.00,0,',
      'O-3,C1,teleport,completed,,2026-10-02T10:00:00Z,1,SCF-1,1,190.00,0,',
    ].join('\n');
    const first = await post(h, 'orders', csv, 'text/csv');
    expect(first.json()).toMatchObject({ received: 4, inserted: 2, updated: 0, unchanged: 0 });
    expect(first.json().errors.map((e: any) => e.line)).toEqual([4, 5]);
    expect(first.json().errors[0].message).toContain('Unknown customer "C404"');
    expect((await post(h, 'orders', csv, 'text/csv')).json()).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });

    const nested = await post(h, 'orders', ndjson([{ orderId: 'O-4', customerId: 'C1', channel: 'online', status: 'ready-for-pickup', fulfilment: 'pickup', orderedAt: '2026-11-01T09:00:00Z',
      lines: [{ sku: 'SCF-1', unitPrice: '190.00' }, { sku: 'BAG-1', unitPriceMinor: 240000, discountMinor: 0 }] }]));
    expect(nested.json()).toMatchObject({ received: 1, inserted: 1 });

    const orders = await query<{ externalId: string; total: number; discount: number; lines: number }>(app.db, sql`select o.external_id as "externalId", o.total_minor::float8 as total,
      o.discount_minor::float8 as discount, (select count(*)::int from order_lines l where l.order_id = o.id) as lines
      from orders o where o.legal_entity_id = ${r.le.id} order by o.external_id`);
    expect(orders).toEqual([
      { externalId: 'O-1', total: 240_000 - 10_000 + 38_000, discount: 10_000, lines: 2 },
      { externalId: 'O-4', total: 19_000 + 240_000, discount: 0, lines: 2 },
    ]);

    // A status change in the source updates the order; its lines are counted as updated.
    const shipped = await post(h, 'orders', ndjson([{ orderId: 'O-4', customerId: 'C1', channel: 'online', status: 'completed', fulfilment: 'pickup', orderedAt: '2026-11-01T09:00:00Z',
      lines: [{ sku: 'SCF-1', unitPrice: '190.00' }, { sku: 'BAG-1', unitPriceMinor: 240000 }] }]));
    expect(shipped.json()).toMatchObject({ updated: 1, inserted: 0 });

    const ret = await post(h, 'returns', `returnId,orderId,returnedAt,lineNumber,orderLineNumber,sku,reason,refund\nR-1,O-1,2026-10-05T10:00:00Z,1,2,SCF-1,Wrong colour,190.00\n`, 'text/csv');
    expect(ret.json()).toMatchObject({ inserted: 1 });
    const refund = await query<{ refund: number; customer: string }>(app.db, sql`select refund_minor::float8 as refund, customer_id as customer from returns where legal_entity_id = ${r.le.id}`);
    expect(refund[0].refund).toBe(19_000);
    expect(refund[0].customer).toBeTruthy();
  });

  it('keeps order totals equal to the sum of the lines when lines arrive in later files or change', async () => {
    const r = await buildRetailer(app, app.db);
    const h = r.as.headOffice;
    await post(h, 'products', ndjson([{ sku: 'A', name: 'A', category: 'Shoes', priceMinor: 10_000 }, { sku: 'B', name: 'B', category: 'Shoes', priceMinor: 5_000 }]));
    const line = (n: number, sku: string, unitPriceMinor: number, discountMinor = 0) =>
      ({ orderId: 'O-9', channel: 'store', orderedAt: '2026-10-01T10:00:00Z', lineNumber: n, sku, unitPriceMinor, discountMinor });
    const total = async () => (await query<{ total: number; discount: number }>(app.db, sql`select total_minor::float8 as total, discount_minor::float8 as discount
      from orders where legal_entity_id = ${r.le.id} and external_id = 'O-9'`))[0];

    expect((await post(h, 'orders', ndjson([line(1, 'A', 10_000)]))).json()).toMatchObject({ inserted: 1 });
    expect(await total()).toEqual({ total: 10_000, discount: 0 });
    // The second line comes in a later file: the existing order is re-totalled from all its lines.
    expect((await post(h, 'orders', ndjson([line(2, 'B', 5_000, 500)]))).json()).toMatchObject({ inserted: 1 });
    expect(await total()).toEqual({ total: 14_500, discount: 500 });
    // A corrected price on the first line changes the total; sending the same again changes nothing.
    const corrected = ndjson([line(1, 'A', 8_000), line(2, 'B', 5_000, 500)]);
    expect((await post(h, 'orders', corrected)).json()).toMatchObject({ updated: 1, unchanged: 1 });
    expect(await total()).toEqual({ total: 12_500, discount: 500 });
    expect((await post(h, 'orders', corrected)).json()).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
    expect(await total()).toEqual({ total: 12_500, discount: 500 });
    // The same lines listed last to first, then one of them changed in that order.
    const reversed = (second: number) => ndjson([line(2, 'B', second, 500), line(1, 'A', 8_000)]);
    expect((await post(h, 'orders', reversed(5_000))).json()).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
    expect((await post(h, 'orders', reversed(6_000))).json()).toMatchObject({ updated: 1, unchanged: 1 });
    expect(await total()).toEqual({ total: 13_500, discount: 500 });
  });

  it('imports a file of many batches written side by side: every order whole and totalled, later rows winning', async () => {
    const r = await buildRetailer(app, app.db);
    const h = r.as.headOffice;
    await post(h, 'products', ndjson(Array.from({ length: 50 }, (_, i) => ({ sku: `P${i}`, name: `P${i}`, category: 'Shoes', priceMinor: 1000 }))));
    // 6,000 orders of 2 lines in 3 batches; the last row corrects the first order's first line.
    const rows = Array.from({ length: 12_000 }, (_, i) => ({ orderId: `O${i >> 1}`, channel: 'store', orderedAt: '2026-10-01T10:00:00Z',
      lineNumber: 1 + (i % 2), sku: `P${i % 50}`, unitPriceMinor: 1000 + (i % 7) * 100 }));
    rows.push({ ...rows[0], unitPriceMinor: 99 });
    const file = ndjson(rows);
    expect((await post(h, 'orders', file)).json()).toMatchObject({ received: 12_001, inserted: 12_000, updated: 1, failed: 0 });
    const [check] = await query<{ orders: number; lines: number; wrong: number; first: number }>(app.db, sql`select count(*)::int as orders,
      sum((select count(*) from order_lines l where l.order_id = o.id))::int as lines,
      count(*) filter (where o.total_minor <> (select sum(l.net_minor) from order_lines l where l.order_id = o.id))::int as wrong,
      max(o.total_minor) filter (where o.external_id = 'O0')::float8 as first
      from orders o where o.legal_entity_id = ${r.le.id}`);
    expect(check).toEqual({ orders: 6000, lines: 12_000, wrong: 0, first: 99 + 1100 });
    // Again: only the line the file itself states twice is written (back and forth), and it ends as before.
    expect((await post(h, 'orders', file)).json()).toMatchObject({ inserted: 0, updated: 2, unchanged: 11_999 });
    expect((await query<{ n: number }>(app.db, sql`select count(*)::int as n from order_lines l join orders o on o.id = l.order_id
      where o.legal_entity_id = ${r.le.id} and o.external_id = 'O0' and l.line_number = 1 and l.unit_price_minor = 99`))[0].n).toBe(1);
  });

  it('imports loyalty, service cases, marketing touches and browsing events that show on the profile', async () => {
    const r = await buildRetailer(app, app.db);
    const h = r.as.headOffice;
    await post(h, 'customers', ndjson([{ externalId: 'C1', firstName: 'Ada', lastName: 'Lovelace' }]));
    await post(h, 'products', ndjson([{ sku: 'RING-1', name: 'Solitaire', category: 'Jewellery', price: '900.00' }]));
    expect((await post(h, 'loyalty', ndjson([{ customerId: 'C1', programme: 'Circle', tier: 'Gold', cardNumber: 'L-1', joinedAt: '2024-01-01T00:00:00Z' }]))).json()).toMatchObject({ inserted: 1 });
    expect((await post(h, 'loyalty-points', ndjson([
      { externalId: 'P1', customerId: 'C1', occurredAt: '2026-01-01T00:00:00Z', points: 500, reason: 'Purchase' },
      { externalId: 'P2', customerId: 'C1', occurredAt: '2026-02-01T00:00:00Z', points: -200, reason: 'Voucher' },
    ]))).json()).toMatchObject({ inserted: 2 });
    const cases = await post(h, 'service-cases', ndjson([
      { externalId: 'CASE-1', customerId: 'C1', kind: 'complaint', subject: 'Late parcel', status: 'open', occurredAt: new Date().toISOString() },
      { externalId: 'CASE-2', customerId: 'C1', subject: 'Repair', status: 'maybe', occurredAt: new Date().toISOString() },
    ]));
    expect(cases.json()).toMatchObject({ inserted: 1, errors: [{ line: 2, message: expect.stringContaining('status') }] });
    expect((await post(h, 'marketing-touches', ndjson([{ externalId: 'MT-1', customerId: 'C1', subject: 'Holiday gifts', campaign: 'XMAS', channel: 'email', occurredAt: new Date().toISOString() }]))).json()).toMatchObject({ inserted: 1 });
    expect((await post(h, 'browsing', 'not json\n' + ndjson([{ externalId: 'B-1', customerId: 'C1', sku: 'RING-1', occurredAt: new Date().toISOString() }]))).json())
      .toMatchObject({ inserted: 1, errors: [{ line: 1, message: expect.stringContaining('JSON') }] });

    const [c] = await query<{ id: string }>(app.db, sql`select id from customers where legal_entity_id = ${r.le.id} and external_id = 'C1'`);
    const p = (await app.inject({ method: 'GET', url: `/api/v1/customers/${c.id}/profile`, headers: { cookie: r.as.associate } })).json();
    expect(p.loyalty).toMatchObject({ tier: 'Gold', pointsBalance: 300 });
    expect(p.openCases.map((x: any) => x.subject)).toEqual(['Late parcel']);
    expect(p.marketingTouches[0].campaign).toBe('XMAS');
    expect(p.recentBrowsing[0]).toMatchObject({ name: 'Solitaire', purchasedSince: false });
  });

  it('removes the lines a re-imported whole order no longer lists and re-totals it, but keeps a returned line and reports the row', async () => {
    const r = await buildRetailer(app, app.db);
    const h = r.as.headOffice;
    await post(h, 'products', ndjson(['A', 'B', 'C'].map((sku) => ({ sku, name: sku, category: 'Shoes', priceMinor: 1000 }))));
    const order = (id: string, lines: [string, number][]) => ({ orderId: id, channel: 'online', orderedAt: '2026-10-01T10:00:00Z',
      lines: lines.map(([sku, unitPriceMinor], i) => ({ lineNumber: i + 1, sku, unitPriceMinor })) });
    const stored = async (id: string) => {
      const [o] = await query<{ total: number; lines: string | null }>(app.db, sql`select o.total_minor::float8 as total,
        (select string_agg(l.line_number || ':' || p.sku, ',' order by l.line_number) from order_lines l join products p on p.id = l.product_id where l.order_id = o.id) as lines
        from orders o where o.legal_entity_id = ${r.le.id} and o.external_id = ${id}`);
      return o ?? null;
    };

    expect((await post(h, 'orders', ndjson([order('O-1', [['A', 1000], ['B', 2000], ['C', 4000]])]))).json()).toMatchObject({ inserted: 1 });
    expect(await stored('O-1')).toEqual({ total: 7000, lines: '1:A,2:B,3:C' });
    // The source dropped line 3: the order now has lines 1 and 2 and their total; sending it again changes nothing.
    const shorter = ndjson([order('O-1', [['A', 1000], ['B', 2000]])]);
    expect((await post(h, 'orders', shorter)).json()).toMatchObject({ received: 1, inserted: 0, updated: 1, unchanged: 0 });
    expect(await stored('O-1')).toEqual({ total: 3000, lines: '1:A,2:B' });
    expect((await post(h, 'orders', shorter)).json()).toMatchObject({ updated: 0, unchanged: 1 });
    // A flat row names one line only (its order may be spread over files): the other lines stay.
    expect((await post(h, 'orders', ndjson([{ orderId: 'O-1', channel: 'online', orderedAt: '2026-10-01T10:00:00Z', lineNumber: 1, sku: 'A', unitPriceMinor: 1000 }]))).json())
      .toMatchObject({ unchanged: 1 });
    expect(await stored('O-1')).toEqual({ total: 3000, lines: '1:A,2:B' });

    // Two versions of one order in one file: the later one wins, as if they came in two files.
    expect((await post(h, 'orders', ndjson([order('O-2', [['A', 1000], ['B', 2000]]), order('O-2', [['C', 4000]])]))).json())
      .toMatchObject({ received: 2, inserted: 1, updated: 1 });
    expect(await stored('O-2')).toEqual({ total: 4000, lines: '1:C' });
    // A whole order is written whole or not at all: one unknown product rejects the record.
    const partial = await post(h, 'orders', ndjson([order('O-3', [['A', 1000], ['NOPE', 1000]])]));
    expect(partial.json()).toMatchObject({ inserted: 0, failed: 1, errors: [{ line: 1, message: expect.stringContaining('Unknown product "NOPE"') }] });
    expect(await stored('O-3')).toBeNull();

    // Line 2 of O-1 is returned: an import may not make the return point at nothing, so the order is left as it was.
    expect((await post(h, 'returns', ndjson([{ returnId: 'R-1', orderId: 'O-1', returnedAt: '2026-10-05T10:00:00Z', orderLineNumber: 2, sku: 'B', reason: 'Too small', refundMinor: 2000 }]))).json())
      .toMatchObject({ inserted: 1 });
    const refused = await post(h, 'orders', ndjson([order('O-1', [['A', 1500]])]));
    expect(refused.json()).toMatchObject({ inserted: 0, updated: 0, failed: 1, errors: [{ line: 1, message: expect.stringMatching(/line 2 \(returned in return R-1\).*left as it was/) }] });
    expect(await stored('O-1')).toEqual({ total: 3000, lines: '1:A,2:B' });
    const [ret] = await query<{ sku: string }>(app.db, sql`select p.sku from return_lines rl join order_lines l on l.id = rl.order_line_id
      join products p on p.id = l.product_id join returns r on r.id = rl.return_id where r.legal_entity_id = ${r.le.id}`);
    expect(ret.sku).toBe('B');

    // Likewise a line credited to an associate for commission: removing it would take the credit out of the ledger.
    expect((await post(h, 'orders', ndjson([order('O-4', [['A', 1000], ['B', 2000]])]))).json()).toMatchObject({ inserted: 1 });
    await app.db.execute(sql`insert into attribution_ledger (legal_entity_id, order_line_id, order_id, associate_id, category, share, amount_minor, rule, explanation, attributed_at, period)
      select o.legal_entity_id, l.id, o.id, ${r.associate.id}, 'Shoes', 1, l.net_minor, 'till', 'Sold at the till', o.ordered_at, '2026-10-01'
      from orders o join order_lines l on l.order_id = o.id where o.legal_entity_id = ${r.le.id} and o.external_id = 'O-4' and l.line_number = 2`);
    expect((await post(h, 'orders', ndjson([order('O-4', [['A', 1000]])]))).json().errors)
      .toEqual([{ line: 1, message: expect.stringContaining('line 2 (credited to associates for commission)') }]);
    expect(await stored('O-4')).toEqual({ total: 3000, lines: '1:A,2:B' });
  });

  it('reads amounts with the decimal places of the currency: none for JPY, three for KWD, and rejects more', async () => {
    const r = await buildRetailer(app, app.db);
    const h = r.as.headOffice;
    await app.db.execute(sql`update legal_entities set currency = 'JPY' where id = ${r.le.id}`);
    const products = await post(h, 'products', ndjson([
      { sku: 'TEA', name: 'Tea bowl', category: 'Home', price: '4800' },
      { sku: 'CUP', name: 'Cup', category: 'Home', price: '1200.50' },
    ]));
    expect(products.json()).toMatchObject({ inserted: 1, errors: [{ line: 2, message: 'price "1200.50" has more decimal places than JPY allows (none).' }] });
    const [tea] = await query<{ price: number }>(app.db, sql`select price_minor::float8 as price from products where legal_entity_id = ${r.le.id} and sku = 'TEA'`);
    expect(tea.price).toBe(4800);

    const csv = [
      'orderId,channel,orderedAt,lineNumber,sku,unitPrice,discount,currency',
      'O-1,store,2026-10-01T10:00:00Z,1,TEA,4800,100,',
      'O-2,store,2026-10-01T10:00:00Z,1,TEA,4800.5,0,',
      'O-3,online,2026-10-01T10:00:00Z,1,TEA,12.345,0.005,kwd',
      'O-4,online,2026-10-01T10:00:00Z,1,TEA,12.3456,0,KWD',
      'O-5,online,2026-10-01T10:00:00Z,1,TEA,12.34,0,EURO',
    ].join('\n');
    const res = await post(h, 'orders', csv, 'text/csv');
    expect(res.json()).toMatchObject({ received: 5, inserted: 2 });
    expect(res.json().errors).toEqual([
      { line: 3, message: 'unitPrice "4800.5" has more decimal places than JPY allows (none).' },
      { line: 5, message: 'unitPrice "12.3456" has more decimal places than KWD allows (at most 3).' },
      { line: 6, message: expect.stringContaining('three-letter currency code') },
    ]);
    const orders = await query<{ externalId: string; currency: string; total: number; discount: number }>(app.db, sql`select external_id as "externalId", currency,
      total_minor::float8 as total, discount_minor::float8 as discount from orders where legal_entity_id = ${r.le.id} order by external_id`);
    expect(orders).toEqual([
      { externalId: 'O-1', currency: 'JPY', total: 4700, discount: 100 },
      { externalId: 'O-3', currency: 'KWD', total: 12_340, discount: 5 },
    ]);
    // Nested lines take their order's currency too.
    const nested = await post(h, 'orders', ndjson([{ orderId: 'O-6', channel: 'online', orderedAt: '2026-10-01T10:00:00Z', currency: 'BHD', lines: [{ sku: 'TEA', unitPrice: '1.5' }, { sku: 'TEA', unitPrice: '1.2345' }] }]));
    expect(nested.json()).toMatchObject({ failed: 1, errors: [{ line: 1, message: 'lines[1]: unitPrice "1.2345" has more decimal places than BHD allows (at most 3).' }] });

    // A refund is in the currency of the order it returns: read with that currency's decimals, whatever the legal entity's.
    const returns = await post(h, 'returns', ndjson([
      { returnId: 'R-1', orderId: 'O-3', returnedAt: '2026-10-05T10:00:00Z', sku: 'TEA', reason: 'Chipped', refund: '12.345' },
      { returnId: 'R-2', orderId: 'O-1', returnedAt: '2026-10-05T10:00:00Z', sku: 'TEA', reason: 'Chipped', refund: '4700' },
      { returnId: 'R-3', orderId: 'O-1', returnedAt: '2026-10-05T10:00:00Z', sku: 'TEA', reason: 'Chipped', refund: '47.5' },
      { returnId: 'R-4', orderId: 'O-3', returnedAt: '2026-10-05T10:00:00Z', sku: 'TEA', reason: 'Chipped', refund: '12', currency: 'EUR' },
    ]));
    expect(returns.json()).toMatchObject({ received: 4, inserted: 2 });
    expect(returns.json().errors).toEqual([
      { line: 3, message: 'refund "47.5" has more decimal places than JPY allows (none).' },
      { line: 4, message: "currency EUR is not the order's (KWD): a refund is in the currency of the order it returns." },
    ]);
    const refunds = await query<{ externalId: string; currency: string; refund: number }>(app.db, sql`select external_id as "externalId", currency,
      refund_minor::float8 as refund from returns where legal_entity_id = ${r.le.id} order by external_id`);
    expect(refunds).toEqual([{ externalId: 'R-1', currency: 'KWD', refund: 12_345 }, { externalId: 'R-2', currency: 'JPY', refund: 4700 }]);
  });

  it('keeps text with quotes, backslashes, commas, braces and the word NULL exactly as sent', async () => {
    const r = await buildRetailer(app, app.db);
    const names = ['Sac "Le Petit", noir', 'C:\\path\\to {x}', 'NULL', ' ', 'émoji ✨ \\"', '{}'];
    const res = await post(r.as.headOffice, 'products', ndjson(names.map((name, i) => ({ sku: `T-${i}`, name: name.trim() ? name : 'blank', category: 'Test', brand: name, priceMinor: 1 }))));
    expect(res.json()).toMatchObject({ inserted: names.length, failed: 0 });
    const rows = await query<{ name: string; brand: string | null }>(app.db, sql`select name, brand from products where legal_entity_id = ${r.le.id} order by sku`);
    // Text is trimmed and blank counts as missing, as for any field.
    expect(rows).toEqual(names.map((n) => ({ name: n.trim() || 'blank', brand: n.trim() || null })));
  });

  it('reports a reference the database rejects on the line that carried it, and writes the other rows', async () => {
    // The importer checks references itself, so only a change made meanwhile gets past it: a product it has seen is
    // deleted between two batches, and the triggers checking order lines refuse the line that names it.
    const r = await buildRetailer(app, app.db);
    const sku = async (s: string) => query(app.db, sql`insert into products (legal_entity_id, sku, name, category, price_minor) values (${r.le.id}, ${s}, ${s}, 'Shoes', 1000)`);
    await sku('KEEP');
    await sku('GONE');
    let firstBatch!: () => void;
    const firstBatchWritten = new Promise<void>((resolve) => { firstBatch = resolve; });
    const line = (orderId: string, lineNumber: number, s: string, customerId?: string) =>
      `${JSON.stringify({ orderId, customerId, channel: 'store', orderedAt: '2026-10-01T10:00:00Z', lineNumber, sku: s, unitPriceMinor: 1000 })}\n`;
    async function* source() {
      // Line 2 fails the importer's own check (no such customer) after its product was looked up and remembered.
      yield line('O-1', 1, 'KEEP') + line('O-1', 2, 'GONE', 'NOPE');
      yield line('O-1', 1, 'KEEP'); // the same line again starts a new batch, so the first one is written
      await firstBatchWritten;
      await app.db.execute(sql`delete from products where legal_entity_id = ${r.le.id} and sku = 'GONE'`);
      yield line('O-2', 1, 'GONE');
    }
    const summary = await runImport(app.db, { legalEntityId: r.le.id, associateId: null, associateName: 'test' }, 'orders',
      readRecords(Readable.from(source()), 'ndjson'), { onProgress: (s: ImportSummary) => { if (s.inserted) firstBatch(); } });
    expect(summary).toMatchObject({ received: 4, inserted: 1, unchanged: 1, failed: 2 });
    expect(summary.errors[0]).toEqual({ line: 2, message: expect.stringContaining('Unknown customer "NOPE"') });
    expect(summary.errors[1].line).toBe(4);
    expect(summary.errors[1].message).toMatch(/^Rejected by the database: insert or update on table "order_lines" violates foreign key constraint "order_lines_product_id_products_id_fk" \(Key \(product_id\)=\([0-9a-f-]{36}\) is not present in table "products"\.\)$/);
    const orders = await query<{ externalId: string }>(app.db, sql`select external_id as "externalId" from orders where legal_entity_id = ${r.le.id}`);
    expect(orders).toEqual([{ externalId: 'O-1' }]);
  });

  it('finds stored orders and customers (and products) through their unique index even when statistics call the legal entity rare', async () => {
    // Another legal entity's orders are in the statistics; this one's first import has none yet.
    const busy = await buildRetailer(app, app.db);
    await app.db.execute(sql`insert into orders (legal_entity_id, external_id, channel, status, ordered_at, currency, total_minor)
      select ${busy.le.id}, 'B' || g, 'store', 'completed', now() - g * interval '1 hour', 'EUR', 100 from generate_series(1, 3000) g`);
    await app.db.execute(sql`insert into customers (legal_entity_id, account_number, external_id, first_name, last_name)
      select ${busy.le.id}, 'B' || g, 'B' || g, 'F', 'L' || g from generate_series(1, 3000) g`);
    await app.db.execute(sql`analyze orders`);
    await app.db.execute(sql`analyze customers`);
    const fresh = await buildRetailer(app, app.db);
    const plan = async (table: typeof orders | typeof customers, index: string) => {
      const rows = await query<{ 'QUERY PLAN': string }>(app.db, sql`explain ${byLegalEntityKey(table, 'externalId', fresh.le.id, ['O-1', 'O-2'], (t) => sql`${t.id}`)}`);
      return rows.map((r) => r['QUERY PLAN']).join('\n').includes(index);
    };
    expect(await plan(orders, 'orders_le_external')).toBe(true);
    expect(await plan(customers, 'customers_le_external')).toBe(true);
  });

  it('needs the import permission, rejects unknown entities and other content types', async () => {
    const r = await buildRetailer(app, app.db);
    const denied = await post(r.as.associate, 'customers', '{}');
    expect(denied.statusCode).toBe(403);
    expect(denied.json().code).toBe('forbidden');
    const planets = await post(r.as.headOffice, 'planets', '{}');
    expect(planets.statusCode).toBe(400);
    expect(planets.json()).toMatchObject({ code: importsErrors.unknown_entity.code, field: 'entity' });
    const json = await app.inject({ method: 'POST', url: '/api/v1/import/customers', headers: { cookie: r.as.headOffice, 'content-type': 'application/json' }, payload: '{}' });
    expect(json.statusCode).toBe(400);
    expect(json.json()).toMatchObject({ code: importsErrors.unsupported_content_type.code, field: 'content-type' });
  });
});
