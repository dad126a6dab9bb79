import { sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { query, type Db } from '../../db/client.ts';
import { addressBookMembers, associates, legalEntities, stores } from '../organisation/schema.ts';
import { customers } from '../customers/schema.ts';
import { conversations, outreachTasks } from './schema.ts';
import { customersWithAppointmentOn } from '../appointments/customer-appointments.ts';
import { columnName as col } from '../../db/sql.ts';
import { outreachErrors } from './errors.ts';
import type { AuthContext } from '../auth/context.ts';
import { autoSendPrompt } from './auto-send.ts';
import { runPrompts } from './prompts.ts';
import { localDate } from './settings.ts';
import type { TaskView } from './outreach-schemas.ts';
import { withTaskTexts } from './task-texts.ts';

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

// What matters first: a customer who comes in today, then one who wrote and waits for an answer, then carts just
// left, then birthdays and anniversaries, then the rest (thank-yous, care, satisfaction, new arrivals).
const kindRank = sql`case ${t.promptType} when 'save-the-sale' then 0 when 'birthday' then 1 when 'anniversary' then 1
  when 'thank-you' then 2 when 'care-instructions' then 3 when 'satisfaction-check' then 4 else 5 end`;

export type TaskWhose = 'mine' | 'unassigned' | 'all';
export interface InboxQuery { scope: 'mine' | 'store'; whose: TaskWhose; kind?: string; limit: number; offset: number }
export interface InboxItem extends TaskView { appointmentToday: boolean; replyWaiting: boolean }
export interface Inbox {
  items: InboxItem[]; total: number;
  whose: Record<TaskWhose, number>;
  kinds: { promptType: string; count: number }[];
}

/**
 * Today's prompts, a page at a time: by default the associate's own customers (whose 'mine'); 'unassigned' are
 * customers in no client book at the associate's stores, 'all' both. With scope 'store' (managers), every open task
 * of the signed-in store, whose then tells mine, nobody's or everyone's. Ranked by what matters (kindRank above).
 */
export async function listTodayTasks(db: Db, auth: AuthContext, q: InboxQuery, now = new Date()): Promise<Inbox> {
  const [le] = await query<{ timeZone: string }>(db, sql`select ${legalEntities.timeZone} as "timeZone" from ${legalEntities} where ${legalEntities.id} = ${auth.legalEntityId}`);
  const today = localDate(now, le.timeZone);
  const myStores = storesOf(auth.associateId, auth.legalEntityId);
  const scopeCond = q.scope === 'store'
    ? sql`${t.storeId} = ${auth.storeId}`
    : sql`(${t.associateId} = ${auth.associateId} or (${t.associateId} is null and ${t.storeId} in ${myStores}))`;
  const base = sql`${t.legalEntityId} = ${auth.legalEntityId} and ${t.status} = 'open' and ${t.dueOn} <= ${today}::date and ${scopeCond}
      and ${c.erasedAt} is null`;
  const whoseCond = (w: TaskWhose) => w === 'mine' ? sql`${t.associateId} = ${auth.associateId}` : w === 'unassigned' ? sql`${t.associateId} is null` : sql`true`;
  const [counts] = await query<Record<TaskWhose, number>>(db, sql`select count(*)::int as "all",
      (count(*) filter (where ${whoseCond('mine')}))::int as "mine", (count(*) filter (where ${whoseCond('unassigned')}))::int as "unassigned"
    from ${tasksWithPeople} where ${base}`);
  const kinds = await query<{ promptType: string; count: number }>(db, sql`select ${t.promptType} as "promptType", count(*)::int as "count"
    from ${tasksWithPeople} where ${base} and ${whoseCond(q.whose)} group by ${t.promptType} order by ${t.promptType}`);
  const kindCond = q.kind ? sql` and ${t.promptType} = ${q.kind}` : sql``;
  const comingIn = await customersWithAppointmentOn(db, auth.legalEntityId, today, le.timeZone);
  const cv = alias(conversations, 'cv');
  const appointmentToday = sql`(${t.customerId} = any(${sql.param(comingIn)}::uuid[]))`;
  const replyWaiting = sql`exists (select 1 from ${conversations} as ${cv} where ${cv.legalEntityId} = ${auth.legalEntityId}
    and ${cv.customerId} = ${t.customerId} and ${cv.unreadCount} > 0)`;
  const items = await query<InboxItem>(db, sql`select ${taskColumns}, ${appointmentToday} as "appointmentToday", ${replyWaiting} as "replyWaiting"
    from ${tasksWithPeople}
    where ${base} and ${whoseCond(q.whose)}${kindCond}
    order by ${appointmentToday} desc, ${replyWaiting} desc, ${kindRank}, ${c.isVip} desc, ${t.dueOn}, ${c.lastName}, ${c.firstName}, ${t.id}
    limit ${q.limit} offset ${q.offset}`);
  const total = q.kind ? kinds.find((k) => k.promptType === q.kind)?.count ?? 0 : counts[q.whose];
  return { items: items.map(withTaskTexts), total, whose: counts, kinds };
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
  return withTaskTexts(task);
}

export function runPromptsNow(db: Db, legalEntityId: string, now = new Date()) {
  return runPrompts(db, legalEntityId, now, (c, s) => autoSendPrompt(db, legalEntityId, c, s));
}
