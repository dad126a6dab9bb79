import { sql, type SQL } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';
import type { PromptType } from './schema.ts';
import { getOutreachSettings, localDate, type OutreachSettings } from './settings.ts';

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
const owner = sql`
  (select cb.associate_id from client_book_members cbm join client_books cb on cb.id = cbm.client_book_id
   where cbm.customer_id = c.id and cbm.is_primary limit 1)`;

const NEW_ARRIVALS_PER_BOOK = 10;

const live = sql`c.erased_at is null and c.merged_into_id is null`;

type Row = { customerId: string; associateId: string | null; storeId: string | null; occasion: string; title: string; detail: string | null; productId: string | null; data: Record<string, unknown> };

async function rows(db: Db, q: SQL): Promise<Row[]> {
  return query<Row>(db, q);
}

/** Next occurrence of a yearly date (birthday, anniversary) in the next `days` days; 29 February falls on the 28th in other years. */
function yearlyCandidates(db: Db, le: string, today: string, days: number, column: 'birth_date' | 'anniversary_date', label: string) {
  const col = sql.raw(`c.${column}`);
  return rows(db, sql`
    with occ as (
      select c.id, c.home_store_id, ${owner} as owner, y.y,
        make_date(y.y, extract(month from ${col})::int,
          case when extract(month from ${col}) = 2 and extract(day from ${col}) = 29
                and not ((y.y % 4 = 0 and y.y % 100 <> 0) or y.y % 400 = 0) then 28 else extract(day from ${col})::int end) as d
      from customers c
      cross join (values (extract(year from ${today}::date)::int), (extract(year from ${today}::date)::int + 1)) as y(y)
      where c.legal_entity_id = ${le} and ${col} is not null and ${live}
    )
    select id as "customerId", owner as "associateId", home_store_id as "storeId", y::text as occasion,
      ${label} || ' on ' || to_char(d, 'FMDD FMMonth') as title, null as detail, null as "productId",
      jsonb_build_object('date', d::text) as data
    from occ where d between ${today}::date and ${today}::date + ${days}::int`);
}

export async function findCandidates(db: Db, legalEntityId: string, type: PromptType, days: number, now: Date, timeZone: string): Promise<Row[]> {
  const today = localDate(now, timeZone);
  const at = now.toISOString();
  switch (type) {
    case 'birthday': return yearlyCandidates(db, legalEntityId, today, days, 'birth_date', 'Birthday');
    case 'anniversary': return yearlyCandidates(db, legalEntityId, today, days, 'anniversary_date', 'Anniversary');
    case 'save-the-sale':
      // Products looked at or put in the cart online and not bought since: the most engaged product per customer.
      return rows(db, sql`
        with browsed as (
          select b.customer_id, b.product_id, max(b.occurred_at) as last_at, bool_or(b.event = 'add-to-cart') as carted, count(*) as views
          from browsing_events b
          where b.legal_entity_id = ${legalEntityId} and b.occurred_at > ${at}::timestamptz - (${days}::int * interval '1 day')
            and b.occurred_at <= ${at}::timestamptz and b.event in ('view', 'add-to-cart')
            and not exists (select 1 from orders o join order_lines ol on ol.order_id = o.id
              where o.customer_id = b.customer_id and ol.product_id = b.product_id and o.ordered_at >= b.occurred_at and o.status <> 'cancelled')
          group by b.customer_id, b.product_id
        ), best as (
          select distinct on (customer_id) * from browsed order by customer_id, carted desc, views desc, last_at desc
        )
        select c.id as "customerId", ${owner} as "associateId", c.home_store_id as "storeId",
          p.id::text || ':' || (best.last_at at time zone ${timeZone})::date::text as occasion,
          case when best.carted then 'Left ' || p.name || ' in the online cart' else 'Looked at ' || p.name || ' online' end as title,
          (select count(*) from browsed b2 where b2.customer_id = c.id)::text || ' product(s) browsed without buying' as detail,
          p.id as "productId", jsonb_build_object('productName', p.name, 'lastSeenAt', best.last_at::text, 'addedToCart', best.carted) as data
        from best join customers c on c.id = best.customer_id join products p on p.id = best.product_id
        where ${live}`);
    case 'new-arrivals':
      // Products arrived in the last N days matching the customer's preferences; one prompt per week.
      return rows(db, sql`
        with arrivals as (
          select id, name, category, brand, arrival_date from products
          where legal_entity_id = ${legalEntityId} and active and arrival_date between ${today}::date - ${days}::int and ${today}::date
        ), matches as (
          -- The category must be one they like and, when they named brands, the brand too: broad matches would flood the inbox.
          select distinct cp.customer_id, a.id as product_id, a.name, a.arrival_date
          from customer_preferences cp join arrivals a on cp.kind = 'category' and lower(a.category) = lower(cp.value)
          where cp.legal_entity_id = ${legalEntityId}
            and (not exists (select 1 from customer_preferences b where b.customer_id = cp.customer_id and b.kind = 'brand')
              or exists (select 1 from customer_preferences b where b.customer_id = cp.customer_id and b.kind = 'brand' and lower(b.value) = lower(a.brand)))
        ), per_customer as (
          select customer_id, count(*) as n, (array_agg(product_id order by arrival_date desc, name))[1] as product_id,
            string_agg(name, ', ' order by arrival_date desc, name) as names
          from matches group by customer_id
        ), ranked as (
          select c.id, c.home_store_id, ${owner} as owner, pc.n, pc.names, pc.product_id,
            row_number() over (partition by coalesce(${owner}, c.home_store_id) order by c.is_vip desc, pc.n desc, c.id) as rank
          from per_customer pc join customers c on c.id = pc.customer_id
          where ${live}
            and not exists (select 1 from outreach_tasks t where t.customer_id = c.id and t.prompt_type = 'new-arrivals'
              and t.occasion = to_char(date_trunc('week', ${today}::date), 'YYYY-MM-DD'))
        )
        -- At most ten a day per client book (or store): best customers first, the others on later days.
        select id as "customerId", owner as "associateId", home_store_id as "storeId",
          to_char(date_trunc('week', ${today}::date), 'YYYY-MM-DD') as occasion,
          n::text || ' new arrival(s) matching their preferences' as title, left(names, 300) as detail,
          product_id as "productId", jsonb_build_object('count', n) as data
        from ranked where rank <= ${NEW_ARRIVALS_PER_BOOK}`);
    case 'thank-you':
    case 'care-instructions':
    case 'satisfaction-check': {
      // Orders placed N days ago (two days' grace, should the job not have run); one prompt per order.
      const care = type === 'care-instructions' ? sql`and p.care_instructions is not null` : sql``;
      const title = { 'thank-you': 'Thank them for their purchase', 'care-instructions': 'Share care instructions', 'satisfaction-check': 'Check they are happy with their purchase' }[type];
      return rows(db, sql`
        with recent as (
          select o.id, o.customer_id, o.store_id, o.ordered_at, o.associate_id
          from orders o
          where o.legal_entity_id = ${legalEntityId} and o.customer_id is not null and o.status <> 'cancelled'
            and (o.ordered_at at time zone ${timeZone})::date between ${today}::date - ${days}::int - 2 and ${today}::date - ${days}::int
        ), lead as (
          select distinct on (r.id) r.id, ol.product_id from recent r join order_lines ol on ol.order_id = r.id join products p on p.id = ol.product_id
          where true ${care} order by r.id, ol.net_minor desc
        )
        select c.id as "customerId", coalesce(${owner}, r.associate_id) as "associateId", coalesce(r.store_id, c.home_store_id) as "storeId",
          r.id::text as occasion, ${title} as title, p.name as detail, p.id as "productId",
          jsonb_build_object('orderId', r.id, 'orderedAt', r.ordered_at::text, 'productName', p.name) as data
        from recent r join lead l on l.id = r.id join products p on p.id = l.product_id join customers c on c.id = r.customer_id
        where ${live}`);
    }
  }
}

export interface PromptRunResult { tasksCreated: number; messagesQueued: number }

/** Creates today's tasks and automatic sends for one legal entity; running it twice a day changes nothing. */
export async function runPrompts(
  db: Db, legalEntityId: string, now: Date,
  autoSend: (c: PromptCandidate, settings: OutreachSettings) => Promise<boolean>,
): Promise<PromptRunResult> {
  const [le] = await query<{ timeZone: string }>(db, sql`select time_zone as "timeZone" from legal_entities where id = ${legalEntityId}`);
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
        insert into outreach_tasks (legal_entity_id, customer_id, associate_id, store_id, prompt_type, occasion, due_on, title, detail, data)
        select ${legalEntityId}, x."customerId", x."associateId", x."storeId", ${type}, x.occasion, ${today}::date, x.title, x.detail,
          coalesce(x.data, '{}'::jsonb) || jsonb_strip_nulls(jsonb_build_object('productId', x."productId"))
        from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb)
          as x("customerId" uuid, "associateId" uuid, "storeId" uuid, occasion text, title text, detail text, "productId" uuid, data jsonb)
        on conflict (legal_entity_id, customer_id, prompt_type, occasion) do nothing
        returning id`);
      result.tasksCreated += inserted.length;
    }
  }
  return result;
}
