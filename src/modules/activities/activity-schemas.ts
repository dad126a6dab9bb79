import { Type, type Static } from '@sinclair/typebox';
import { Obj, Uuid, Nullable, IsoDateTime } from '../../http/schemas.ts';
import { NOTE_VISIBILITIES } from './schema.ts';

// The activities routes' request and reply shapes: the routes validate and serialise with these, and the services'
// types are Static<> of them, so a field is added in one place.

export const ActivityTypeSchema = Type.Object({ id: Uuid, name: Type.String(), displayOrder: Type.Integer(), active: Type.Boolean() });
export type ActivityType = Static<typeof ActivityTypeSchema>;

const TypeName = Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' });
const DisplayOrder = Type.Integer({ minimum: 0, maximum: 10_000 });
export const ActivityTypeInputSchema = Obj({ name: TypeName, displayOrder: Type.Optional(DisplayOrder) });
export type ActivityTypeInput = Static<typeof ActivityTypeInputSchema>;
export const ActivityTypePatchSchema = Obj({ name: Type.Optional(TypeName), displayOrder: Type.Optional(DisplayOrder), active: Type.Optional(Type.Boolean()) }, { minProperties: 1 });
export type ActivityTypePatch = Static<typeof ActivityTypePatchSchema>;

export const ActivitySchema = Type.Object({
  id: Uuid, customerId: Uuid, activityTypeId: Uuid, activityType: Type.String(), associateId: Nullable(Uuid), associateName: Nullable(Type.String()),
  storeId: Nullable(Uuid), storeName: Nullable(Type.String()), occurredAt: Type.String(), notes: Nullable(Type.String()), outcome: Nullable(Type.String()), createdAt: Type.String(),
});
export type ActivityRow = Static<typeof ActivitySchema>;

const ActivityNotes = Type.Optional(Nullable(Type.String({ maxLength: 10_000 })));
const Outcome = Type.Optional(Nullable(Type.String({ maxLength: 500 })));
const ClientId = Type.Optional(Type.String({
  format: 'uuid',
  description: 'A UUID the app chooses once for this write (e.g. written offline): sent again, the same row is answered and nothing is added twice',
}));
export const ActivityInputSchema = Obj({ activityTypeId: Uuid, occurredAt: Type.Optional(IsoDateTime), notes: ActivityNotes, outcome: Outcome, clientId: ClientId });
export type ActivityInput = Static<typeof ActivityInputSchema>;
export const ActivityPatchSchema = Obj({ activityTypeId: Type.Optional(Uuid), occurredAt: Type.Optional(IsoDateTime), notes: ActivityNotes, outcome: Outcome }, { minProperties: 1 });
export type ActivityPatch = Static<typeof ActivityPatchSchema>;

export const VisibilitySchema = Type.Union(NOTE_VISIBILITIES.map((v) => Type.Literal(v)));
export const NoteSchema = Type.Object({
  id: Uuid, customerId: Uuid, authorId: Uuid, authorName: Type.String(), storeId: Nullable(Uuid), storeName: Nullable(Type.String()),
  visibility: VisibilitySchema, body: Type.String(), createdAt: Type.String(), updatedAt: Type.String(), revisions: Type.Integer(),
});
export type NoteRow = Static<typeof NoteSchema>;

const NoteBody = Type.String({ minLength: 1, maxLength: 10_000, pattern: '\\S' });
export const NoteInputSchema = Obj({ body: NoteBody, visibility: Type.Optional(VisibilitySchema), clientId: ClientId });
export type NoteInput = Static<typeof NoteInputSchema>;
export const NotePatchSchema = Obj({ body: Type.Optional(NoteBody), visibility: Type.Optional(VisibilitySchema) }, { minProperties: 1 });
export type NotePatch = Static<typeof NotePatchSchema>;

export const NoteRevisionSchema = Type.Object({ id: Uuid, body: Type.String(), visibility: VisibilitySchema, editedBy: Type.String(), editedAt: Type.String() });
export type NoteRevision = Static<typeof NoteRevisionSchema>;

export const TimelineEventSchema = Type.Object({
  id: Type.String(), kind: Type.String(), occurredAt: Type.String(), title: Type.String(),
  titleKey: Type.Optional(Type.String({ description: 'Stable name of the title for translation; title is its English' })),
  titleParams: Type.Optional(Type.Record(Type.String(), Type.String())),
  detail: Nullable(Type.String()),
  detailKey: Type.Optional(Type.String({ description: 'Stable name of the detail for translation when the server wrote words around the data; detail is its English' })),
  detailParams: Type.Optional(Type.Record(Type.String(), Type.String())),
  actor: Nullable(Type.String()),
  actorKey: Type.Optional(Type.String({ description: 'An actor that is no one\'s name (automatic, online, customer…) by stable name; actor is its English' })),
  storeId: Nullable(Type.String()), data: Type.Record(Type.String(), Type.Unknown()),
});
