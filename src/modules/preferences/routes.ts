import { Type } from '@sinclair/typebox';
import type { App } from '../../http/types.ts';
import { Obj, Uuid, Nullable } from '../../http/schemas.ts';
import { createRateLimiter } from '../../http/rate-limit.ts';
import { linkKey, oneClickUnsubscribe, preferenceLinkFor, preferencePage, requestAnotherAssociate, revokePreferenceLinks, updatePreferences } from './service.ts';
import { PAGE_CHANNELS, TOPICS } from './topics.ts';

const Token = Type.String({ minLength: 10, maxLength: 400 });
const Page = Type.Object({
  firstName: Type.String(),
  language: Type.Union([Type.Literal('en'), Type.Literal('fr')]),
  channels: Type.Array(Type.Object({ channel: Type.String(), granted: Type.Boolean(), reachable: Type.Boolean({ description: 'The customer card has an address for it' }) })),
  topics: Type.Array(Type.Object({ topic: Type.String(), granted: Type.Boolean() })),
  associate: Nullable(Type.Object({ name: Type.String({ description: 'First name and initial' }) })),
  associateChangeRequestedAt: Nullable(Type.String()),
  expiresAt: Type.String(),
}, { $id: 'PreferencePage' });

const flags = (names: readonly string[]) => Type.Partial(Obj(Object.fromEntries(names.map((n) => [n, Type.Boolean()]))));

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
      response: { 200: Type.Object({ unsubscribed: Type.Literal(true), channel: Type.String(), topic: Nullable(Type.String()) }) },
    },
  }, async (req) => ({ unsubscribed: true as const, ...(await oneClickUnsubscribe(app.db, await key(), req.params.token)) }));

  app.get('/:token', {
    config: { public: true }, preHandler: readLimit,
    schema: { tags: ['public preferences'], summary: 'The customer\'s channels, topics, language and associate', security: [], params: Obj({ token: Token }), response: { 200: Type.Ref('PreferencePage') } },
  }, async (req) => preferencePage(app.db, await key(), req.params.token));

  app.put('/:token', {
    config: { public: true }, preHandler: writeLimit,
    schema: {
      tags: ['public preferences'], summary: 'The customer changes channels, topics or language; each change goes to the consent history', security: [],
      params: Obj({ token: Token }),
      body: Obj({ channels: Type.Optional(flags(PAGE_CHANNELS)), topics: Type.Optional(flags(TOPICS)), language: Type.Optional(Type.Union([Type.Literal('en'), Type.Literal('fr')])) }),
      response: { 200: Type.Ref('PreferencePage') },
    },
  }, async (req) => updatePreferences(app.db, await key(), req.params.token, req.body));

  app.post('/:token/associate-request', {
    config: { public: true }, preHandler: writeLimit,
    schema: {
      tags: ['public preferences'], summary: 'The customer asks to be looked after by another associate', security: [],
      params: Obj({ token: Token }), body: Type.Optional(Obj({ message: Type.Optional(Type.String({ maxLength: 1000 })) })),
      response: { 200: Type.Ref('PreferencePage') },
    },
  }, async (req) => requestAnotherAssociate(app.db, await key(), req.params.token, req.body?.message ?? null));
}

export default async function preferenceRoutes(app: App) {
  app.addSchema(Page);
  await app.register(publicPreferenceRoutes, { prefix: '/public/preferences' });

  app.get('/customers/:id/preference-link', {
    config: { permission: 'outreach.send' },
    schema: {
      tags: ['preferences'], summary: 'The customer\'s signed preference page link, to pass on to them', params: Obj({ id: Uuid }),
      response: { 200: Type.Object({ url: Type.String(), expiresAt: Type.String() }) },
    },
  }, async (req) => preferenceLinkFor(app.db, app.config, req.auth!, req.params.id));

  app.post('/customers/:id/preference-links/revoke', {
    config: { permission: 'customers.edit' },
    schema: {
      tags: ['preferences'], summary: 'Revoke the customer\'s preference links (e.g. an email was forwarded); the next email carries a new one',
      params: Obj({ id: Uuid }), body: Type.Optional(Obj({})), response: { 200: Type.Object({ revoked: Type.Integer() }) },
    },
  }, async (req) => revokePreferenceLinks(app.db, req.auth!, req.params.id));
}
