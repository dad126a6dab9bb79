import { Type, type Static } from '@sinclair/typebox';
import { Uuid, Nullable } from '../../http/schemas.ts';

// The auth routes' reply shapes: the routes serialise with these, and the services' types are Static<> of them, so a
// field is added in one place.

export const MeSchema = Type.Object({
  associateId: Uuid,
  name: Type.String(),
  email: Type.String(),
  legalEntity: Type.Object({ id: Uuid, code: Type.String(), name: Type.String(), currency: Type.String(), timeZone: Type.String() }),
  storeId: Nullable(Uuid),
  stores: Type.Array(Type.Object({ id: Uuid, code: Type.String(), name: Type.String() })),
  permissions: Type.Array(Type.String()),
  /** The language of this user's screens; null: the browser's. */
  language: Nullable(Type.Union([Type.Literal('en'), Type.Literal('fr')])),
});
export type Me = Static<typeof MeSchema>;

export const PendingSignInSchema = Type.Object({
  secondFactor: Type.Union([Type.Literal('verify'), Type.Literal('enrol')]),
  pendingToken: Type.String(),
  expiresAt: Type.String(),
  language: Nullable(Type.Union([Type.Literal('en'), Type.Literal('fr')], { description: 'The account\'s language for the second-factor step; null: the browser\'s' })),
});

export const InvitationSchema = Type.Object({ legalEntity: Type.String(), displayName: Type.String(), email: Type.String(), expiresAt: Type.String(), hasAccount: Type.Boolean() });
export type Invitation = Static<typeof InvitationSchema>;

export const ScopesSchema = Nullable(Type.Array(Type.String({ maxLength: 100 }), { minItems: 1, maxItems: 100 }));
export const ApiTokenSchema = Type.Object({
  id: Uuid, associateId: Uuid, name: Type.String(), prefix: Type.String(), createdAt: Type.String(), lastUsedAt: Nullable(Type.String()), revokedAt: Nullable(Type.String()), scopes: ScopesSchema,
});
export type ApiToken = Static<typeof ApiTokenSchema>;
export const ApiTokenCreatedSchema = Type.Object({ id: Uuid, name: Type.String(), token: Type.String(), createdAt: Type.String(), scopes: ScopesSchema });
export type ApiTokenCreated = Static<typeof ApiTokenCreatedSchema>;

export const SessionSchema = Type.Object({
  id: Uuid, createdAt: Type.String(), lastSeenAt: Type.String(), userAgent: Nullable(Type.String()), ipAddress: Nullable(Type.String()),
});
