import { describe, it, expect } from 'vitest';
import { AppError, defineErrors } from './errors.ts';

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

  it('keeps the bare kind as the code of the shared core', () => {
    expect(new AppError('forbidden', 'No.').code).toBe('forbidden');
  });
});
