import { Type, type Static } from '@sinclair/typebox';
import { Obj, Uuid, Nullable, IsoDate } from '../../http/schemas.ts';

const Salutation = Type.Union([Type.Literal('mr'), Type.Literal('ms'), Type.Literal('mx')], { description: 'Mr, Ms or Mx (Monsieur, Madame in French); null: none' });

/** Registered once on the app root so every capability can answer with Type.Ref('Customer'). */
export const CustomerSchema = Type.Object({
  id: Uuid, accountNumber: Type.String(), externalId: Nullable(Type.String()), firstName: Type.String(), lastName: Type.String(),
  salutation: Nullable(Salutation),
  email: Nullable(Type.String()), phone: Nullable(Type.String()), birthDate: Nullable(Type.String()), anniversaryDate: Nullable(Type.String()),
  language: Type.String(), addressLine: Nullable(Type.String()), city: Nullable(Type.String()), postalCode: Nullable(Type.String()),
  country: Nullable(Type.String()), preferredChannel: Nullable(Type.String()), homeStoreId: Nullable(Uuid), isVip: Type.Boolean(),
  createdAt: Type.String(), updatedAt: Type.String(), erasedAt: Nullable(Type.String()), mergedIntoId: Nullable(Uuid),
}, { $id: 'Customer' });
export type Customer = Static<typeof CustomerSchema>;

/** A reference to the registered schema that keeps its type, so a handler's reply is checked against Customer. */
export const CustomerRef = Type.Unsafe<Customer>(Type.Ref('Customer'));

export const CustomerSearchHitSchema = Type.Intersect([CustomerRef, Type.Object({ score: Type.Number() })]);
export type CustomerSearchHit = Static<typeof CustomerSearchHitSchema>;

const Channel = Type.Union(['email', 'sms', 'whatsapp', 'phone', 'mail'].map((c) => Type.Literal(c)));

/** The contact details an associate gives or changes. */
const editable = {
  firstName: Type.String({ minLength: 1, maxLength: 100 }),
  lastName: Type.String({ minLength: 1, maxLength: 100 }),
  salutation: Type.Optional(Nullable(Salutation)),
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

export const NewCustomerSchema = Obj(editable);
export type CustomerInput = Static<typeof NewCustomerSchema>;

export const CustomerPatchSchema = Obj({ ...editable, firstName: Type.Optional(editable.firstName), lastName: Type.Optional(editable.lastName) }, { minProperties: 1 });
export type CustomerPatch = Static<typeof CustomerPatchSchema>;
