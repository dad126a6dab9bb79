import { and, eq, sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';
import { normalisePhone, defaultPhoneCountry } from './phone.ts';
import { legalEntities, stores } from '../organisation/schema.ts';
import { customerErrors } from './errors.ts';
import { customers, customerAddressBooks } from './schema.ts';
import { nextNumber } from '../organisation/number-sequences.ts';
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

export const customerColumns = sql`c.id, c.account_number as "accountNumber", c.external_id as "externalId", c.first_name as "firstName",
  c.last_name as "lastName", c.email, c.phone, c.birth_date::text as "birthDate", c.anniversary_date::text as "anniversaryDate",
  c.language, c.address_line as "addressLine", c.city, c.postal_code as "postalCode", c.country,
  c.preferred_channel as "preferredChannel", c.home_store_id as "homeStoreId", c.is_vip as "isVip",
  c.created_at::text as "createdAt", c.updated_at::text as "updatedAt", c.erased_at::text as "erasedAt", c.merged_into_id as "mergedIntoId"`;

export type Customer = {
  id: string; accountNumber: string; externalId: string | null; firstName: string; lastName: string; email: string | null; phone: string | null;
  birthDate: string | null; anniversaryDate: string | null; language: string; addressLine: string | null; city: string | null;
  postalCode: string | null; country: string | null; preferredChannel: string | null; homeStoreId: string | null; isVip: boolean;
  createdAt: string; updatedAt: string; erasedAt: string | null; mergedIntoId: string | null;
};

/** Loads a customer of the caller's legal entity; anything else is "not found", never "forbidden", to leak nothing. */
export async function getCustomer(db: Db, legalEntityId: string, id: string): Promise<Customer> {
  const rows = await query<Customer>(db, sql`select ${customerColumns} from customers c where c.id = ${id} and c.legal_entity_id = ${legalEntityId}`);
  if (!rows[0]) throw customerErrors.customer_not_found('Customer was not found.');
  return rows[0];
}

export async function viewCustomer(db: Db, auth: AuthContext, id: string): Promise<Customer> {
  const c = await getCustomer(db, auth.legalEntityId, id);
  await audit(db, auth, 'read', 'customer', id);
  return c;
}

/** The number in E.164, read in the customer's country or the store's; refused when it is not a valid number. */
async function e164Phone<T extends { phone?: string | null; country?: string | null }>(db: Db, auth: AuthContext, input: T): Promise<T> {
  if (!input.phone) return input;
  const [tz] = await query<{ timeZone: string | null }>(db, sql`select coalesce(
    (select ${stores.timeZone} from ${stores} where ${stores.id} = ${auth.storeId} and ${stores.legalEntityId} = ${auth.legalEntityId}),
    (select ${legalEntities.timeZone} from ${legalEntities} where ${legalEntities.id} = ${auth.legalEntityId})) as "timeZone"`);
  const res = normalisePhone(input.phone, defaultPhoneCountry(input.country, tz?.timeZone));
  if (!res.ok) throw customerErrors.phone_invalid(`"${input.phone}" is not a valid phone number.`, { field: 'phone' });
  return { ...input, phone: res.e164 };
}

export async function createCustomer(db: Db, auth: AuthContext, rawInput: CustomerInput): Promise<Customer> {
  const input = await e164Phone(db, auth, rawInput);
  const id = await db.transaction(async (tx) => {
    const accountNumber = await nextNumber(tx as unknown as Db, auth.legalEntityId, 'customer');
    const homeStoreId = auth.storeId;
    const [row] = await tx.insert(customers).values({ ...input, legalEntityId: auth.legalEntityId, accountNumber, homeStoreId }).returning({ id: customers.id });
    if (homeStoreId) {
      // A customer created at a store joins that store's address book, so store customer search finds them.
      await tx.execute(sql`insert into customer_address_books (customer_id, address_book_id)
        select ${row.id}, address_book_id from stores where id = ${homeStoreId}`);
    }
    await audit(tx as unknown as Db, auth, 'create', 'customer', row.id);
    return row.id;
  });
  return getCustomer(db, auth.legalEntityId, id);
}

export async function updateCustomer(db: Db, auth: AuthContext, id: string, rawPatch: Partial<CustomerInput>): Promise<Customer> {
  const current = await getCustomer(db, auth.legalEntityId, id);
  const checked = await e164Phone(db, auth, { ...rawPatch, country: rawPatch.country ?? current.country });
  const patch: Partial<CustomerInput> = 'phone' in rawPatch ? { ...rawPatch, phone: checked.phone } : rawPatch;
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
  const scope = sql`c.legal_entity_id = ${auth.legalEntityId} and c.merged_into_id is null and c.erased_at is null
    ${scopeToStore ? sql`and exists (select 1 from customer_address_books cab join stores s on s.address_book_id = cab.address_book_id
          where cab.customer_id = c.id and s.id = ${auth.storeId})` : sql``}`;
  // Candidates first (substring matches, then trigram matches), each capped, so a common name doesn't make
  // the database score every customer; then the best-scoring candidates win.
  return query<Customer & { score: number }>(db, sql`
    with candidates as (
      (select c.id from customers c where ${scope} and c.search_text like ${like} limit 300)
      union
      (select c.id from customers c where ${scope} and ${q} <% c.search_text limit 300)
    )
    select ${customerColumns}, greatest(similarity(c.search_text, ${q}), word_similarity(${q}, c.search_text))::float as score
    from candidates k join customers c on c.id = k.id
    order by (c.search_text like ${like}) desc, score desc, c.last_name, c.first_name
    limit ${input.limit}`);
}
