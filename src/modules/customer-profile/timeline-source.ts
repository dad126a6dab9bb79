import { sql, type Column } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { query } from '../../db/client.ts';
import { interactions, browsingEvents } from './schema.ts';
import { orders, orderLines, returns, returnLines } from '../orders/schema.ts';
import { products } from '../catalogue/schema.ts';
import { associates, stores } from '../organisation/schema.ts';
import type { TimelineSource, TimelineEvent } from '../customers/timeline.ts';

const o = alias(orders, 'o');
const l = alias(orderLines, 'l');
const p = alias(products, 'p');
const a = alias(associates, 'a');
const s = alias(stores, 's');
const r = alias(returns, 'r');
const rl = alias(returnLines, 'rl');
const i = alias(interactions, 'i');
const b = alias(browsingEvents, 'b');

const CHANNEL_LABEL: Record<string, string> = { store: 'In store', online: 'Online', 'call-center': 'Call center', remote: 'Remote order' };

/** Purchases, returns, interactions (cases, emails, visits, marketing touches) and online product views on the timeline. */
export const timelineSource: TimelineSource = async (db, auth, customerId, page) => {
  const le = auth.legalEntityId;
  const before = (col: Column) => (page.before ? sql`and ${col} < ${page.before}::timestamptz` : sql``);
  const rows = await query<{ id: string; kind: string; at: string; title: string; detail: string | null; actor: string | null; storeId: string | null; data: Record<string, unknown> }>(db, sql`
    select * from (
      (select 'order:' || ${o.id} as id, 'purchase' as kind, ${o.orderedAt} as at, ${o.channel} || ' ' || ${o.status} as title,
         (select string_agg(${p.name}, ', ' order by ${l.lineNumber}) from ${orderLines} as ${l} join ${products} as ${p} on ${p.id} = ${l.productId} where ${l.orderId} = ${o.id}) as detail,
         coalesce(${a.displayName}, ${s.name}) as actor, ${o.storeId} as "storeId",
         json_build_object('orderId', ${o.id}, 'channel', ${o.channel}, 'status', ${o.status}, 'totalMinor', ${o.totalMinor}, 'currency', ${o.currency}) as data
       from ${orders} as ${o} left join ${associates} as ${a} on ${a.id} = ${o.associateId} left join ${stores} as ${s} on ${s.id} = ${o.storeId}
       where ${o.customerId} = ${customerId} and ${o.legalEntityId} = ${le} ${before(o.orderedAt)} order by ${o.orderedAt} desc limit ${page.limit})
      union all
      (select 'return:' || ${r.id}, 'return', ${r.returnedAt}, 'Return',
         (select string_agg(${p.name} || ' (' || ${rl.reason} || ')', ', ') from ${returnLines} as ${rl} join ${products} as ${p} on ${p.id} = ${rl.productId} where ${rl.returnId} = ${r.id}),
         ${s.name}, ${r.storeId}, json_build_object('returnId', ${r.id}, 'refundMinor', ${r.refundMinor})
       from ${returns} as ${r} left join ${stores} as ${s} on ${s.id} = ${r.storeId}
       where ${r.customerId} = ${customerId} and ${r.legalEntityId} = ${le} ${before(r.returnedAt)} order by ${r.returnedAt} desc limit ${page.limit})
      union all
      (select 'interaction:' || ${i.id}, ${i.kind}, ${i.occurredAt}, ${i.subject}, nullif(concat_ws(' · ', ${i.status}, ${i.channel}), ''),
         coalesce(${a.displayName}, ${i.campaign}), ${i.storeId}, json_build_object('status', ${i.status}, 'channel', ${i.channel}, 'campaign', ${i.campaign})
       from ${interactions} as ${i} left join ${associates} as ${a} on ${a.id} = ${i.associateId}
       where ${i.customerId} = ${customerId} and ${i.legalEntityId} = ${le} ${before(i.occurredAt)} order by ${i.occurredAt} desc limit ${page.limit})
      union all
      (select 'browsing:' || ${b.id}, 'online-' || ${b.event}, ${b.occurredAt}, 'Viewed online: ' || ${p.name}, ${p.brand}, 'Online', null::uuid,
         json_build_object('productId', ${p.id}, 'event', ${b.event})
       from ${browsingEvents} as ${b} join ${products} as ${p} on ${p.id} = ${b.productId}
       where ${b.customerId} = ${customerId} and ${b.legalEntityId} = ${le} ${before(b.occurredAt)} order by ${b.occurredAt} desc limit ${page.limit})
    ) t order by t.at desc limit ${page.limit}`);
  return rows.map((r): TimelineEvent => ({
    id: r.id, kind: r.kind, occurredAt: new Date(r.at).toISOString(),
    title: r.kind === 'purchase' ? purchaseTitle(r.data) : r.kind === 'online-add-to-cart' ? r.title.replace('Viewed online', 'Added to cart online')
      : r.kind === 'online-remove-from-cart' ? r.title.replace('Viewed online', 'Removed from cart online') : r.title,
    ...titleByKey(r),
    detail: r.detail, ...(r.id.startsWith('interaction:') ? interactionDetail(r.kind, r.data) : {}),
    actor: r.actor, ...(r.id.startsWith('browsing:') ? { actorKey: 'online' as const } : {}), storeId: r.storeId, data: r.data,
  }));
};

/** The title by key for the web (timeline.<key>); an interaction's subject is the source system's own words. */
function titleByKey(r: { kind: string; title: string; data: Record<string, unknown> }): Pick<TimelineEvent, 'titleKey' | 'titleParams'> {
  const d = r.data;
  if (r.kind === 'purchase') return d.status === 'completed' ? { titleKey: 'purchase', titleParams: { channel: String(d.channel) } } : { titleKey: 'order', titleParams: { channel: String(d.channel), status: String(d.status) } };
  if (r.kind === 'return') return { titleKey: 'return', titleParams: {} };
  const product = r.title.replace(/^Viewed online: /, '');
  if (r.kind === 'online-view') return { titleKey: 'viewedOnline', titleParams: { product } };
  if (r.kind === 'online-add-to-cart') return { titleKey: 'addedToCartOnline', titleParams: { product } };
  if (r.kind === 'online-remove-from-cart') return { titleKey: 'removedFromCartOnline', titleParams: { product } };
  return {};
}

/**
 * An interaction's kind, status and channel by code (timelineDetail.<key> on the web, which words each code it knows and
 * shows any other as written); the English detail stays "open · email". A channel that only repeats the kind (an email
 * by email) is left out.
 */
export function interactionDetail(kind: string, d: Record<string, unknown>): Pick<TimelineEvent, 'detailKey' | 'detailParams'> {
  const status = typeof d.status === 'string' && d.status ? d.status : null;
  const channel = typeof d.channel === 'string' && d.channel && d.channel !== kind ? d.channel : null;
  if (status && channel) return { detailKey: 'interactionStatusChannel', detailParams: { kind, status, channel } };
  if (status) return { detailKey: 'interactionStatus', detailParams: { kind, status } };
  if (channel) return { detailKey: 'interactionChannel', detailParams: { kind, channel } };
  return { detailKey: 'interaction', detailParams: { kind } };
}

function purchaseTitle(d: Record<string, unknown>) {
  const label = CHANNEL_LABEL[String(d.channel)] ?? String(d.channel);
  return d.status === 'completed' ? `Purchase · ${label}` : `Order · ${label} · ${String(d.status)}`;
}
