import { defineErrors } from '../../http/errors.ts';

/** What can go wrong with the clienteling set-up; clients see `setup.<code>` in problem+json. */
export const setupErrors = defineErrors('setup', {
  clienteling_disabled: 'feature_disabled',
  unknown_attribute_group: 'validation',
  too_many_card_measures: 'validation',
  card_measure_repeated: 'validation',
  unknown_measure: 'validation',
  customers_in_several_books: 'conflict',
  book_number_taken: 'conflict',
});
