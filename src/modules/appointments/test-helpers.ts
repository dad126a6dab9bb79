import type { FastifyInstance } from 'fastify';
import { addDays, formatLocalDate, localDateOf } from './slots.ts';

const ALL_WEEK = [0, 1, 2, 3, 4, 5, 6];

/**
 * Makes a store bookable through the API as head office: a 60-minute type with a 15-minute buffer,
 * open 10:00-19:00 every day, and the given associates on shift all day. Returns a local date two days ahead.
 */
export async function makeBookable(app: FastifyInstance, cookie: string, storeId: string, associateIds: string[], opts: { durationMinutes?: number; bufferMinutes?: number; name?: string } = {}) {
  const type = await app.inject({
    method: 'POST', url: `/api/v1/appointments/setup/${storeId}/types`, headers: { cookie },
    payload: { name: opts.name ?? 'Personal shopping', durationMinutes: opts.durationMinutes ?? 60, bufferMinutes: opts.bufferMinutes ?? 15, description: 'An hour with a stylist' },
  });
  if (type.statusCode !== 201) throw new Error(`type: ${type.statusCode} ${type.body}`);
  const hours = await app.inject({
    method: 'PUT', url: `/api/v1/appointments/setup/${storeId}/opening-hours`, headers: { cookie },
    payload: { days: ALL_WEEK.map((weekday) => ({ weekday, opens: '10:00', closes: '19:00' })) },
  });
  if (hours.statusCode !== 200) throw new Error(`hours: ${hours.statusCode} ${hours.body}`);
  for (const associateId of associateIds) {
    const s = await app.inject({
      method: 'PUT', url: `/api/v1/appointments/setup/${storeId}/schedules/${associateId}`, headers: { cookie },
      payload: { shifts: ALL_WEEK.map((weekday) => ({ weekday, start: '10:00', end: '19:00' })) },
    });
    if (s.statusCode !== 200) throw new Error(`schedule: ${s.statusCode} ${s.body}`);
  }
  return { typeId: type.json().id as string, date: formatLocalDate(addDays(localDateOf(Date.now(), 'Europe/Paris'), 2)) };
}
