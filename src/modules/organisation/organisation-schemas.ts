import { Type, type Static } from '@sinclair/typebox';
import { Obj, Uuid, Nullable } from '../../http/schemas.ts';

// The organisation routes' request and reply shapes: the routes validate and serialise with these, and the services'
// types are Static<> of them, so a field is added in one place.

export const StoreSchema = Type.Object({ id: Uuid, code: Type.String(), name: Type.String(), timeZone: Type.String(), addressBookId: Uuid, city: Nullable(Type.String()), active: Type.Boolean() });

export const AssociateStatusSchema = Type.Union([Type.Literal('active'), Type.Literal('inactive'), Type.Literal('invited'), Type.Literal('declined'), Type.Literal('expired')]);
export type AssociateStatus = Static<typeof AssociateStatusSchema>;

export const AssociateSchema = Type.Object({
  id: Uuid, personnelNumber: Type.String(), displayName: Type.String(), email: Nullable(Type.String()), jobTitle: Nullable(Type.String()),
  active: Type.Boolean(), storeIds: Type.Array(Uuid), roles: Type.Array(Type.String()),
  status: AssociateStatusSchema,
  invitationExpiresAt: Nullable(Type.String()),
});
export type AssociateListItem = Static<typeof AssociateSchema>;

export const AssociateDetailsSchema = Obj({
  email: Type.String({ format: 'email', maxLength: 320 }),
  displayName: Type.String({ minLength: 1, maxLength: 200 }),
  personnelNumber: Type.String({ minLength: 1, maxLength: 50 }),
  jobTitle: Type.Optional(Type.String({ maxLength: 200 })),
  roleIds: Type.Array(Uuid, { maxItems: 20 }),
  /** Stores the associate works in; they join each store's address book. */
  storeIds: Type.Array(Uuid, { maxItems: 200 }),
});
export type AssociateDetails = Static<typeof AssociateDetailsSchema>;

export const InvitedSchema = Type.Object({ id: Uuid, status: Type.Literal('invited'), expiresAt: Type.String() });
export type Invited = Static<typeof InvitedSchema>;

export const RoleSchema = Type.Object({ id: Uuid, name: Type.String(), description: Nullable(Type.String()), permissions: Type.Array(Type.String()) });
export const PermissionSchema = Type.Object({ name: Type.String(), label: Type.String() });

/** Activate or deactivate; deactivating may name who receives the client book when the hand-over rule is 'successor'. */
export const AssociateActiveChangeSchema = Obj({ active: Type.Boolean(), successorAssociateId: Type.Optional(Uuid) });
export type AssociateActiveChange = Static<typeof AssociateActiveChangeSchema>;

export const AssociateActiveChangedSchema = Type.Object({
  ok: Type.Boolean(),
  /** The hand-over this deactivation started (null when nothing changed hands: activating, or already inactive). */
  handOver: Nullable(Type.Object({ taskId: Uuid, successorAssociateId: Nullable(Uuid), customerCount: Type.Integer() })),
});
