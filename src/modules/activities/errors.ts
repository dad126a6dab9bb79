import { defineErrors } from '../../http/errors.ts';

/** What can go wrong with activities, notes and activity types; clients see `activities.<code>` in problem+json. */
export const activityErrors = defineErrors('activities', {
  customer_erased: 'conflict',
  unknown_activity_type: 'validation',
  activity_type_retired: 'validation',
  date_too_far_ahead: 'validation',
  activity_not_found: 'not_found',
  not_your_activity: 'forbidden',
  note_not_found: 'not_found',
  not_your_note: 'forbidden',
  store_only_needs_store: 'validation',
  invalid_cursor: 'validation',
  activity_type_name_taken: 'conflict',
  activity_type_not_found: 'not_found',
  client_id_taken: 'conflict',
});
