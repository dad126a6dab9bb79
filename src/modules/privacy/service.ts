import { getTableName, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { query, type Db } from '../../db/client.ts';
import type { PersonalData } from '../../db/personal-data.ts';
import { privacyErrors } from './errors.ts';
import { audit } from '../audit/service.ts';
import type { AuthContext } from '../auth/context.ts';
import { getCustomer } from '../customers/service.ts';
import { customers } from '../customers/schema.ts';
import { PERSONAL_DATA } from './declarations.ts';

const EXPORT_ROW_LIMIT = 50_000;

/** The rows of a declared table that belong to the customer: by its own column, or through its parent's rows. */
function ownedBy(d: PersonalData, customerId: string): SQL {
  const o = d.owner;
  return 'parent' in o ? sql`${o.column} in (select ${o.parentKey} from ${o.parent.table} where ${ownedBy(o.parent, customerId)})` : sql`${o.column} = ${customerId}`;
}

/** Everything held about a customer, as JSON: their record, the rows of every table declared as personal data, and who accessed it. */
export async function exportCustomer(db: Db, auth: AuthContext, customerId: string) {
  await getCustomer(db, auth.legalEntityId, customerId);
  // to_jsonb keeps every column's type (bigint amounts stay numbers) the same on both drivers.
  const [{ row: customer }] = await query<{ row: unknown }>(db, sql`select to_jsonb(t) as row from customers t where id = ${customerId} and legal_entity_id = ${auth.legalEntityId}`);
  const data: Record<string, unknown[]> = {};
  for (const d of PERSONAL_DATA) {
    if (d.table === customers) continue;
    const rows = await query<{ row: unknown }>(db, sql`select to_jsonb(${d.table}) as row from ${d.table} where ${ownedBy(d, customerId)} limit ${EXPORT_ROW_LIMIT}`);
    data[getTableName(d.table)] = rows.map((r) => r.row);
  }
  // Order lines name their product, so the customer can read what they bought.
  data.order_lines = (await query<{ row: unknown }>(db, sql`select to_jsonb(l) || jsonb_build_object('sku', p.sku, 'product_name', p.name) as row
    from order_lines l join orders o on o.id = l.order_id join products p on p.id = l.product_id
    where o.customer_id = ${customerId} and o.legal_entity_id = ${auth.legalEntityId} order by o.ordered_at, l.line_number`)).map((r) => r.row);
  const accessLog = await query(db, sql`select action, entity_type as "entityType", actor_label as "actor", to_json(at)#>>'{}' as at from audit_log
    where legal_entity_id = ${auth.legalEntityId} and entity_id = ${customerId} order by id limit ${EXPORT_ROW_LIMIT}`);
  await audit(db, auth, 'export', 'customer', customerId, { tables: Object.keys(data).filter((k) => data[k].length) });
  return { exportedAt: new Date().toISOString(), legalEntityId: auth.legalEntityId, customer, data, accessLog };
}

/**
 * Anonymises a customer on request, in one transaction, as each table's personalData declaration says: rows of
 * personal-only tables are deleted, personal columns blanked or replaced; orders, returns and amounts stay.
 * Every consent is withdrawn (nobody may contact an erased customer); the history stays as proof of what was given.
 */
export async function eraseCustomer(db: Db, auth: AuthContext, customerId: string, input: { reason: string }) {
  const c = await getCustomer(db, auth.legalEntityId, customerId);
  if (c.erasedAt) throw privacyErrors.already_erased('This customer was already erased.');
  const cleared: Record<string, number> = {};
  await db.transaction(async (tx) => {
    const t: Db = tx;
    // Tables reached through a parent first, so the parent's rows still identify them.
    for (const d of [...PERSONAL_DATA].reverse()) {
      const name = getTableName(d.table);
      let rows: unknown[];
      if (d.onErase === 'delete') {
        rows = await t.delete(d.table).where(ownedBy(d, customerId)).returning({ x: sql`1` });
      } else {
        const set: Record<string, unknown> = {};
        for (const [col, action] of Object.entries(d.columns)) {
          if (action === 'blank') set[col] = null;
          else if ('replace' in action) set[col] = action.replace;
        }
        if (!Object.keys(set).length) continue;
        rows = await t.update(d.table as PgTable).set(set).where(ownedBy(d, customerId)).returning({ x: sql`1` });
      }
      if (rows.length && d.table !== customers) cleared[name] = rows.length;
    }
    await audit(t, auth, 'erase', 'customer', customerId, { reason: input.reason, cleared });
  });
  return { erasedAt: (await getCustomer(db, auth.legalEntityId, customerId)).erasedAt!, cleared };
}
