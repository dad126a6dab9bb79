import { Type } from '@sinclair/typebox';
import { eq } from 'drizzle-orm';
import type { App } from '../../http/types.ts';
import { Obj, Ok, Nullable, Uuid } from '../../http/schemas.ts';
import { AppError } from '../../http/errors.ts';
import { createRateLimiter } from '../../http/rate-limit.ts';
import { audit } from '../audit/service.ts';
import { legalEntities } from '../organisation/schema.ts';
import { ssoSignInReply } from './second-factor-routes.ts';
import { SAML_ACS_PATH, finishSamlSignIn, getSamlSettings, samlMetadata, saveSamlSettings, startSamlSignIn } from './saml.ts';

const RELAY_COOKIE = 'clt_saml_relay';
const Redirect = { 302: Type.Null({ description: 'Redirect (Location header)' }) };
const LegalEntityCode = Obj({ legalEntityCode: Type.String({ minLength: 1, maxLength: 50 }) });
const Url = (max: number) => Type.String({ minLength: 8, maxLength: max, format: 'uri' });

const Settings = Type.Object({
  enabled: Type.Boolean(),
  displayName: Type.String({ minLength: 1, maxLength: 100 }),
  idpEntityId: Type.String({ minLength: 1, maxLength: 500, description: 'The IdP\'s entityID (the Issuer of its assertions)' }),
  idpSsoUrl: Url(1000),
  idpCertificates: Type.Array(Type.String({ minLength: 100, maxLength: 20_000, description: 'PEM, or the base64 of the IdP metadata\'s X509Certificate' }), {
    minItems: 1, maxItems: 5, description: 'The IdP\'s signing certificates; two while it rolls its key over',
  }),
  spEntityId: Type.String({ minLength: 1, maxLength: 500, description: 'Our entityID at the IdP: the audience its assertions must name' }),
  allowedDomains: Type.Array(Type.String({ minLength: 3, maxLength: 253, pattern: '^@?[A-Za-z0-9.-]+\\.[A-Za-z]{2,}$' }), { minItems: 1, maxItems: 50 }),
  roleAttribute: Nullable(Type.String({ minLength: 1, maxLength: 300 })),
  roleMapping: Type.Array(Type.Object({ value: Type.String({ minLength: 1, maxLength: 300 }), roleId: Uuid }), { maxItems: 100 }),
  passwordSignIn: Type.Boolean(),
});

/** SAML 2.0 sign-in per legal entity: its settings (head office), the SP metadata, and the browser's way there and back. */
export async function samlRoutes(app: App) {
  const acsUrl = () => new URL(SAML_ACS_PATH, app.config.publicBaseUrl).href;
  const metadataUrl = (code: string) => new URL(`/api/v1/auth/saml/${encodeURIComponent(code)}/metadata`, app.config.publicBaseUrl).href;
  const limit = createRateLimiter(app.db, { name: 'saml', max: 60, windowMs: 60_000 });

  app.get('/auth/saml/:legalEntityCode/metadata', {
    config: { public: true }, preHandler: limit,
    schema: {
      tags: ['auth'], security: [], summary: 'The SP metadata (XML) to give the legal entity\'s SAML IdP: our entity id and the ACS address (HTTP-POST)',
      params: LegalEntityCode, produces: ['application/samlmetadata+xml'], response: { 200: Type.String() },
    },
  }, async (req, reply) => reply.type('application/samlmetadata+xml; charset=utf-8').send(await samlMetadata(app.db, req.params.legalEntityCode, acsUrl())));

  app.get('/auth/saml/:legalEntityCode/start', {
    config: { public: true }, preHandler: limit,
    schema: {
      tags: ['auth'], security: [], summary: 'Start signing in with the legal entity\'s SAML IdP: redirects there with an AuthnRequest and RelayState (HTTP-Redirect binding)',
      params: LegalEntityCode, response: Redirect,
    },
  }, async (req, reply) => {
    const { url, relayState } = await startSamlSignIn(app.db, req.params.legalEntityCode, acsUrl());
    // The IdP's answer is a cross-site POST: only a SameSite=None cookie comes back with it, and browsers take one
    // only when Secure. Over plain http (development) the cookie is Lax, not sent back, and not asked for.
    reply.setCookie(RELAY_COOKIE, relayState, {
      httpOnly: true, secure: app.config.secureCookies, sameSite: app.config.secureCookies ? 'none' : 'lax', path: '/api/v1/auth/saml', maxAge: 600,
    });
    return reply.redirect(url, 302);
  });

  // The IdP's answer comes as a browser form post; the parser is scoped to this route's plugin.
  await app.register(async (acs: App) => {
    acs.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 512 * 1024 }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });
    acs.post('/auth/saml/acs', {
      config: { public: true }, preHandler: limit,
      schema: {
        tags: ['auth'], security: [],
        summary: 'The Assertion Consumer Service (HTTP-POST binding): checks the IdP\'s Response, signs in and redirects to the app (or to the sign-in page with sso_error)',
        consumes: ['application/x-www-form-urlencoded'],
        body: Obj({
          SAMLResponse: Type.String({ minLength: 1, maxLength: 400_000, pattern: '^[A-Za-z0-9+/=\\s]+$' }),
          RelayState: Type.Optional(Type.String({ maxLength: 80 })),
        }),
        response: Redirect,
      },
    }, async (req, reply) => {
      const browserRelayState = app.config.secureCookies ? req.cookies[RELAY_COOKIE] ?? '' : null;
      reply.clearCookie(RELAY_COOKIE, { path: '/api/v1/auth/saml' });
      try {
        const target = await finishSamlSignIn(app.db, acsUrl(), req.body, browserRelayState);
        // SAML has no standard word for "several factors": this app's second factor is asked for as after a password.
        return await ssoSignInReply(app, req, reply, target, 'saml');
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        req.log.info({ code: err.code }, 'SAML sign-in refused');
        return reply.redirect(`/?sso_error=${encodeURIComponent(err.code)}`, 302);
      }
    });
  });

  app.get('/sso/saml', {
    config: { permission: 'users.manage' },
    schema: {
      tags: ['auth'], summary: 'This legal entity\'s SAML sign-in, with the SP metadata and ACS addresses to give its IdP, or null',
      response: { 200: Nullable(Type.Object({ ...Settings.properties, spMetadataUrl: Type.String(), acsUrl: Type.String() })) },
    },
  }, async (req) => {
    const s = await getSamlSettings(app.db, req.auth!.legalEntityId);
    if (!s) return null;
    const [le] = await app.db.select({ code: legalEntities.code }).from(legalEntities).where(eq(legalEntities.id, req.auth!.legalEntityId));
    return { ...s, spMetadataUrl: metadataUrl(le.code), acsUrl: acsUrl() };
  });

  app.put('/sso/saml', {
    config: { permission: 'users.manage' },
    schema: {
      tags: ['auth'], summary: 'Set this legal entity\'s SAML sign-in; passwordSignIn false (while enabled) leaves single sign-on as the only way in',
      description: 'idpCertificates are the IdP\'s signing certificates (PEM or bare base64); a Response must be signed by one of them. '
        + 'roleAttribute names an assertion attribute (e.g. "groups") whose values map to roles through roleMapping; the mapped roles replace the associate\'s at each sign-in.',
      body: Obj(Settings.properties),
      response: { 200: Ok },
    },
  }, async (req) => {
    await saveSamlSettings(app.db, req.auth!.legalEntityId, req.body);
    const { idpCertificates, ...shown } = req.body;
    await audit(app.db, req.auth!, 'update', 'saml_provider', req.auth!.legalEntityId, { ...shown, idpCertificateCount: idpCertificates.length });
    return { ok: true };
  });
}
