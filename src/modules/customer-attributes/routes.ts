import { Type } from '@sinclair/typebox';
import type { App } from '../../http/types.ts';
import { Obj, Uuid, Nullable, Ok } from '../../http/schemas.ts';
import {
  listAttributeGroups, createGroup, renameGroup, deleteGroup, createAttribute, updateAttribute, deleteAttribute,
  customerAttributeValues, setCustomerAttributeValues,
} from './service.ts';
import { ATTRIBUTE_TYPES } from './schema.ts';

const DataType = Type.Union(ATTRIBUTE_TYPES.map((t) => Type.Literal(t)));
const AttributeSchema = Type.Object({
  id: Uuid, groupId: Uuid, name: Type.String(), dataType: DataType, canBeRefined: Type.Boolean(), displayOrder: Type.Integer(), listValues: Type.Array(Type.String()),
}, { $id: 'CustomerAttribute' });
const Group = Type.Object({ id: Uuid, name: Type.String(), attributes: Type.Array(Type.Ref('CustomerAttribute')) });
// Checked against the attribute's type in the service: schema-level type coercion would turn true into 1 or 52 into "52".
const Value = Type.Unknown({ description: 'text, number, YYYY-MM-DD date, true/false, or null to clear' });
const Name = Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' });

const attributeFields = {
  groupId: Uuid,
  name: Name,
  dataType: DataType,
  canBeRefined: Type.Optional(Type.Boolean()),
  displayOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
  listValues: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 200 })),
};

export default async function customerAttributeRoutes(app: App) {
  app.addSchema(AttributeSchema);

  app.get('/attribute-groups', {
    config: { permission: 'customers.view' },
    schema: { tags: ['customer attributes'], summary: 'Attribute groups and their customer attributes', response: { 200: Type.Array(Group) } },
  }, async (req) => listAttributeGroups(app.db, req.auth!.legalEntityId));

  app.post('/attribute-groups', {
    config: { permission: 'setup.manage' },
    schema: { tags: ['customer attributes'], summary: 'Create an attribute group', body: Obj({ name: Name }), response: { 201: Group } },
  }, async (req, reply) => reply.status(201).send(await createGroup(app.db, req.auth!, req.body.name)));

  app.patch('/attribute-groups/:id', {
    config: { permission: 'setup.manage' },
    schema: { tags: ['customer attributes'], summary: 'Rename an attribute group', params: Obj({ id: Uuid }), body: Obj({ name: Name }), response: { 200: Ok } },
  }, async (req) => { await renameGroup(app.db, req.auth!, req.params.id, req.body.name); return { ok: true }; });

  app.delete('/attribute-groups/:id', {
    config: { permission: 'setup.manage' },
    schema: { tags: ['customer attributes'], summary: 'Delete an attribute group with its attributes and their values', params: Obj({ id: Uuid }), response: { 200: Ok } },
  }, async (req) => { await deleteGroup(app.db, req.auth!, req.params.id); return { ok: true }; });

  app.post('/customer-attributes', {
    config: { permission: 'setup.manage' },
    schema: { tags: ['customer attributes'], summary: 'Create a customer attribute', body: Obj(attributeFields), response: { 201: Type.Ref('CustomerAttribute') } },
  }, async (req, reply) => reply.status(201).send(await createAttribute(app.db, req.auth!, req.body)));

  app.patch('/customer-attributes/:id', {
    config: { permission: 'setup.manage' },
    schema: {
      tags: ['customer attributes'], summary: 'Change a customer attribute (name, refinable, display order, list values…)', params: Obj({ id: Uuid }),
      body: Obj({
        groupId: Type.Optional(Uuid), name: Type.Optional(Name), dataType: Type.Optional(DataType), canBeRefined: attributeFields.canBeRefined,
        displayOrder: attributeFields.displayOrder, listValues: attributeFields.listValues,
      }, { minProperties: 1 }),
      response: { 200: Type.Ref('CustomerAttribute') },
    },
  }, async (req) => updateAttribute(app.db, req.auth!, req.params.id, req.body));

  app.delete('/customer-attributes/:id', {
    config: { permission: 'setup.manage' },
    schema: { tags: ['customer attributes'], summary: 'Delete a customer attribute and its values', params: Obj({ id: Uuid }), response: { 200: Ok } },
  }, async (req) => { await deleteAttribute(app.db, req.auth!, req.params.id); return { ok: true }; });

  const ValueRow = Type.Intersect([Type.Ref('CustomerAttribute'), Type.Object({ value: Value, display: Nullable(Type.String()) })]);

  app.get('/customers/:id/attributes', {
    config: { permission: 'customers.view' },
    schema: { tags: ['customer attributes'], summary: 'A customer\'s attribute values', params: Obj({ id: Uuid }), response: { 200: Type.Array(ValueRow) } },
  }, async (req) => customerAttributeValues(app.db, req.auth!, req.params.id));

  app.put('/customers/:id/attributes', {
    config: { permission: 'customers.edit' },
    schema: {
      tags: ['customer attributes'], summary: 'Set or clear (null) a customer\'s attribute values', params: Obj({ id: Uuid }),
      body: Obj({ values: Type.Array(Obj({ attributeId: Uuid, value: Value }), { minItems: 1, maxItems: 100 }) }),
      response: { 200: Type.Array(ValueRow) },
    },
  }, async (req) => setCustomerAttributeValues(app.db, req.auth!, req.params.id, req.body.values));
}
