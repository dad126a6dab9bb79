import { Type, type Static } from '@sinclair/typebox';
import { Obj, Uuid, Nullable } from '../../http/schemas.ts';

// The clienteling set-up routes' request and reply shapes; the service's types are Static<> of them.

const settingsFields = {
  enabled: Type.Boolean(),
  clientBookAttributeGroupId: Nullable(Uuid),
  cardMeasureKeys: Type.Array(Type.String()),
  allowMultipleBooks: Type.Boolean(),
};
export const ClientelingSettingsSchema = Type.Object(settingsFields);
export type ClientelingSettings = Static<typeof ClientelingSettingsSchema>;

export const SetupSchema = Type.Object({
  ...settingsFields,
  numberSequence: Type.Object({ code: Type.String(), prefix: Type.String(), padding: Type.Integer(), nextValue: Type.Integer() }),
});
export type Setup = Static<typeof SetupSchema>;

export const SetupPatchSchema = Obj({
  enabled: Type.Optional(Type.Boolean()),
  clientBookAttributeGroupId: Type.Optional(Nullable(Uuid)),
  cardMeasureKeys: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 3 })),
  allowMultipleBooks: Type.Optional(Type.Boolean()),
}, { minProperties: 1 });
export type SetupPatch = Static<typeof SetupPatchSchema>;

export const NumberSequenceInputSchema = Obj({
  prefix: Type.String({ maxLength: 20, pattern: '^[A-Za-z0-9_./-]*$' }),
  padding: Type.Integer({ minimum: 1, maximum: 12 }),
  nextValue: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000_000 })),
});
export type NumberSequenceInput = Static<typeof NumberSequenceInputSchema>;

export const CardMeasureChoiceSchema = Type.Object({ key: Type.String(), name: Type.String(), description: Nullable(Type.String()), format: Type.String(), enabled: Type.Boolean() });
export type CardMeasureChoice = Static<typeof CardMeasureChoiceSchema>;

export const ClientelingStatusSchema = Type.Object({ enabled: Type.Boolean(), allowMultipleBooks: Type.Boolean() });
