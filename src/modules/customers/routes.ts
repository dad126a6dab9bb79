import { Type } from '@sinclair/typebox';
import type { App } from '../../http/types.ts';
import { Obj, Uuid, Nullable, IsoDate } from '../../http/schemas.ts';
import { viewCustomer, createCustomer, updateCustomer, searchCustomers } from './service.ts';

const Channel = Type.Union(['email', 'sms', 'whatsapp', 'phone', 'mail'].map((c) => Type.Literal(c)));



const editable = {
  firstName: Type.String({ minLength: 1, maxLength: 100 }),
  lastName: Type.String({ minLength: 1, maxLength: 100 }),
  email: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 320 }))),
  phone: Type.Optional(Nullable(Type.String({ pattern: '^\\+?[0-9 ()-]{5,25}$' }))),
  birthDate: Type.Optional(Nullable(IsoDate)),
  anniversaryDate: Type.Optional(Nullable(IsoDate)),
  language: Type.Optional(Type.String({ pattern: '^[a-z]{2}(-[A-Z]{2})?$' })),
  addressLine: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
  city: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  postalCode: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
  country: Type.Optional(Nullable(Type.String({ minLength: 2, maxLength: 2 }))),
  preferredChannel: Type.Optional(Nullable(Channel)),
  isVip: Type.Optional(Type.Boolean()),
};

export default async function customerRoutes(app: App) {
  app.get('/customers', {
    config: { permission: 'customers.search' },
    schema: {
      tags: ['customers'], summary: 'Search customers by name, email or phone (typo-tolerant), in the current store\'s address books',
      querystring: Obj({
        q: Type.String({ minLength: 2, maxLength: 200 }),
        limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
        allStores: Type.Boolean({ default: false, description: 'Search the whole legal entity instead of the current store' }),
      }),
      response: { 200: Type.Array(Type.Intersect([Type.Ref('Customer'), Type.Object({ score: Type.Number() })])) },
    },
  }, async (req) => searchCustomers(app.db, req.auth!, req.query));

  app.post('/customers', {
    config: { permission: 'customers.edit' },
    schema: { tags: ['customers'], summary: 'Create a customer', body: Obj(editable), response: { 201: Type.Ref('Customer') } },
  }, async (req, reply) => reply.status(201).send(await createCustomer(app.db, req.auth!, req.body)));

  app.get('/customers/:id', {
    config: { permission: 'customers.view' },
    schema: { tags: ['customers'], summary: 'A customer\'s contact details', params: Obj({ id: Uuid }), response: { 200: Type.Ref('Customer') } },
  }, async (req) => viewCustomer(app.db, req.auth!, req.params.id));

  app.patch('/customers/:id', {
    config: { permission: 'customers.edit' },
    schema: {
      tags: ['customers'], summary: 'Change a customer\'s contact details', params: Obj({ id: Uuid }),
      body: Obj({ ...editable, firstName: Type.Optional(editable.firstName), lastName: Type.Optional(editable.lastName) }, { minProperties: 1 }),
      response: { 200: Type.Ref('Customer') },
    },
  }, async (req) => updateCustomer(app.db, req.auth!, req.params.id, req.body));
}
