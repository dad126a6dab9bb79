import { pgTable, text } from 'drizzle-orm/pg-core';

/** Settings of this installation, such as the generated secret key when none is configured. */
export const instanceSettings = pgTable('instance_settings', {
  key: text().primaryKey(),
  value: text().notNull(),
});
