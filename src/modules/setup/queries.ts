import { QueryBuilder } from 'drizzle-orm/pg-core';
import { clientelingSettings as s } from './schema.ts';

/**
 * The clienteling set-up of every legal entity, as the subquery `cs` (legalEntityId, enabled, clientBookAttributeGroupId,
 * cardMeasureKeys, allowMultipleBooks): client book pages join it into the statement that reads a page, so a set-up
 * change shows on the next page without a cache. A legal entity without a row has the defaults (clientelingSettingsOf).
 */
export const clientelingSettingsRows = new QueryBuilder({ casing: 'snake_case' }).select({
  legalEntityId: s.legalEntityId, enabled: s.enabled, clientBookAttributeGroupId: s.clientBookAttributeGroupId,
  cardMeasureKeys: s.cardMeasureKeys, allowMultipleBooks: s.allowMultipleBooks,
}).from(s).as('cs');
