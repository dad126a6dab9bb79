// Production files under src/modules whose SQL still names schema tables or snake_case columns as text (#15), to be
// written against the drizzle objects instead. sql-names.unit.test.ts fails on a file missing here and on a file
// here that no longer needs to be: this list only shrinks.
export const FILES_WITH_BARE_SQL_NAMES: readonly string[] = [
  'modules/appointments/day-service.ts',
  'modules/attribution/engine.ts',
  'modules/attribution/performance.ts',
  'modules/auth/invitations.ts',
  'modules/auth/service.ts',
  'modules/client-book/books.ts',
  'modules/client-book/demo.ts',
  'modules/client-book/search.ts',
  'modules/customer-profile/queries.ts',
  'modules/insights/measure-sandbox.ts',
  'modules/insights/measure-store.ts',
  'modules/insights/measures-service.ts',
  'modules/organisation/queries.ts',
  'modules/outreach/prompts.ts',
  'modules/privacy/customer-tables.ts',
  'modules/privacy/duplicates.ts',
  'modules/privacy/service.ts',
  'modules/recommendations/mining-job.ts',
  'modules/recommendations/queries.ts',
  'modules/recommendations/setup.ts',
];
