import type { Db } from '../../db/client.ts';
import type { Config } from '../../config.ts';
import { secretKey } from '../../db/secret-key.ts';
import { enqueueMessage } from '../outreach/outbox.ts';
import { buildIcs } from './ics.ts';
import { manageToken, manageUrl } from './links.ts';
import type { AppointmentRecord } from './booking-service.ts';

export type AppointmentMessage = 'confirmation' | 'rescheduled' | 'cancelled' | 'reminder';

/** "Saturday 29 March 2025 at 10:00" in the store's time zone: customers read the store's clock. */
export function formatLocal(iso: string, timeZone: string): string {
  const d = new Date(iso);
  const date = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(d);
  const time = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d);
  return `${date} at ${time}`;
}

const firstName = (name: string) => name.split(/\s+/)[0];

const SUBJECT: Record<AppointmentMessage, (a: AppointmentRecord) => string> = {
  confirmation: (a) => `Your ${a.typeName.toLowerCase()} at ${a.storeName} is booked`,
  rescheduled: (a) => `Your ${a.typeName.toLowerCase()} at ${a.storeName} has moved`,
  cancelled: (a) => `Your ${a.typeName.toLowerCase()} at ${a.storeName} is cancelled`,
  reminder: (a) => `Reminder: your ${a.typeName.toLowerCase()} at ${a.storeName} tomorrow`,
};

/**
 * Puts the customer's email in the outreach outbox (transactional: no marketing consent needed, opt-outs of
 * the channel still respected), with the appointment as a calendar attachment. Idempotent per event.
 */
export async function enqueueAppointmentEmail(db: Db, config: Config, apt: AppointmentRecord, kind: AppointmentMessage) {
  const key = await secretKey(db, config.secretKey);
  const link = manageUrl(config.publicBaseUrl, manageToken(key, apt.publicId));
  const when = formatLocal(apt.startsAt, apt.storeTimeZone);
  const where = [apt.storeName, apt.storeAddress, apt.storeCity].filter(Boolean).join(', ');
  const lines = [`Dear ${apt.customerName},`, ''];
  if (kind === 'cancelled') lines.push(`Your ${apt.typeName.toLowerCase()} on ${when} at ${where} is cancelled. We hope to see you another time.`);
  else {
    const lead = { confirmation: 'Thank you for booking.', rescheduled: 'Your appointment has a new time.', reminder: 'We look forward to seeing you tomorrow.' }[kind];
    lines.push(lead, '', `${apt.typeName}: ${when}`, `Store: ${where}`, `With: ${firstName(apt.associateName)}`, '',
      `To change or cancel your appointment: ${link}`);
  }
  lines.push('', `${apt.storeName}`);
  const sequence = Math.max(0, Math.floor((Date.parse(apt.updatedAt) - Date.UTC(2020, 0, 1)) / 1000)) || 0;
  const ics = buildIcs({
    uid: apt.publicId, startsAt: new Date(apt.startsAt), endsAt: new Date(apt.endsAt),
    summary: `${apt.typeName} at ${apt.storeName}`, description: `With ${firstName(apt.associateName)}. Change or cancel: ${link}`,
    location: where, method: kind === 'cancelled' ? 'CANCEL' : 'REQUEST', sequence, url: link,
  });
  return enqueueMessage(db, {
    legalEntityId: apt.legalEntityId, customerId: apt.customerId, channel: 'email', to: apt.customerEmail,
    subject: SUBJECT[kind](apt), body: lines.join('\n'),
    attachments: [{ filename: 'appointment.ics', content: ics, contentType: 'text/calendar' }],
    purpose: `appointment-${kind}`, transactional: true,
    idempotencyKey: `appointment:${apt.publicId}:${kind}:${kind === 'cancelled' ? '' : kind === 'rescheduled' ? apt.updatedAt : apt.startsAt}`,
  });
}
