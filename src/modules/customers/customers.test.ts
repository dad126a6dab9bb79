import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { testApp } from '../../../test/app.ts';
import { buildRetailer, buildCustomer } from '../../../test/factories.ts';
import { customerErrors as errors } from './errors.ts';

let app: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => { app = await testApp(); });
afterAll(async () => { await app.close(); });

describe('customers refuse with a code per reason', () => {
  it('does not find another legal entity\'s customer, and does not edit an erased one', async () => {
    const r = await buildRetailer(app, app.db);
    const other = await buildRetailer(app, app.db);
    const theirs = await buildCustomer(app.db, other.le.id);
    const read = await app.inject({ method: 'GET', url: `/api/v1/customers/${theirs.id}`, headers: { cookie: r.as.headOffice } });
    expect([read.statusCode, read.json().code]).toEqual([404, errors.customer_not_found.code]);
    const c = await buildCustomer(app.db, r.le.id);
    await app.db.execute(sql`update customers set erased_at = now() where id = ${c.id}`);
    const edit = await app.inject({ method: 'PATCH', url: `/api/v1/customers/${c.id}`, headers: { cookie: r.as.headOffice }, payload: { firstName: 'Back' } });
    expect([edit.statusCode, edit.json().code]).toEqual([409, errors.customer_erased.code]);
  });
});
