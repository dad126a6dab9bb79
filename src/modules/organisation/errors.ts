import { defineErrors } from '../../http/errors.ts';

/** What can go wrong with stores, roles and associates; clients see `organisation.<code>` in problem+json. */
export const organisationErrors = defineErrors('organisation', {
  address_book_not_found: 'not_found',
  unknown_role: 'validation',
  unknown_store: 'validation',
  unknown_permission: 'validation',
  role_not_found: 'not_found',
  associate_not_found: 'not_found',
  invitation_pending: 'conflict',
  /** A successor for the client book was named while activating (it is for deactivation only). */
  successor_needs_deactivation: 'validation',
});
