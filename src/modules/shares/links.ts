import { randomBytes } from 'node:crypto';
import { sign, verifySigned } from '../../db/secret-key.ts';

export const newLookId = () => `look_${randomBytes(12).toString('base64url')}`;

const USE = 'look-page:';

/** The token in the customer's link: the look's opaque id and its signature. */
export function lookToken(key: string, publicId: string): string {
  return `${publicId}.${sign(key, USE + publicId)}`;
}

export function verifyLookToken(key: string, token: string): string | null {
  const [publicId, signature, ...rest] = token.split('.');
  if (rest.length || !publicId || !signature || !/^look_[A-Za-z0-9_-]{8,40}$/.test(publicId)) return null;
  return verifySigned(key, USE + publicId, signature) ? publicId : null;
}

export const lookUrl = (baseUrl: string, token: string) => `${baseUrl.replace(/\/$/, '')}/look/${encodeURIComponent(token)}`;
