import { Type, type Static } from '@sinclair/typebox';
import { Obj, Uuid, Nullable } from '../../http/schemas.ts';
import { SHARE_CHANNELS } from './schema.ts';

// The shares routes' request and reply shapes: the routes validate and serialise with these, and the services' types
// are Static<> of them, so a field is added in one place.

export const LookSchema = Type.Object({
  id: Uuid, publicId: Type.String({ description: 'look_…' }), url: Type.String(), title: Type.String(), note: Nullable(Type.String()), channel: Type.String(),
  productIds: Type.Array(Uuid), messageId: Nullable(Uuid), messageStatus: Nullable(Type.String()), createdAt: Type.String(),
});
export type Look = Static<typeof LookSchema>;

export const LookSummarySchema = Type.Object({
  id: Uuid, publicId: Type.String(), url: Type.String(), title: Type.String(), note: Nullable(Type.String()), channel: Type.String(),
  products: Type.Integer(), views: Type.Integer(), clicks: Type.Integer(), createdAt: Type.String(),
});
export type LookSummary = Static<typeof LookSummarySchema>;

export const ShareProductSchema = Type.Object({
  id: Uuid, sku: Type.String(), name: Type.String(), brand: Nullable(Type.String()), category: Type.String(), priceMinor: Type.Number(),
  imageUrl: Nullable(Type.String()), onHand: Nullable(Type.Integer({ description: 'At the customer\'s home store' })),
});
export type ShareProduct = Static<typeof ShareProductSchema>;

export const PublicLookSchema = Type.Object({
  title: Type.String(), note: Nullable(Type.String()), language: Type.String(), brand: Type.String(), currency: Type.String(), customerFirstName: Type.String(),
  associateName: Nullable(Type.String()), storeName: Nullable(Type.String()), sentAt: Type.String(),
  products: Type.Array(Type.Object({
    id: Uuid, name: Type.String(), brand: Nullable(Type.String()), category: Type.String(), imageUrl: Nullable(Type.String()), priceMinor: Type.Number(),
    price: Type.String({ description: 'Formatted in the customer\'s language' }),
    availability: Type.Union([Type.Literal('in-stock'), Type.Literal('out-of-stock'), Type.Literal('ask'), Type.Literal('unavailable')], { description: 'At the customer\'s store' }),
  })),
});
export type PublicLook = Static<typeof PublicLookSchema>;

export const ShareInputSchema = Obj({
  title: Type.String({ minLength: 1, maxLength: 120 }), note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  productIds: Type.Array(Uuid, { minItems: 1, maxItems: 12 }), channel: Type.Union(SHARE_CHANNELS.map((c) => Type.Literal(c))),
  /** WhatsApp: the approved template that carries the text. */
  templateId: Type.Optional(Nullable(Uuid)),
  idempotencyKey: Type.Optional(Type.String({ minLength: 8, maxLength: 100 })),
});
export type ShareInput = Static<typeof ShareInputSchema>;
