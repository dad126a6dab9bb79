import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { testApp } from '../../../test/app.ts';
import { buildRetailer, buildCustomer, buildAssociate, signInAs } from '../../../test/factories.ts';

let app: FastifyInstance;
beforeAll(async () => { app = await testApp(); });
afterAll(async () => { await app.close(); });

const inject = (method: string, url: string, cookie: string, payload?: object) =>
  app.inject({ method: method as 'GET', url: `/api/v1${url}`, headers: { cookie }, ...(payload ? { payload } : {}) });

// The app writes notes and activities offline and sends them when back online; an answer lost on the way back means
// the same write is sent again. Its clientId makes the second sending answer the first row instead of adding one.
describe('writes sent again with their clientId', () => {
  it('adds a note and an activity once however often they are sent, and answers the stored row each time', async () => {
    const r = await buildRetailer(app, app.db);
    const c = await buildCustomer(app.db, r.le.id);
    const type = (await inject('POST', '/activity-types', r.as.headOffice, { name: 'Store visit' })).json();
    const clientId = randomUUID();
    const first = await inject('POST', `/customers/${c.id}/notes`, r.as.associate, { body: 'Wedding in June', clientId });
    const again = await inject('POST', `/customers/${c.id}/notes`, r.as.associate, { body: 'Wedding in June', clientId });
    expect([first.statusCode, again.statusCode]).toEqual([201, 201]);
    expect(again.json().id).toBe(first.json().id);
    const notes = (await inject('GET', `/customers/${c.id}/notes`, r.as.associate)).json();
    expect(notes.map((n: { body: string }) => n.body)).toEqual(['Wedding in June']);

    const activityId = randomUUID();
    const a1 = await inject('POST', `/customers/${c.id}/activities`, r.as.associate, { activityTypeId: type.id, notes: 'Tried the loafers', clientId: activityId });
    const a2 = await inject('POST', `/customers/${c.id}/activities`, r.as.associate, { activityTypeId: type.id, notes: 'Tried the loafers', clientId: activityId });
    expect([a1.statusCode, a2.statusCode]).toEqual([201, 201]);
    expect(a2.json().id).toBe(a1.json().id);
    const timeline = (await inject('GET', `/customers/${c.id}/timeline`, r.as.associate)).json();
    expect(timeline.items.filter((e: { kind: string }) => e.kind === 'activity')).toHaveLength(1);

    // Without a clientId every sending is a new note, as before.
    await inject('POST', `/customers/${c.id}/notes`, r.as.associate, { body: 'No key' });
    await inject('POST', `/customers/${c.id}/notes`, r.as.associate, { body: 'No key' });
    expect((await inject('GET', `/customers/${c.id}/notes`, r.as.associate)).json()).toHaveLength(3);
  });

  it('refuses a clientId another associate (or another customer) already used, without showing their write', async () => {
    const r = await buildRetailer(app, app.db);
    const c = await buildCustomer(app.db, r.le.id);
    const other = await buildCustomer(app.db, r.le.id);
    const colleague = await buildAssociate(app.db, r.le, { storeIds: [r.store.id] });
    const colleagueCookie = (await signInAs(app, colleague.email)).cookie;
    const clientId = randomUUID();
    expect((await inject('POST', `/customers/${c.id}/notes`, r.as.associate, { body: 'Private matter', visibility: 'private', clientId })).statusCode).toBe(201);
    const taken = await inject('POST', `/customers/${c.id}/notes`, colleagueCookie, { body: 'Mine', clientId });
    expect([taken.statusCode, taken.json().code, taken.json().field]).toEqual([409, 'activities.client_id_taken', 'clientId']);
    expect(taken.body).not.toContain('Private matter');
    const elsewhere = await inject('POST', `/customers/${other.id}/notes`, r.as.associate, { body: 'Other customer', clientId });
    expect(elsewhere.statusCode).toBe(409);

    // Another legal entity has its own keys: the same clientId is a new note there.
    const uk = await buildRetailer(app, app.db);
    const ukCustomer = await buildCustomer(app.db, uk.le.id);
    expect((await inject('POST', `/customers/${ukCustomer.id}/notes`, uk.as.associate, { body: 'Hello', clientId })).statusCode).toBe(201);
  });
});
