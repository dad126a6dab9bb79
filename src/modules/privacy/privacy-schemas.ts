import { Type, type Static } from '@sinclair/typebox';
import { Obj, Uuid, Nullable } from '../../http/schemas.ts';

// The privacy routes' request and reply shapes: the routes validate and serialise with these, and the services'
// types are Static<> of them, so a field is added in one place.

const Person = Type.Object({ id: Uuid, accountNumber: Type.String(), name: Type.String(), email: Nullable(Type.String()), phone: Nullable(Type.String()), birthDate: Nullable(Type.String()), createdAt: Type.String() });
export const DuplicatePairSchema = Type.Object({ a: Person, b: Person, reasons: Type.Array(Type.String()) });
export type DuplicatePair = Static<typeof DuplicatePairSchema>;

const Counts = Type.Record(Type.String(), Type.Integer());

export const CustomerExportSchema = Type.Object({
  exportedAt: Type.String(), legalEntityId: Uuid, customer: Type.Unknown(), data: Type.Record(Type.String(), Type.Array(Type.Unknown())), accessLog: Type.Array(Type.Unknown()),
});
export type CustomerExport = Static<typeof CustomerExportSchema>;

export const EraseInputSchema = Obj({ reason: Type.String({ minLength: 3, maxLength: 500 }) });
export type EraseInput = Static<typeof EraseInputSchema>;
export const ErasedSchema = Type.Object({ erasedAt: Type.String(), cleared: Counts });
export type Erased = Static<typeof ErasedSchema>;

export const DuplicatesQuerySchema = Obj({ limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }) });

export const MergeInputSchema = Obj({ duplicateId: Uuid });
export const MergedSchema = Type.Object({ survivorId: Uuid, duplicateId: Uuid, moved: Counts, dropped: Counts });
export type Merged = Static<typeof MergedSchema>;
