import { getTableName, sql, type SQL } from 'drizzle-orm';
import { alias, type PgTable } from 'drizzle-orm/pg-core';
import { query, type Db } from '../../db/client.ts';
import type { PersonalData } from '../../db/personal-data.ts';
import { privacyErrors } from './errors.ts';
import { audit, auditTrailOf } from '../audit/service.ts';
import type { AuthContext } from '../auth/context.ts';
import { getCustomer } from '../customers/service.ts';
import { customers } from '../customers/schema.ts';
import { orderLinesForExport } from '../orders/queries.ts';
import { PERSONAL_DATA } from './declarations.ts';
import type { CustomerExport, EraseInput, Erased } from './privacy-schemas.ts';

const EXPORT_ROW_LIMIT = 50_000;

const ct = alias(customers, 't');

/** The rows of a declared table that belong to the customer: by its own column, or through its parent's rows. */
function ownedBy(d: PersonalData, customerId: string): SQL {
  const o = d.owner;
  return 'parent' in o ? sql`${o.column} in (select ${o.parentKey} from ${o.parent.table} where ${ownedBy(o.parent, customerId)})` : sql`${o.column} = ${customerId}`;
}

/** Everything held about a customer, as JSON: their record, the rows of every table declared as personal data, and who accessed it. */
export async function exportCustomer(db: Db, auth: AuthContext, customerId: string): Promise<CustomerExport> {
  await getCustomer(db, auth.legalEntityId, customerId);
  // to_jsonb keeps every column's type (bigint amounts stay numbers) the same on both drivers.
  const [{ row: customer }] = await query<{ row: unknown }>(db, sql`select to_jsonb(${ct}) as row from ${customers} as ${ct} where ${ct.id} = ${customerId} and ${ct.legalEntityId} = ${auth.legalEntityId}`);
  const data: Record<string, unknown[]> = {};
  for (const d of PERSONAL_DATA) {
    if (d.table === customers) continue;
    const rows = await query<{ row: unknown }>(db, sql`select to_jsonb(${d.table}) as row from ${d.table} where ${ownedBy(d, customerId)} limit ${EXPORT_ROW_LIMIT}`);
    data[getTableName(d.table)] = rows.map((r) => r.row);
  }
  // Order lines name their product, so the customer can read what they bought.
  data.order_lines = await orderLinesForExport(db, auth.legalEntityId, customerId);
  const accessLog = await auditTrailOf(db, auth.legalEntityId, customerId, EXPORT_ROW_LIMIT);
  await audit(db, auth, 'export', 'customer', customerId, { tables: Object.keys(data).filter((k) => data[k].length) });
  return { exportedAt: new Date().toISOString(), legalEntityId: auth.legalEntityId, customer, data, accessLog };
}

/**
 * Anonymises a customer on request, in one transaction, as each table's personalData declaration says: rows of
 * personal-only tables are deleted, personal columns blanked or replaced; orders, returns and amounts stay.
 * Every consent is withdrawn (nobody may contact an erased customer); the history stays as proof of what was given.
 */
export async function eraseCustomer(db: Db, auth: AuthContext, customerId: string, input: EraseInput): Promise<Erased> {
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
