import { defineErrors } from '../../http/errors.ts';

/** What can go wrong with measures (built-in, SQL and external providers); clients see `insights.<code>` in problem+json. */
export const insightsErrors = defineErrors('insights', {
  measure_not_found: 'not_found',
  /** The key names a built-in measure (rfm_score, clv_12m…), which cannot be redefined or deleted. */
  builtin_measure_key: 'conflict',
  builtin_measure_not_deletable: 'conflict',
  measure_key_taken: 'conflict',
  measure_key_repeated: 'validation',
  measure_has_no_query: 'validation',
  /** The SQL is not a single SELECT over the measure views (measure-sql-policy.ts). */
  measure_sql_refused: 'validation',
  /** Saving ran "Validate" and it failed: the query is refused or fails, or its rows are not usable; the message lists why. */
  measure_validation_failed: 'unprocessable',
  measure_query_failed: 'validation',
  measure_query_timeout: 'validation',
  measure_query_too_costly: 'validation',
  measure_query_too_many_rows: 'validation',
  /** The database role SQL measures run as is missing: the operator's to fix, not the query's. */
  measure_role_missing: 'conflict',
  provider_not_found: 'not_found',
  provider_name_taken: 'conflict',
  provider_url_invalid: 'validation',
  provider_url_not_https: 'validation',
  provider_url_has_credentials: 'validation',
  /** The provider could not be reached, refused the credentials or answered nothing usable; `validation` says why. */
  provider_validation_failed: 'unprocessable',
  /** The installation's secret key changed since the client secret was stored. */
  provider_secret_unreadable: 'unprocessable',
});
