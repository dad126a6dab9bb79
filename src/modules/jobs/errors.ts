import { defineErrors } from '../../http/errors.ts';

/** What can go wrong with background jobs in set-up; clients see `jobs.<code>` in problem+json. */
export const jobErrors = defineErrors('jobs', {
  run_not_found: 'not_found',
  job_not_retryable: 'conflict',
});
