import { and, eq, sql, type Column, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { query, type Db } from '../../db/client.ts';
import { normalisePhone, defaultPhoneCountry } from './phone.ts';
import { legalEntities, stores } from '../organisation/schema.ts';
import { customerErrors } from './errors.ts';
import { customers, customerAddressBooks } from './schema.ts';
import { nextNumber } from '../organisation/number-sequences.ts';
import { audit } from '../audit/service.ts';
import type { AuthContext } from '../auth/context.ts';
import { selectList } from '../../db/sql.ts';
import type { Customer, CustomerInput, CustomerPatch } from './customer-schema.ts';

export type { Customer, CustomerInput };

const c = alias(customers, 'c');

/** The reply shape of a customer (CustomerSchema) for the customer row `c`, keyed as the schema. */
const customerFields: { [K in keyof Customer]: SQL | Column } = {
  id: c.id, accountNumber: c.accountNumber, externalId: c.externalId, firstName: c.firstName, lastName: c.lastName, email: c.email, phone: c.phone,
  salutation: c.salutation, birthDate: sql`${c.birthDate}::text`, anniversaryDate: sql`${c.anniversaryDate}::text`, language: c.language, addressLine: c.addressLine,
  city: c.city, postalCode: c.postalCode, country: c.country, preferredChannel: c.preferredChannel, homeStoreId: c.homeStoreId, isVip: c.isVip,
  createdAt: sql`${c.createdAt}::text`, updatedAt: sql`${c.updatedAt}::text`, erasedAt: sql`${c.erasedAt}::text`, mergedIntoId: c.mergedIntoId,
};
export const customerColumns = selectList(customerFields);

/** Loads a customer of the caller's legal entity; anything else is "not found", never "forbidden", to leak nothing. */
export async function getCustomer(db: Db, legalEntityId: string, id: string): Promise<Customer> {
  const rows = await query<Customer>(db, sql`select ${customerColumns} from ${customers} as ${c} where ${c.id} = ${id} and ${c.legalEntityId} = ${legalEntityId}`);
  if (!rows[0]) throw customerErrors.customer_not_found('Customer was not found.');
  return rows[0];
}

export async function viewCustomer(db: Db, auth: AuthContext, id: string): Promise<Customer> {
  const customer = await getCustomer(db, auth.legalEntityId, id);
  await audit(db, auth, 'read', 'customer', id);
  return customer;
}

/**
 * The one way a customer record comes into being (the associate app, the public booking page): draws the account
 * number and, when the customer belongs to a store, puts them in that store's address book so store search finds
 * them. Runs inside the caller's transaction. Bulk imports use the set-based equivalent in bulk.ts.
 */
export async function insertCustomer(tx: Db, legalEntityId: string, input: CustomerInput & { homeStoreId?: string | null; externalId?: string | null }): Promise<string> {
  const accountNumber = await nextNumber(tx, legalEntityId, 'customer');
  const homeStoreId = input.homeStoreId ?? null;
  const [row] = await tx.insert(customers).values({ ...input, legalEntityId, accountNumber, homeStoreId }).returning({ id: customers.id });
  if (homeStoreId) {
    await tx.insert(customerAddressBooks)
      .select(tx.select({ customerId: sql`${row.id}::uuid`.as('customer_id'), addressBookId: stores.addressBookId }).from(stores).where(eq(stores.id, homeStoreId)))
      .onConflictDoNothing();
  }
  return row.id;
}

/** The country a national phone number is read in: the customer's, else the caller's store's (or legal entity's) time zone's. */
export async function phoneCountryFor(db: Db, auth: AuthContext, customerCountry: string | null | undefined): Promise<string | null> {
  const [tz] = await query<{ timeZone: string | null }>(db, sql`select coalesce(
    (select ${stores.timeZone} from ${stores} where ${stores.id} = ${auth.storeId} and ${stores.legalEntityId} = ${auth.legalEntityId}),
    (select ${legalEntities.timeZone} from ${legalEntities} where ${legalEntities.id} = ${auth.legalEntityId})) as "timeZone"`);
  return defaultPhoneCountry(customerCountry, tz?.timeZone);
}

/** The number in E.164, read in the customer's country or the store's; refused when it is not a valid number. */
async function e164Phone<T extends { phone?: string | null; country?: string | null }>(db: Db, auth: AuthContext, input: T): Promise<T> {
  if (!input.phone) return input;
  const res = normalisePhone(input.phone, await phoneCountryFor(db, auth, input.country));
  if (!res.ok) throw customerErrors.phone_invalid(`"${input.phone}" is not a valid phone number.`, { field: 'phone' });
  return { ...input, phone: res.e164 };
}

export async function createCustomer(db: Db, auth: AuthContext, rawInput: CustomerInput): Promise<Customer> {
  const input = await e164Phone(db, auth, rawInput);
  const id = await db.transaction(async (tx) => {
    const customerId = await insertCustomer(tx, auth.legalEntityId, { ...input, homeStoreId: auth.storeId });
    await audit(tx, auth, 'create', 'customer', customerId);
    return customerId;
  });
  return getCustomer(db, auth.legalEntityId, id);
}

export async function updateCustomer(db: Db, auth: AuthContext, id: string, rawPatch: CustomerPatch): Promise<Customer> {
  const current = await getCustomer(db, auth.legalEntityId, id);
  const checked = await e164Phone(db, auth, { ...rawPatch, country: rawPatch.country ?? current.country });
  const patch: CustomerPatch = 'phone' in rawPatch ? { ...rawPatch, phone: checked.phone } : rawPatch;
  if (current.erasedAt) throw customerErrors.customer_erased('This customer was erased on request; their personal data can no longer be edited.');
  if (Object.keys(patch).length) {
    await db.update(customers).set({ ...patch, updatedAt: sql`now()` })
      .where(and(eq(customers.id, id), eq(customers.legalEntityId, auth.legalEntityId)));
    await audit(db, auth, 'update', 'customer', id, { fields: Object.keys(patch) });
  }
  return getCustomer(db, auth.legalEntityId, id);
}
