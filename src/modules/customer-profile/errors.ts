import { defineErrors } from '../../http/errors.ts';

/** What can go wrong with a customer's profile, preferences and consents; clients see `customer_profile.<code>`. */
export const customerProfileErrors = defineErrors('customer_profile', {
  customer_erased: 'conflict',
  customer_merged: 'conflict',
  preference_not_found: 'not_found',
  consent_in_future: 'validation',
});
