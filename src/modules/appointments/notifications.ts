import type { Db } from '../../db/client.ts';
import type { Config } from '../../config.ts';
import { secretKey } from '../../db/secret-key.ts';
import { deliverDueMessages, enqueueMessage } from '../outreach/outbox.ts';
import { buildIcs } from './ics.ts';
import { manageToken, manageUrl } from './links.ts';
import type { AppointmentRecord } from './booking-service.ts';
import { emailTexts, languageOf } from './email-texts.ts';

export type AppointmentMessage = 'confirmation' | 'rescheduled' | 'cancelled' | 'reminder';

/** "Saturday 29 March 2025 at 10:00" (or "samedi 29 mars 2025 à 10:00") in the store's time zone: customers read the store's clock. */
export function formatLocal(iso: string, timeZone: string, language: string = 'en'): string {
  return emailTexts(languageOf(language)).when(new Date(iso), timeZone);
}

const firstName = (name: string) => name.split(/\s+/)[0];

/**
 * Puts the customer's email in the outreach outbox (transactional: no marketing consent needed, opt-outs of
 * the channel still respected), with the appointment as a calendar attachment, in the customer's language.
 * Idempotent per event. An appointment without an email address (booked by an associate for a customer who
 * gave none) gets no message: returns null.
 */
export async function enqueueAppointmentEmail(db: Db, config: Config, apt: AppointmentRecord, kind: AppointmentMessage) {
  if (!apt.customerEmail) return null;
  const t = emailTexts(languageOf(apt.customerLanguage));
  const key = await secretKey(db, config.secretKey);
  const link = manageUrl(config.publicBaseUrl, manageToken(key, apt.publicId));
  const when = t.when(new Date(apt.startsAt), apt.storeTimeZone);
  const where = [apt.storeName, apt.storeAddress, apt.storeCity].filter(Boolean).join(', ');
  const with_ = firstName(apt.associateName);
  const lines = [t.greeting(apt.customerName), ''];
  if (kind === 'cancelled') lines.push(t.cancelledBody(apt.typeName, when, where));
  else {
    const c = t.colon;
    lines.push(t.lead[kind], '', `${apt.typeName}${c}${when}`, `${t.storeLabel}${c}${where}`, `${t.withLabel}${c}${with_}`, '', `${t.changeOrCancel}${c}${link}`);
  }
  lines.push('', `${apt.storeName}`);
  const sequence = Math.max(0, Math.floor((Date.parse(apt.updatedAt) - Date.UTC(2020, 0, 1)) / 1000)) || 0;
  const ics = buildIcs({
    uid: apt.publicId, startsAt: new Date(apt.startsAt), endsAt: new Date(apt.endsAt),
    summary: t.icsSummary(apt.typeName, apt.storeName), description: t.icsDescription(with_, link),
    location: where, method: kind === 'cancelled' ? 'CANCEL' : 'REQUEST', sequence, url: link,
  });
  return enqueueMessage(db, {
    legalEntityId: apt.legalEntityId, customerId: apt.customerId, channel: 'email', to: apt.customerEmail,
    subject: t.subject[kind](apt.typeName, apt.storeName), body: lines.join('\n'),
    attachments: [{ filename: 'appointment.ics', content: ics, contentType: 'text/calendar' }],
    purpose: `appointment-${kind}`, transactional: true,
    idempotencyKey: `appointment:${apt.publicId}:${kind}:${kind === 'cancelled' ? '' : kind === 'rescheduled' ? apt.updatedAt : apt.startsAt}`,
  });
}

/**
 * Sends what was just queued without waiting for the outbox job's next tick, so the customer has their
 * confirmation while still on the page. Fire and forget: the request does not wait, and a failure here is
 * left to the outbox job, which retries.
 */
export function sendSoon(db: Db, config: Config, legalEntityId: string): void {
  void Promise.resolve()
    .then(() => deliverDueMessages(db, config, { legalEntityId, limit: 10 }))
    .catch(() => {});
}

/** Queues the message and sends it right away in the background. */
export async function notifyNow(db: Db, config: Config, apt: AppointmentRecord, kind: AppointmentMessage) {
  const queued = await enqueueAppointmentEmail(db, config, apt, kind);
  if (queued) sendSoon(db, config, apt.legalEntityId);
  return queued;
}
