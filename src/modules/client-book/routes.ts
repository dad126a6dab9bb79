import { Type } from '@sinclair/typebox';
import type { App } from '../../http/types.ts';
import { Obj, Uuid, Ok } from '../../http/schemas.ts';
import { requireClienteling } from '../setup/service.ts';
import { myClientBook, addToMyBook, addManyToMyBook, removeFromBook, reassign, clientBooksOfCustomer, undoRemoval } from './books.ts';
import { secretKey } from '../../db/secret-key.ts';
import { handOver } from './hand-over.ts';
import { searchMyBook, searchStoreBook, storeBookOwners } from './search.ts';
import { listSavedFilters, saveFilter, deleteSavedFilter } from './saved-filters.ts';
import {
  AddedToBookSchema, BooksOfCustomerSchema, BulkAddResultSchema, CardPageSchema, ClientBookSchema, CustomerCardSchema, FilterSchema, RemovedSchema,
  ReassignedSchema, SavedFilterSchema, UndoRemovalSchema, HandOverBodySchema, HandOverResultSchema, SavedFilterScopeSchema, StoreBookOwnerSchema, StoreScopeSchema, filterFields, pagingFields,
} from './client-book-schemas.ts';

export default async function clientBookRoutes(app: App) {
  const key = () => secretKey(app.db, app.config.secretKey);
  app.addSchema(CustomerCardSchema);

  app.get('/client-book', {
    config: { permission: 'client-book.view-own' },
    schema: { tags: ['client book'], summary: 'My client book (created on first use with the next client book ID)', response: { 200: ClientBookSchema } },
  }, async (req) => myClientBook(app.db, req.auth!));

  app.post('/client-book/search', {
    config: { permission: 'client-book.view-own' },
    schema: {
      tags: ['client book'], summary: 'A page of customer cards from my client book, filtered and sorted',
      body: Obj({ ...filterFields, ...pagingFields }), response: { 200: CardPageSchema },
    },
  }, async (req) => {
    const { cursor, limit, today, ...filter } = req.body;
    return searchMyBook(app.db, req.auth!, { filter, cursor, limit, today });
  });

  app.post('/store-client-book/search', {
    config: { permission: 'client-book.view-store' },
    schema: {
      tags: ['client book'], summary: 'A page of customer cards from the client books of the associates of the current store (or all my stores)',
      body: Obj({ ...filterFields, ...pagingFields, stores: StoreScopeSchema }), response: { 200: CardPageSchema },
    },
  }, async (req) => {
    const { cursor, limit, today, stores, ...filter } = req.body;
    return searchStoreBook(app.db, req.auth!, { filter, cursor, limit, today, stores });
  });

  app.get('/store-client-book/associates', {
    config: { permission: 'client-book.view-store' },
    schema: {
      tags: ['client book'], summary: 'Associates of the store(s) and the size of their client books',
      querystring: Obj({ stores: StoreScopeSchema }),
      response: { 200: Type.Array(StoreBookOwnerSchema) },
    },
  }, async (req) => storeBookOwners(app.db, req.auth!, req.query.stores));

  app.post('/client-book/customers', {
    config: { permission: 'client-book.add' },
    schema: {
      tags: ['client book'], summary: 'Add a customer to my client book', body: Obj({ customerId: Uuid }),
      response: { 201: AddedToBookSchema },
    },
  }, async (req, reply) => reply.status(201).send(await addToMyBook(app.db, req.auth!, req.body.customerId)));

  app.post('/client-book/customers/bulk', {
    config: { permission: 'client-book.add' },
    schema: {
      tags: ['client book'], summary: 'Add several customers to my client book; each gets an outcome (added, or why not)',
      body: Obj({ customerIds: Type.Array(Uuid, { minItems: 1, maxItems: 500 }) }),
      response: { 200: BulkAddResultSchema },
    },
  }, async (req) => addManyToMyBook(app.db, req.auth!, req.body.customerIds));

  app.delete('/client-book/customers/:customerId', {
    config: { permission: 'client-book.remove' },
    schema: { tags: ['client book'], summary: 'Remove a customer from my client book', params: Obj({ customerId: Uuid }), response: { 200: RemovedSchema } },
  }, async (req) => removeFromBook(app.db, req.auth!, await key(), { customerIds: [req.params.customerId] }));

  app.post('/client-book/remove', {
    config: { permission: 'client-book.remove' },
    schema: {
      tags: ['client book'], summary: 'Remove customers from my client book, or from another associate\'s (store client book)',
      body: Obj({ customerIds: Type.Array(Uuid, { minItems: 1, maxItems: 5000 }), associateId: Type.Optional(Uuid) }),
      response: { 200: RemovedSchema },
    },
  }, async (req) => removeFromBook(app.db, req.auth!, await key(), req.body));

  app.post('/client-book/remove/undo', {
    config: { permission: 'client-book.remove' },
    schema: {
      tags: ['client book'], summary: 'Undo a removal: put the customers back in the client book they were just removed from (with the removal\'s token)',
      body: Obj({ token: Type.String({ minLength: 10, maxLength: 300_000, description: 'The undo token the removal answered' }) }),
      response: { 200: UndoRemovalSchema },
    },
  }, async (req) => undoRemoval(app.db, req.auth!, await key(), req.body.token));

  app.post('/client-book/reassign', {
    config: { permission: 'client-book.reassign' },
    schema: {
      tags: ['client book'], summary: 'Reassign customers to another associate\'s client book: a list, or every customer of one associate (e.g. leaving)',
      body: Obj({ toAssociateId: Uuid, customerIds: Type.Optional(Type.Array(Uuid, { minItems: 1, maxItems: 5000 })), fromAssociateId: Type.Optional(Uuid) }),
      response: { 200: ReassignedSchema },
    },
  }, async (req) => reassign(app.db, req.auth!, req.body));

  app.post('/client-book/hand-over', {
    config: { permission: 'client-book.reassign' },
    schema: {
      tags: ['client book'], summary: 'Hand over an associate\'s client book (e.g. leaving): split or move it to named colleagues, optionally with an introduction from each',
      body: HandOverBodySchema, response: { 200: HandOverResultSchema },
    },
  }, async (req) => handOver(app.db, req.auth!, req.body));

  app.get('/customers/:id/client-books', {
    config: { permission: 'customers.view' },
    schema: {
      tags: ['client book'], summary: 'Whose client books hold a customer, and whether mine does', params: Obj({ id: Uuid }),
      response: { 200: BooksOfCustomerSchema },
    },
  }, async (req) => {
    await requireClienteling(app.db, req.auth!.legalEntityId);
    return clientBooksOfCustomer(app.db, req.auth!, req.params.id);
  });

  app.get('/client-book/saved-filters', {
    config: { permission: 'client-book.view-own' },
    schema: { tags: ['client book'], summary: 'My saved client book filters', response: { 200: Type.Array(SavedFilterSchema) } },
  }, async (req) => listSavedFilters(app.db, req.auth!));

  app.post('/client-book/saved-filters', {
    config: { permission: 'client-book.view-own' },
    schema: {
      tags: ['client book'], summary: 'Save a client book filter under a name (replaces one of the same name)',
      body: Obj({ name: Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' }), scope: SavedFilterScopeSchema, filter: FilterSchema }),
      response: { 201: SavedFilterSchema },
    },
  }, async (req, reply) => reply.status(201).send(await saveFilter(app.db, req.auth!, req.body)));

  app.delete('/client-book/saved-filters/:id', {
    config: { permission: 'client-book.view-own' },
    schema: { tags: ['client book'], summary: 'Delete a saved filter', params: Obj({ id: Uuid }), response: { 200: Ok } },
  }, async (req) => { await deleteSavedFilter(app.db, req.auth!, req.params.id); return { ok: true }; });
}
