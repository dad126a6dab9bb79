import { sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { query, type Db } from '../../db/client.ts';
import { columnNames } from '../../db/sql.ts';
import { customers } from '../customers/schema.ts';
import { clientBookMembers, clientBooks } from '../client-book/schema.ts';
import { browsingEvents } from '../customer-profile/schema.ts';
import { preferenceMatchesSql } from '../customer-profile/queries.ts';
import { orderLines, orders } from '../orders/schema.ts';
import { products } from '../catalogue/schema.ts';
import { legalEntities } from '../organisation/schema.ts';
import { outreachTasks, type PromptType } from './schema.ts';
import { getOutreachSettings, localDate, type OutreachSettings } from './settings.ts';
import type { PromptRunResult } from './outreach-schemas.ts';

/** One occasion to reach one customer: becomes an associate task or an automatic send. */
export interface PromptCandidate {
  customerId: string;
  promptType: PromptType;
  /** Unique per customer and prompt type: the birthday's year, the order, the product and day browsed… */
  occasion: string;
  associateId: string | null;
  storeId: string | null;
  title: string;
  detail: string | null;
  productId: string | null;
  data: Record<string, unknown>;
}

// The owner of the customer's client book gets the task; without one, the home store's associates share it.
// Every query below names the customer `c`.
const c = alias(customers, 'c');
const cbm = alias(clientBookMembers, 'cbm');
const cb = alias(clientBooks, 'cb');
const owner = sql`
  (select ${cb.associateId} from ${clientBookMembers} as ${cbm} join ${clientBooks} as ${cb} on ${cb.id} = ${cbm.clientBookId}
   where ${cbm.customerId} = ${c.id} and ${cbm.isPrimary} limit 1)`;
const customersC = sql`${customers} as ${c}`;
const p = alias(products, 'p');
const productsP = sql`${products} as ${p}`;

const NEW_ARRIVALS_PER_BOOK = 10;

const live = sql`${c.erasedAt} is null and ${c.mergedIntoId} is null`;

type Row = { customerId: string; associateId: string | null; storeId: string | null; occasion: string; title: string; detail: string | null; productId: string | null; data: Record<string, unknown> };

async function rows(db: Db, q: SQL): Promise<Row[]> {
  return query<Row>(db, q);
}

/** Next occurrence of a yearly date (birthday, anniversary) in the next `days` days; 29 February falls on the 28th in other years. */
function yearlyCandidates(db: Db, le: string, today: string, days: number, column: 'birthDate' | 'anniversaryDate', label: string) {
  const col = c[column];
  return rows(db, sql`
    with occ as (
      select ${c.id} as id, ${c.homeStoreId} as home_store, ${owner} as owner, y.y,
        make_date(y.y, extract(month from ${col})::int,
          case when extract(month from ${col}) = 2 and extract(day from ${col}) = 29
                and not ((y.y % 4 = 0 and y.y % 100 <> 0) or y.y % 400 = 0) then 28 else extract(day from ${col})::int end) as d
      from ${customersC}
      cross join (values (extract(year from ${today}::date)::int), (extract(year from ${today}::date)::int + 1)) as y(y)
      where ${c.legalEntityId} = ${le} and ${col} is not null and ${live}
    )
    select id as "customerId", owner as "associateId", home_store as "storeId", y::text as occasion,
      ${label} || ' on ' || to_char(d, 'FMDD FMMonth') as title, null as detail, null as "productId",
      jsonb_build_object('date', d::text) as data
    from occ where d between ${today}::date and ${today}::date + ${days}::int`);
}

export async function findCandidates(db: Db, legalEntityId: string, type: PromptType, days: number, now: Date, timeZone: string): Promise<Row[]> {
  const today = localDate(now, timeZone);
  const at = now.toISOString();
  switch (type) {
    case 'birthday': return yearlyCandidates(db, legalEntityId, today, days, 'birthDate', 'Birthday');
    case 'anniversary': return yearlyCandidates(db, legalEntityId, today, days, 'anniversaryDate', 'Anniversary');
    case 'save-the-sale': {
      // Products looked at or put in the cart online and not bought since: the most engaged product per customer.
      const b = alias(browsingEvents, 'b');
      const o = alias(orders, 'o');
      const ol = alias(orderLines, 'ol');
      return rows(db, sql`
        with browsed as (
          select ${b.customerId} as customer, ${b.productId} as product, max(${b.occurredAt}) as last_at,
            bool_or(${b.event} = 'add-to-cart') as carted, count(*) as views
          from ${browsingEvents} as ${b}
          where ${b.legalEntityId} = ${legalEntityId} and ${b.occurredAt} > ${at}::timestamptz - (${days}::int * interval '1 day')
            and ${b.occurredAt} <= ${at}::timestamptz and ${b.event} in ('view', 'add-to-cart')
            and not exists (select 1 from ${orders} as ${o} join ${orderLines} as ${ol} on ${ol.orderId} = ${o.id}
              where ${o.customerId} = ${b.customerId} and ${ol.productId} = ${b.productId} and ${o.orderedAt} >= ${b.occurredAt} and ${o.status} <> 'cancelled')
          group by ${b.customerId}, ${b.productId}
        ), best as (
          select distinct on (customer) * from browsed order by customer, carted desc, views desc, last_at desc
        )
        select ${c.id} as "customerId", ${owner} as "associateId", ${c.homeStoreId} as "storeId",
          ${p.id}::text || ':' || (best.last_at at time zone ${timeZone})::date::text as occasion,
          case when best.carted then 'Left ' || ${p.name} || ' in the online cart' else 'Looked at ' || ${p.name} || ' online' end as title,
          (select count(*) from browsed b2 where b2.customer = ${c.id})::text || ' product(s) browsed without buying' as detail,
          ${p.id} as "productId", jsonb_build_object('productName', ${p.name}, 'lastSeenAt', best.last_at::text, 'addedToCart', best.carted,
            'browsed', (select count(*) from browsed b2 where b2.customer = ${c.id})) as data
        from best join ${customersC} on ${c.id} = best.customer join ${productsP} on ${p.id} = best.product
        where ${live}`);
    }
    case 'new-arrivals': {
      // Products arrived in the last N days matching the customer's preferences; one prompt per week.
      const t = alias(outreachTasks, 't');
      return rows(db, sql`
        with arrivals as (
          select ${products.id} as id, ${products.name} as name, ${products.category} as category, ${products.brand} as brand,
            ${products.arrivalDate} as arrived_on
          from ${products}
          where ${products.legalEntityId} = ${legalEntityId} and ${products.active}
            and ${products.arrivalDate} between ${today}::date - ${days}::int and ${today}::date
        ), matches as (
          -- customer-profile's rule: a category they like and, when they named brands, the brand too
          select distinct m.customer, a.id as product, a.name, a.arrived_on
          from (${preferenceMatchesSql(legalEntityId, sql`arrivals`)}) m join arrivals a on a.id = m.product
        ), per_customer as (
          select customer, count(*) as n, (array_agg(product order by arrived_on desc, name))[1] as product,
            string_agg(name, ', ' order by arrived_on desc, name) as names
          from matches group by customer
        ), ranked as (
          select ${c.id} as id, ${c.homeStoreId} as home_store, ${owner} as owner, pc.n, pc.names, pc.product,
            row_number() over (partition by coalesce(${owner}, ${c.homeStoreId}) order by ${c.isVip} desc, pc.n desc, ${c.id}) as rank
          from per_customer pc join ${customersC} on ${c.id} = pc.customer
          where ${live}
            and not exists (select 1 from ${outreachTasks} as ${t} where ${t.customerId} = ${c.id} and ${t.promptType} = 'new-arrivals'
              and ${t.occasion} = to_char(date_trunc('week', ${today}::date), 'YYYY-MM-DD'))
        )
        -- At most ten a day per client book (or store): best customers first, the others on later days.
        select id as "customerId", owner as "associateId", home_store as "storeId",
          to_char(date_trunc('week', ${today}::date), 'YYYY-MM-DD') as occasion,
          n::text || ' new arrival(s) matching their preferences' as title, left(names, 300) as detail,
          product as "productId", jsonb_build_object('count', n) as data
        from ranked where rank <= ${NEW_ARRIVALS_PER_BOOK}`);
    }
    case 'thank-you':
    case 'care-instructions':
    case 'satisfaction-check': {
      // Orders placed N days ago (two days' grace, should the job not have run); one prompt per order.
      const care = type === 'care-instructions' ? sql`and ${p.careInstructions} is not null` : sql``;
      const o = alias(orders, 'o');
      const ol = alias(orderLines, 'ol');
      const title = { 'thank-you': 'Thank them for their purchase', 'care-instructions': 'Share care instructions', 'satisfaction-check': 'Check they are happy with their purchase' }[type];
      return rows(db, sql`
        with recent as (
          select ${o.id} as id, ${o.customerId} as customer, ${o.storeId} as store, ${o.orderedAt} as placed_at, ${o.associateId} as associate
          from ${orders} as ${o}
          where ${o.legalEntityId} = ${legalEntityId} and ${o.customerId} is not null and ${o.status} <> 'cancelled'
            and (${o.orderedAt} at time zone ${timeZone})::date between ${today}::date - ${days}::int - 2 and ${today}::date - ${days}::int
        ), lead as (
          select distinct on (r.id) r.id, ${ol.productId} as product
          from recent r join ${orderLines} as ${ol} on ${ol.orderId} = r.id join ${productsP} on ${p.id} = ${ol.productId}
          where true ${care} order by r.id, ${ol.netMinor} desc
        )
        select ${c.id} as "customerId", coalesce(${owner}, r.associate) as "associateId", coalesce(r.store, ${c.homeStoreId}) as "storeId",
          r.id::text as occasion, ${title} as title, ${p.name} as detail, ${p.id} as "productId",
          jsonb_build_object('orderId', r.id, 'orderedAt', r.placed_at::text, 'productName', ${p.name}) as data
        from recent r join lead l on l.id = r.id join ${productsP} on ${p.id} = l.product join ${customersC} on ${c.id} = r.customer
        where ${live}`);
    }
  }
}

const ot = outreachTasks;

export type { PromptRunResult };

/** Creates today's tasks and automatic sends for one legal entity; running it twice a day changes nothing. */
export async function runPrompts(
  db: Db, legalEntityId: string, now: Date,
  autoSend: (c: PromptCandidate, settings: OutreachSettings) => Promise<boolean>,
): Promise<PromptRunResult> {
  const [le] = await query<{ timeZone: string }>(db, sql`select ${legalEntities.timeZone} as "timeZone" from ${legalEntities} where ${legalEntities.id} = ${legalEntityId}`);
  const settings = await getOutreachSettings(db, legalEntityId);
  const today = localDate(now, le.timeZone);
  const result: PromptRunResult = { tasksCreated: 0, messagesQueued: 0 };
  for (const [type, setting] of Object.entries(settings.prompts) as [PromptType, OutreachSettings['prompts'][PromptType]][]) {
    if (setting.mode === 'off') continue;
    const found = await findCandidates(db, legalEntityId, type, setting.days, now, le.timeZone);
    const forTasks: Row[] = [];
    for (const r of found) {
      // Automatic sends fall back to a task when the customer has no usable channel or template.
      if (setting.mode === 'automatic' && (await autoSend({ ...r, promptType: type }, settings))) result.messagesQueued++;
      else forTasks.push(r);
    }
    for (let i = 0; i < forTasks.length; i += 500) {
      const chunk = forTasks.slice(i, i + 500);
      const inserted = await query<{ id: string }>(db, sql`
        insert into ${outreachTasks} (${columnNames(ot.legalEntityId, ot.customerId, ot.associateId, ot.storeId, ot.promptType, ot.occasion, ot.dueOn, ot.title, ot.detail, ot.data)})
        select ${legalEntityId}, x."customerId", x."associateId", x."storeId", ${type}, x.occasion, ${today}::date, x.title, x.detail,
          coalesce(x.data, '{}'::jsonb) || jsonb_strip_nulls(jsonb_build_object('productId', x."productId"))
        from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb)
          as x("customerId" uuid, "associateId" uuid, "storeId" uuid, occasion text, title text, detail text, "productId" uuid, data jsonb)
        on conflict (${columnNames(ot.legalEntityId, ot.customerId, ot.promptType, ot.occasion)}) do nothing
        returning ${ot.id}`);
      result.tasksCreated += inserted.length;
    }
  }
  return result;
}
