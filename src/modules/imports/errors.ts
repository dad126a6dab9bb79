import { defineErrors } from '../../http/errors.ts';

/**
 * What can refuse an import or a webhook delivery as a whole; clients see `imports.<code>` in problem+json. Bad rows
 * are not errors: they are listed in the import summary with their line.
 */
export const importsErrors = defineErrors('imports', {
  unknown_entity: 'validation',
  unsupported_content_type: 'validation',
  file_too_large: 'validation',
  webhook_headers_missing: 'unauthenticated',
  webhook_timestamp_stale: 'unauthenticated',
  /** Also for an unknown legal entity code, so a caller cannot probe which codes exist. */
  webhook_signature_invalid: 'unauthenticated',
  webhook_replayed: 'conflict',
});
