import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { testApp } from '../../../test/app.ts';
import { buildRetailer, buildCustomer } from '../../../test/factories.ts';
import { conversations, outreachTasks, type PromptType } from './schema.ts';
import { appointments, appointmentTypes } from '../appointments/schema.ts';
import { localDate } from './settings.ts';

let app: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => { app = await testApp(); });
afterAll(async () => { await app?.close(); });

interface Inbox { items: { customerName: string; promptType: string; appointmentToday: boolean; replyWaiting: boolean; associateId: string | null }[]; total: number; whose: { mine: number; unassigned: number; all: number }; kinds: { promptType: string; count: number }[] }

describe("today's inbox", () => {
  it('pages, defaults to my customers and ranks appointments today, replies waiting, save-the-sale, then dates', async () => {
    const r = await buildRetailer(app, app.db);
    const today = localDate(new Date(), 'Europe/Paris');
    const task = async (firstName: string, promptType: PromptType, associateId: string | null) => {
      const c = await buildCustomer(app.db, r.le.id, { firstName, lastName: 'Test' });
      await app.db.insert(outreachTasks).values({
        legalEntityId: r.le.id, customerId: c.id, associateId, storeId: r.store.id, promptType, occasion: '2026', dueOn: today, title: `${promptType} ${firstName}`,
      });
      return c;
    };
    await task('Arrival', 'new-arrivals', r.associate.id);
    await task('Birthday', 'birthday', r.associate.id);
    await task('Cart', 'save-the-sale', r.associate.id);
    const writer = await task('Writer', 'thank-you', r.associate.id);
    const visitor = await task('Visitor', 'satisfaction-check', r.associate.id);
    for (let i = 0; i < 3; i++) await task(`Nobody${i}`, 'save-the-sale', null);
    await app.db.insert(conversations).values({ legalEntityId: r.le.id, customerId: writer.id, associateId: r.associate.id, unreadCount: 2 });
    const [type] = await app.db.insert(appointmentTypes).values({ legalEntityId: r.le.id, storeId: r.store.id, name: 'Fitting', durationMinutes: 60 }).returning();
    // Noon in Paris today, whatever the hour the test runs.
    const noon = new Date(`${today}T11:00:00Z`);
    await app.db.insert(appointments).values({
      publicId: `apt_${visitor.id.slice(0, 8)}`, legalEntityId: r.le.id, storeId: r.store.id, appointmentTypeId: type.id, associateId: r.associate.id,
      customerId: visitor.id, startsAt: noon.toISOString(), endsAt: new Date(noon.getTime() + 3_600_000).toISOString(),
      blockedUntil: new Date(noon.getTime() + 3_600_000).toISOString(), customerName: 'Visitor Test', customerEmail: 'v@example.test',
    });
    const get = async (qs: string) => {
      const res = await app.inject({ method: 'GET', url: `/api/v1/outreach/tasks${qs}`, headers: { cookie: r.as.associate } });
      expect(res.statusCode).toBe(200);
      return res.json() as Inbox;
    };

    const first = await get('?limit=3');
    expect(first.whose).toEqual({ mine: 5, unassigned: 3, all: 8 });
    expect(first.total).toBe(5);
    // Only my customers, by default, and in order of what matters.
    expect(first.items.map((t) => t.customerName)).toEqual(['Visitor Test', 'Writer Test', 'Cart Test']);
    expect(first.items[0].appointmentToday).toBe(true);
    expect(first.items[1].replyWaiting).toBe(true);
    const second = await get('?limit=3&offset=3');
    expect(second.items.map((t) => t.customerName)).toEqual(['Birthday Test', 'Arrival Test']);

    const unassigned = await get('?whose=unassigned');
    expect(unassigned.items).toHaveLength(3);
    expect(unassigned.items.every((t) => t.associateId === null)).toBe(true);
    const carts = await get('?whose=all&kind=save-the-sale');
    expect(carts.total).toBe(4);
    expect(carts.items.every((t) => t.promptType === 'save-the-sale')).toBe(true);
    expect((await get('?whose=all')).kinds.find((k) => k.promptType === 'save-the-sale')!.count).toBe(4);

    const bad = await app.inject({ method: 'GET', url: '/api/v1/outreach/tasks?limit=1000', headers: { cookie: r.as.associate } });
    expect(bad.statusCode).toBe(400);
  });
});
