import { sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';
import { columnName } from '../../db/sql.ts';
import { appointments as a } from './schema.ts';
import type { Config } from '../../config.ts';
import { findAppointment } from './booking-service.ts';
import { enqueueAppointmentEmail } from './notifications.ts';

/**
 * Queues a reminder for every booked appointment starting in the next 24 hours, once. Appointments booked or
 * moved within 24 hours of their start get none: their confirmation is the reminder. Claiming with an update
 * makes two servers running the job send one reminder.
 */
export async function queueDueReminders(db: Db, config: Config, now = new Date()): Promise<number> {
  const claimed = await query<{ id: string; legalEntityId: string }>(db, sql`
    update ${a} set ${columnName(a.reminderSentAt)} = ${now.toISOString()}::timestamptz
    where ${a.status} = 'booked' and ${a.reminderSentAt} is null
      and ${a.startsAt} > ${now.toISOString()}::timestamptz and ${a.startsAt} <= ${now.toISOString()}::timestamptz + interval '24 hours'
      and ${a.updatedAt} < ${a.startsAt} - interval '24 hours'
    returning ${a.id}, ${a.legalEntityId} as "legalEntityId"`);
  for (const c of claimed) {
    const apt = await findAppointment(db, { id: c.id, legalEntityId: c.legalEntityId });
    if (apt) await enqueueAppointmentEmail(db, config, apt, 'reminder');
  }
  return claimed.length;
}
