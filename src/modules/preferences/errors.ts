import { defineErrors } from '../../http/errors.ts';

/** What can go wrong on the customer's preference page and one-click unsubscribe; clients see `preferences.<code>`. */
export const preferencesErrors = defineErrors('preferences', {
  /** The token was not signed by this installation, or names no link (tampered or guessed). */
  link_invalid: 'not_found',
  /** The link ran out or an associate revoked it: the customer uses the link in a newer email. */
  link_expired: 'forbidden',
  customer_erased: 'conflict',
  unknown_topic: 'validation',
  unknown_channel: 'validation',
  unknown_language: 'validation',
  customer_not_found: 'not_found',
});
