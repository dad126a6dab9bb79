import { sql } from 'drizzle-orm';
import { query } from '../../db/client.ts';
import type { TimelineSource, TimelineEvent } from '../customers/timeline.ts';

const CHANNEL_LABEL: Record<string, string> = { store: 'In store', online: 'Online', 'call-center': 'Call center', remote: 'Remote order' };

/** Purchases, returns, interactions (cases, emails, visits, marketing touches) and online product views on the timeline. */
export const timelineSource: TimelineSource = async (db, auth, customerId, page) => {
  const le = auth.legalEntityId;
  const before = (col: string) => (page.before ? sql`and ${sql.raw(col)} < ${page.before}::timestamptz` : sql``);
  const rows = await query<{ id: string; kind: string; at: string; title: string; detail: string | null; actor: string | null; storeId: string | null; data: Record<string, unknown> }>(db, sql`
    select * from (
      (select 'order:' || o.id as id, 'purchase' as kind, o.ordered_at as at, o.channel || ' ' || o.status as title,
         (select string_agg(p.name, ', ' order by l.line_number) from order_lines l join products p on p.id = l.product_id where l.order_id = o.id) as detail,
         coalesce(a.display_name, s.name) as actor, o.store_id as "storeId",
         json_build_object('orderId', o.id, 'channel', o.channel, 'status', o.status, 'totalMinor', o.total_minor, 'currency', o.currency) as data
       from orders o left join associates a on a.id = o.associate_id left join stores s on s.id = o.store_id
       where o.customer_id = ${customerId} and o.legal_entity_id = ${le} ${before('o.ordered_at')} order by o.ordered_at desc limit ${page.limit})
      union all
      (select 'return:' || r.id, 'return', r.returned_at, 'Return',
         (select string_agg(p.name || ' (' || rl.reason || ')', ', ') from return_lines rl join products p on p.id = rl.product_id where rl.return_id = r.id),
         s.name, r.store_id, json_build_object('returnId', r.id, 'refundMinor', r.refund_minor)
       from returns r left join stores s on s.id = r.store_id
       where r.customer_id = ${customerId} and r.legal_entity_id = ${le} ${before('r.returned_at')} order by r.returned_at desc limit ${page.limit})
      union all
      (select 'interaction:' || i.id, i.kind, i.occurred_at, i.subject, nullif(concat_ws(' · ', i.status, i.channel), ''),
         coalesce(a.display_name, i.campaign), i.store_id, json_build_object('status', i.status, 'channel', i.channel, 'campaign', i.campaign)
       from interactions i left join associates a on a.id = i.associate_id
       where i.customer_id = ${customerId} and i.legal_entity_id = ${le} ${before('i.occurred_at')} order by i.occurred_at desc limit ${page.limit})
      union all
      (select 'browsing:' || b.id, 'online-' || b.event, b.occurred_at, 'Viewed online: ' || p.name, p.brand, 'Online', null::uuid,
         json_build_object('productId', p.id, 'event', b.event)
       from browsing_events b join products p on p.id = b.product_id
       where b.customer_id = ${customerId} and b.legal_entity_id = ${le} ${before('b.occurred_at')} order by b.occurred_at desc limit ${page.limit})
    ) t order by t.at desc limit ${page.limit}`);
  return rows.map((r): TimelineEvent => ({
    id: r.id, kind: r.kind, occurredAt: new Date(r.at).toISOString(),
    title: r.kind === 'purchase' ? purchaseTitle(r.data) : r.kind === 'online-add-to-cart' ? r.title.replace('Viewed online', 'Added to cart online') : r.title,
    detail: r.detail, actor: r.actor, storeId: r.storeId, data: r.data,
  }));
};

function purchaseTitle(d: Record<string, unknown>) {
  const label = CHANNEL_LABEL[String(d.channel)] ?? String(d.channel);
  return d.status === 'completed' ? `Purchase · ${label}` : `Order · ${label} · ${String(d.status)}`;
}
