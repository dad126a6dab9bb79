import { Type } from '@sinclair/typebox';
import type { App } from '../../http/types.ts';
import { Obj, Uuid } from '../../http/schemas.ts';
import { CONSENT_CHANNELS } from './schema.ts';
import { ProfileSchema, PreferenceSchema, ConsentSchema, PreferenceInputSchema, ConsentInputSchema } from './profile-schemas.ts';
import { customerProfile, addPreference, removePreference, setConsent, listConsentHistory } from './service.ts';

const Channel = Type.Union(CONSENT_CHANNELS.map((c) => Type.Literal(c)));

export default async function customerProfileRoutes(app: App) {
  app.addSchema(PreferenceSchema);
  app.addSchema(ConsentSchema);

  app.get('/customers/:id/profile', {
    config: { permission: 'customers.view' },
    schema: {
      tags: ['customer profile'], summary: 'The customer 360: purchases, returns, loyalty, wishlist, preferences, consents, interactions, browsing, open orders and spending',
      params: Obj({ id: Uuid }), response: { 200: ProfileSchema },
    },
  }, async (req) => customerProfile(app.db, req.auth!, req.params.id));

  app.post('/customers/:id/preferences', {
    config: { permission: 'customers.edit' },
    schema: {
      tags: ['customer profile'], summary: 'Record a preference (size, brand, category, colour, style, dietary)', params: Obj({ id: Uuid }),
      body: PreferenceInputSchema,
      response: { 201: Type.Ref('CustomerPreference') },
    },
  }, async (req, reply) => reply.status(201).send(await addPreference(app.db, req.auth!, req.params.id, req.body)));

  app.delete('/customers/:id/preferences/:preferenceId', {
    config: { permission: 'customers.edit' },
    schema: { tags: ['customer profile'], summary: 'Remove a preference', params: Obj({ id: Uuid, preferenceId: Uuid }), response: { 204: Type.Null() } },
  }, async (req, reply) => { await removePreference(app.db, req.auth!, req.params.id, req.params.preferenceId); return reply.status(204).send(null); });

  app.put('/customers/:id/consents/:channel', {
    config: { permission: 'customers.edit' },
    schema: {
      tags: ['customer profile'], summary: 'Record the customer\'s consent decision for a channel, with its source and time (history kept)',
      params: Obj({ id: Uuid, channel: Channel }),
      body: ConsentInputSchema,
      response: { 200: Type.Ref('CustomerConsent') },
    },
  }, async (req) => setConsent(app.db, req.auth!, req.params.id, req.params.channel, req.body));

  app.get('/customers/:id/consents/history', {
    config: { permission: 'customers.view' },
    schema: { tags: ['customer profile'], summary: 'Every consent decision, newest first', params: Obj({ id: Uuid }), response: { 200: Type.Array(Type.Ref('CustomerConsent')) } },
  }, async (req) => listConsentHistory(app.db, req.auth!, req.params.id));
}
