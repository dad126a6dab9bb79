import { sql } from 'drizzle-orm';
import { query } from '../../db/client.ts';
import type { TimelineSource } from '../customers/timeline.ts';

/** Appointments on the customer's timeline, at the time they take place (booked, completed, no-show or cancelled). */
export const timelineSource: TimelineSource = async (db, auth, customerId, page) => {
  const rows = await query<{ id: string; occurredAt: string; typeName: string; storeName: string; storeId: string; associateName: string; status: string; message: string | null; publicId: string }>(db, sql`
    select a.id, to_char(a.starts_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "occurredAt", t.name as "typeName", s.name as "storeName",
      a.store_id as "storeId", asc_.display_name as "associateName", a.status, a.customer_message as message, a.public_id as "publicId"
    from appointments a join appointment_types t on t.id = a.appointment_type_id join stores s on s.id = a.store_id
      join associates asc_ on asc_.id = a.associate_id
    where a.customer_id = ${customerId} and a.legal_entity_id = ${auth.legalEntityId}
      ${page.before ? sql`and a.starts_at < ${page.before}::timestamptz` : sql``}
    order by a.starts_at desc limit ${page.limit}`);
  const label: Record<string, string> = { booked: 'booked', completed: 'attended', 'no-show': 'missed', cancelled: 'cancelled' };
  return rows.map((r) => ({
    id: `appointment:${r.id}`, kind: 'appointment', occurredAt: r.occurredAt,
    title: `${r.typeName} at ${r.storeName} (${label[r.status] ?? r.status})`, detail: r.message, actor: r.associateName, storeId: r.storeId,
    data: { status: r.status, publicId: r.publicId },
  }));
};
