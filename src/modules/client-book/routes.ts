import { Type } from '@sinclair/typebox';
import type { App } from '../../http/types.ts';
import { Obj, Uuid, Nullable, IsoDate, Ok } from '../../http/schemas.ts';
import { requireClienteling } from '../setup/service.ts';
import { myClientBook, addToMyBook, addManyToMyBook, removeFromBook, reassign, clientBooksOfCustomer } from './books.ts';
import { searchMyBook, searchStoreBook, storeBookOwners } from './search.ts';
import { listSavedFilters, saveFilter, deleteSavedFilter } from './saved-filters.ts';
import { SORTS, DATE_KINDS } from './filter.ts';

const Owner = Type.Object({ associateId: Uuid, associateName: Type.String(), bookNumber: Type.String(), isPrimary: Type.Boolean(), addedAt: Type.String() });
const Card = Type.Object({
  customerId: Uuid, accountNumber: Type.String(), firstName: Type.String(), lastName: Type.String(), email: Nullable(Type.String()), phone: Nullable(Type.String()),
  isVip: Type.Boolean(), birthDate: Nullable(Type.String()), anniversaryDate: Nullable(Type.String()),
  birthdayInDays: Nullable(Type.Integer()), anniversaryInDays: Nullable(Type.Integer()),
  properties: Type.Array(Type.Object({ kind: Type.Union([Type.Literal('measure'), Type.Literal('attribute')]), key: Type.String(), label: Type.String(), value: Nullable(Type.String()) })),
  owners: Type.Array(Owner),
}, { $id: 'CustomerCard' });
const Page = Type.Object({ items: Type.Array(Type.Ref('CustomerCard')), nextCursor: Nullable(Type.String()) });

const FilterFields = {
  q: Type.Optional(Type.String({ maxLength: 200 })),
  attributes: Type.Optional(Type.Array(Obj({
    attributeId: Uuid,
    values: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 500 }), { maxItems: 100 })),
    min: Type.Optional(Type.Number()), max: Type.Optional(Type.Number()),
    from: Type.Optional(IsoDate), to: Type.Optional(IsoDate),
    equals: Type.Optional(Type.Boolean()),
  }), { maxItems: 20 })),
  upcomingDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 366 })),
  upcomingKinds: Type.Optional(Type.Array(Type.Union(DATE_KINDS.map((k) => Type.Literal(k))), { maxItems: 2 })),
  sort: Type.Optional(Type.Union(SORTS.map((s) => Type.Literal(s)))),
  ownerAssociateId: Type.Optional(Uuid),
};
const Filter = Obj(FilterFields);
const paging = {
  cursor: Type.Optional(Type.String({ maxLength: 500 })),
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 50 }),
  /** Count important dates from this day instead of today (plan ahead). */
  today: Type.Optional(IsoDate),
};
const StoreScope = Type.Union([Type.Literal('current'), Type.Literal('all')], { default: 'current' });
const Book = Type.Object({ id: Uuid, bookNumber: Type.String(), associateId: Uuid, associateName: Type.String(), customerCount: Type.Integer(), createdAt: Type.String() });
const SavedFilter = Type.Object({ id: Uuid, name: Type.String(), scope: Type.Union([Type.Literal('mine'), Type.Literal('store')]), filter: Filter, createdAt: Type.String() });

export default async function clientBookRoutes(app: App) {
  app.addSchema(Card);

  app.get('/client-book', {
    config: { permission: 'client-book.view-own' },
    schema: { tags: ['client book'], summary: 'My client book (created on first use with the next client book ID)', response: { 200: Book } },
  }, async (req) => myClientBook(app.db, req.auth!));

  app.post('/client-book/search', {
    config: { permission: 'client-book.view-own' },
    schema: {
      tags: ['client book'], summary: 'A page of customer cards from my client book, filtered and sorted',
      body: Obj({ ...FilterFields, ...paging }), response: { 200: Page },
    },
  }, async (req) => {
    const { cursor, limit, today, ...filter } = req.body;
    return searchMyBook(app.db, req.auth!, { filter, cursor, limit, today });
  });

  app.post('/store-client-book/search', {
    config: { permission: 'client-book.view-store' },
    schema: {
      tags: ['client book'], summary: 'A page of customer cards from the client books of the associates of the current store (or all my stores)',
      body: Obj({ ...FilterFields, ...paging, stores: StoreScope }), response: { 200: Page },
    },
  }, async (req) => {
    const { cursor, limit, today, stores, ...filter } = req.body;
    return searchStoreBook(app.db, req.auth!, { filter, cursor, limit, today, stores });
  });

  app.get('/store-client-book/associates', {
    config: { permission: 'client-book.view-store' },
    schema: {
      tags: ['client book'], summary: 'Associates of the store(s) and the size of their client books',
      querystring: Obj({ stores: StoreScope }),
      response: { 200: Type.Array(Type.Object({ associateId: Uuid, associateName: Type.String(), active: Type.Boolean(), bookNumber: Nullable(Type.String()), customerCount: Nullable(Type.Integer()) })) },
    },
  }, async (req) => storeBookOwners(app.db, req.auth!, req.query.stores));

  app.post('/client-book/customers', {
    config: { permission: 'client-book.add' },
    schema: {
      tags: ['client book'], summary: 'Add a customer to my client book', body: Obj({ customerId: Uuid }),
      response: { 201: Type.Object({ clientBookId: Uuid, bookNumber: Type.String(), customerId: Uuid, isPrimary: Type.Boolean() }) },
    },
  }, async (req, reply) => reply.status(201).send(await addToMyBook(app.db, req.auth!, req.body.customerId)));

  app.post('/client-book/customers/bulk', {
    config: { permission: 'client-book.add' },
    schema: {
      tags: ['client book'], summary: 'Add several customers to my client book; each gets an outcome (added, or why not)',
      body: Obj({ customerIds: Type.Array(Uuid, { minItems: 1, maxItems: 500 }) }),
      response: { 200: Type.Object({
        clientBookId: Uuid, bookNumber: Type.String(), added: Type.Integer(),
        results: Type.Array(Type.Object({
          customerId: Uuid,
          outcome: Type.Union(['added', 'already-in-your-book', 'in-another-book', 'merged', 'not-found'].map((o) => Type.Literal(o))),
          owner: Type.Optional(Type.String({ description: 'Whose client book the customer is in' })),
        })),
      }) },
    },
  }, async (req) => addManyToMyBook(app.db, req.auth!, req.body.customerIds));

  app.delete('/client-book/customers/:customerId', {
    config: { permission: 'client-book.remove' },
    schema: { tags: ['client book'], summary: 'Remove a customer from my client book', params: Obj({ customerId: Uuid }), response: { 200: Type.Object({ removed: Type.Integer() }) } },
  }, async (req) => removeFromBook(app.db, req.auth!, { customerIds: [req.params.customerId] }));

  app.post('/client-book/remove', {
    config: { permission: 'client-book.remove' },
    schema: {
      tags: ['client book'], summary: 'Remove customers from my client book, or from another associate\'s (store client book)',
      body: Obj({ customerIds: Type.Array(Uuid, { minItems: 1, maxItems: 5000 }), associateId: Type.Optional(Uuid) }),
      response: { 200: Type.Object({ removed: Type.Integer() }) },
    },
  }, async (req) => removeFromBook(app.db, req.auth!, req.body));

  app.post('/client-book/reassign', {
    config: { permission: 'client-book.reassign' },
    schema: {
      tags: ['client book'], summary: 'Reassign customers to another associate\'s client book: a list, or every customer of one associate (e.g. leaving)',
      body: Obj({ toAssociateId: Uuid, customerIds: Type.Optional(Type.Array(Uuid, { minItems: 1, maxItems: 5000 })), fromAssociateId: Type.Optional(Uuid) }),
      response: { 200: Type.Object({ moved: Type.Integer(), toBookNumber: Type.String() }) },
    },
  }, async (req) => reassign(app.db, req.auth!, req.body));

  app.get('/customers/:id/client-books', {
    config: { permission: 'customers.view' },
    schema: {
      tags: ['client book'], summary: 'Whose client books hold a customer, and whether mine does', params: Obj({ id: Uuid }),
      response: { 200: Type.Object({ inMyBook: Type.Boolean(), owners: Type.Array(Owner) }) },
    },
  }, async (req) => {
    await requireClienteling(app.db, req.auth!.legalEntityId);
    return clientBooksOfCustomer(app.db, req.auth!, req.params.id);
  });

  app.get('/client-book/saved-filters', {
    config: { permission: 'client-book.view-own' },
    schema: { tags: ['client book'], summary: 'My saved client book filters', response: { 200: Type.Array(SavedFilter) } },
  }, async (req) => listSavedFilters(app.db, req.auth!));

  app.post('/client-book/saved-filters', {
    config: { permission: 'client-book.view-own' },
    schema: {
      tags: ['client book'], summary: 'Save a client book filter under a name (replaces one of the same name)',
      body: Obj({ name: Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' }), scope: Type.Union([Type.Literal('mine'), Type.Literal('store')]), filter: Filter }),
      response: { 201: SavedFilter },
    },
  }, async (req, reply) => reply.status(201).send(await saveFilter(app.db, req.auth!, req.body)));

  app.delete('/client-book/saved-filters/:id', {
    config: { permission: 'client-book.view-own' },
    schema: { tags: ['client book'], summary: 'Delete a saved filter', params: Obj({ id: Uuid }), response: { 200: Ok } },
  }, async (req) => { await deleteSavedFilter(app.db, req.auth!, req.params.id); return { ok: true }; });
}
