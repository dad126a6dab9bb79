import { sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { query, type Db } from '../../db/client.ts';
import { byLegalEntityKey, textList, unnestColumns, unnestSelect, type UpsertResult } from '../../db/bulk.ts';
import { columnName, columnNames } from '../../db/sql.ts';
import { stores } from '../organisation/schema.ts';
import { reserveNumbers } from '../organisation/number-sequences.ts';
import { customerAddressBooks, customers, type Salutation } from './schema.ts';

// Creating and updating customers a batch at a time (imports): one statement for the batch, account numbers drawn as
// a block, and new customers put in their home store's address book, as insertCustomer does one at a time.

export interface CustomerUpsert {
  externalId: string; accountNumber: string | null; firstName: string; lastName: string; salutation: Salutation | null; email: string | null; phone: string | null; birthDate: string | null;
  anniversaryDate: string | null; language: string; addressLine: string | null; city: string | null; postalCode: string | null; country: string | null;
  preferredChannel: string | null; homeStoreId: string | null; isVip: boolean;
}

const VALUES = [customers.firstName, customers.lastName, customers.salutation, customers.email, customers.phone, customers.birthDate, customers.anniversaryDate, customers.language,
  customers.addressLine, customers.city, customers.postalCode, customers.country, customers.preferredChannel, customers.homeStoreId, customers.isVip];
const COLUMNS = [customers.legalEntityId, customers.externalId, customers.accountNumber, ...VALUES];
/** Account number of an existing customer whose row gives none: the stored one stays. */
const PENDING = 'pending-';

/**
 * Upserts a legal entity's customers by external ID (keys returned are external IDs). A new customer without an
 * account number gets the next from the 'customer' sequence; an existing one keeps theirs unless the row gives one.
 * An erased customer stays anonymous even if the source system still sends their record. Only rows that change are
 * written, so a re-run writes nothing.
 */
export async function upsertCustomers(db: Db, legalEntityId: string, rows: CustomerUpsert[]): Promise<UpsertResult[]> {
  if (!rows.length) return [];
  const existing = new Set((await query<{ externalId: string }>(db, byLegalEntityKey(customers, 'externalId', legalEntityId,
    rows.map((r) => r.externalId), (t) => sql`${t.externalId} as "externalId"`))).map((r) => r.externalId));
  const needNumbers = rows.filter((r) => !existing.has(r.externalId) && !r.accountNumber).length;
  const numbers = needNumbers ? await reserveNumbers(db, legalEntityId, 'customer', needNumbers) : [];
  const values: unknown[][] = [
    rows.map(() => legalEntityId), rows.map((r) => r.externalId),
    rows.map((r) => r.accountNumber ?? (existing.has(r.externalId) ? `${PENDING}${r.externalId}` : numbers.shift())),
    rows.map((r) => r.firstName), rows.map((r) => r.lastName), rows.map((r) => r.salutation), rows.map((r) => r.email), rows.map((r) => r.phone), rows.map((r) => r.birthDate),
    rows.map((r) => r.anniversaryDate), rows.map((r) => r.language), rows.map((r) => r.addressLine), rows.map((r) => r.city), rows.map((r) => r.postalCode),
    rows.map((r) => r.country), rows.map((r) => r.preferredChannel), rows.map((r) => r.homeStoreId), rows.map((r) => r.isVip),
  ];
  const account = sql`case when excluded.${columnName(customers.accountNumber)} like ${PENDING + '%'} then ${customers.accountNumber} else excluded.${columnName(customers.accountNumber)} end`;
  const res = await query<UpsertResult>(db, sql`insert into ${customers} (${columnNames(...COLUMNS)})
      select ${unnestSelect(COLUMNS)} from ${unnestColumns(COLUMNS, values)}
      on conflict (${columnNames(customers.legalEntityId, customers.externalId)}) do update set
        ${columnName(customers.accountNumber)} = ${account},
        ${sql.join(VALUES.map((c) => sql`${columnName(c)} = excluded.${columnName(c)}`), sql`, `)}, ${columnName(customers.updatedAt)} = now()
      where ${customers.erasedAt} is null and (
        (${account}, ${sql.join(VALUES, sql`, `)})
        is distinct from (${customers.accountNumber}, ${sql.join(VALUES.map((c) => sql`excluded.${columnName(c)}`), sql`, `)}))
      returning ${customers.externalId} as key, (xmax = 0) as inserted`);
  // A customer with a home store joins that store's address book, so store customer search finds them.
  const c = alias(customers, 'c');
  const s = alias(stores, 's');
  await db.execute(sql`insert into ${customerAddressBooks} (${columnNames(customerAddressBooks.customerId, customerAddressBooks.addressBookId)})
      select ${c.id}, ${s.addressBookId} from ${customers} as ${c} join ${stores} as ${s} on ${s.id} = ${c.homeStoreId}
      where ${c.legalEntityId} = ${legalEntityId} and ${c.externalId} in ${textList(res.map((r) => r.key))}
      on conflict do nothing`);
  return res;
}

/** A customer row as given whole (demo data): account number and every field chosen by the caller. */
export type CustomerRow = typeof customers.$inferInsert;

/**
 * Inserts prepared customer rows as they are (demo data, which picks its own account numbers and back-dates them),
 * 500 a statement; answers their IDs in the rows' order. Address books are the caller's: see addToAddressBooks.
 */
export async function insertCustomerRows(db: Db, rows: CustomerRow[]): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    const inserted = await db.insert(customers).values(rows.slice(i, i + 500)).returning({ id: customers.id });
    ids.push(...inserted.map((r) => r.id));
  }
  return ids;
}

/** Puts customers in address books (a store's customers), 1,000 a statement. */
export async function addToAddressBooks(db: Db, rows: { customerId: string; addressBookId: string }[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) await db.insert(customerAddressBooks).values(rows.slice(i, i + 1000));
}
