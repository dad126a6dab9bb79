import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { testDatabase } from '../../../test/app.ts';
import { buildCustomer, buildLegalEntity, buildStore } from '../../../test/factories.ts';
import type { Database } from '../../db/client.ts';
import { customers } from './schema.ts';
import { normaliseStoredPhones } from './phone-normalise.ts';

let database: Database;
beforeAll(async () => { database = await testDatabase(); });

describe('stored phone numbers', () => {
  it('are put in E.164 in the customer\'s or the store\'s country; numbers that do not parse are kept and reported', async () => {
    const db = database.db;
    const le = await buildLegalEntity(db, { timeZone: 'Europe/Paris' });
    const london = await buildStore(db, le.id, { timeZone: 'Europe/London' });
    const paris = await buildCustomer(db, le.id, { phone: '06 12 34 56 78' });
    const uk = await buildCustomer(db, le.id, { phone: '020 7946 0958', homeStoreId: london.id });
    const swiss = await buildCustomer(db, le.id, { phone: '044 668 18 00', country: 'CH' });
    const done = await buildCustomer(db, le.id, { phone: '+33698765432' });
    const typo = await buildCustomer(db, le.id, { phone: '06 12' });
    const result = await normaliseStoredPhones(db, { legalEntityId: le.id });
    const phone = async (id: string) => (await db.select({ p: customers.phone }).from(customers).where(eq(customers.id, id)))[0].p;
    expect([await phone(paris.id), await phone(uk.id), await phone(swiss.id), await phone(done.id), await phone(typo.id)])
      .toEqual(['+33612345678', '+442079460958', '+41446681800', '+33698765432', '06 12']);
    expect(result.kept.map((k) => k.customerId)).toContain(typo.id);
    expect(result.kept.map((k) => k.customerId)).not.toContain(paris.id);
    expect((await normaliseStoredPhones(db, { legalEntityId: le.id })).normalised).toBe(0);
  });
});
