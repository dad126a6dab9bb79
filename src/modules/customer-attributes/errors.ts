import { defineErrors } from '../../http/errors.ts';

/** What can go wrong with customer attributes, their groups and values; clients see `customer_attributes.<code>`. */
export const customerAttributeErrors = defineErrors('customer_attributes', {
  group_name_taken: 'conflict',
  group_not_found: 'not_found',
  group_is_client_book_group: 'conflict',
  unknown_group: 'validation',
  attribute_name_taken: 'conflict',
  attribute_not_found: 'not_found',
  unknown_attribute: 'validation',
  list_values_not_allowed: 'validation',
  list_values_missing: 'validation',
  list_value_repeated: 'validation',
  type_change_with_values: 'conflict',
  list_values_in_use: 'conflict',
  invalid_value: 'validation',
  customer_erased: 'conflict',
});
