import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { randomUUID } from 'node:crypto';
import { testApp } from '../app.ts';
import { buildAssociate, buildStore, signInAs } from '../factories.ts';
import { buildWorld, type World } from './world.ts';
import { operationsOf, pathParamKind, notIdValue, idFields, sample, setPath } from './requests.ts';
import { idsOf, snapshot, diff } from './snapshot.ts';

// Issue #14: a sales associate calls every route whose permission the smallest role lacks, with real IDs of their own
// legal entity and a body that passes the route's schema. Each must answer 403 problem+json and change nothing.

let app: Awaited<ReturnType<typeof testApp>>;
let w: World;
beforeAll(async () => {
  app = await testApp();
  w = await buildWorld(app, app.db, `Prm${randomUUID().replace(/-/g, '').slice(0, 8)}`);
});
afterAll(async () => { await app?.close(); });

describe('a sales associate', () => {
  it('is refused, with 403 and no change, on every route that needs a permission the role lacks', async () => {
    const me = (await app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: w.cookies.associate } })).json();
    const granted = new Set<string>(me.permissions);
    expect(granted.has('customers.view')).toBe(true);
    const spec = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const ops = new Map(operationsOf(spec).map((op) => [`${op.method} ${op.url}`, op]));
    const guarded = app.routeCatalog.filter((r) => r.url.startsWith('/api/') && r.method !== 'HEAD' && !r.public && r.permission && !granted.has(r.permission));

    const ids = await idsOf(app.db, w.leId);
    const before = await snapshot(app.db, w.leId, ids);
    const wrong: string[] = [];
    let requests = 0; let refused = 0;
    for (const r of guarded) {
      const op = ops.get(`${r.method} ${r.url}`);
      const url = r.url.replace(/:(\w+)/g, (_m, name: string) => {
        const schema = op?.pathParams.find((p) => p.name === name)?.schema ?? { type: 'string' };
        const kind = pathParamKind(r.url, name);
        return encodeURIComponent(kind ? w.ids[kind] : notIdValue(name, schema));
      });
      const query = Object.fromEntries((op?.queryParams ?? []).filter((q) => q.required).map((q) => [q.name, String(sample(q.schema, q.name))]));
      let payload: Record<string, unknown> | undefined;
      if (op?.body) {
        payload = sample(op.body) as Record<string, unknown>;
        for (const f of idFields(op.body)) if (f.path in payload) setPath(payload, f.path, f.array ? [w.ids[f.kind]] : w.ids[f.kind], op.body);
      }
      const res = await app.inject({ method: r.method as 'GET', url, query, payload, headers: { cookie: w.cookies.associate } });
      requests++;
      const problem = String(res.headers['content-type']).startsWith('application/problem+json');
      if (res.statusCode === 403 && problem && res.json().code === 'forbidden') refused++;
      else wrong.push(`${r.method} ${r.url} (${r.permission}) → ${res.statusCode} ${res.body.slice(0, 160)}`);
    }
    const changes = diff(before, await snapshot(app.db, w.leId, ids));
    const changed = changes.added.length + changes.removed.length;
    const permissions = new Set(guarded.map((r) => r.permission));
    console.log(`permission sweep: ${guarded.length} routes need one of ${permissions.size} permissions a sales associate lacks, `
      + `${requests} requests, ${refused} answered 403, ${wrong.length} did not, ${changed} rows changed`);
    expect(wrong, wrong.join('\n')).toEqual([]);
    expect(changes, JSON.stringify(changes, null, 1)).toEqual({ removed: [], added: [] });
    expect(guarded.length).toBeGreaterThan(50);
  });

  it('is refused where the route checks whose data it is: a colleague\'s appointment, statement, client book, notes and tasks', async () => {
    // A colleague in the same store with the same role: the routes are allowed, the rows are not theirs.
    const colleague = await buildAssociate(app.db, { id: w.leId, roles: { 'Sales associate': w.ids.role } }, { storeIds: [w.ids.store] });
    const cookie = (await signInAs(app, colleague.email)).cookie;
    const otherStore = await buildStore(app.db, w.leId);
    const period = new Date().toISOString().slice(0, 7);
    const cases: { method: string; url: string; payload?: object; status: number[] }[] = [
      { method: 'POST', url: `/appointments/${w.ids.appointment}/status`, payload: { status: 'cancelled' }, status: [403] },
      { method: 'POST', url: `/appointments/${w.ids.appointment}/reschedule`, payload: { startsAt: w.freeSlots[0] }, status: [403] },
      { method: 'GET', url: `/appointments/today?scope=store&storeId=${otherStore.id}`, status: [403] },
      { method: 'GET', url: `/attribution/statements/${w.ids.associate}?period=${period}`, status: [403] },
      { method: 'GET', url: `/attribution/statements/${w.ids.associate}/csv?period=${period}`, status: [403] },
      { method: 'POST', url: '/client-book/remove', payload: { customerIds: [w.ids.customer], associateId: w.ids.associate }, status: [403] },
      { method: 'PATCH', url: `/activities/${w.ids.activity}`, payload: { notes: 'Overwritten' }, status: [403] },
      { method: 'PATCH', url: `/notes/${w.ids.note}`, payload: { body: 'Overwritten' }, status: [403] },
      // Another associate's task is "not found" to a colleague, as if it were not there.
      { method: 'POST', url: `/outreach/tasks/${w.ids.outreachTask}/status`, payload: { status: 'done' }, status: [403, 404] },
      { method: 'DELETE', url: `/client-book/saved-filters/${w.ids.savedFilter}`, status: [403, 404] },
    ];
    const ids = await idsOf(app.db, w.leId);
    const before = await snapshot(app.db, w.leId, ids);
    const wrong: string[] = [];
    for (const c of cases) {
      const res = await app.inject({ method: c.method as 'GET', url: `/api/v1${c.url}`, payload: c.payload, headers: { cookie } });
      if (!c.status.includes(res.statusCode) || !String(res.headers['content-type']).startsWith('application/problem+json')) {
        wrong.push(`${c.method} ${c.url} → ${res.statusCode} ${res.body.slice(0, 160)}`);
      }
    }
    const changes = diff(before, await snapshot(app.db, w.leId, ids));
    console.log(`colleague sweep: ${cases.length} requests on a colleague's rows, ${cases.length - wrong.length} refused, ${changes.added.length + changes.removed.length} rows changed`);
    expect(wrong, wrong.join('\n')).toEqual([]);
    expect(changes, JSON.stringify(changes, null, 1)).toEqual({ removed: [], added: [] });
  });
});
