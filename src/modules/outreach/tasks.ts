import { sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { query, type Db } from '../../db/client.ts';
import { addressBookMembers, associates, legalEntities, stores } from '../organisation/schema.ts';
import { customers } from '../customers/schema.ts';
import { outreachTasks } from './schema.ts';
import { columnName as col } from '../../db/sql.ts';
import { outreachErrors } from './errors.ts';
import type { AuthContext } from '../auth/context.ts';
import { autoSendPrompt } from './auto-send.ts';
import { runPrompts } from './prompts.ts';
import { localDate } from './settings.ts';
import type { TaskView } from './outreach-schemas.ts';

export type { TaskView };


const t = alias(outreachTasks, 't');
const c = alias(customers, 'c');
const a = alias(associates, 'a');
const taskColumns = sql`${t.id}, ${t.promptType} as "promptType", ${t.title}, ${t.detail}, ${t.dueOn}::text as "dueOn", ${t.status},
  ${t.customerId} as "customerId", ${c.firstName} || ' ' || ${c.lastName} as "customerName", ${c.isVip} as "isVip", ${c.preferredChannel} as "preferredChannel",
  ${t.associateId} as "associateId", ${a.displayName} as "associateName", ${t.storeId} as "storeId", ${t.data}->>'productId' as "productId", ${t.data}`;
/** Tasks with their customer and associate, as `t`, `c` and `a` for taskColumns. */
const tasksWithPeople = sql`${outreachTasks} as ${t} join ${customers} as ${c} on ${c.id} = ${t.customerId} left join ${associates} as ${a} on ${a.id} = ${t.associateId}`;

/** The stores whose address book the associate is in. */
function storesOf(associateId: string | null, legalEntityId?: string): SQL {
  const s = alias(stores, 's');
  const abm = alias(addressBookMembers, 'abm');
  return sql`(select ${s.id} from ${stores} as ${s} join ${addressBookMembers} as ${abm} on ${abm.addressBookId} = ${s.addressBookId}
    where ${abm.associateId} = ${associateId}${legalEntityId ? sql` and ${s.legalEntityId} = ${legalEntityId}` : sql``})`;
}

// Customers about to celebrate and carts just left come first: they are the most time-sensitive.
const priority = sql`case ${t.promptType} when 'save-the-sale' then 0 when 'birthday' then 1 when 'anniversary' then 2
  when 'thank-you' then 3 when 'care-instructions' then 4 when 'satisfaction-check' then 5 else 6 end`;

/**
 * Today's prompts: the associate's own open tasks, plus unassigned ones of their stores (customers in no client book).
 * With scope 'store' (managers), every open task of the signed-in store.
 */
export async function listTodayTasks(db: Db, auth: AuthContext, scope: 'mine' | 'store', now = new Date()): Promise<TaskView[]> {
  const [le] = await query<{ timeZone: string }>(db, sql`select ${legalEntities.timeZone} as "timeZone" from ${legalEntities} where ${legalEntities.id} = ${auth.legalEntityId}`);
  const today = localDate(now, le.timeZone);
  const myStores = storesOf(auth.associateId, auth.legalEntityId);
  const who = scope === 'store'
    ? sql`${t.storeId} = ${auth.storeId}`
    : sql`(${t.associateId} = ${auth.associateId} or (${t.associateId} is null and ${t.storeId} in ${myStores}))`;
  return query<TaskView>(db, sql`select ${taskColumns}
    from ${tasksWithPeople}
    where ${t.legalEntityId} = ${auth.legalEntityId} and ${t.status} = 'open' and ${t.dueOn} <= ${today}::date and ${who}
      and ${c.erasedAt} is null
    order by ${priority}, ${c.isVip} desc, ${t.dueOn}, ${c.lastName}, ${c.firstName}
    limit 500`);
}

/**
 * Whose task may I close: my own, an unassigned one of my stores, any of my stores' if I see store client books
 * (managers), any if I manage outreach (head office). A condition on outreach_tasks' own columns.
 */
export function tasksICanClose(auth: AuthContext): SQL {
  const myStores = storesOf(auth.associateId);
  const ot = outreachTasks;
  return auth.permissions.has('outreach.manage')
    ? sql`true`
    : auth.permissions.has('client-book.view-store')
      ? sql`(${ot.associateId} = ${auth.associateId} or ${ot.storeId} in ${myStores})`
      : sql`(${ot.associateId} = ${auth.associateId} or (${ot.associateId} is null and ${ot.storeId} in ${myStores}))`;
}

export async function setTaskStatus(db: Db, auth: AuthContext, id: string, status: 'done' | 'dismissed' | 'open'): Promise<TaskView> {
  // Anyone else's task is "not found", as if it weren't there.
  const allowed = tasksICanClose(auth);
  const ot = outreachTasks;
  const rows = await query<{ id: string }>(db, sql`update ${ot}
    set ${col(ot.status)} = ${status}, ${col(ot.completedAt)} = case when ${status} = 'open' then null else now() end
    where ${ot.id} = ${id} and ${ot.legalEntityId} = ${auth.legalEntityId} and ${allowed} returning ${ot.id}`);
  if (!rows[0]) throw outreachErrors.task_not_found('Task was not found.');
  const [task] = await query<TaskView>(db, sql`select ${taskColumns} from ${tasksWithPeople} where ${t.id} = ${id}`);
  return task;
}

export function runPromptsNow(db: Db, legalEntityId: string, now = new Date()) {
  return runPrompts(db, legalEntityId, now, (c, s) => autoSendPrompt(db, legalEntityId, c, s));
}
