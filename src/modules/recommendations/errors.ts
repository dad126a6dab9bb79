import { defineErrors } from '../../http/errors.ts';

/** What can go wrong with recommendations and their setup; clients see `recommendations.<code>` in problem+json. */
export const recommendationsErrors = defineErrors('recommendations', {
  customer_not_found: 'not_found',
  complement_category_required: 'validation',
  complement_to_itself: 'validation',
  complement_rule_exists: 'conflict',
  complement_rule_not_found: 'not_found',
  /** Another mining run for the legal entity has not finished; retry later. */
  mining_in_progress: 'conflict',
});
