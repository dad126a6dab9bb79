import { alias } from 'drizzle-orm/pg-core';
import { clientBookMembers } from './schema.ts';
import { customers } from '../customers/schema.ts';

/**
 * The names a page of client book members is written with: filter.ts's conditions, card.ts's select list and
 * search.ts's page query are parts of one statement and meet on these two rows, `m` the membership, `c` the customer.
 */
export const m = alias(clientBookMembers, 'm');
export const c = alias(customers, 'c');
