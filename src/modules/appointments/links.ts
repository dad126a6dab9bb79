import { randomBytes } from 'node:crypto';
import { sign, verifySigned } from '../../db/secret-key.ts';

/** Opaque id for links and calendars: never the row id, never guessable. */
export function newPublicId(): string {
  return `apt_${randomBytes(12).toString('base64url')}`;
}

// The purpose is part of what is signed, so a token made for one use cannot be replayed for another.
const MANAGE = 'appointment-manage:';

/** The token in a customer's "manage your appointment" link: the public id and its signature. */
export function manageToken(key: string, publicId: string): string {
  return `${publicId}.${sign(key, MANAGE + publicId)}`;
}

/** The public id a manage token stands for, or null when it was not signed by this installation. */
export function verifyManageToken(key: string, token: string): string | null {
  const dot = token.lastIndexOf('.');
  if (dot <= 0) return null;
  const publicId = token.slice(0, dot);
  if (!/^apt_[A-Za-z0-9_-]{8,40}$/.test(publicId)) return null;
  return verifySigned(key, MANAGE + publicId, token.slice(dot + 1)) ? publicId : null;
}

export function manageUrl(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/$/, '')}/book/manage/${encodeURIComponent(token)}`;
}

const FOR = 'booking-for:';

/**
 * A personal booking link's token, sent to a known customer (by their associate or in their emails): it lets the
 * booking page put the customer's own associate first without anyone learning who is a customer from an email.
 */
export function customerBookingToken(key: string, legalEntityId: string, customerId: string): string {
  const payload = Buffer.from(`${legalEntityId}:${customerId}`).toString('base64url');
  return `${payload}.${sign(key, FOR + payload)}`;
}

export function verifyCustomerBookingToken(key: string, token: string): { legalEntityId: string; customerId: string } | null {
  const [payload, signature] = token.split('.');
  if (!payload || !signature || !verifySigned(key, FOR + payload, signature)) return null;
  const [legalEntityId, customerId] = Buffer.from(payload, 'base64url').toString('utf8').split(':');
  return legalEntityId && customerId ? { legalEntityId, customerId } : null;
}
