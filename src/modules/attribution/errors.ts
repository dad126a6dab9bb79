import { defineErrors } from '../../http/errors.ts';

/** What can go wrong with sales groups, commission plans, statements and performance; clients see `attribution.<code>`. */
export const attributionErrors = defineErrors('attribution', {
  sales_group_not_found: 'not_found',
  commission_plan_not_found: 'not_found',
  associate_not_found: 'not_found',
  store_not_found: 'not_found',
  // Sales groups.
  share_precision: 'validation',
  associate_listed_twice: 'validation',
  shares_do_not_add_up: 'validation',
  /** A store or associate id of another legal entity (or none) given as input. */
  unknown_store: 'validation',
  unknown_associate: 'validation',
  associate_in_other_group: 'conflict',
  sales_group_name_taken: 'conflict',
  // Commission plans.
  rate_precision: 'validation',
  rate_out_of_range: 'validation',
  month_invalid: 'validation',
  months_reversed: 'validation',
  rate_without_scope: 'validation',
  rate_repeated: 'validation',
  plan_overlap: 'conflict',
  // Statements and performance.
  statement_not_yours: 'forbidden',
  store_not_worked_in: 'forbidden',
  date_range_reversed: 'validation',
  date_range_too_long: 'validation',
});
