import { describe, it, expect } from 'vitest';
import Fastify from 'fastify';
import { AppError, defineErrors } from './errors.ts';
import { errorHandler } from './problem.ts';

describe('defineErrors', () => {
  const errors = defineErrors('client_book', { customer_already_in_book: 'conflict', book_not_found: 'not_found' });

  it('makes errors that carry the capability code, the kind and its HTTP status', () => {
    const e = errors.customer_already_in_book('Already there.', { field: 'customerId' });
    expect(e).toBeInstanceOf(AppError);
    expect({ code: e.code, kind: e.kind, status: e.status, field: e.field, message: e.message })
      .toEqual({ code: 'client_book.customer_already_in_book', kind: 'conflict', status: 409, field: 'customerId', message: 'Already there.' });
    expect(errors.book_not_found('No book.').status).toBe(404);
  });

  it('exposes each code for tests to assert on, without making an error', () => {
    expect(errors.book_not_found.code).toBe('client_book.book_not_found');
    expect(errors.book_not_found.kind).toBe('not_found');
  });

  it('is answered as problem+json with its code and extra members, which never replace the code or status', async () => {
    const app = Fastify();
    app.setErrorHandler(errorHandler);
    app.get('/book', async () => {
      throw errors.customer_already_in_book('Already there.', { field: 'customerId', extra: { code: 'other', status: 200, bookId: 'b1' } });
    });
    const res = await app.inject({ method: 'GET', url: '/book' });
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 409, code: 'client_book.customer_already_in_book', field: 'customerId', detail: 'Already there.', bookId: 'b1' });
    await app.close();
  });

  it('keeps the bare kind as the code of the shared core', () => {
    expect(new AppError('forbidden', 'No.').code).toBe('forbidden');
  });
});
