import { defineErrors } from '../../http/errors.ts';

/** What can go wrong with client books, their filters and saved filters; clients see `client_book.<code>` in problem+json. */
export const clientBookErrors = defineErrors('client_book', {
  legal_entity_not_found: 'not_found',
  not_at_store: 'validation',
  associate_not_found: 'not_found',
  associate_inactive: 'conflict',
  book_not_found: 'not_found',
  associate_has_no_book: 'not_found',
  customer_merged: 'conflict',
  customer_already_in_book: 'conflict',
  customer_in_another_book: 'conflict',
  other_associates_book: 'forbidden',
  customer_not_in_book: 'not_found',
  reassign_nothing_chosen: 'validation',
  reassign_to_same_associate: 'validation',
  customers_not_in_source_book: 'validation',
  unknown_attribute: 'validation',
  attribute_not_refinable: 'validation',
  filter_value_missing: 'validation',
  filter_range_inverted: 'validation',
  invalid_cursor: 'validation',
  unknown_owner: 'validation',
  saved_filter_not_found: 'not_found',
});
