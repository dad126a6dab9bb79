import { defineErrors } from '../../http/errors.ts';

/** Why a process is not ready for traffic; clients (load balancers) see `health.<code>`. */
export const healthErrors = defineErrors('health', {
  database_unreachable: 'unavailable',
  migrations_pending: 'unavailable',
});
