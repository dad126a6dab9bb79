import { describe, it, expect, beforeAll, afterAll, vi } from 'vitest';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { testApp } from '../../../test/app.ts';
import { buildRetailer, buildCustomer, buildStore, buildAssociate, signInAs } from '../../../test/factories.ts';
import { sql } from 'drizzle-orm';
import { query, type Database } from '../../db/client.ts';
import { activityErrors } from './errors.ts';
import { render } from '../../../test/server-text.ts';

let app: FastifyInstance;
beforeAll(async () => { app = await testApp(); });
afterAll(async () => { await app.close(); });

const inject = (method: string, url: string, cookie: string, payload?: unknown) =>
  app.inject({ method: method as 'GET', url: `/api/v1${url}`, headers: { cookie }, ...(payload !== undefined ? { payload: payload as object } : {}) });
/** Status and code of a refusal, which is what tells a client why. */
const problem = async (res: ReturnType<typeof inject>) => { const r = await res; return [r.statusCode, r.json().code]; };

describe('activities, notes and the customer timeline', () => {
  it('sees a changed activity type on the very next request (cache cleared on change)', async () => {
    const r = await buildRetailer(app, app.db);
    const created = await inject('POST', '/activity-types', r.as.headOffice, { name: 'Store visit', displayOrder: 1 });
    expect(created.statusCode).toBe(201);
    expect((await inject('GET', '/activity-types', r.as.associate)).json().map((t: { name: string }) => t.name)).toEqual(['Store visit']);
    await inject('PATCH', `/activity-types/${created.json().id}`, r.as.headOffice, { name: 'Boutique visit' });
    expect((await inject('GET', '/activity-types', r.as.associate)).json().map((t: { name: string }) => t.name)).toEqual(['Boutique visit']);
    await inject('POST', '/activity-types', r.as.headOffice, { name: 'Phone call', displayOrder: 0 });
    expect((await inject('GET', '/activity-types', r.as.associate)).json().map((t: { name: string }) => t.name)).toEqual(['Phone call', 'Boutique visit']);
    expect(await problem(inject('POST', '/activity-types', r.as.associate, { name: 'Nope' }))).toEqual([403, 'forbidden']);
  });

  it('hears about activity type changes made by another server process, and tells the others about its own', async () => {
    const r = await buildRetailer(app, app.db);
    const names = async () => (await inject('GET', '/activity-types', r.as.associate)).json().map((t: { name: string }) => t.name);
    const created = (await inject('POST', '/activity-types', r.as.headOffice, { name: 'Store visit' })).json();
    expect(await names()).toEqual(['Store visit']);
    // Another process renames it: its transaction changes the row and notifies, as announceChange does there.
    await app.db.transaction(async (tx) => {
      await tx.execute(sql`update activity_types set name = 'Boutique visit' where id = ${created.id}`);
      await tx.execute(sql`select pg_notify('clienteling_changes', ${`activity-types:${r.le.id}`})`);
    });
    await vi.waitFor(async () => expect(await names()).toEqual(['Boutique visit']), { timeout: 5000, interval: 20 });
    // A change made here is announced to the others, on a connection of their own.
    const heard: string[] = [];
    const database = (app as unknown as { database: Database }).database;
    let stop: () => Promise<void>;
    if (database.pglite) {
      stop = await database.pglite.listen('clienteling_changes', (p) => { heard.push(p); });
    } else {
      const client = new pg.Client({ connectionString: database.pool!.options.connectionString });
      await client.connect();
      client.on('notification', (m) => { heard.push(m.payload ?? ''); });
      await client.query('listen clienteling_changes');
      stop = () => client.end();
    }
    await inject('PATCH', `/activity-types/${created.id}`, r.as.headOffice, { displayOrder: 5 });
    await vi.waitFor(() => expect(heard).toContain(`activity-types:${r.le.id}`), { timeout: 5000, interval: 20 });
    await stop();
  });

  it('records activities and shows them with notes on the timeline, newest first, to head office too', async () => {
    const r = await buildRetailer(app, app.db);
    const visit = (await inject('POST', '/activity-types', r.as.headOffice, { name: 'Store visit' })).json();
    const call = (await inject('POST', '/activity-types', r.as.headOffice, { name: 'Phone call' })).json();
    const c = await buildCustomer(app.db, r.le.id);
    const a1 = await inject('POST', `/customers/${c.id}/activities`, r.as.associate, { activityTypeId: visit.id, occurredAt: '2024-03-01T10:00:00Z', notes: 'Tried the new loafers', outcome: 'Bought one pair' });
    expect(a1.statusCode).toBe(201);
    expect(a1.json().associateName).toBe(r.associate.displayName);
    await inject('POST', `/customers/${c.id}/activities`, r.as.associate, { activityTypeId: call.id, occurredAt: '2024-04-01T10:00:00Z', notes: 'Invited to the preview' });
    await inject('POST', `/customers/${c.id}/notes`, r.as.associate, { body: 'Prefers to be called after 6pm' });
    const timeline = (await inject('GET', `/customers/${c.id}/timeline`, r.as.headOffice)).json();
    expect(timeline.items.map((e: { title: string }) => e.title)).toEqual(['Note', 'Phone call', 'Store visit']);
    // The note's title is named for the web to translate; an activity's title is the type's own name, shown as it is.
    expect(timeline.items.map((e: { titleKey?: string }) => e.titleKey)).toEqual(['note', undefined, undefined]);
    expect(timeline.items[2].detail).toContain('Outcome: Bought one pair');
    // The outcome's words are named by key: the English catalogue gives the API's detail back, the French reads French.
    const visited = timeline.items[2] as { detail: string; detailKey: string; detailParams: Record<string, string> };
    expect(render('en', 'timelineDetail', { key: visited.detailKey, params: visited.detailParams })).toBe(visited.detail);
    expect(render('fr', 'timelineDetail', { key: visited.detailKey, params: visited.detailParams })).toBe('Tried the new loafers\nRésultat\u00a0: Bought one pair');
    expect(timeline.items[1].detailKey).toBeUndefined();
    // Paging with the cursor continues after the last event.
    const first = (await inject('GET', `/customers/${c.id}/timeline?limit=2`, r.as.headOffice)).json();
    expect(first.items).toHaveLength(2);
    const rest = (await inject('GET', `/customers/${c.id}/timeline?limit=2&before=${encodeURIComponent(first.nextCursor)}`, r.as.headOffice)).json();
    expect(rest.items.map((e: { title: string }) => e.title)).toEqual(['Store visit']);
    // A retired type can't be chosen; the past activity keeps it.
    expect((await inject('DELETE', `/activity-types/${visit.id}`, r.as.headOffice)).json().retired).toBe(true);
    const retired = await inject('POST', `/customers/${c.id}/activities`, r.as.associate, { activityTypeId: visit.id });
    expect(retired.statusCode).toBe(400);
    expect(retired.json().code).toBe(activityErrors.activity_type_retired.code);
    expect(retired.json().field).toBe('activityTypeId');
  });

  it('lets the associate who recorded an activity correct it, keeping what was first written in the audit log', async () => {
    const r = await buildRetailer(app, app.db);
    const visit = (await inject('POST', '/activity-types', r.as.headOffice, { name: 'Store visit' })).json();
    const call = (await inject('POST', '/activity-types', r.as.headOffice, { name: 'Phone call' })).json();
    const c = await buildCustomer(app.db, r.le.id);
    const a = (await inject('POST', `/customers/${c.id}/activities`, r.as.associate, { activityTypeId: visit.id, notes: 'Tried loafers', outcome: 'Bought' })).json();
    expect(await problem(inject('PATCH', `/activities/${a.id}`, r.as.manager, { notes: 'x' }))).toEqual([403, activityErrors.not_your_activity.code]);
    const other = await buildRetailer(app, app.db);
    expect(await problem(inject('PATCH', `/activities/${a.id}`, other.as.associate, { notes: 'x' }))).toEqual([404, activityErrors.activity_not_found.code]);
    expect(await problem(inject('PATCH', `/activities/${a.id}`, r.as.associate, {}))).toEqual([400, 'validation']);
    const fixed = await inject('PATCH', `/activities/${a.id}`, r.as.associate, { activityTypeId: call.id, notes: 'Called about loafers', outcome: null });
    expect(fixed.statusCode).toBe(200);
    expect(fixed.json()).toMatchObject({ activityType: 'Phone call', notes: 'Called about loafers', outcome: null });
    const timeline = (await inject('GET', `/customers/${c.id}/timeline`, r.as.associate)).json();
    expect(timeline.items[0]).toMatchObject({ title: 'Phone call', detail: 'Called about loafers' });
    const trail = await query<{ detail: { before: { notes: string; outcome: string } } }>(app.db, sql`select detail from audit_log
      where legal_entity_id = ${r.le.id} and entity_type = 'activity' and entity_id = ${a.id} and action = 'update'`);
    expect(trail).toHaveLength(1);
    expect(trail[0].detail.before).toMatchObject({ notes: 'Tried loafers', outcome: 'Bought', activityTypeId: visit.id });
  });

  it('pages through events that share an instant without repeating or skipping any', async () => {
    const r = await buildRetailer(app, app.db);
    const visit = (await inject('POST', '/activity-types', r.as.headOffice, { name: 'Store visit' })).json();
    const c = await buildCustomer(app.db, r.le.id);
    // Five visits in the same second (as an import with whole-second times gives), two a moment later and one earlier.
    const times = ['2024-05-01T10:00:00Z', '2024-05-01T10:00:00Z', '2024-05-01T10:00:00Z', '2024-05-01T10:00:00Z', '2024-05-01T10:00:00Z',
      '2024-05-01T10:00:00.0004Z', '2024-05-01T11:00:00Z', '2024-05-01T09:00:00Z'];
    const created: string[] = [];
    for (const [i, occurredAt] of times.entries()) {
      const a = await inject('POST', `/customers/${c.id}/activities`, r.as.associate, { activityTypeId: visit.id, occurredAt, notes: `visit ${i}` });
      expect(a.statusCode).toBe(201);
      created.push(a.json().id);
    }
    for (const limit of [1, 2, 3]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const q: string = cursor ? `&before=${encodeURIComponent(cursor)}` : '';
        const page = (await inject('GET', `/customers/${c.id}/timeline?limit=${limit}${q}`, r.as.associate)).json();
        expect(page.items.length).toBeLessThanOrEqual(limit);
        seen.push(...page.items.map((e: { data: { activityId: string } }) => e.data.activityId));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(times.length);
      expect(new Set(seen)).toEqual(new Set(created));
      expect(seen[0]).toBe(created[6]); // 11:00, newest
      expect(seen[seen.length - 1]).toBe(created[7]); // 09:00, oldest
    }
    const bad = await inject('GET', `/customers/${c.id}/timeline?before=yesterday~x`, r.as.associate);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe(activityErrors.invalid_cursor.code);
    expect(bad.json().field).toBe('before');
  });

  it('keeps private notes to the author and store notes to the store, and keeps the history of edits', async () => {
    const r = await buildRetailer(app, app.db);
    const other = await buildStore(app.db, r.le.id);
    const elsewhere = await buildAssociate(app.db, r.le, { storeIds: [other.id] });
    const elsewhereCookie = (await signInAs(app, elsewhere.email)).cookie;
    const c = await buildCustomer(app.db, r.le.id);
    const everyone = (await inject('POST', `/customers/${c.id}/notes`, r.as.associate, { body: 'Loves green' })).json();
    await inject('POST', `/customers/${c.id}/notes`, r.as.associate, { body: 'Going through a divorce', visibility: 'private' });
    await inject('POST', `/customers/${c.id}/notes`, r.as.associate, { body: 'Usually parks at the back', visibility: 'store' });
    const bodies = async (cookie: string) => (await inject('GET', `/customers/${c.id}/notes`, cookie)).json().map((n: { body: string }) => n.body).sort();
    expect(await bodies(r.as.associate)).toEqual(['Going through a divorce', 'Loves green', 'Usually parks at the back']);
    expect(await bodies(r.as.manager)).toEqual(['Loves green', 'Usually parks at the back']);
    expect(await bodies(elsewhereCookie)).toEqual(['Loves green']);
    const tl = (await inject('GET', `/customers/${c.id}/timeline`, elsewhereCookie)).json();
    expect(tl.items.map((e: { detail: string }) => e.detail)).toEqual(['Loves green']);

    expect(await problem(inject('PATCH', `/notes/${everyone.id}`, r.as.manager, { body: 'Hijack' }))).toEqual([403, activityErrors.not_your_note.code]);
    const edited = await inject('PATCH', `/notes/${everyone.id}`, r.as.associate, { body: 'Loves emerald green' });
    expect(edited.json().revisions).toBe(1);
    await inject('PATCH', `/notes/${everyone.id}`, r.as.associate, { visibility: 'private' });
    const history = (await inject('GET', `/notes/${everyone.id}/revisions`, r.as.associate)).json();
    expect(history.map((h: { body: string; visibility: string }) => [h.body, h.visibility])).toEqual([['Loves emerald green', 'everyone'], ['Loves green', 'everyone']]);
    expect(await bodies(r.as.manager)).toEqual(['Usually parks at the back']);
    expect(await problem(inject('GET', `/notes/${everyone.id}/revisions`, r.as.manager))).toEqual([404, activityErrors.note_not_found.code]);
    const blank = await inject('POST', `/customers/${c.id}/notes`, r.as.associate, { body: '   ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().code).toBe('validation');
  });
});
