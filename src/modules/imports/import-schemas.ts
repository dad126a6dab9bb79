import { Type, type Static } from '@sinclair/typebox';
import { Obj } from '../../http/schemas.ts';

// The import routes' request and reply shapes: the routes validate and serialise with these, and the services' types
// are Static<> of them, so a field is added in one place.

export const ImportSummarySchema = Type.Object({
  entity: Type.String(), received: Type.Integer(), inserted: Type.Integer(), updated: Type.Integer(), unchanged: Type.Integer(), failed: Type.Integer(),
  /** The bad rows with their line in the source; the first 1,000 are listed, `failed` counts them all. */
  errors: Type.Array(Type.Object({ line: Type.Integer(), message: Type.String() })),
}, { $id: 'ImportSummary' });
export type ImportSummary = Static<typeof ImportSummarySchema>;
export const ImportSummaryRef = Type.Unsafe<ImportSummary>(Type.Ref('ImportSummary'));

export const EntityParamsSchema = Obj({ entity: Type.String({ minLength: 2, maxLength: 40 }) });
export const ImportEntitySchema = Type.Object({ entity: Type.String(), summary: Type.String(), fields: Type.String() });

export const WebhookSecretStatusSchema = Type.Object({ configured: Type.Boolean(), rotatedAt: Type.Union([Type.String(), Type.Null()]), legalEntityCode: Type.String() });
export type WebhookSecretStatus = Static<typeof WebhookSecretStatusSchema>;
export const RotatedSecretSchema = Type.Object({ secret: Type.String(), rotatedAt: Type.String() });
export type RotatedSecret = Static<typeof RotatedSecretSchema>;
