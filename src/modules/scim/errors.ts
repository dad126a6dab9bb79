import { defineErrors } from '../../http/errors.ts';

/** What can go wrong with directory provisioning and hand-overs; clients see `scim.<code>` (SCIM routes: SCIM's error format). */
export const scimErrors = defineErrors('scim', {
  successor_required: 'validation',
  successor_inactive: 'validation',
  /** A successor was chosen for one deactivation, but the legal entity's rule keeps books in the store client book. */
  successor_not_allowed: 'validation',
  /** The associate chosen to receive the book is the one leaving. */
  successor_is_leaving: 'validation',
  associate_not_found: 'not_found',
  task_not_found: 'not_found',
  user_not_found: 'not_found',
  group_not_found: 'not_found',
  invalid_value: 'validation',
  invalid_filter: 'validation',
  invalid_path: 'validation',
  mutability: 'validation',
  uniqueness: 'conflict',
});
