import { Type } from '@sinclair/typebox';
import type { App } from '../../http/types.ts';
import { Obj, Uuid } from '../../http/schemas.ts';
import { CustomerRef, CustomerSearchHitSchema, NewCustomerSchema, CustomerPatchSchema } from './customer-schema.ts';
import { viewCustomer, createCustomer, updateCustomer } from './service.ts';
import { searchCustomers } from './search.ts';

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
      response: { 200: Type.Array(CustomerSearchHitSchema) },
    },
  }, async (req) => searchCustomers(app.db, req.auth!, req.query));

  app.post('/customers', {
    config: { permission: 'customers.edit' },
    schema: { tags: ['customers'], summary: 'Create a customer', body: NewCustomerSchema, response: { 201: CustomerRef } },
  }, async (req, reply) => reply.status(201).send(await createCustomer(app.db, req.auth!, req.body)));

  app.get('/customers/:id', {
    config: { permission: 'customers.view' },
    schema: { tags: ['customers'], summary: 'A customer\'s contact details', params: Obj({ id: Uuid }), response: { 200: CustomerRef } },
  }, async (req) => viewCustomer(app.db, req.auth!, req.params.id));

  app.patch('/customers/:id', {
    config: { permission: 'customers.edit' },
    schema: {
      tags: ['customers'], summary: 'Change a customer\'s contact details', params: Obj({ id: Uuid }),
      body: CustomerPatchSchema,
      response: { 200: CustomerRef },
    },
  }, async (req) => updateCustomer(app.db, req.auth!, req.params.id, req.body));
}
