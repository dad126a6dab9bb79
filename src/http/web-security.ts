import helmet from '@fastify/helmet';
import type { FastifyRequest } from 'fastify';
import type { App } from './types.ts';
import { AppError } from './errors.ts';
import { SESSION_COOKIE } from './session-cookie.ts';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Security headers on every answer (pages, files and API alike), and the Origin check that keeps another site from
 * using a signed-in browser's session cookie.
 */
export async function registerWebSecurity(app: App) {
  const https = app.config.publicBaseUrl.startsWith('https:');
  await app.register(helmet, {
    // The built web app loads only its own script and style files and talks only to its own API; React's style props
    // are set through the DOM, which style-src does not govern. No page may be framed (clickjacking), the public
    // booking page included: it is linked to, never embedded.
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    frameguard: { action: 'deny' },
    // Booking and manage links carry their token in the address: it must not reach another site in a Referer.
    referrerPolicy: { policy: 'same-origin' },
    // HSTS only where the app is served over HTTPS; on http it would mean nothing, or lock a host name out of http.
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: false } : false,
    crossOriginEmbedderPolicy: false,
  });

  const ownOrigin = originOf(app.config.publicBaseUrl);
  app.addHook('onRequest', async (req) => {
    if (!needsOriginCheck(req)) return;
    const source = req.headers.origin ?? refererOrigin(req.headers.referer);
    // Neither header: not a browser acting for another site (browsers send Origin on every cross-site POST, PUT,
    // PATCH and DELETE, and SameSite=Lax keeps the cookie off them anyway); scripts, the CLI and app.inject send none.
    if (source === undefined) return;
    if (source === ownOrigin || hostOf(source) === req.host) return;
    throw new AppError('forbidden', `Requests from ${source === 'null' ? 'an opaque origin' : source} may not use this session; use the app at ${ownOrigin}.`, { field: 'origin' });
  });
}

/** A state-changing request that a browser's session cookie would authenticate, or a sign-in (login CSRF). */
function needsOriginCheck(req: FastifyRequest): boolean {
  if (!UNSAFE_METHODS.has(req.method)) return false;
  if (req.headers.authorization?.startsWith('Bearer ')) return false; // a token is sent on purpose, never by a browser on its own
  return !!req.cookies[SESSION_COOKIE] || req.routeOptions.url === '/api/v1/auth/sign-in';
}

function originOf(url: string): string {
  try { return new URL(url).origin; } catch { return url; }
}

/** The origin of a Referer, the string 'null' for one that cannot be read, or undefined when there is none. */
function refererOrigin(referer: string | undefined): string | undefined {
  if (!referer) return undefined;
  try { return new URL(referer).origin; } catch { return 'null'; }
}

function hostOf(origin: string): string | null {
  try { return new URL(origin).host; } catch { return null; }
}
