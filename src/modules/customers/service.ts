import { and, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { query, type Db } from '../../db/client.ts';
import { customerErrors } from './errors.ts';
import { customers, customerAddressBooks } from './schema.ts';
import { nextNumber } from '../organisation/number-sequences.ts';
import { stores } from '../organisation/schema.ts';
import { audit } from '../audit/service.ts';
import type { AuthContext } from '../auth/context.ts';

export interface CustomerInput {
  firstName: string;
  lastName: string;
  email?: string | null;
  phone?: string | null;
  birthDate?: string | null;
  anniversaryDate?: string | null;
  language?: string;
  addressLine?: string | null;
  city?: string | null;
  postalCode?: string | null;
  country?: string | null;
  preferredChannel?: string | null;
  isVip?: boolean;
  externalId?: string | null;
}

const c = alias(customers, 'c');

/** The reply shape of a customer (Customer in customer-schema.ts) for the customer row `c`. */
export const customerColumns = sql`${c.id}, ${c.accountNumber} as "accountNumber", ${c.externalId} as "externalId", ${c.firstName} as "firstName",
  ${c.lastName} as "lastName", ${c.email} as "email", ${c.phone} as "phone", ${c.birthDate}::text as "birthDate", ${c.anniversaryDate}::text as "anniversaryDate",
  ${c.language} as "language", ${c.addressLine} as "addressLine", ${c.city} as "city", ${c.postalCode} as "postalCode", ${c.country} as "country",
  ${c.preferredChannel} as "preferredChannel", ${c.homeStoreId} as "homeStoreId", ${c.isVip} as "isVip",
  ${c.createdAt}::text as "createdAt", ${c.updatedAt}::text as "updatedAt", ${c.erasedAt}::text as "erasedAt", ${c.mergedIntoId} as "mergedIntoId"`;

export type Customer = {
  id: string; accountNumber: string; externalId: string | null; firstName: string; lastName: string; email: string | null; phone: string | null;
  birthDate: string | null; anniversaryDate: string | null; language: string; addressLine: string | null; city: string | null;
  postalCode: string | null; country: string | null; preferredChannel: string | null; homeStoreId: string | null; isVip: boolean;
  createdAt: string; updatedAt: string; erasedAt: string | null; mergedIntoId: string | null;
};

/** Loads a customer of the caller's legal entity; anything else is "not found", never "forbidden", to leak nothing. */
export async function getCustomer(db: Db, legalEntityId: string, id: string): Promise<Customer> {
  const rows = await query<Customer>(db, sql`select ${customerColumns} from ${customers} as ${c} where ${c.id} = ${id} and ${c.legalEntityId} = ${legalEntityId}`);
  if (!rows[0]) throw customerErrors.customer_not_found('Customer was not found.');
  return rows[0];
}

export async function viewCustomer(db: Db, auth: AuthContext, id: string): Promise<Customer> {
  const c = await getCustomer(db, auth.legalEntityId, id);
  await audit(db, auth, 'read', 'customer', id);
  return c;
}

/**
 * The one way a customer record comes into being (the associate app, the public booking page): draws the account
 * number and, when the customer belongs to a store, puts them in that store's address book so store search finds
 * them. Runs inside the caller's transaction. Bulk imports use the set-based equivalent in bulk.ts.
 */
export async function insertCustomer(tx: Db, legalEntityId: string, input: CustomerInput & { homeStoreId?: string | null }): Promise<string> {
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

export async function createCustomer(db: Db, auth: AuthContext, input: CustomerInput): Promise<Customer> {
  const id = await db.transaction(async (tx) => {
    const customerId = await insertCustomer(tx, auth.legalEntityId, { ...input, homeStoreId: auth.storeId });
    await audit(tx, auth, 'create', 'customer', customerId);
    return customerId;
  });
  return getCustomer(db, auth.legalEntityId, id);
}

export async function updateCustomer(db: Db, auth: AuthContext, id: string, patch: Partial<CustomerInput>): Promise<Customer> {
  const current = await getCustomer(db, auth.legalEntityId, id);
  if (current.erasedAt) throw customerErrors.customer_erased('This customer was erased on request; their personal data can no longer be edited.');
  if (Object.keys(patch).length) {
    await db.update(customers).set({ ...patch, updatedAt: sql`now()` })
      .where(and(eq(customers.id, id), eq(customers.legalEntityId, auth.legalEntityId)));
    await audit(db, auth, 'update', 'customer', id, { fields: Object.keys(patch) });
  }
  return getCustomer(db, auth.legalEntityId, id);
}

export interface SearchInput { q: string; limit: number; allStores?: boolean }

/**
 * Customer search: typo-tolerant on name, email and phone (pg_trgm), limited to the address books of
 * the current store unless the caller asks for the whole legal entity.
 */
export async function searchCustomers(db: Db, auth: AuthContext, input: SearchInput) {
  const q = input.q.trim().toLowerCase();
  const scopeToStore = !input.allStores && auth.storeId;
  const like = '%' + q.replace(/[%_\\]/g, (m) => '\\' + m) + '%';
  const scope = sql`${c.legalEntityId} = ${auth.legalEntityId} and ${c.mergedIntoId} is null and ${c.erasedAt} is null
    ${scopeToStore ? sql`and exists (select 1 from ${customerAddressBooks} join ${stores} on ${stores.addressBookId} = ${customerAddressBooks.addressBookId}
          where ${customerAddressBooks.customerId} = ${c.id} and ${stores.id} = ${auth.storeId})` : sql``}`;
  // Candidates first (substring matches, then trigram matches), each capped, so a common name doesn't make
  // the database score every customer; then the best-scoring candidates win.
  return query<Customer & { score: number }>(db, sql`
    with candidates as (
      (select ${c.id} from ${customers} as ${c} where ${scope} and ${c.searchText} like ${like} limit 300)
      union
      (select ${c.id} from ${customers} as ${c} where ${scope} and ${q} <% ${c.searchText} limit 300)
    )
    select ${customerColumns}, greatest(similarity(${c.searchText}, ${q}), word_similarity(${q}, ${c.searchText}))::float as score
    from candidates k join ${customers} as ${c} on ${c.id} = k.id
    order by (${c.searchText} like ${like}) desc, score desc, ${c.lastName}, ${c.firstName}
    limit ${input.limit}`);
}
