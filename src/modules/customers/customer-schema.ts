import { Type } from '@sinclair/typebox';
import { Uuid, Nullable } from '../../http/schemas.ts';

/** Registered once on the app root so every capability can answer with Type.Ref('Customer'). */
export const CustomerSchema = Type.Object({
  id: Uuid, accountNumber: Type.String(), externalId: Nullable(Type.String()), firstName: Type.String(), lastName: Type.String(),
  email: Nullable(Type.String()), phone: Nullable(Type.String()), birthDate: Nullable(Type.String()), anniversaryDate: Nullable(Type.String()),
  language: Type.String(), addressLine: Nullable(Type.String()), city: Nullable(Type.String()), postalCode: Nullable(Type.String()),
  country: Nullable(Type.String()), preferredChannel: Nullable(Type.String()), homeStoreId: Nullable(Uuid), isVip: Type.Boolean(),
  createdAt: Type.String(), updatedAt: Type.String(), erasedAt: Nullable(Type.String()), mergedIntoId: Nullable(Uuid),
}, { $id: 'Customer' });
