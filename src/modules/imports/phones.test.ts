import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { testApp } from '../../../test/app.ts';
import { buildRetailer } from '../../../test/factories.ts';
import type { App } from '../../http/types.ts';
import { customers } from '../customers/schema.ts';

let app: App;
beforeAll(async () => { app = await testApp(); });
afterAll(async () => { await app.close(); });

describe('imported phone numbers', () => {
  it('are stored in E.164, read in the row\'s country or the legal entity\'s; invalid ones are reported by line', async () => {
    const r = await buildRetailer(app, app.db);
    const rows = [
      { externalId: 'P-1', firstName: 'A', lastName: 'One', phone: '06 12 34 56 78' },
      { externalId: 'P-2', firstName: 'B', lastName: 'Two', phone: '020 7946 0958', country: 'GB' },
      { externalId: 'P-3', firstName: 'C', lastName: 'Three', phone: '+33 6 12' },
      { externalId: 'P-4', firstName: 'D', lastName: 'Four', phone: '06 12' },
    ];
    const res = await app.inject({ method: 'POST', url: '/api/v1/import/customers', headers: { cookie: r.as.headOffice, 'content-type': 'application/x-ndjson' }, payload: rows.map((x) => JSON.stringify(x)).join('\n') });
    expect(res.json()).toMatchObject({ received: 4, inserted: 2 });
    expect(res.json().errors).toEqual([{ line: 3, message: expect.stringContaining('phone') }, { line: 4, message: expect.stringContaining('phone') }]);
    const stored = await app.db.select({ externalId: customers.externalId, phone: customers.phone }).from(customers).where(eq(customers.legalEntityId, r.le.id)).orderBy(asc(customers.externalId));
    expect(stored).toEqual([{ externalId: 'P-1', phone: '+33612345678' }, { externalId: 'P-2', phone: '+442079460958' }]);
  });
});
