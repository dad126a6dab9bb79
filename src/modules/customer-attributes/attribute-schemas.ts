import { Type, type Static } from '@sinclair/typebox';
import { Obj, Uuid, Nullable } from '../../http/schemas.ts';
import { ATTRIBUTE_TYPES } from './schema.ts';

// The customer attributes routes' request and reply shapes: the routes validate and serialise with these, and the
// service's types are Static<> of them, so a field is added in one place.

export const DataTypeSchema = Type.Union(ATTRIBUTE_TYPES.map((t) => Type.Literal(t)));

/** Registered once (app.addSchema) and referred to as 'CustomerAttribute'. */
export const AttributeSchema = Type.Object({
  id: Uuid, groupId: Uuid, name: Type.String(), dataType: DataTypeSchema, canBeRefined: Type.Boolean(), displayOrder: Type.Integer(), listValues: Type.Array(Type.String()),
}, { $id: 'CustomerAttribute' });
export type Attribute = Static<typeof AttributeSchema>;
export const AttributeRef = Type.Unsafe<Attribute>(Type.Ref('CustomerAttribute'));

export const AttributeGroupSchema = Type.Object({ id: Uuid, name: Type.String(), attributes: Type.Array(AttributeRef) });
export type AttributeGroup = Static<typeof AttributeGroupSchema>;

const Name = Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' });
export const GroupNameSchema = Obj({ name: Name });

const attributeFields = {
  groupId: Uuid,
  name: Name,
  dataType: DataTypeSchema,
  canBeRefined: Type.Optional(Type.Boolean()),
  displayOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
  listValues: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 200 })),
};
export const AttributeInputSchema = Obj(attributeFields);
export type AttributeInput = Static<typeof AttributeInputSchema>;
export const AttributePatchSchema = Type.Partial(AttributeInputSchema, { minProperties: 1 });

// A value sent in is checked against the attribute's type in the service: schema-level type coercion would turn true
// into 1 or 52 into "52".
const ValueIn = Type.Unknown({ description: 'text, number, YYYY-MM-DD date, true/false, or null to clear' });
export const AttributeValuesInputSchema = Obj({ values: Type.Array(Obj({ attributeId: Uuid, value: ValueIn }), { minItems: 1, maxItems: 100 }) });

export const AttributeValueSchema = Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()], { description: 'text, number, YYYY-MM-DD date, true/false, or null' });
export type AttributeValue = Static<typeof AttributeValueSchema>;
export const CustomerAttributeValueSchema = Type.Intersect([AttributeRef, Type.Object({ value: AttributeValueSchema, display: Nullable(Type.String()) })]);
export type CustomerAttributeValue = Static<typeof CustomerAttributeValueSchema>;
