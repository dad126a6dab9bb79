import { sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { query, type Db } from '../../db/client.ts';
import { customers } from '../customers/schema.ts';
import { privacyErrors } from './errors.ts';
import { audit } from '../audit/service.ts';
import type { AuthContext } from '../auth/context.ts';
import { getCustomer } from '../customers/service.ts';
import { markMerged } from '../customers/merge.ts';
import { tablesReferencingCustomers, uniqueKeysWith } from './customer-tables.ts';
import type { DuplicatePair, Merged } from './privacy-schemas.ts';

export type { DuplicatePair };

// The two records of a pair.
const a = alias(customers, 'a');
const b = alias(customers, 'b');

const person = (p: typeof a | typeof b) => sql`json_build_object('id', ${p.id}, 'accountNumber', ${p.accountNumber}, 'name', ${p.firstName} || ' ' || ${p.lastName},
  'email', ${p.email}, 'phone', ${p.phone}, 'birthDate', ${p.birthDate}, 'createdAt', to_json(${p.createdAt})#>>'{}')`;

/**
 * Likely duplicates: the same email, the same phone (digits only), or a similar name (trigram) with the same birth date.
 * Erased and already merged records are left out. With `customerId`, only pairs involving that customer.
 */
export async function findDuplicates(db: Db, auth: AuthContext, opts: { customerId?: string; limit: number }): Promise<DuplicatePair[]> {
  const le = auth.legalEntityId;
  if (opts.customerId) await getCustomer(db, le, opts.customerId);
  const only = opts.customerId ? sql`and (${a.id} = ${opts.customerId} or ${b.id} = ${opts.customerId})` : sql``;
  const live = sql`${a.legalEntityId} = ${le} and ${b.legalEntityId} = ${le} and ${a.mergedIntoId} is null and ${b.mergedIntoId} is null
    and ${a.erasedAt} is null and ${b.erasedAt} is null and ${a.id} < ${b.id}`;
  const both = sql`${customers} as ${a} join ${customers} as ${b}`;
  return query<DuplicatePair>(db, sql`
    with pairs as (
      select ${a.id} as "aId", ${b.id} as "bId", 'Same email' as reason from ${both} on lower(${a.email}) = lower(${b.email})
        where ${live} and ${a.email} is not null ${only}
      union all
      select ${a.id}, ${b.id}, 'Same phone' from ${both}
        on regexp_replace(${a.phone}, '[^0-9]', '', 'g') = regexp_replace(${b.phone}, '[^0-9]', '', 'g')
        where ${live} and ${a.phone} is not null and length(regexp_replace(${a.phone}, '[^0-9]', '', 'g')) >= 6 ${only}
      union all
      select ${a.id}, ${b.id}, 'Similar name and same birth date' from ${both} on ${a.birthDate} = ${b.birthDate}
        where ${live} and similarity(lower(${a.firstName} || ' ' || ${a.lastName}), lower(${b.firstName} || ' ' || ${b.lastName})) >= 0.5 ${only}
    )
    select ${person(a)} as a, ${person(b)} as b, array_agg(distinct p.reason order by p.reason) as reasons
    from pairs p join ${customers} as ${a} on ${a.id} = p."aId" join ${customers} as ${b} on ${b.id} = p."bId"
    group by ${a.id}, ${b.id} order by count(*) desc, ${a.lastName}, ${a.firstName} limit ${opts.limit}`);
}

/**
 * Merges a duplicate into the surviving record in one transaction: every row of every table that points at the duplicate
 * moves to the survivor (where the survivor already has the same unique row, e.g. the same wishlist item, the duplicate's
 * copy is dropped), blank contact fields are filled from the duplicate, and the duplicate is marked merged, never deleted.
 */
export async function mergeCustomers(db: Db, auth: AuthContext, survivorId: string, duplicateId: string): Promise<Merged> {
  if (survivorId === duplicateId) throw privacyErrors.merge_into_itself('A customer cannot be merged into itself.', { field: 'duplicateId' });
  const survivor = await getCustomer(db, auth.legalEntityId, survivorId);
  const duplicate = await getCustomer(db, auth.legalEntityId, duplicateId);
  if (survivor.mergedIntoId || duplicate.mergedIntoId) throw privacyErrors.already_merged('One of these customers was already merged into another record.');
  if (survivor.erasedAt || duplicate.erasedAt) throw privacyErrors.customer_erased('An erased customer cannot be merged.');
  const refs = await tablesReferencingCustomers(db);
  const keys = new Map<string, string[][]>();
  for (const r of refs) keys.set(`${r.table}.${r.column}`, await uniqueKeysWith(db, r.table, r.column));
  const moved: Record<string, number> = {};
  const dropped: Record<string, number> = {};
  await db.transaction(async (tx) => {
    const t: Db = tx;
    for (const { table, column } of refs) {
      const clash = keys.get(`${table}.${column}`)!.map((others) =>
        `and not exists (select 1 from ${table} s where s.${column} = '${survivorId}'${others.map((o) => ` and s.${o} is not distinct from ${table}.${o}`).join('')})`).join(' ');
      const m = await query(t, sql`update ${sql.raw(table)} set ${sql.raw(column)} = ${survivorId} where ${sql.raw(column)} = ${duplicateId} ${sql.raw(clash)} returning 1 as x`);
      const d = await query(t, sql`delete from ${sql.raw(table)} where ${sql.raw(column)} = ${duplicateId} returning 1 as x`);
      const name = table.replace(/"/g, '');
      if (m.length) moved[name] = m.length;
      if (d.length) dropped[name] = d.length;
    }
    await markMerged(t, auth.legalEntityId, survivorId, duplicateId);
    await audit(t, auth, 'merge', 'customer', survivorId, { duplicateId, duplicateAccount: duplicate.accountNumber, moved, dropped });
    await audit(t, auth, 'merge', 'customer', duplicateId, { mergedInto: survivorId });
  });
  return { survivorId, duplicateId, moved, dropped };
}
