import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { randomUUID } from 'node:crypto';
import { testApp, apiAs, problemOf } from '../../../test/app.ts';
import { buildRetailer, buildStore } from '../../../test/factories.ts';
import { insertAssociate } from './service.ts';
import { organisationErrors as errors } from './errors.ts';

let app: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => { app = await testApp(); });
afterAll(async () => { await app.close(); });

const inject = (method: string, url: string, cookie: string, payload?: object) => apiAs(app, method, url, cookie, payload);
const problem = problemOf;

describe('organisation refuses with a code per reason', () => {
  it('sets only known permissions on the legal entity\'s own roles', async () => {
    const r = await buildRetailer(app, app.db);
    const sales = r.le.roles['Sales associate'];
    expect(await problem(inject('PUT', `/roles/${sales}/permissions`, r.as.headOffice, { permissions: ['customers.view', 'customers.fly'] })))
      .toEqual([400, errors.unknown_permission.code, 'permissions']);
    const elsewhere = await buildRetailer(app, app.db);
    expect(await problem(inject('PUT', `/roles/${sales}/permissions`, elsewhere.as.headOffice, { permissions: ['customers.view'] })))
      .toEqual([404, errors.role_not_found.code, undefined]);
  });

  it('activates only associates who accepted their invitation, of its own legal entity', async () => {
    const r = await buildRetailer(app, app.db);
    const invited = await insertAssociate(app.db, r.le.id, { email: `inv-${randomUUID()}@example.test`, displayName: 'Invited', personnelNumber: `P-${randomUUID().slice(0, 8)}`, roleIds: [], storeIds: [] }, null);
    expect(await problem(inject('PUT', `/associates/${invited.id}/active`, r.as.headOffice, { active: true }))).toEqual([409, errors.invitation_pending.code, undefined]);
    expect(await problem(inject('PUT', `/associates/${randomUUID()}/active`, r.as.headOffice, { active: true }))).toEqual([404, errors.associate_not_found.code, undefined]);
  });

  it('gives an associate or store only roles, stores and address books of the same legal entity', async () => {
    const r = await buildRetailer(app, app.db);
    const other = await buildRetailer(app, app.db);
    const details = { email: `a-${randomUUID()}@example.test`, displayName: 'New', personnelNumber: `P-${randomUUID().slice(0, 8)}` };
    await expect(insertAssociate(app.db, r.le.id, { ...details, roleIds: [other.le.roles['Sales associate']], storeIds: [] }, null))
      .rejects.toMatchObject({ code: errors.unknown_role.code, field: 'roleIds', status: 400 });
    await expect(insertAssociate(app.db, r.le.id, { ...details, roleIds: [], storeIds: [other.store.id] }, null))
      .rejects.toMatchObject({ code: errors.unknown_store.code, field: 'storeIds', status: 400 });
    await expect(buildStore(app.db, r.le.id, { addressBookId: other.store.addressBookId }))
      .rejects.toMatchObject({ code: errors.address_book_not_found.code, status: 404 });
  });
});
