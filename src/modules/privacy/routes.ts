import { Type } from '@sinclair/typebox';
import type { App } from '../../http/types.ts';
import { Obj, Uuid } from '../../http/schemas.ts';
import {
  CustomerExportSchema, DuplicatePairSchema, DuplicatesQuerySchema, EraseInputSchema, ErasedSchema, MergeInputSchema, MergedSchema,
} from './privacy-schemas.ts';
import { exportCustomer, eraseCustomer } from './service.ts';
import { findDuplicates, mergeCustomers } from './duplicates.ts';

export default async function privacyRoutes(app: App) {
  app.get('/customers/:id/export', {
    config: { permission: 'privacy.manage' },
    schema: {
      tags: ['privacy'], summary: 'Everything held about a customer, as JSON (right of access and portability); logged',
      params: Obj({ id: Uuid }),
      response: { 200: CustomerExportSchema },
    },
  }, async (req, reply) => {
    const body = await exportCustomer(app.db, req.auth!, req.params.id);
    reply.header('content-disposition', `attachment; filename="customer-${req.params.id}.json"`);
    return body;
  });

  app.post('/customers/:id/erase', {
    config: { permission: 'privacy.manage' },
    schema: {
      tags: ['privacy'], summary: 'Erase a customer on request: personal data and free text are anonymised, orders, returns and amounts kept; logged',
      params: Obj({ id: Uuid }), body: EraseInputSchema,
      response: { 200: ErasedSchema },
    },
  }, async (req) => eraseCustomer(app.db, req.auth!, req.params.id, req.body));

  app.get('/duplicates', {
    config: { permission: 'setup.manage' },
    schema: {
      tags: ['privacy'], summary: 'Likely duplicate customers: same email, same phone, or a similar name with the same birth date',
      querystring: DuplicatesQuerySchema, response: { 200: Type.Array(DuplicatePairSchema) },
    },
  }, async (req) => findDuplicates(app.db, req.auth!, { limit: req.query.limit }));

  app.get('/customers/:id/duplicates', {
    config: { permission: 'customers.view' },
    schema: { tags: ['privacy'], summary: 'Likely duplicates of one customer', params: Obj({ id: Uuid }), response: { 200: Type.Array(DuplicatePairSchema) } },
  }, async (req) => findDuplicates(app.db, req.auth!, { customerId: req.params.id, limit: 20 }));

  app.post('/customers/:id/merge', {
    config: { permission: 'setup.manage' },
    schema: {
      tags: ['privacy'], summary: 'Merge a duplicate into this customer: all history moves over in one transaction; the duplicate is kept, marked merged; logged',
      params: Obj({ id: Uuid }), body: MergeInputSchema,
      response: { 200: MergedSchema },
    },
  }, async (req) => mergeCustomers(app.db, req.auth!, req.params.id, req.body.duplicateId));
}
