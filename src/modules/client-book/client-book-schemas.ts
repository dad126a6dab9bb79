import { Type, type Static } from '@sinclair/typebox';
import { Obj, Uuid, Nullable, IsoDate } from '../../http/schemas.ts';
import { SORTS, DATE_KINDS } from './filter.ts';

// The client book's request and reply shapes: the routes validate and serialise with these, and the services' types
// are derived from them (Static), so a field is added in one place. The web's types are generated from /openapi.json.

export const OwnerSchema = Type.Object({ associateId: Uuid, associateName: Type.String(), bookNumber: Type.String(), isPrimary: Type.Boolean(), addedAt: Type.String() });
export type Owner = Static<typeof OwnerSchema>;

export const CardPropertySchema = Type.Object({
  kind: Type.Union([Type.Literal('measure'), Type.Literal('attribute')]), key: Type.String(),
  label: Type.String({ description: 'In English for built-in measures' }), value: Nullable(Type.String({ description: 'Formatted in British English' })),
  labelKey: Type.Optional(Type.String({ description: 'Built-in measures: stable name the web translates (measureName.<key>)' })),
  valueKey: Type.Optional(Type.String({ description: 'Stable name the web translates: an RFM segment (rfmSegment.<key>) or a next best action (nba.title.<key>)' })),
  valueNumber: Type.Optional(Type.Number({ description: 'A measure\'s number, for the web to format in the reader\'s locale with format and currency' })),
  format: Type.Optional(Type.String()), currency: Type.Optional(Type.String()),
});
export type CardProperty = Static<typeof CardPropertySchema>;

/** The customer card; registered once (app.addSchema) and referred to as 'CustomerCard'. */
export const CustomerCardSchema = Type.Object({
  customerId: Uuid, accountNumber: Type.String(), firstName: Type.String(), lastName: Type.String(), email: Nullable(Type.String()), phone: Nullable(Type.String()),
  isVip: Type.Boolean(), birthDate: Nullable(Type.String()), anniversaryDate: Nullable(Type.String()),
  birthdayInDays: Nullable(Type.Integer({ description: 'Days until the next birthday, for "important date coming up" badges' })),
  anniversaryInDays: Nullable(Type.Integer()),
  properties: Type.Array(CardPropertySchema),
  owners: Type.Array(OwnerSchema),
}, { $id: 'CustomerCard' });
export type CustomerCard = Static<typeof CustomerCardSchema>;
const CustomerCardRef = Type.Unsafe<CustomerCard>(Type.Ref('CustomerCard'));

export const CardPageSchema = Type.Object({ items: Type.Array(CustomerCardRef), nextCursor: Nullable(Type.String()) });

export const AttributeFilterSchema = Obj({
  attributeId: Uuid,
  values: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 500 }), { maxItems: 100, description: 'List or text attributes: any of these values' })),
  min: Type.Optional(Type.Number({ description: 'Number attributes: inclusive range' })), max: Type.Optional(Type.Number()),
  from: Type.Optional(IsoDate), to: Type.Optional(IsoDate),
  equals: Type.Optional(Type.Boolean({ description: 'Yes/no attributes' })),
});
export type AttributeFilter = Static<typeof AttributeFilterSchema>;

export const filterFields = {
  q: Type.Optional(Type.String({ maxLength: 200 })),
  attributes: Type.Optional(Type.Array(AttributeFilterSchema, { maxItems: 20 })),
  upcomingDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 366, description: 'Birthdays or anniversaries within the next N days (across the year end)' })),
  upcomingKinds: Type.Optional(Type.Array(Type.Union(DATE_KINDS.map((k) => Type.Literal(k))), { maxItems: 2 })),
  sort: Type.Optional(Type.Union(SORTS.map((s) => Type.Literal(s)))),
  ownerAssociateId: Type.Optional(Type.String({ format: 'uuid', description: 'Store client book only: one associate\'s customers' })),
};
export const FilterSchema = Obj(filterFields);
export type ClientBookFilter = Static<typeof FilterSchema>;

export const pagingFields = {
  cursor: Type.Optional(Type.String({ maxLength: 500 })),
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 50 }),
  /** Count important dates from this day instead of today (plan ahead). */
  today: Type.Optional(IsoDate),
};

export const StoreScopeSchema = Type.Union([Type.Literal('current'), Type.Literal('all')], { default: 'current' });
export type StoreScope = Static<typeof StoreScopeSchema>;

export const ClientBookSchema = Type.Object({ id: Uuid, bookNumber: Type.String(), associateId: Uuid, associateName: Type.String(), customerCount: Type.Integer(), createdAt: Type.String() });
export type ClientBook = Static<typeof ClientBookSchema>;

export const StoreBookOwnerSchema = Type.Object({
  associateId: Uuid, associateName: Type.String(), active: Type.Boolean(), bookNumber: Nullable(Type.String()), customerCount: Nullable(Type.Integer()),
});
export type StoreBookOwner = Static<typeof StoreBookOwnerSchema>;

export const SavedFilterScopeSchema = Type.Union([Type.Literal('mine'), Type.Literal('store')]);
export const SavedFilterSchema = Type.Object({ id: Uuid, name: Type.String(), scope: SavedFilterScopeSchema, filter: FilterSchema, createdAt: Type.String() });
export type SavedFilter = Static<typeof SavedFilterSchema>;

export const AddedToBookSchema = Type.Object({ clientBookId: Uuid, bookNumber: Type.String(), customerId: Uuid, isPrimary: Type.Boolean() });
export type AddedToBook = Static<typeof AddedToBookSchema>;

export const BULK_ADD_OUTCOMES = ['added', 'already-in-your-book', 'in-another-book', 'merged', 'not-found'] as const;
export const BulkAddResultSchema = Type.Object({
  clientBookId: Uuid, bookNumber: Type.String(), added: Type.Integer(),
  results: Type.Array(Type.Object({
    customerId: Uuid,
    outcome: Type.Union(BULK_ADD_OUTCOMES.map((o) => Type.Literal(o))),
    owner: Type.Optional(Type.String({ description: 'Whose client book the customer is in' })),
  })),
});
export type BulkAddResult = Static<typeof BulkAddResultSchema>;
export type BulkAddOutcome = BulkAddResult['results'][number]['outcome'];

export const RemovedSchema = Type.Object({
  removed: Type.Integer(),
  undo: Type.Object({
    expiresAt: Type.String(),
    token: Type.String({ description: 'Give it to POST /client-book/remove/undo to put the customers back' }),
  }, { description: 'What "Undo" sends back, valid for a few minutes' }),
});
export const UndoRemovalSchema = Type.Object({
  restored: Type.Integer(),
  notRestored: Type.Array(Type.Object({ customerId: Uuid, owner: Type.String({ description: 'Whose client book the customer joined meanwhile' }) })),
});
export const ReassignedSchema = Type.Object({ moved: Type.Integer(), toBookNumber: Type.String() });
export const BooksOfCustomerSchema = Type.Object({ inMyBook: Type.Boolean(), owners: Type.Array(OwnerSchema) });
export type BooksOfCustomer = Static<typeof BooksOfCustomerSchema>;

export const HandOverBodySchema = Obj({
  fromAssociateId: Uuid,
  moves: Type.Array(Obj({
    toAssociateId: Uuid,
    customerIds: Type.Optional(Type.Array(Uuid, { minItems: 1, maxItems: 5000, description: 'Without it, this colleague takes the rest of the book' })),
  }), { minItems: 1, maxItems: 20 }),
  introduction: Type.Optional(Obj({
    templateId: Type.Optional(Nullable(Uuid)),
    subject: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    body: Type.Optional(Type.String({ maxLength: 5000 })),
  }, { description: 'A message from each new associate to the customers they receive (consent and contact rules apply)' })),
});
export type HandOverInput = Static<typeof HandOverBodySchema>;
export const HandOverResultSchema = Type.Object({
  fromAssociateName: Type.String(),
  moves: Type.Array(Type.Object({ toAssociateId: Uuid, toAssociateName: Type.String(), moved: Type.Integer() })),
  remaining: Type.Integer({ description: 'Customers still in the leaving associate\'s book' }),
  introductions: Nullable(Type.Object({
    queued: Type.Integer(),
    notSent: Type.Array(Type.Object({ customerId: Uuid, customerName: Type.String(), reason: Type.String() })),
  })),
});
export type HandOverResult = Static<typeof HandOverResultSchema>;
