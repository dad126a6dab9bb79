import { sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';
import { AppError } from '../../http/errors.ts';
import { audit } from '../audit/service.ts';
import type { AuthContext } from '../auth/context.ts';
import { getCustomer } from '../customers/service.ts';
import { tablesReferencingCustomers } from './customer-tables.ts';

const EXPORT_ROW_LIMIT = 50_000;

/** Everything held about a customer, as JSON: their record, every row in any table that points at them, and who accessed it. */
export async function exportCustomer(db: Db, auth: AuthContext, customerId: string) {
  await getCustomer(db, auth.legalEntityId, customerId);
  // to_jsonb keeps every column's type (bigint amounts stay numbers) the same on both drivers.
  const [{ row: customer }] = await query<{ row: unknown }>(db, sql`select to_jsonb(t) as row from customers t where id = ${customerId} and legal_entity_id = ${auth.legalEntityId}`);
  const data: Record<string, unknown[]> = {};
  for (const { table, column } of await tablesReferencingCustomers(db)) {
    const rows = await query<{ row: unknown }>(db, sql`select to_jsonb(t) as row from ${sql.raw(table)} t where ${sql.raw(column)} = ${customerId} limit ${EXPORT_ROW_LIMIT}`);
    const name = table.replace(/"/g, '');
    if (rows.length) data[name] = [...(data[name] ?? []), ...rows.map((r) => r.row)];
  }
  // Order and return lines hang off the orders and returns, not the customer.
  data.order_lines = (await query<{ row: unknown }>(db, sql`select to_jsonb(l) || jsonb_build_object('sku', p.sku, 'product_name', p.name) as row
    from order_lines l join orders o on o.id = l.order_id join products p on p.id = l.product_id
    where o.customer_id = ${customerId} and o.legal_entity_id = ${auth.legalEntityId} order by o.ordered_at, l.line_number`)).map((r) => r.row);
  data.return_lines = (await query<{ row: unknown }>(db, sql`select to_jsonb(rl) as row from return_lines rl join returns r on r.id = rl.return_id
    where r.customer_id = ${customerId} and r.legal_entity_id = ${auth.legalEntityId}`)).map((r) => r.row);
  const accessLog = await query(db, sql`select action, entity_type as "entityType", actor_label as "actor", to_json(at)#>>'{}' as at from audit_log
    where legal_entity_id = ${auth.legalEntityId} and entity_id = ${customerId} order by id limit ${EXPORT_ROW_LIMIT}`);
  await audit(db, auth, 'export', 'customer', customerId, { tables: Object.keys(data).filter((k) => data[k].length) });
  return { exportedAt: new Date().toISOString(), legalEntityId: auth.legalEntityId, customer, data, accessLog };
}

// Financial records stay (orders, returns, loyalty points): the law requires them; personal data and free text go.
const FINANCIAL_TABLES = new Set(['orders', 'order_lines', 'returns', 'return_lines', 'loyalty_ledger', 'loyalty_accounts', 'customer_consents', 'consent_history', 'audit_log']);
const PERSONAL_ONLY_TABLES = ['customer_preferences', 'wishlist_items', 'browsing_events', 'customer_address_books'];
const FREE_TEXT_COLUMNS = ['subject', 'body', 'text', 'note', 'notes', 'content', 'message', 'title', 'description', 'comment', 'comments', 'detail', 'details',
  'html', 'to_address', 'summary', 'outcome', 'answer', 'value'];

/** Anonymises a customer on request: contact details and free text are removed; orders, returns and amounts stay. */
export async function eraseCustomer(db: Db, auth: AuthContext, customerId: string, input: { reason: string }) {
  const c = await getCustomer(db, auth.legalEntityId, customerId);
  if (c.erasedAt) throw new AppError('conflict', 'This customer was already erased.');
  const refs = await tablesReferencingCustomers(db);
  const textCols = await query<{ table: string; column: string; dataType: string; nullable: boolean }>(db, sql`
    select quote_ident(table_name) as "table", quote_ident(column_name) as "column", data_type as "dataType", is_nullable = 'YES' as nullable
    from information_schema.columns where table_schema = 'public' and data_type in ('text', 'jsonb', 'character varying')
      and column_name = any(array(select jsonb_array_elements_text(${JSON.stringify(FREE_TEXT_COLUMNS)}::jsonb)))`);
  const cleared: Record<string, number> = {};
  await db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    await t.execute(sql`update customers set first_name = 'Erased', last_name = 'customer', email = null, phone = null, birth_date = null, anniversary_date = null,
      address_line = null, city = null, postal_code = null, preferred_channel = null, is_vip = false, erased_at = now(), updated_at = now()
      where id = ${customerId} and legal_entity_id = ${auth.legalEntityId}`);
    for (const table of PERSONAL_ONLY_TABLES) {
      const rows = await query(t, sql`delete from ${sql.raw(table)} where customer_id = ${customerId} returning 1 as x`);
      cleared[table] = rows.length;
    }
    // Withdraw every consent: nobody may contact an erased customer. The history stays as proof of what was given.
    await t.execute(sql`update customer_consents set granted = false, source = 'erasure', recorded_at = now() where customer_id = ${customerId}`);
    for (const { table, column } of refs) {
      const bare = table.replace(/"/g, '');
      if (FINANCIAL_TABLES.has(bare) || PERSONAL_ONLY_TABLES.includes(bare)) continue;
      const cols = textCols.filter((x) => x.table === table);
      if (!cols.length) continue;
      const set = cols.map((x) => (x.nullable ? `${x.column} = null` : x.dataType === 'jsonb' ? `${x.column} = '{}'::jsonb` : `${x.column} = '[erased]'`)).join(', ');
      const rows = await query(t, sql`update ${sql.raw(table)} set ${sql.raw(set)} where ${sql.raw(column)} = ${customerId} returning 1 as x`);
      if (rows.length) cleared[bare] = rows.length;
    }
    await audit(t, auth, 'erase', 'customer', customerId, { reason: input.reason, cleared });
  });
  return { erasedAt: (await getCustomer(db, auth.legalEntityId, customerId)).erasedAt!, cleared };
}
