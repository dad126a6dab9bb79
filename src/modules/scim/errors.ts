import { defineErrors } from '../../http/errors.ts';

/** What can go wrong with directory provisioning and hand-overs; clients see `scim.<code>` (SCIM routes: SCIM's error format). */
export const scimErrors = defineErrors('scim', {
  successor_required: 'validation',
  successor_inactive: 'validation',
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
