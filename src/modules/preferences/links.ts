import { randomBytes } from 'node:crypto';
import { sign, verifySigned } from '../../db/secret-key.ts';

/** Opaque id of a preference link: never the customer's id, never guessable. */
export const newPreferenceId = () => `pref_${randomBytes(12).toString('base64url')}`;

const ID = /^pref_[A-Za-z0-9_-]{8,40}$/;
// The use is part of what is signed, so a page token cannot be replayed as an unsubscribe and the reverse.
const PAGE = 'preference-page:';
const ONE_CLICK = 'one-click-unsubscribe:';

export function preferencePageToken(key: string, publicId: string): string {
  return `${publicId}.${sign(key, PAGE + publicId)}`;
}

export function verifyPreferencePageToken(key: string, token: string): string | null {
  const [publicId, signature, ...rest] = token.split('.');
  if (rest.length || !publicId || !signature || !ID.test(publicId)) return null;
  return verifySigned(key, PAGE + publicId, signature) ? publicId : null;
}

/** What a one-click unsubscribe stops: a topic of a channel, or the channel's marketing when the mail had no topic. */
export interface Unsubscribe { publicId: string; channel: string; topic: string | null }

export function unsubscribeToken(key: string, u: Unsubscribe): string {
  const payload = `${u.publicId}.${u.channel}.${u.topic ?? '-'}`;
  return `${payload}.${sign(key, ONE_CLICK + payload)}`;
}

export function verifyUnsubscribeToken(key: string, token: string): Unsubscribe | null {
  const parts = token.split('.');
  if (parts.length !== 4) return null;
  const [publicId, channel, topic, signature] = parts;
  if (!ID.test(publicId) || !/^[a-z-]{2,40}$/.test(channel) || !/^[a-z-]{1,40}$/.test(topic)) return null;
  if (!verifySigned(key, `${ONE_CLICK}${publicId}.${channel}.${topic}`, signature)) return null;
  return { publicId, channel, topic: topic === '-' ? null : topic };
}

const base = (url: string) => url.replace(/\/$/, '');
export const preferencePageUrl = (baseUrl: string, token: string) => `${base(baseUrl)}/preferences/${encodeURIComponent(token)}`;
export const unsubscribeUrl = (baseUrl: string, token: string) => `${base(baseUrl)}/api/v1/public/preferences/unsubscribe/${encodeURIComponent(token)}`;
