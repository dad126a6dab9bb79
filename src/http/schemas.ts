import { Type, type TProperties, type TSchema, type ObjectOptions } from '@sinclair/typebox';

/** A request/response object that rejects unknown fields. */
export const Obj = <T extends TProperties>(props: T, opts: ObjectOptions = {}) =>
  Type.Object(props, { additionalProperties: false, ...opts });

export const Uuid = Type.String({ format: 'uuid' });
export const IsoDate = Type.String({ format: 'date', description: 'YYYY-MM-DD' });
export const IsoDateTime = Type.String({ format: 'date-time' });
export const Nullable = <T extends TSchema>(s: T) => Type.Union([s, Type.Null()]);

export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    code: Type.Optional(Type.String()),
    field: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
    requestId: Type.Optional(Type.String({ description: 'The request id (X-Request-Id) to quote when reporting the problem' })),
  },
  { $id: 'Problem', description: 'RFC 9457 problem details' },
);

/** The error responses every authenticated route can give, for the OpenAPI document. */
export const errorResponses = {
  400: Type.Ref('Problem'),
  401: Type.Ref('Problem'),
  403: Type.Ref('Problem'),
  404: Type.Ref('Problem'),
  409: Type.Ref('Problem'),
};

export const CursorPage = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Nullable(Type.String()) });

export const Ok = Type.Object({ ok: Type.Boolean() });

/**
 * Parameters of a text the server names by key for the web to translate (titleKey + titleParams, reasons…): plain
 * words and numbers; dates as YYYY-MM-DD and shares as 0-1 numbers, formatted in the reader's language by the catalogue.
 */
export const TextParams = Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()]));
/** A sentence the server names by key (under the web catalogue's namespace for its kind) with its parameters. */
export const KeyedText = Type.Object({ key: Type.String(), params: TextParams });
export type KeyedTextValue = { key: string; params: Record<string, string | number> };
