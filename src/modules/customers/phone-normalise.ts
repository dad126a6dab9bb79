import { sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { query, type Db } from '../../db/client.ts';
import { columnName as col } from '../../db/sql.ts';
import { legalEntities, stores } from '../organisation/schema.ts';
import { customers } from './schema.ts';
import { defaultPhoneCountry, normalisePhone } from './phone.ts';

export interface PhoneNormalisation { normalised: number; kept: { customerId: string; accountNumber: string }[] }

/**
 * Puts stored phone numbers typed before E.164 validation into E.164 (read in the customer's country, else their home
 * store's or legal entity's), so inbound messages match exactly. A number that does not parse is kept as it was and
 * reported, for someone to correct on the customer card. Idempotent: numbers already in E.164 are not read again.
 */
export async function normaliseStoredPhones(db: Db, opts: { legalEntityId?: string; batch?: number } = {}): Promise<PhoneNormalisation> {
  const batch = opts.batch ?? 1000;
  const c = alias(customers, 'c');
  const s = alias(stores, 's');
  const le = alias(legalEntities, 'le');
  const rows = await query<{ id: string; accountNumber: string; phone: string; country: string | null; timeZone: string | null }>(db, sql`
    select ${c.id}, ${c.accountNumber} as "accountNumber", ${c.phone}, ${c.country}, coalesce(${s.timeZone}, ${le.timeZone}) as "timeZone"
    from ${customers} as ${c} join ${legalEntities} as ${le} on ${le.id} = ${c.legalEntityId} left join ${stores} as ${s} on ${s.id} = ${c.homeStoreId}
    where ${c.phone} is not null and ${c.phone} !~ '^\\+[1-9][0-9]{6,14}$' and ${c.erasedAt} is null
      ${opts.legalEntityId ? sql`and ${c.legalEntityId} = ${opts.legalEntityId}` : sql``}`);
  const kept: PhoneNormalisation['kept'] = [];
  const fixes: { id: string; phone: string }[] = [];
  for (const r of rows) {
    const res = normalisePhone(r.phone, defaultPhoneCountry(r.country, r.timeZone));
    if (res.ok) fixes.push({ id: r.id, phone: res.e164 });
    else kept.push({ customerId: r.id, accountNumber: r.accountNumber });
  }
  for (let i = 0; i < fixes.length; i += batch) {
    await db.execute(sql`update ${customers} set ${col(customers.phone)} = x.phone, ${col(customers.updatedAt)} = now()
      from jsonb_to_recordset(${JSON.stringify(fixes.slice(i, i + batch))}::jsonb) as x(id uuid, phone text) where ${customers.id} = x.id`);
  }
  return { normalised: fixes.length, kept };
}
