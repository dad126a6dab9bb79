import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { testApp } from '../../../test/app.ts';
import { buildCustomer, buildLegalEntity, buildProduct, buildOrder } from '../../../test/factories.ts';
import { recommendCommand } from '../../cli/recommend.ts';
import { daysAgo } from './test-helpers.ts';
import { evaluateLegalEntity } from './evaluation-db.ts';

let app: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => { app = await testApp(); });
afterAll(async () => { await app?.close(); });

describe('offline evaluation on the database', () => {
  it('hides each customer\'s last order: the rules find it where popularity cannot', async () => {
    const le = await buildLegalEntity(app.db);
    const tote = await buildProduct(app.db, le.id, { name: 'Tote' });
    const cardHolder = await buildProduct(app.db, le.id, { name: 'Card holder' });
    const scarf = await buildProduct(app.db, le.id, { name: 'Scarf' });
    // Training: eight baskets with tote and card holder, twenty scarves (the most popular item).
    for (let i = 0; i < 8; i++) await buildOrder(app.db, le.id, { customerId: (await buildCustomer(app.db, le.id)).id, storeId: null, lines: [{ productId: tote.id }, { productId: cardHolder.id }], orderedAt: daysAgo(100) });
    for (let i = 0; i < 20; i++) await buildOrder(app.db, le.id, { customerId: (await buildCustomer(app.db, le.id)).id, storeId: null, lines: [{ productId: scarf.id }], orderedAt: daysAgo(90) });
    // Evaluated: bought the tote, then (hidden) the card holder. A cancelled order is not a basket.
    for (let i = 0; i < 4; i++) {
      const c = await buildCustomer(app.db, le.id);
      await buildOrder(app.db, le.id, { customerId: c.id, storeId: null, lines: [{ productId: tote.id }], orderedAt: daysAgo(50) });
      await buildOrder(app.db, le.id, { customerId: c.id, storeId: null, lines: [{ productId: cardHolder.id }], orderedAt: daysAgo(10) });
      await buildOrder(app.db, le.id, { customerId: c.id, storeId: null, lines: [{ productId: scarf.id }], orderedAt: daysAgo(5), status: 'cancelled' });
    }

    const result = (await evaluateLegalEntity(app.db, le.code, { k: 1 }))!;
    expect(result).toMatchObject({ customers: 32, orders: 36, customersEvaluated: 4, k: 1 });
    expect(result.rules).toEqual({ hits: 4, hitRate: 1 });
    expect(result.popularity).toEqual({ hits: 0, hitRate: 0 });
    expect(await evaluateLegalEntity(app.db, 'NO-SUCH-CODE', { k: 10 })).toBeNull();
  });

  it('asks for the legal entity before touching any database', async () => {
    const err: string[] = [];
    const code = await recommendCommand(['evaluate', '--from-db', '--k', '10'], { stdout: () => {}, stderr: (t) => err.push(t) });
    expect(code).toBe(2);
    expect(err.join('')).toContain('--from-db needs --legal-entity CODE');
  });
});
