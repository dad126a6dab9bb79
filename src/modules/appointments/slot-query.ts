import { sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.ts';
import { associates } from '../organisation/schema.ts';
import { associateSchedules } from './schema.ts';
import { availableSlots, MAX_DAYS_AHEAD, type BookableStore, type BookableType } from './availability.ts';
import { formatLocalDate, localDateOf, parseLocalDate, zonedParts } from './slots.ts';

export interface SlotView { startsAt: string; endsAt: string; localDate: string; localTime: string; associateIds: string[] }

/**
 * Free times as the pickers show them (local dates and times of the store), from today at the earliest and
 * within the booking horizon. Shared by the public page, the signed manage link and the associate's screen.
 */
export async function slotView(db: Db, store: BookableStore, type: BookableType, q: {
  from?: string; days: number; associateId?: string; excludeAppointmentId?: string; now: number;
}): Promise<{ timeZone: string; from: string; slots: SlotView[] }> {
  const today = localDateOf(q.now, store.timeZone);
  let from = q.from ? parseLocalDate(q.from) : today;
  if (formatLocalDate(from) < formatLocalDate(today)) from = today;
  const horizon = localDateOf(q.now + MAX_DAYS_AHEAD * 86_400_000, store.timeZone);
  if (formatLocalDate(from) > formatLocalDate(horizon)) return { timeZone: store.timeZone, from: formatLocalDate(from), slots: [] };
  const slots = await availableSlots(db, { store, type, from, days: q.days, associateId: q.associateId, now: q.now, excludeAppointmentId: q.excludeAppointmentId });
  return {
    timeZone: store.timeZone, from: formatLocalDate(from),
    slots: slots.filter((s) => s.startsAt <= q.now + MAX_DAYS_AHEAD * 86_400_000).map((s) => {
      const p = zonedParts(s.startsAt, store.timeZone);
      return {
        startsAt: new Date(s.startsAt).toISOString(), endsAt: new Date(s.endsAt).toISOString(),
        localDate: formatLocalDate(p), localTime: `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`, associateIds: s.associateIds,
      };
    }),
  };
}

/** Active associates with shifts at the store: the ones who can take an appointment there. */
export async function scheduledAssociates(db: Db, store: BookableStore): Promise<{ id: string; name: string }[]> {
  return query<{ id: string; name: string }>(db, sql`
    select ${associates.id}, ${associates.displayName} as name from ${associates}
    where ${associates.active} and ${associates.legalEntityId} = ${store.legalEntityId}
      and exists (select 1 from ${associateSchedules} where ${associateSchedules.associateId} = ${associates.id} and ${associateSchedules.storeId} = ${store.id})
    order by ${associates.displayName}`);
}
