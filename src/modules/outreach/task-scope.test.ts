import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { testApp } from '../../../test/app.ts';
import { buildRetailer, buildCustomer, buildAssociate, signInAs } from '../../../test/factories.ts';
import { eq } from 'drizzle-orm';
import { outreachTasks } from './schema.ts';
import { setConsent } from './test-helpers.ts';
import { outreachErrors } from './errors.ts';

let app: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => { app = await testApp(); });
afterAll(async () => { await app?.close(); });

describe('closing a task', () => {
  it('is for its associate, the store manager and head office, not for a colleague', async () => {
    const r = await buildRetailer(app, app.db);
    const colleague = await buildAssociate(app.db, r.le, { storeIds: [r.store.id] });
    const colleagueCookie = (await signInAs(app, colleague.email)).cookie;
    const c = await buildCustomer(app.db, r.le.id);
    const [task] = await app.db.insert(outreachTasks).values({
      legalEntityId: r.le.id, customerId: c.id, associateId: r.associate.id, storeId: r.store.id,
      promptType: 'birthday', occasion: '2026', dueOn: '2026-11-26', title: 'Birthday in 7 days',
    }).returning();
    const close = (cookie: string, status: string) => app.inject({ method: 'POST', url: `/api/v1/outreach/tasks/${task.id}/status`, headers: { cookie }, payload: { status } });

    const byColleague = await close(colleagueCookie, 'done');
    expect(byColleague.statusCode).toBe(404);
    expect(byColleague.json().code).toBe(outreachErrors.task_not_found.code);
    const own = await close(r.as.associate, 'done');
    expect(own.statusCode).toBe(200);
    expect(own.json().status).toBe('done');
    expect((await close(r.as.manager, 'open')).statusCode).toBe(200);
    expect((await close(r.as.headOffice, 'dismissed')).json().status).toBe('dismissed');
  });

  it('is closed by sending its message only by someone who may close it', async () => {
    const r = await buildRetailer(app, app.db);
    const colleague = await buildAssociate(app.db, r.le, { storeIds: [r.store.id] });
    const colleagueCookie = (await signInAs(app, colleague.email)).cookie;
    const c = await buildCustomer(app.db, r.le.id);
    await setConsent(app.db, r.le.id, c.id, 'email', true);
    const [task] = await app.db.insert(outreachTasks).values({
      legalEntityId: r.le.id, customerId: c.id, associateId: r.associate.id, storeId: r.store.id,
      promptType: 'birthday', occasion: '2026', dueOn: '2026-11-26', title: 'Birthday in 7 days',
    }).returning();
    const send = (cookie: string) => app.inject({ method: 'POST', url: '/api/v1/outreach/messages', headers: { cookie },
      payload: { customerId: c.id, channel: 'email', subject: 'Happy birthday', body: 'Dear customer', taskId: task.id } });
    const status = async () => (await app.db.select().from(outreachTasks).where(eq(outreachTasks.id, task.id)))[0].status;

    const byColleague = await send(colleagueCookie);
    expect(byColleague.statusCode).toBe(400);
    expect(byColleague.json()).toMatchObject({ code: outreachErrors.unknown_task.code, field: 'taskId' });
    expect(await status()).toBe('open');
    const byOwner = await send(r.as.associate);
    expect(byOwner.statusCode).toBeLessThan(300);
    expect(await status()).toBe('done');
  });
});
