import { Type } from '@sinclair/typebox';
import type { App } from '../../http/types.ts';
import { Obj, Uuid } from '../../http/schemas.ts';
import { createRateLimiter } from '../../http/rate-limit.ts';
import { linkKey, oneClickUnsubscribe, preferenceLinkFor, preferencePage, requestAnotherAssociate, revokePreferenceLinks, updatePreferences } from './service.ts';
import { PreferenceChangeSchema, PreferenceLinkSchema, PreferencePageRef, PreferencePageSchema, RevokedSchema, UnsubscribedSchema } from './preference-schemas.ts';

const Token = Type.String({ minLength: 10, maxLength: 400 });
/** The customer's own page (signed link, no sign-in) and RFC 8058 one-click unsubscribe. */
async function publicPreferenceRoutes(app: App) {
  const readLimit = createRateLimiter(app.db, { name: 'preferences-read', max: 120, windowMs: 60_000 });
  const writeLimit = createRateLimiter(app.db, { name: 'preferences-write', max: 30, windowMs: 60_000 });
  const key = () => linkKey(app.db, app.config);

  // Mail providers post the one-click request as a form (RFC 8058: body "List-Unsubscribe=One-Click").
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });

  app.post('/unsubscribe/:token', {
    config: { public: true }, preHandler: writeLimit,
    schema: {
      tags: ['public preferences'], summary: 'One-click unsubscribe (RFC 8058) from the List-Unsubscribe header of a marketing email', security: [],
      consumes: ['application/x-www-form-urlencoded', 'application/json'],
      params: Obj({ token: Token }),
      body: Type.Object({ 'List-Unsubscribe': Type.Literal('One-Click') }),
      response: { 200: UnsubscribedSchema },
    },
  }, async (req) => ({ unsubscribed: true as const, ...(await oneClickUnsubscribe(app.db, await key(), req.params.token)) }));

  app.get('/:token', {
    config: { public: true }, preHandler: readLimit,
    schema: { tags: ['public preferences'], summary: 'The customer\'s channels, topics, language and associate', security: [], params: Obj({ token: Token }), response: { 200: PreferencePageRef } },
  }, async (req) => preferencePage(app.db, await key(), req.params.token));

  app.put('/:token', {
    config: { public: true }, preHandler: writeLimit,
    schema: {
      tags: ['public preferences'], summary: 'The customer changes channels, topics or language; each change goes to the consent history', security: [],
      params: Obj({ token: Token }),
      body: PreferenceChangeSchema,
      response: { 200: PreferencePageRef },
    },
  }, async (req) => updatePreferences(app.db, await key(), req.params.token, req.body));

  app.post('/:token/associate-request', {
    config: { public: true }, preHandler: writeLimit,
    schema: {
      tags: ['public preferences'], summary: 'The customer asks to be looked after by another associate', security: [],
      params: Obj({ token: Token }), body: Type.Optional(Obj({ message: Type.Optional(Type.String({ maxLength: 1000 })) })),
      response: { 200: PreferencePageRef },
    },
  }, async (req) => requestAnotherAssociate(app.db, await key(), req.params.token, req.body?.message ?? null));
}

export default async function preferenceRoutes(app: App) {
  app.addSchema(PreferencePageSchema);
  await app.register(publicPreferenceRoutes, { prefix: '/public/preferences' });

  app.get('/customers/:id/preference-link', {
    config: { permission: 'outreach.send' },
    schema: {
      tags: ['preferences'], summary: 'The customer\'s signed preference page link, to pass on to them', params: Obj({ id: Uuid }),
      response: { 200: PreferenceLinkSchema },
    },
  }, async (req) => preferenceLinkFor(app.db, app.config, req.auth!, req.params.id));

  app.post('/customers/:id/preference-links/revoke', {
    config: { permission: 'customers.edit' },
    schema: {
      tags: ['preferences'], summary: 'Revoke the customer\'s preference links (e.g. an email was forwarded); the next email carries a new one',
      params: Obj({ id: Uuid }), body: Type.Optional(Obj({})), response: { 200: RevokedSchema },
    },
  }, async (req) => revokePreferenceLinks(app.db, req.auth!, req.params.id));
}
