import { Type } from '@sinclair/typebox';
import type { App } from '../../http/types.ts';
import { Obj, Uuid, Ok } from '../../http/schemas.ts';
import {
  AttributeGroupSchema, AttributeInputSchema, AttributePatchSchema, AttributeRef, AttributeSchema, AttributeValuesInputSchema, CustomerAttributeValueSchema, GroupNameSchema,
} from './attribute-schemas.ts';
import {
  listAttributeGroups, createGroup, renameGroup, deleteGroup, createAttribute, updateAttribute, deleteAttribute,
  customerAttributeValues, setCustomerAttributeValues,
} from './service.ts';

export default async function customerAttributeRoutes(app: App) {
  app.addSchema(AttributeSchema);

  app.get('/attribute-groups', {
    config: { permission: 'customers.view' },
    schema: { tags: ['customer attributes'], summary: 'Attribute groups and their customer attributes', response: { 200: Type.Array(AttributeGroupSchema) } },
  }, async (req) => listAttributeGroups(app.db, req.auth!.legalEntityId));

  app.post('/attribute-groups', {
    config: { permission: 'setup.manage' },
    schema: { tags: ['customer attributes'], summary: 'Create an attribute group', body: GroupNameSchema, response: { 201: AttributeGroupSchema } },
  }, async (req, reply) => reply.status(201).send(await createGroup(app.db, req.auth!, req.body.name)));

  app.patch('/attribute-groups/:id', {
    config: { permission: 'setup.manage' },
    schema: { tags: ['customer attributes'], summary: 'Rename an attribute group', params: Obj({ id: Uuid }), body: GroupNameSchema, response: { 200: Ok } },
  }, async (req) => { await renameGroup(app.db, req.auth!, req.params.id, req.body.name); return { ok: true }; });

  app.delete('/attribute-groups/:id', {
    config: { permission: 'setup.manage' },
    schema: { tags: ['customer attributes'], summary: 'Delete an attribute group with its attributes and their values', params: Obj({ id: Uuid }), response: { 200: Ok } },
  }, async (req) => { await deleteGroup(app.db, req.auth!, req.params.id); return { ok: true }; });

  app.post('/customer-attributes', {
    config: { permission: 'setup.manage' },
    schema: { tags: ['customer attributes'], summary: 'Create a customer attribute', body: AttributeInputSchema, response: { 201: AttributeRef } },
  }, async (req, reply) => reply.status(201).send(await createAttribute(app.db, req.auth!, req.body)));

  app.patch('/customer-attributes/:id', {
    config: { permission: 'setup.manage' },
    schema: {
      tags: ['customer attributes'], summary: 'Change a customer attribute (name, refinable, display order, list values…)', params: Obj({ id: Uuid }),
      body: AttributePatchSchema,
      response: { 200: AttributeRef },
    },
  }, async (req) => updateAttribute(app.db, req.auth!, req.params.id, req.body));

  app.delete('/customer-attributes/:id', {
    config: { permission: 'setup.manage' },
    schema: { tags: ['customer attributes'], summary: 'Delete a customer attribute and its values', params: Obj({ id: Uuid }), response: { 200: Ok } },
  }, async (req) => { await deleteAttribute(app.db, req.auth!, req.params.id); return { ok: true }; });

  app.get('/customers/:id/attributes', {
    config: { permission: 'customers.view' },
    schema: { tags: ['customer attributes'], summary: 'A customer\'s attribute values', params: Obj({ id: Uuid }), response: { 200: Type.Array(CustomerAttributeValueSchema) } },
  }, async (req) => customerAttributeValues(app.db, req.auth!, req.params.id));

  app.put('/customers/:id/attributes', {
    config: { permission: 'customers.edit' },
    schema: {
      tags: ['customer attributes'], summary: 'Set or clear (null) a customer\'s attribute values', params: Obj({ id: Uuid }),
      body: AttributeValuesInputSchema,
      response: { 200: Type.Array(CustomerAttributeValueSchema) },
    },
  }, async (req) => setCustomerAttributeValues(app.db, req.auth!, req.params.id, req.body.values));
}
