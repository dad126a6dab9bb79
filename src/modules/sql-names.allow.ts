// Production files under src/modules whose SQL still names schema tables or snake_case columns as text (#15), to be
// written against the drizzle objects instead. sql-names.unit.test.ts fails on a file missing here and on a file
// here that no longer needs to be: this list only shrinks.
export const FILES_WITH_BARE_SQL_NAMES: readonly string[] = [
  'modules/outreach/prompts.ts',
];
