import { Type } from '@sinclair/typebox';
import type { App } from '../../http/types.ts';
import { Obj, Ok, Nullable, Uuid } from '../../http/schemas.ts';
import { secretKey } from '../../db/secret-key.ts';
import { AppError } from '../../http/errors.ts';
import { createRateLimiter } from '../../http/rate-limit.ts';
import { audit } from '../audit/service.ts';
import { ssoSignInReply } from './second-factor-routes.ts';
import { getOidcSettings, saveOidcSettings, startOidcSignIn, finishOidcSignIn } from './oidc.ts';
import { signInOptions } from './sso-sign-in.ts';

const STATE_COOKIE = 'clt_oidc_state';
const CALLBACK = '/api/v1/auth/sso/callback';
const Redirect = { 302: Type.Null({ description: 'Redirect (Location header)' }) };

const Settings = Type.Object({
  displayName: Type.String({ minLength: 1, maxLength: 100 }),
  issuer: Type.String({ minLength: 8, maxLength: 500, format: 'uri' }),
  clientId: Type.String({ minLength: 1, maxLength: 300 }),
  allowedDomains: Type.Array(Type.String({ minLength: 3, maxLength: 253, pattern: '^@?[A-Za-z0-9.-]+\\.[A-Za-z]{2,}$' }), { minItems: 1, maxItems: 50 }),
  roleClaim: Nullable(Type.String({ minLength: 1, maxLength: 100 })),
  roleMapping: Type.Array(Type.Object({ value: Type.String({ minLength: 1, maxLength: 300 }), roleId: Uuid }), { maxItems: 100 }),
  passwordSignIn: Type.Boolean(),
});
const Enabled = Type.Boolean({ description: 'Whether associates sign in through the provider; off keeps the settings (password sign-in must then be on)' });

/** OpenID Connect sign-in per legal entity: its settings (head office), and the browser's way there and back. */
export function oidcRoutes(app: App) {
  const key = () => secretKey(app.db, app.config.secretKey);
  const redirectUri = () => new URL(CALLBACK, app.config.publicBaseUrl).href;
  // Public and each start writes a row (and asks the provider): a ceiling per client address.
  const limit = createRateLimiter(app.db, { name: 'sso', max: 60, windowMs: 60_000 });
  // Asked as an address is typed on the sign-in page (a store's tablets may share one address).
  const lookupLimit = createRateLimiter(app.db, { name: 'sso-options', max: 300, windowMs: 60_000 });

  app.get('/auth/sso/options', {
    config: { public: true }, preHandler: lookupLimit,
    schema: {
      tags: ['auth'], security: [], summary: 'For the sign-in page: the single sign-on of the legal entities using this address\'s domain, and whether a password may be used',
      querystring: Obj({ email: Type.String({ minLength: 3, maxLength: 320 }) }),
      response: { 200: Type.Object({
        providers: Type.Array(Type.Object({
          legalEntityCode: Type.String(), legalEntityName: Type.String(), displayName: Type.String(),
          protocol: Type.Union([Type.Literal('oidc'), Type.Literal('saml')], { description: 'oidc: start at /auth/sso/{code}/start; saml: at /auth/saml/{code}/start' }),
        })),
        passwordSignIn: Type.Boolean(),
      }) },
    },
  }, async (req) => signInOptions(app.db, req.query.email));

  app.get('/auth/sso/:legalEntityCode/start', {
    config: { public: true }, preHandler: limit,
    schema: {
      tags: ['auth'], security: [], summary: 'Start signing in with the legal entity\'s OpenID provider: redirects there (Authorization Code with PKCE)',
      params: Obj({ legalEntityCode: Type.String({ minLength: 1, maxLength: 50 }) }), response: Redirect,
    },
  }, async (req, reply) => {
    const { url, state } = await startOidcSignIn(app.db, await key(), req.params.legalEntityCode, redirectUri());
    reply.setCookie(STATE_COOKIE, state, { httpOnly: true, sameSite: 'lax', secure: app.config.secureCookies, path: '/api/v1/auth/sso', maxAge: 600 });
    return reply.redirect(url, 302);
  });

  app.get('/auth/sso/callback', {
    config: { public: true }, preHandler: limit,
    schema: {
      tags: ['auth'], security: [], summary: 'Where the OpenID provider sends the browser back: signs in and redirects to the app (or to the sign-in page with sso_error)',
      querystring: Type.Object({
        code: Type.Optional(Type.String({ maxLength: 2000 })), state: Type.Optional(Type.String({ maxLength: 500 })), iss: Type.Optional(Type.String({ maxLength: 500 })),
        error: Type.Optional(Type.String({ maxLength: 200 })), error_description: Type.Optional(Type.String({ maxLength: 1000 })),
        session_state: Type.Optional(Type.String({ maxLength: 500 })),
      }),
      response: Redirect,
    },
  }, async (req, reply) => {
    const browserState = req.cookies[STATE_COOKIE];
    reply.clearCookie(STATE_COOKIE, { path: '/api/v1/auth/sso' });
    try {
      const { providerMfa, ...target } = await finishOidcSignIn(app.db, await key(), new URL(req.url, app.config.publicBaseUrl), browserState);
      return await ssoSignInReply(app, req, reply, target, 'openid', providerMfa);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      req.log.info({ code: err.code }, 'single sign-on refused');
      return reply.redirect(`/?sso_error=${encodeURIComponent(err.code)}`, 302);
    }
  });

  app.get('/sso/oidc', {
    config: { permission: 'users.manage' },
    schema: {
      tags: ['auth'], summary: 'This legal entity\'s OpenID Connect sign-in (the client secret is never shown), or null',
      response: { 200: Nullable(Type.Object({ ...Settings.properties, enabled: Enabled, hasClientSecret: Type.Boolean(), redirectUri: Type.String() })) },
    },
  }, async (req) => {
    const s = await getOidcSettings(app.db, req.auth!.legalEntityId);
    return s ? { ...s, redirectUri: redirectUri() } : null;
  });

  app.put('/sso/oidc', {
    config: { permission: 'users.manage' },
    schema: {
      tags: ['auth'], summary: 'Set this legal entity\'s OpenID Connect sign-in; passwordSignIn false leaves single sign-on as the only way in',
      description: 'The issuer must answer OpenID discovery. clientSecret is stored encrypted; leave it out to keep the saved one. '
        + 'roleClaim names an ID token claim (e.g. "groups") whose values map to roles through roleMapping; the mapped roles replace the associate\'s at each sign-in.',
      body: Type.Object({ ...Settings.properties, enabled: Type.Optional(Enabled), clientSecret: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })) }, { additionalProperties: false }),
      response: { 200: Ok },
    },
  }, async (req) => {
    await saveOidcSettings(app.db, await key(), req.auth!.legalEntityId, req.body);
    const { clientSecret: _secret, ...shown } = req.body;
    await audit(app.db, req.auth!, 'update', 'oidc_provider', req.auth!.legalEntityId, shown);
    return { ok: true };
  });
}
