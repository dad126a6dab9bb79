import { sql, type SQL } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';
import { outreachErrors } from './errors.ts';
import type { AuthContext } from '../auth/context.ts';
import { autoSendPrompt } from './auto-send.ts';
import { runPrompts } from './prompts.ts';
import { localDate } from './settings.ts';

export interface TaskView {
  id: string; promptType: string; title: string; detail: string | null; dueOn: string; status: string;
  customerId: string; customerName: string; isVip: boolean; preferredChannel: string | null;
  associateId: string | null; associateName: string | null; storeId: string | null; productId: string | null; data: Record<string, unknown>;
}

const taskColumns = sql`t.id, t.prompt_type as "promptType", t.title, t.detail, t.due_on::text as "dueOn", t.status,
  t.customer_id as "customerId", c.first_name || ' ' || c.last_name as "customerName", c.is_vip as "isVip", c.preferred_channel as "preferredChannel",
  t.associate_id as "associateId", a.display_name as "associateName", t.store_id as "storeId", t.data->>'productId' as "productId", t.data`;

// Customers about to celebrate and carts just left come first: they are the most time-sensitive.
const priority = sql`case t.prompt_type when 'save-the-sale' then 0 when 'birthday' then 1 when 'anniversary' then 2
  when 'thank-you' then 3 when 'care-instructions' then 4 when 'satisfaction-check' then 5 else 6 end`;

/**
 * Today's prompts: the associate's own open tasks, plus unassigned ones of their stores (customers in no client book).
 * With scope 'store' (managers), every open task of the signed-in store.
 */
export async function listTodayTasks(db: Db, auth: AuthContext, scope: 'mine' | 'store', now = new Date()): Promise<TaskView[]> {
  const [le] = await query<{ timeZone: string }>(db, sql`select time_zone as "timeZone" from legal_entities where id = ${auth.legalEntityId}`);
  const today = localDate(now, le.timeZone);
  const myStores = sql`(select s.id from stores s join address_book_members abm on abm.address_book_id = s.address_book_id
    where abm.associate_id = ${auth.associateId} and s.legal_entity_id = ${auth.legalEntityId})`;
  const who = scope === 'store'
    ? sql`t.store_id = ${auth.storeId}`
    : sql`(t.associate_id = ${auth.associateId} or (t.associate_id is null and t.store_id in ${myStores}))`;
  return query<TaskView>(db, sql`select ${taskColumns}
    from outreach_tasks t join customers c on c.id = t.customer_id left join associates a on a.id = t.associate_id
    where t.legal_entity_id = ${auth.legalEntityId} and t.status = 'open' and t.due_on <= ${today}::date and ${who}
      and c.erased_at is null
    order by ${priority}, c.is_vip desc, t.due_on, c.last_name, c.first_name
    limit 500`);
}

/**
 * Whose task may I close: my own, an unassigned one of my stores, any of my stores' if I see store client books
 * (managers), any if I manage outreach (head office). A condition on outreach_tasks' own columns.
 */
export function tasksICanClose(auth: AuthContext): SQL {
  const myStores = sql`(select s.id from stores s join address_book_members abm on abm.address_book_id = s.address_book_id
    where abm.associate_id = ${auth.associateId})`;
  return auth.permissions.has('outreach.manage')
    ? sql`true`
    : auth.permissions.has('client-book.view-store')
      ? sql`(associate_id = ${auth.associateId} or store_id in ${myStores})`
      : sql`(associate_id = ${auth.associateId} or (associate_id is null and store_id in ${myStores}))`;
}

export async function setTaskStatus(db: Db, auth: AuthContext, id: string, status: 'done' | 'dismissed' | 'open'): Promise<TaskView> {
  // Anyone else's task is "not found", as if it weren't there.
  const allowed = tasksICanClose(auth);
  const rows = await query<{ id: string }>(db, sql`update outreach_tasks
    set status = ${status}, completed_at = case when ${status} = 'open' then null else now() end
    where id = ${id} and legal_entity_id = ${auth.legalEntityId} and ${allowed} returning id`);
  if (!rows[0]) throw outreachErrors.task_not_found('Task was not found.');
  const [task] = await query<TaskView>(db, sql`select ${taskColumns}
    from outreach_tasks t join customers c on c.id = t.customer_id left join associates a on a.id = t.associate_id where t.id = ${id}`);
  return task;
}

export function runPromptsNow(db: Db, legalEntityId: string, now = new Date()) {
  return runPrompts(db, legalEntityId, now, (c, s) => autoSendPrompt(db, legalEntityId, c, s));
}
