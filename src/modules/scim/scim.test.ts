import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { testApp, apiAs } from '../../../test/app.ts';
import { addToClientBook, buildCustomer, buildRetailer } from '../../../test/factories.ts';
import { enableClienteling } from '../client-book/test-helpers.ts';
import { bookSize } from '../client-book/books.ts';
import { auditLog } from '../audit/schema.ts';

/*
 * A directory provisioning associates as Entra ID and Okta do (their documented request shapes): look a user up by
 * userName, create them, change them with PATCH, put them in groups (roles and stores), deactivate them — and the
 * hand-over of their client book that follows, for the store manager.
 */
let app: Awaited<ReturnType<typeof testApp>>;
let r: Awaited<ReturnType<typeof buildRetailer>>;
let other: Awaited<ReturnType<typeof buildRetailer>>;
let token = '';
let otherToken = '';

async function scimTokenOf(cookie: string, scopes: string[] | null = ['scim']) {
  const res = await apiAs(app, 'POST', '/api-tokens', cookie, { name: 'Directory', ...(scopes ? { scopes } : {}) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().token as string;
}

const scim = (method: string, url: string, payload?: object, bearer = token) => app.inject({
  method: method as 'GET', url: `/scim/v2${url}`,
  headers: { authorization: `Bearer ${bearer}`, ...(payload ? { 'content-type': 'application/scim+json' } : {}) },
  ...(payload ? { payload: JSON.stringify(payload) } : {}),
});

const entraUser = (email: string, extra: Record<string, unknown> = {}) => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'],
  externalId: email.split('@')[0], userName: email, active: true, displayName: 'Léa Martin', title: 'Stylist',
  emails: [{ primary: true, type: 'work', value: email }],
  name: { formatted: 'Léa Martin', familyName: 'Martin', givenName: 'Léa' },
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { employeeNumber: `E-${email.split('@')[0]}` },
  ...extra,
});

beforeAll(async () => {
  app = await testApp();
  r = await buildRetailer(app, app.db);
  other = await buildRetailer(app, app.db);
  await enableClienteling(app, r.as.headOffice);
  token = await scimTokenOf(r.as.headOffice);
  otherToken = await scimTokenOf(other.as.headOffice);
});
afterAll(async () => { await app?.close(); });

describe('SCIM tokens', () => {
  it('only a token with the scim scope gets in, and it gets nowhere else', async () => {
    const none = await app.inject({ method: 'GET', url: '/scim/v2/Users' });
    expect(none.statusCode).toBe(401);
    expect(none.headers['content-type']).toContain('application/scim+json');
    expect(none.json()).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '401' });
    const plain = await scimTokenOf(r.as.headOffice, null);
    expect((await scim('GET', '/Users', undefined, plain)).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/scim/v2/Users', headers: { cookie: r.as.headOffice } })).statusCode).toBe(403);
    // The SCIM token is no sign-in for the API, even for what any signed-in associate may read.
    expect((await app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/v1/associates', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401);
    // It stands alone, and only for an associate who manages users.
    expect((await apiAs(app, 'POST', '/api-tokens', r.as.headOffice, { name: 'x', scopes: ['scim', 'customers.view'] })).statusCode).toBe(400);
    expect((await apiAs(app, 'POST', '/api-tokens', r.as.headOffice, { name: 'x', associateId: r.manager.id, scopes: ['scim'] })).statusCode).toBe(400);
  });

  it('describes itself', async () => {
    const config = await scim('GET', '/ServiceProviderConfig');
    expect(config.statusCode).toBe(200);
    expect(config.headers['content-type']).toContain('application/scim+json');
    expect(config.json()).toMatchObject({ patch: { supported: true }, filter: { supported: true }, bulk: { supported: false } });
    expect((await scim('GET', '/ResourceTypes')).json().Resources.map((t: { id: string }) => t.id)).toEqual(['User', 'Group']);
    expect((await scim('GET', '/Schemas')).json().totalResults).toBe(3);
    const broken = await app.inject({ method: 'POST', url: '/scim/v2/Users', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' }, payload: '{"userName": ' });
    expect(broken.statusCode).toBe(400);
    expect(broken.json()).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '400' });
    const noName = await scim('POST', '/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], active: true });
    expect(noName.json()).toMatchObject({ status: '400', scimType: 'invalidValue' });
    const unknown = await scim('GET', '/Nothing');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:Error']);
  });
});

describe('Users and Groups from the directory', () => {
  it('creates an associate the way Entra ID does, finds them by userName, and refuses a second one', async () => {
    const email = 'lea.martin@aurelle.example';
    const before = await scim('GET', `/Users?filter=${encodeURIComponent(`userName eq "${email}"`)}`);
    expect(before.json()).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 0, Resources: [] });
    const created = await scim('POST', '/Users', entraUser(email));
    expect(created.statusCode, created.body).toBe(201);
    const user = created.json();
    expect(user).toMatchObject({ userName: email, displayName: 'Léa Martin', active: true, title: 'Stylist', emails: [{ value: email, primary: true }] });
    expect(created.headers.location).toBe(user.meta.location);
    const found = await scim('GET', `/Users?filter=${encodeURIComponent(`userName eq "LEA.MARTIN@aurelle.example"`)}&startIndex=1&count=10`);
    expect(found.json()).toMatchObject({ totalResults: 1, startIndex: 1, itemsPerPage: 1, Resources: [{ id: user.id }] });
    const listed = (await apiAs(app, 'GET', '/associates', r.as.headOffice)).json().find((a: { id: string }) => a.id === user.id);
    expect(listed).toMatchObject({ displayName: 'Léa Martin', email, active: true, personnelNumber: 'E-lea.martin' });
    const again = await scim('POST', '/Users', entraUser(email));
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ status: '409', scimType: 'uniqueness' });
    expect((await scim('GET', `/Users?filter=${encodeURIComponent('nickName eq "x"')}`)).json()).toMatchObject({ status: '400', scimType: 'invalidFilter' });
  });

  it('pages the list with startIndex and count', async () => {
    const all = (await scim('GET', '/Users')).json();
    expect(all.totalResults).toBeGreaterThanOrEqual(4);
    const second = (await scim('GET', '/Users?startIndex=2&count=2')).json();
    expect(second).toMatchObject({ startIndex: 2, itemsPerPage: 2, totalResults: all.totalResults });
    expect(second.Resources.map((u: { id: string }) => u.id)).toEqual(all.Resources.slice(1, 3).map((u: { id: string }) => u.id));
  });

  it('changes a user with PATCH operations, as Okta and Entra ID send them', async () => {
    const created = (await scim('POST', '/Users', entraUser('tom.roux@aurelle.example', { displayName: undefined, name: { givenName: 'Tom', familyName: 'Roux' } }))).json();
    expect(created.displayName).toBe('Tom Roux');
    const patched = await scim('PATCH', `/Users/${created.id}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [
        { op: 'Replace', path: 'displayName', value: 'Thomas Roux' },
        { op: 'replace', path: 'emails[type eq "work"].value', value: 'thomas.roux@aurelle.example' },
        { op: 'remove', path: 'title' },
      ],
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ displayName: 'Thomas Roux', userName: 'thomas.roux@aurelle.example', active: true });
    expect(patched.json().title).toBeUndefined();
    const bad = await scim('PATCH', `/Users/${created.id}`, { Operations: [{ op: 'replace', path: 'active', value: 'maybe' }] });
    expect(bad.json()).toMatchObject({ status: '400', scimType: 'invalidValue' });
  });

  it('maps groups to the legal entity\'s roles and stores: membership grants the role, or the store', async () => {
    const user = (await scim('POST', '/Users', entraUser('nina.blanc@aurelle.example'))).json();
    const roleGroup = (await scim('GET', `/Groups?filter=${encodeURIComponent('displayName eq "Store manager"')}&excludedAttributes=members`)).json();
    expect(roleGroup.totalResults).toBe(1);
    const groupId = roleGroup.Resources[0].id;
    expect(roleGroup.Resources[0].members).toBeUndefined();
    const added = await scim('PATCH', `/Groups/${groupId}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'Add', path: 'members', value: [{ value: user.id }] }],
    });
    expect(added.statusCode, added.body).toBe(200);
    expect(added.json().members.map((m: { value: string }) => m.value)).toContain(user.id);
    // A store's group, created by the directory as Okta pushes groups: it is found by name.
    const storeName = (await apiAs(app, 'GET', '/stores', r.as.headOffice)).json()[0].name as string;
    const storeGroup = await scim('POST', '/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: storeName, members: [{ value: user.id }] });
    expect(storeGroup.statusCode, storeGroup.body).toBe(201);
    let listed = (await apiAs(app, 'GET', '/associates', r.as.headOffice)).json().find((a: { id: string }) => a.id === user.id);
    expect(listed.roles).toEqual(['Store manager']);
    expect(listed.storeIds).toEqual([r.store.id]);
    expect((await scim('GET', `/Users/${user.id}`)).json().groups.map((g: { display: string }) => g.display).sort()).toEqual(['Store manager', storeName].sort());
    const removed = await scim('PATCH', `/Groups/${groupId}`, { Operations: [{ op: 'remove', path: `members[value eq "${user.id}"]` }] });
    expect(removed.statusCode).toBe(200);
    listed = (await apiAs(app, 'GET', '/associates', r.as.headOffice)).json().find((a: { id: string }) => a.id === user.id);
    expect(listed.roles).toEqual([]);
    const unknownGroup = await scim('POST', '/Groups', { displayName: 'Marketing (no such role)' });
    expect(unknownGroup.json()).toMatchObject({ status: '400', scimType: 'invalidValue' });
  });

  it('shows another legal entity nothing of this one', async () => {
    const user = (await scim('POST', '/Users', entraUser('private@aurelle.example'))).json();
    expect((await scim('GET', `/Users/${user.id}`, undefined, otherToken)).statusCode).toBe(404);
    expect((await scim('PATCH', `/Users/${user.id}`, { Operations: [{ op: 'replace', value: { active: false } }] }, otherToken)).statusCode).toBe(404);
    expect((await scim('DELETE', `/Users/${user.id}`, undefined, otherToken)).statusCode).toBe(404);
    const list = (await scim('GET', `/Users?filter=${encodeURIComponent('userName eq "private@aurelle.example"')}`, undefined, otherToken)).json();
    expect(list.totalResults).toBe(0);
    const otherGroups = (await scim('GET', '/Groups', undefined, otherToken)).json();
    expect(otherGroups.Resources.flatMap((g: { members: { value: string }[] }) => g.members.map((m) => m.value))).not.toContain(user.id);
    const roleOfOther = otherGroups.Resources.find((g: { displayName: string }) => g.displayName === 'Head office').id;
    const foreign = await scim('PATCH', `/Groups/${roleOfOther}`, { Operations: [{ op: 'add', path: 'members', value: [{ value: user.id }] }] }, otherToken);
    expect(foreign.statusCode).toBe(400);
    const ownGroup = (await scim('GET', '/Groups', undefined, token)).json().Resources[0].id;
    expect((await scim('GET', `/Groups/${ownGroup}`, undefined, otherToken)).statusCode).toBe(404);
    expect((await scim('GET', `/Users/${user.id}`)).json().active).toBe(true);
  });
});

describe('deactivating an associate hands over their client book', () => {
  async function userWithBook(email: string, customers: number) {
    const user = (await scim('POST', '/Users', entraUser(email))).json();
    const storeGroup = (await scim('GET', '/Groups')).json().Resources.find((g: { id: string }) => g.id === r.store.id);
    await scim('PATCH', `/Groups/${storeGroup.id}`, { Operations: [{ op: 'add', path: 'members', value: [{ value: user.id }] }] });
    const ids: string[] = [];
    for (let i = 0; i < customers; i++) {
      const c = await buildCustomer(app.db, r.le.id);
      await addToClientBook(app.db, r.le.id, user.id, c.id);
      ids.push(c.id);
    }
    return { user, customerIds: ids };
  }

  it('by default the book stays in the store client book (store queue), with a task for the store manager', async () => {
    const { user } = await userWithBook('leaving.queue@aurelle.example', 2);
    // Entra ID's deactivation: no path, a value object, and the boolean as a string.
    const res = await scim('PATCH', `/Users/${user.id}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'Replace', value: { active: 'False' } }],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().active).toBe(false);
    const listed = (await apiAs(app, 'GET', '/associates', r.as.headOffice)).json().find((a: { id: string }) => a.id === user.id);
    expect(listed.status).toBe('inactive');
    expect(await bookSize(app.db, r.le.id, user.id)).toBe(2);
    const owners = (await apiAs(app, 'GET', '/store-client-book/associates?stores=all', r.as.manager)).json();
    expect(owners.find((o: { associateId: string }) => o.associateId === user.id)).toMatchObject({ active: false, customerCount: 2 });
    const tasks = (await apiAs(app, 'GET', '/hand-over-tasks?status=open', r.as.manager)).json();
    const task = tasks.find((t: { leavingAssociateId: string }) => t.leavingAssociateId === user.id);
    expect(task).toMatchObject({ destination: 'store-queue', successorAssociateId: null, customerCount: 2, storeId: r.store.id, status: 'open', leavingAssociateName: 'Léa Martin' });
    // Deactivating again (Okta repeats itself) starts no second hand-over.
    await scim('PATCH', `/Users/${user.id}`, { Operations: [{ op: 'replace', path: 'active', value: false }] });
    expect((await apiAs(app, 'GET', '/hand-over-tasks', r.as.manager)).json().filter((t: { leavingAssociateId: string }) => t.leavingAssociateId === user.id)).toHaveLength(1);
    const audited = await app.db.select({ actor: auditLog.actorLabel, type: auditLog.entityType }).from(auditLog)
      .where(and(eq(auditLog.legalEntityId, r.le.id), eq(auditLog.entityId, user.id)));
    expect(audited).toContainEqual({ actor: 'SCIM', type: 'associate' });
    // Another legal entity's manager does not see it; a sales associate may not list hand-overs.
    expect((await apiAs(app, 'GET', '/hand-over-tasks', other.as.manager)).json().some((t: { id: string }) => t.id === task.id)).toBe(false);
    expect((await apiAs(app, 'POST', `/hand-over-tasks/${task.id}/done`, other.as.manager)).statusCode).toBe(404);
    expect((await apiAs(app, 'GET', '/hand-over-tasks', r.as.associate)).statusCode).toBe(403);
    const done = await apiAs(app, 'POST', `/hand-over-tasks/${task.id}/done`, r.as.manager);
    expect(done.json()).toMatchObject({ status: 'done' });
  });

  it('with the successor rule, the book moves to the named associate (DELETE, as Okta deprovisions)', async () => {
    expect((await apiAs(app, 'PUT', '/hand-over-rule', r.as.manager, { rule: 'successor', successorAssociateId: r.associate.id })).statusCode).toBe(403);
    expect((await apiAs(app, 'PUT', '/hand-over-rule', r.as.headOffice, { rule: 'successor', successorAssociateId: other.associate.id })).statusCode).toBe(404);
    expect((await apiAs(app, 'PUT', '/hand-over-rule', r.as.headOffice, { rule: 'successor' })).statusCode).toBe(400);
    const rule = await apiAs(app, 'PUT', '/hand-over-rule', r.as.headOffice, { rule: 'successor', successorAssociateId: r.associate.id });
    expect(rule.json()).toMatchObject({ rule: 'successor', successorAssociateId: r.associate.id });
    const before = await bookSize(app.db, r.le.id, r.associate.id);
    const { user } = await userWithBook('leaving.successor@aurelle.example', 3);
    const res = await scim('DELETE', `/Users/${user.id}`);
    expect(res.statusCode).toBe(204);
    expect((await scim('GET', `/Users/${user.id}`)).json().active).toBe(false);
    expect(await bookSize(app.db, r.le.id, user.id)).toBe(0);
    expect(await bookSize(app.db, r.le.id, r.associate.id)).toBe(before + 3);
    const task = (await apiAs(app, 'GET', '/hand-over-tasks', r.as.manager)).json().find((t: { leavingAssociateId: string }) => t.leavingAssociateId === user.id);
    expect(task).toMatchObject({ destination: 'successor', successorAssociateId: r.associate.id, customerCount: 3, status: 'open' });
    const moved = await app.db.select({ actor: auditLog.actorLabel }).from(auditLog)
      .where(and(eq(auditLog.legalEntityId, r.le.id), eq(auditLog.action, 'reassign')));
    expect(moved).toContainEqual({ actor: 'SCIM' });
    await apiAs(app, 'PUT', '/hand-over-rule', r.as.headOffice, { rule: 'store-queue' });
  });
});
