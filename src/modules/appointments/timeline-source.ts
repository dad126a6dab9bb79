import { sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { query } from '../../db/client.ts';
import { stores, associates } from '../organisation/schema.ts';
import { appointments, appointmentTypes } from './schema.ts';
import { isoUtc } from './queries.ts';
import type { TimelineSource, TimelineTitleKey } from '../customers/timeline.ts';

/** Appointments on the customer's timeline, at the time they take place (booked, completed, no-show or cancelled). */
const a = alias(appointments, 'a');
const t = alias(appointmentTypes, 't');
const s = alias(stores, 's');
const asc_ = alias(associates, 'asc_');

export const timelineSource: TimelineSource = async (db, auth, customerId, page) => {
  const rows = await query<{ id: string; occurredAt: string; typeName: string; storeName: string; storeId: string; associateName: string; status: string; message: string | null; publicId: string }>(db, sql`
    select ${a.id}, ${isoUtc(a.startsAt)} as "occurredAt", ${t.name} as "typeName", ${s.name} as "storeName",
      ${a.storeId} as "storeId", ${asc_.displayName} as "associateName", ${a.status}, ${a.customerMessage} as message, ${a.publicId} as "publicId"
    from ${appointments} as ${a} join ${appointmentTypes} as ${t} on ${t.id} = ${a.appointmentTypeId} join ${stores} as ${s} on ${s.id} = ${a.storeId}
      join ${associates} as ${asc_} on ${asc_.id} = ${a.associateId}
    where ${a.customerId} = ${customerId} and ${a.legalEntityId} = ${auth.legalEntityId}
      ${page.before ? sql`and ${a.startsAt} < ${page.before}::timestamptz` : sql``}
    order by ${a.startsAt} desc limit ${page.limit}`);
  const label: Record<string, string> = { booked: 'booked', completed: 'attended', 'no-show': 'missed', cancelled: 'cancelled' };
  const titleKey: Record<string, TimelineTitleKey> = { booked: 'appointmentBooked', completed: 'appointmentAttended', 'no-show': 'appointmentMissed', cancelled: 'appointmentCancelled' };
  return rows.map((r) => ({
    id: `appointment:${r.id}`, kind: 'appointment', occurredAt: r.occurredAt,
    title: `${r.typeName} at ${r.storeName} (${label[r.status] ?? r.status})`,
    ...(titleKey[r.status] ? { titleKey: titleKey[r.status], titleParams: { type: r.typeName, store: r.storeName } } : {}),
    detail: r.message, actor: r.associateName, storeId: r.storeId,
    data: { status: r.status, publicId: r.publicId },
  }));
};
