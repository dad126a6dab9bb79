import { defineErrors } from '../../http/errors.ts';

/** What can go wrong with customer records; clients see `customers.<code>` in problem+json. */
export const customerErrors = defineErrors('customers', {
  customer_not_found: 'not_found',
  customer_erased: 'conflict',
  /** A phone number that is not a valid number (read in the store's country when it has no +prefix). */
  phone_invalid: 'validation',
});
