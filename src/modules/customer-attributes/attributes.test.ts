import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { testApp, apiAs, problemOf } from '../../../test/app.ts';
import { buildRetailer, buildCustomer } from '../../../test/factories.ts';
import { createAttribute, createGroup, enableClienteling, setValues } from '../client-book/test-helpers.ts';
import { customerAttributeErrors as errors } from './errors.ts';

let app: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => { app = await testApp(); });
afterAll(async () => { await app.close(); });

const inject = (method: string, url: string, cookie: string, payload?: object) => apiAs(app, method, url, cookie, payload);
const problem = problemOf;

describe('customer attributes refuse with a code per reason', () => {
  it('keeps group and attribute names unique and the client book group in place', async () => {
    const r = await buildRetailer(app, app.db);
    const ho = r.as.headOffice;
    const group = await createGroup(app, ho, 'Sizes');
    const other = await createGroup(app, ho, 'Tastes');
    expect(await problem(inject('POST', '/attribute-groups', ho, { name: 'Sizes' }))).toEqual([409, errors.group_name_taken.code, 'name']);
    expect(await problem(inject('PATCH', `/attribute-groups/${other.id}`, ho, { name: 'Sizes' }))).toEqual([409, errors.group_name_taken.code, 'name']);
    expect(await problem(inject('DELETE', `/attribute-groups/${randomUUID()}`, ho))).toEqual([404, errors.group_not_found.code, undefined]);

    await createAttribute(app, ho, { groupId: group.id, name: 'Ring size', dataType: 'number' });
    expect(await problem(inject('POST', '/customer-attributes', ho, { groupId: group.id, name: 'Ring size', dataType: 'text' }))).toEqual([409, errors.attribute_name_taken.code, 'name']);
    expect(await problem(inject('POST', '/customer-attributes', ho, { groupId: randomUUID(), name: 'Shoe size', dataType: 'text' }))).toEqual([400, errors.unknown_group.code, 'groupId']);
    expect(await problem(inject('PATCH', `/customer-attributes/${randomUUID()}`, ho, { name: 'Gone' }))).toEqual([404, errors.attribute_not_found.code, undefined]);

    await enableClienteling(app, ho, { clientBookAttributeGroupId: group.id });
    expect(await problem(inject('DELETE', `/attribute-groups/${group.id}`, ho))).toEqual([409, errors.group_is_client_book_group.code, undefined]);
    // Another legal entity's group is not found, even by its head office.
    const elsewhere = await buildRetailer(app, app.db);
    expect(await problem(inject('DELETE', `/attribute-groups/${other.id}`, elsewhere.as.headOffice))).toEqual([404, errors.group_not_found.code, undefined]);
  });

  it('checks list values, and protects the values customers already have', async () => {
    const r = await buildRetailer(app, app.db);
    const ho = r.as.headOffice;
    const group = await createGroup(app, ho, 'Preferences');
    const list = (listValues?: string[]) => inject('POST', '/customer-attributes', ho, { groupId: group.id, name: `Colour ${randomUUID()}`, dataType: 'list', listValues });
    expect(await problem(list())).toEqual([400, errors.list_values_missing.code, 'listValues']);
    expect(await problem(list(['Green', 'green']))).toEqual([400, errors.list_value_repeated.code, 'listValues']);
    expect(await problem(inject('POST', '/customer-attributes', ho, { groupId: group.id, name: 'Note', dataType: 'text', listValues: ['x'] })))
      .toEqual([400, errors.list_values_not_allowed.code, 'listValues']);

    const colour = await createAttribute(app, ho, { groupId: group.id, name: 'Colour', dataType: 'list', listValues: ['Green', 'Blue'] });
    const c = await buildCustomer(app.db, r.le.id);
    await setValues(app, r.as.associate, c.id, [{ attributeId: colour.id, value: 'Green' }]);
    expect(await problem(inject('PATCH', `/customer-attributes/${colour.id}`, ho, { dataType: 'text' }))).toEqual([409, errors.type_change_with_values.code, 'dataType']);
    const dropGreen = await inject('PATCH', `/customer-attributes/${colour.id}`, ho, { listValues: ['Blue'] });
    expect([dropGreen.statusCode, dropGreen.json().code]).toEqual([409, errors.list_values_in_use.code]);
    // The head office must learn which value is still used.
    expect(dropGreen.json().detail).toContain('Green');
    expect((await inject('PATCH', `/customer-attributes/${colour.id}`, ho, { listValues: ['Green', 'Blue', 'Red'] })).statusCode).toBe(200);
  });

  it('checks each value a customer is given against its attribute, and not at all once the customer is erased', async () => {
    const r = await buildRetailer(app, app.db);
    const group = await createGroup(app, r.as.headOffice, 'Sizes');
    const ring = await createAttribute(app, r.as.headOffice, { groupId: group.id, name: 'Ring size', dataType: 'number' });
    const c = await buildCustomer(app.db, r.le.id);
    const put = (values: object[]) => problem(inject('PUT', `/customers/${c.id}/attributes`, r.as.associate, { values }));
    expect(await put([{ attributeId: ring.id, value: 'large' }])).toEqual([400, errors.invalid_value.code, 'values.0.value']);
    expect(await put([{ attributeId: ring.id, value: 52 }, { attributeId: randomUUID(), value: 1 }])).toEqual([400, errors.unknown_attribute.code, 'values.1.attributeId']);
    await app.db.execute(sql`update customers set erased_at = now() where id = ${c.id}`);
    expect(await put([{ attributeId: ring.id, value: 52 }])).toEqual([409, errors.customer_erased.code, undefined]);
  });
});
