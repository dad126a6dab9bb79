import { defineErrors } from '../../http/errors.ts';

/** What can go wrong with erasure and merging duplicates; clients see `privacy.<code>` in problem+json. */
export const privacyErrors = defineErrors('privacy', {
  already_erased: 'conflict',
  merge_into_itself: 'validation',
  already_merged: 'conflict',
  customer_erased: 'conflict',
});
