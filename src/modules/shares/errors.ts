import { defineErrors } from '../../http/errors.ts';

/** What can go wrong sharing a look and on its public page; clients see `shares.<code>`. */
export const sharesErrors = defineErrors('shares', {
  /** The public link was not signed here or names no look (tampered, guessed, or the customer was erased). */
  look_link_invalid: 'not_found',
  look_not_found: 'not_found',
  customer_erased: 'conflict',
  unknown_product: 'validation',
  product_not_in_look: 'validation',
  products_repeated: 'validation',
});
