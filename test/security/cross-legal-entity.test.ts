import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { randomUUID } from 'node:crypto';
import { testApp } from '../app.ts';
import { TEST_PASSWORD } from '../factories.ts';
import { buildWorld, type World, type Kind } from './world.ts';
import { operationsOf, pathParamKind, notIdValue, idFields, sample, setPath, type Operation } from './requests.ts';
import { idsOf, snapshot, diff } from './snapshot.ts';
import { signWebhook } from '../../src/modules/imports/webhooks.ts';

// Issue #14: head office of legal entity B calls every route that takes an ID with IDs of legal entity A's rows.
// Nothing of A may be read (no ID of A that was not sent, no text of A, in any answer) or changed, and no call may fail
// with a 5xx. The routes come from /openapi.json, so a new route is swept without editing this file; a path parameter
// the sweep cannot place fails the test until it is named in requests.ts.

let app: Awaited<ReturnType<typeof testApp>>;
let a: World;
let b: World;
beforeAll(async () => {
  app = await testApp();
  const tag = randomUUID().replace(/-/g, '').slice(0, 8);
  a = await buildWorld(app, app.db, `Zqxa${tag}`);
  b = await buildWorld(app, app.db, `Wvyb${tag}`);
});
afterAll(async () => { await app?.close(); });

interface Call { route: string; method: string; url: string; query?: Record<string, string>; payload?: unknown; foreign: string; isPublic: boolean }
type Slot = { where: 'path' | 'query' | 'body'; name: string; kind: Kind; array?: boolean; shape?: number };

/**
 * The requests for one operation: each ID slot filled with A's ID in turn (and, for several path IDs, all at once),
 * the others with B's own, plus the control: the same request with B's IDs only, which should be accepted.
 * A public booking page shows its store to anyone and a manage link's token is a credential, so on public routes
 * the path stays B's and only the other IDs are A's.
 */
function callsFor(op: Operation, isPublic: boolean): { calls: Call[]; control: Call | null } {
  // The inbound message webhook is public but names a legal entity and must check its signature: A's is never B's.
  const mixedOnly = isPublic && !op.pathParams.some((p) => p.name === 'legalEntityId');
  const route = `${op.method} ${op.url}`;
  const pathKinds = op.pathParams.map((p) => ({ ...p, kind: pathParamKind(op.url, p.name) }));
  const slots: Slot[] = [
    ...pathKinds.filter((p) => p.kind).map((p) => ({ where: 'path' as const, name: p.name, kind: p.kind! })),
    ...op.queryParams.filter((q) => ID_QUERY[q.name]).map((q) => ({ where: 'query' as const, name: q.name, kind: ID_QUERY[q.name] })),
  ];
  const shapes = OVERRIDES[route]?.(b).length ?? 1;
  for (let shape = 0; shape < shapes; shape++) {
    slots.push(...idFields(op.body).map((f) => ({ where: 'body' as const, name: f.path, kind: f.kind, array: f.array, shape })));
  }
  if (!slots.length) return { calls: [], control: null };

  const build = (foreign: Slot[], shape = 0): Call => {
    const isForeign = (where: Slot['where'], name: string) => foreign.some((f) => f.where === where && f.name === name);
    const url = op.url.replace(/:(\w+)/g, (_m, name: string) => {
      const p = pathKinds.find((x) => x.name === name)!;
      if (!p.kind) return encodeURIComponent(notIdValue(name, p.schema));
      return encodeURIComponent((isForeign('path', name) ? a : b).ids[p.kind]);
    });
    const query: Record<string, string> = {};
    for (const q of op.queryParams) {
      const kind = ID_QUERY[q.name];
      if (kind) { if (q.required || isForeign('query', q.name)) query[q.name] = (isForeign('query', q.name) ? a : b).ids[kind]; continue; }
      if (q.required) query[q.name] = String(sample(q.schema, q.name));
    }
    let payload: Record<string, unknown> | undefined;
    if (op.body) {
      const body = sample(op.body) as Record<string, unknown>;
      const fields = idFields(op.body);
      for (const f of fields) if (hasPath(body, f.path)) setPath(body, f.path, f.array ? [b.ids[f.kind]] : b.ids[f.kind], op.body);
      payload = { ...body, ...(OVERRIDES[route]?.(b)[shape] ?? {}) };
      for (const f of fields) if (isForeign('body', f.path)) setPath(payload, f.path, f.array ? [a.ids[f.kind]] : a.ids[f.kind], op.body);
    }
    const label = foreign.map((f) => `${f.where} ${f.name}${f.shape ? ` (shape ${f.shape + 1})` : ''}`).join(' + ') || 'control';
    return { route, method: op.method, url, query, payload, foreign: label, isPublic };
  };

  const calls: Call[] = [];
  const pathSlots = slots.filter((x) => x.where === 'path');
  // All of a route's path IDs foreign at once is the plain case; one at a time tests that they are checked together.
  if (pathSlots.length > 1 && !mixedOnly) calls.push(build(pathSlots));
  for (const slot of slots) {
    // A booking page's store and a manage link's token are what the public may see or use; the other IDs must match them.
    if (mixedOnly && (slot.where === 'path' || slots.length === 1)) continue;
    calls.push(build([slot], slot.shape));
  }
  return { calls, control: build([]) };
}

const ID_QUERY: Record<string, Kind> = {
  customerId: 'customer', storeId: 'store', associateId: 'associate', appointmentTypeId: 'appointmentType', entityId: 'customer', for: 'bookingToken',
  q: 'searchText',
};

function hasPath(body: Record<string, unknown>, path: string) {
  let node: any = body;
  for (const part of path.split('.')) {
    if (node == null || typeof node !== 'object' || !(part in node)) return false;
    node = node[part];
  }
  return true;
}

let bookings = 0;
/** Fields a route needs beyond its schema's required ones; a second entry is a second shape of the same request. */
const OVERRIDES: Record<string, (w: World) => Record<string, unknown>[]> = {
  'POST /api/v1/appointments/time-off': (w) => [{ startsAt: '2032-02-01T09:00:00.000Z', endsAt: '2032-02-01T12:00:00.000Z' },
    { storeId: w.ids.store, localStart: '2032-02-02T09:00', localEnd: '2032-02-02T12:00' }],
  'POST /api/v1/client-book/reassign': (w) => [{ toAssociateId: w.headOffice.id, customerIds: [w.ids.customer], fromAssociateId: w.ids.associate }],
  'POST /api/v1/client-book/hand-over': (w) => [{ fromAssociateId: w.ids.associate, moves: [{ toAssociateId: w.headOffice.id, customerIds: [w.ids.customer] }] }],
  'POST /api/v1/auth/sign-in': (w) => [{ email: w.headOffice.email, password: TEST_PASSWORD, legalEntityId: w.leId, storeId: w.ids.store }],
  'POST /api/v1/appointments': (w) => [{ startsAt: w.freeSlots[0], associateId: w.ids.associate }],
  // A booking the sweep lets through (a personal link of another retailer is ignored) takes its time: each gets its own.
  'POST /api/v1/public/appointments/bookings': (w) => [{ startsAt: w.freeSlots[2 + (bookings++ % (w.freeSlots.length - 2))], associateId: w.ids.associate }],
  'POST /api/v1/appointments/:id/status': () => [{ status: 'cancelled' }],
  'POST /api/v1/outreach/preview': (w) => [{ templateId: w.ids.template, productId: w.ids.product }],
  'POST /api/v1/outreach/messages': (w) => [{ templateId: w.ids.template, productId: w.ids.product, taskId: w.ids.outreachTask }],
  'POST /api/v1/client-book/search': (w) => [{ ownerAssociateId: w.ids.associate, attributes: [{ attributeId: w.ids.customerAttribute, values: ['x'] }] }],
  'POST /api/v1/store-client-book/search': (w) => [{ ownerAssociateId: w.ids.associate, attributes: [{ attributeId: w.ids.customerAttribute, values: ['x'] }] }],
  'POST /api/v1/client-book/saved-filters': (w) => [{ filter: { ownerAssociateId: w.ids.associate, attributes: [{ attributeId: w.ids.customerAttribute, values: ['x'] }] } }],
  'POST /api/v1/client-book/remove': (w) => [{ associateId: w.ids.associate }],
  'PATCH /api/v1/setup/clienteling': (w) => [{ clientBookAttributeGroupId: w.ids.attributeGroup }],
  'POST /api/v1/api-tokens': (w) => [{ associateId: w.ids.associate }],
  'POST /api/v1/associates': (w) => [{ email: `sweep-${randomUUID().slice(0, 8)}@example.test`, roleIds: [w.ids.role], storeIds: [w.ids.store] }],
  'POST /api/v1/attribution/plans': (w) => [{ validFrom: '2040-01', validTo: null, rates: [{ storeId: w.ids.store, category: null, ratePercent: 1 }] }],
  'PUT /api/v1/attribution/plans/:id': (w) => [{ rates: [{ storeId: w.ids.store, category: null, ratePercent: 1 }] }],
  'POST /api/v1/appointments/:id/reschedule': (w) => [{ startsAt: w.freeSlots[1], associateId: w.ids.associate }],
  'PATCH /api/v1/activities/:id': (w) => [{ activityTypeId: w.ids.activityType }],
  'PATCH /api/v1/customer-attributes/:id': (w) => [{ groupId: w.ids.attributeGroup }],
  'PUT /api/v1/customers/:id/attributes': (w) => [{ values: [{ attributeId: w.ids.customerAttribute, value: 'sweep' }] }],
  'POST /api/v1/customers/:id/merge': (w) => [{ duplicateId: w.customer2 }],
};

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

describe('another legal entity\'s IDs', () => {
  it('read and change nothing of it, on every route that takes an ID', async () => {
    const spec = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const publicRoutes = new Set(app.routeCatalog.filter((r) => r.public).map((r) => `${r.method} ${r.url}`));
    const ops = operationsOf(spec).filter((op) => op.url.startsWith('/api/'));

    const aIds = await idsOf(app.db, a.leId);
    const before = await snapshot(app.db, a.leId, aIds, b.leId);
    const marker = a.marker.toLowerCase();

    let requests = 0; let serverErrors = 0; let schemaRejected = 0; let listsRead = 0;
    const routesWithPathIds = new Set<string>(); const routesSwept = new Set<string>(); const routesValid = new Set<string>();
    const leaks: string[] = []; const failures: string[] = []; const accepted: string[] = [];
    const controls: Call[] = [];
    const statuses = new Map<number, number>();
    // B's head office signed in and through an API token (the two ways a caller's legal entity is found), and B's sales
    // associate on the routes the role may use (their queries take other branches: own client book, own store).
    type Via = 'cookie' | 'bearer' | 'associate';
    const send = (c: Call, via: Via = 'cookie') => app.inject({
      method: c.method as 'GET', url: c.url, query: c.query, payload: c.payload as object | undefined,
      headers: c.isPublic ? {} : via === 'bearer' ? { authorization: `Bearer ${b.bearer}` } : { cookie: via === 'cookie' ? b.cookies.headOffice : b.cookies.associate },
    });
    const associatePermissions = new Set<string>((await app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: b.cookies.associate } })).json().permissions);
    const permissionOf = new Map(app.routeCatalog.map((r) => [`${r.method} ${r.url}`, r.permission]));
    const callers = (c: Call): Via[] => {
      if (c.isPublic) return ['cookie'];
      const permission = permissionOf.get(c.route);
      return !permission || associatePermissions.has(permission) ? ['cookie', 'bearer', 'associate'] : ['cookie', 'bearer'];
    };
    for (const op of ops) {
      const { calls, control } = callsFor(op, publicRoutes.has(`${op.method} ${op.url}`));
      // Reads that name no ID still must not list A's rows.
      if (!calls.length && op.method === 'GET' && !op.pathParams.length && !publicRoutes.has(`${op.method} ${op.url}`)) {
        const query = Object.fromEntries(op.queryParams.filter((q) => q.required).map((q) => [q.name, String(sample(q.schema, q.name))]));
        calls.push({ route: `${op.method} ${op.url}`, method: op.method, url: op.url, query, foreign: 'none', isPublic: false });
        listsRead++;
      }
      if (!calls.length) continue;
      routesSwept.add(calls[0].route);
      if (control) controls.push(control);
      if (op.pathParams.some((p) => pathParamKind(op.url, p.name))) routesWithPathIds.add(calls[0].route);
      for (const [c, via] of calls.flatMap((x) => callers(x).map((v) => [x, v] as const))) {
        const res = await send(c, via);
        requests++;
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        const what = `${c.route} [${c.foreign}${via === 'bearer' ? ', API token' : via === 'associate' ? ', sales associate' : ''}] → ${res.statusCode}`;
        if (res.statusCode >= 500) { serverErrors++; failures.push(`${what} ${res.body.slice(0, 200)}`); }
        const schemaError = res.statusCode === 400 && String(res.headers['content-type']).includes('problem+json') && Array.isArray(res.json().errors);
        if (schemaError) { schemaRejected++; failures.push(`${what} (refused by the schema, so it proves nothing) ${res.body.slice(0, 200)}`); } else routesValid.add(c.route);
        // A leak: any text of A, or an ID of A's rows that the request did not carry itself.
        const sent = `${c.url} ${JSON.stringify(c.query ?? {})} ${JSON.stringify(c.payload ?? {})}`;
        const foreignIds = (res.body.match(UUID) ?? []).filter((id) => aIds.has(id) && !sent.includes(id));
        // A's marker alone, as a JSON string, is the search text echoed back; A's names and e-mails extend it.
        const text = res.body.toLowerCase().replaceAll(`"${marker}"`, '""');
        if (text.includes(marker) || foreignIds.length) leaks.push(`${what} ${res.body.slice(0, 300)}`);
        if (res.statusCode < 300) accepted.push(what);
      }
    }

    const after = await snapshot(app.db, a.leId, aIds, b.leId);
    const changes = diff(before, after);
    const changed = changes.added.length + changes.removed.length;

    // Controls: the same requests with B's own IDs. Accepted, they show the foreign ones were refused for their IDs and
    // not for their shape. Reads first, removals last, so a control does not take away what a later one needs.
    const order = (c: Call) => (c.method === 'GET' ? 0 : /erase/.test(c.url) ? 3 : c.method === 'DELETE' || /merge|remove|active|permissions|status|cancel/.test(c.url) ? 2 : 1);
    const refusedControls: string[] = [];
    for (const c of controls.sort((x, y) => order(x) - order(y))) {
      const res = await send(c);
      if (res.statusCode >= 300) refusedControls.push(`${c.route} → ${res.statusCode} ${res.body.slice(0, 160)}`);
      if (res.statusCode >= 500) failures.push(`${c.route} [control] → ${res.statusCode} ${res.body.slice(0, 200)}`);
    }
    console.log(`cross-legal-entity sweep: ${routesSwept.size} routes walked (${routesWithPathIds.size} with ID path parameters, ${listsRead} reads without IDs), `
      + `${requests} requests, ${routesValid.size} routes with a valid body, ${schemaRejected} requests refused by the schema, `
      + `${serverErrors} 5xx, ${leaks.length} leaks, ${changed} rows of A changed, ${accepted.length} answered 2xx without a leak; `
      + `the same requests with B's own IDs: ${controls.length - refusedControls.length} of ${controls.length} accepted; `
      + `statuses ${[...statuses].sort((x, y) => x[0] - y[0]).map(([code, n]) => `${code}: ${n}`).join(', ')}`);
    if (process.env.XLE_VERBOSE) console.log(`2xx with A's IDs:\n${accepted.join('\n')}\nControls refused:\n${refusedControls.join('\n')}`);
    expect(failures, failures.join('\n')).toEqual([]);
    expect(leaks, leaks.join('\n')).toEqual([]);
    expect(changes, JSON.stringify(changes, null, 1)).toEqual({ removed: [], added: [] });
    expect(routesWithPathIds.size).toBeGreaterThan(60);
    // Most foreign requests must differ from an accepted one only in their IDs, or the sweep proves little.
    expect(controls.length - refusedControls.length, refusedControls.join('\n')).toBeGreaterThanOrEqual(controls.length * 0.85);
  });

  it('read and change nothing of it when B imports, or sends webhooks, naming A\'s keys', async () => {
    // Imports name rows by the source systems' keys (external IDs, SKUs, store codes, personnel numbers), unique per
    // legal entity: B's file with A's keys must make or refuse B's rows, never touch or reveal A's.
    const entities = (await app.inject({ method: 'GET', url: '/api/v1/import/entities', headers: { cookie: b.cookies.headOffice } })).json() as { entity: string; fields: string }[];
    const now = new Date().toISOString();
    // Fields that name a row by key, and which key of a world they take.
    const keyOf = (entity: string, field: string): keyof World['keys'] | null => ({
      customerId: 'customer', sku: 'sku', store: 'store', homeStore: 'store', associate: 'associate', orderId: 'order', returnId: 'return', cardNumber: 'card',
      externalId: entity === 'customers' ? 'customer' : entity === 'browsing' ? 'browsing' : 'interaction',
    } as Record<string, keyof World['keys']>)[field] ?? null;
    const plain: Record<string, string> = {
      firstName: 'Imported', lastName: 'Imported', name: 'Imported', category: 'Accessories', price: '10.00', unitPrice: '10.00', refund: '10.00',
      onHand: '1', channel: 'store', orderedAt: now, returnedAt: now, occurredAt: now, joinedAt: now, lineNumber: '1', reason: 'Imported',
      tier: 'Gold', points: '10', subject: 'Imported', kind: 'service-case', campaign: 'Imported', programme: 'Imported',
    };
    const aIds = await idsOf(app.db, a.leId);
    const before = await snapshot(app.db, a.leId, aIds, b.leId);
    const marker = a.marker.toLowerCase();
    const problems: string[] = [];
    let records = 0; let imported = 0;
    for (const { entity, fields } of entities) {
      // "a, b (or bMinor); optional c, d": the required fields, and the optional ones that name a row by key.
      const [required, optional = ''] = fields.replace(/\([^)]*\)/g, '').split(';');
      const split = (list: string) => list.replace('optional', '').split(',').map((f) => f.trim()).filter(Boolean);
      const names = [...split(required), ...split(optional).filter((n) => keyOf(entity, n))];
      const keyFields = names.filter((n) => keyOf(entity, n));
      // One line with all of A's keys, then one per key field with only that one A's and the others B's.
      const line = (foreign: string[]) => Object.fromEntries(names.map((n) => {
        const key = keyOf(entity, n);
        return [n, key ? (foreign.includes(n) ? a : b).keys[key] : plain[n] ?? 'Imported'];
      }));
      const lines = [line(keyFields), ...keyFields.map((f) => line([f]))];
      records += lines.length;
      const body = lines.map((l) => JSON.stringify(l)).join('\n');
      const file = await app.inject({ method: 'POST', url: `/api/v1/import/${entity}`, headers: { cookie: b.cookies.headOffice, 'content-type': 'application/x-ndjson' }, payload: body });
      if (process.env.XLE_VERBOSE) console.log(entity, body, file.body.slice(0, 600));
      const sent = lines.flatMap((l) => Object.values(l));
      // B's own webhook secret, but A's legal entity named in the header: the signature must not be accepted for A.
      const ts = String(Math.floor(Date.now() / 1000));
      const hook = await app.inject({ method: 'POST', url: `/api/v1/webhooks/${entity}`, payload: body, headers: {
        'content-type': 'application/x-ndjson', 'x-clienteling-legal-entity': a.keys.entityCode, 'x-clienteling-timestamp': ts, 'x-clienteling-signature': signWebhook(b.webhookSecret, ts, body) } });
      if (file.statusCode !== 200) problems.push(`import ${entity} → ${file.statusCode} ${file.body.slice(0, 200)}`);
      else imported += file.json().received - file.json().failed;
      if (hook.statusCode !== 401) problems.push(`webhook ${entity} as A → ${hook.statusCode} ${hook.body.slice(0, 200)}`);
      for (const res of [file, hook]) {
        // What was sent may be quoted back in an error; anything else of A is a leak.
        let text = res.body.toLowerCase();
        for (const v of sent) text = text.replaceAll(v.toLowerCase(), '');
        const foreignIds = (res.body.match(UUID) ?? []).filter((id) => aIds.has(id));
        if (text.includes(marker) || foreignIds.length) problems.push(`${entity} leaks: ${res.body.slice(0, 300)}`);
      }
    }
    const changes = diff(before, await snapshot(app.db, a.leId, aIds, b.leId));
    console.log(`import sweep: ${entities.length} importable entities, ${records} records naming A's keys in files and signed webhooks, `
      + `${imported} imported as B's own rows, ${problems.length} problems, ${changes.added.length + changes.removed.length} rows of A changed`);
    expect(problems, problems.join('\n')).toEqual([]);
    expect(changes, JSON.stringify(changes, null, 1)).toEqual({ removed: [], added: [] });
  });
});
