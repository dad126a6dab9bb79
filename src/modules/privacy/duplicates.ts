import { sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';
import { privacyErrors } from './errors.ts';
import { audit } from '../audit/service.ts';
import type { AuthContext } from '../auth/context.ts';
import { getCustomer } from '../customers/service.ts';
import { tablesReferencingCustomers, uniqueKeysWith } from './customer-tables.ts';

export interface DuplicatePair {
  a: { id: string; accountNumber: string; name: string; email: string | null; phone: string | null; birthDate: string | null; createdAt: string };
  b: { id: string; accountNumber: string; name: string; email: string | null; phone: string | null; birthDate: string | null; createdAt: string };
  reasons: string[];
}

const person = (p: string) => sql.raw(`json_build_object('id', ${p}.id, 'accountNumber', ${p}.account_number, 'name', ${p}.first_name || ' ' || ${p}.last_name,
  'email', ${p}.email, 'phone', ${p}.phone, 'birthDate', ${p}.birth_date, 'createdAt', to_json(${p}.created_at)#>>'{}')`);

/**
 * Likely duplicates: the same email, the same phone (digits only), or a similar name (trigram) with the same birth date.
 * Erased and already merged records are left out. With `customerId`, only pairs involving that customer.
 */
export async function findDuplicates(db: Db, auth: AuthContext, opts: { customerId?: string; limit: number }): Promise<DuplicatePair[]> {
  const le = auth.legalEntityId;
  if (opts.customerId) await getCustomer(db, le, opts.customerId);
  const only = opts.customerId ? sql`and (a.id = ${opts.customerId} or b.id = ${opts.customerId})` : sql``;
  const live = sql`a.legal_entity_id = ${le} and b.legal_entity_id = ${le} and a.merged_into_id is null and b.merged_into_id is null
    and a.erased_at is null and b.erased_at is null and a.id < b.id`;
  return query<DuplicatePair>(db, sql`
    with pairs as (
      select a.id as a_id, b.id as b_id, 'Same email' as reason from customers a join customers b on lower(a.email) = lower(b.email)
        where ${live} and a.email is not null ${only}
      union all
      select a.id, b.id, 'Same phone' from customers a join customers b
        on regexp_replace(a.phone, '[^0-9]', '', 'g') = regexp_replace(b.phone, '[^0-9]', '', 'g')
        where ${live} and a.phone is not null and length(regexp_replace(a.phone, '[^0-9]', '', 'g')) >= 6 ${only}
      union all
      select a.id, b.id, 'Similar name and same birth date' from customers a join customers b on a.birth_date = b.birth_date
        where ${live} and similarity(lower(a.first_name || ' ' || a.last_name), lower(b.first_name || ' ' || b.last_name)) >= 0.5 ${only}
    )
    select ${person('a')} as a, ${person('b')} as b, array_agg(distinct p.reason order by p.reason) as reasons
    from pairs p join customers a on a.id = p.a_id join customers b on b.id = p.b_id
    group by a.id, b.id order by count(*) desc, a.last_name, a.first_name limit ${opts.limit}`);
}

/**
 * Merges a duplicate into the surviving record in one transaction: every row of every table that points at the duplicate
 * moves to the survivor (where the survivor already has the same unique row, e.g. the same wishlist item, the duplicate's
 * copy is dropped), blank contact fields are filled from the duplicate, and the duplicate is marked merged, never deleted.
 */
export async function mergeCustomers(db: Db, auth: AuthContext, survivorId: string, duplicateId: string) {
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
    await t.execute(sql`update customers s set email = coalesce(s.email, d.email), phone = coalesce(s.phone, d.phone), birth_date = coalesce(s.birth_date, d.birth_date),
        anniversary_date = coalesce(s.anniversary_date, d.anniversary_date), address_line = coalesce(s.address_line, d.address_line), city = coalesce(s.city, d.city),
        postal_code = coalesce(s.postal_code, d.postal_code), country = coalesce(s.country, d.country), is_vip = s.is_vip or d.is_vip, updated_at = now()
      from customers d where s.id = ${survivorId} and d.id = ${duplicateId}`);
    await t.execute(sql`update customers set merged_into_id = ${survivorId}, updated_at = now() where id = ${duplicateId} and legal_entity_id = ${auth.legalEntityId}`);
    await t.execute(sql`update customers set merged_into_id = ${survivorId} where merged_into_id = ${duplicateId} and legal_entity_id = ${auth.legalEntityId}`);
    await audit(t, auth, 'merge', 'customer', survivorId, { duplicateId, duplicateAccount: duplicate.accountNumber, moved, dropped });
    await audit(t, auth, 'merge', 'customer', duplicateId, { mergedInto: survivorId });
  });
  return { survivorId, duplicateId, moved, dropped };
}
