import { defineConfig } from 'vitest/config';

// Two projects: every test on embedded PGlite, and the database tests again on a real
// PostgreSQL server when DATABASE_URL is set. Pure unit tests are named *.unit.test.ts.
const projects: any[] = [
  {
    extends: true,
    test: {
      name: 'pglite',
      include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'shared/**/*.test.ts'],
      env: { CLIENTELING_TEST_DB: 'pglite' },
      testTimeout: 60_000,
      hookTimeout: 120_000,
    },
  },
];
if (process.env.DATABASE_URL) {
  projects.push({
    extends: true,
    test: {
      name: 'postgres',
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      // Files that make their own embedded databases (the demo, the CLI and compiled builds) run once, on PGlite:
      // they skip themselves on PostgreSQL, and leaving them out spares loading them for nothing.
      exclude: ['**/*.unit.test.ts', 'test/browser/**', 'test/demo.test.ts', 'test/graceful-shutdown.test.ts', 'test/compiled-build.test.ts', '**/node_modules/**'],
      env: { CLIENTELING_TEST_DB: 'postgres' },
      globalSetup: ['test/postgres-global-setup.ts'],
      testTimeout: 60_000,
      hookTimeout: 120_000,
    },
  });
}

export default defineConfig({
  test: {
    projects,
    pool: 'forks',
    // Files in one worker share modules and so one embedded database; each test builds its own legal entity.
    // A project takes these only with `extends: true`: without it every file loaded the app and migrated a database.
    isolate: false,
    maxWorkers: 2,
  },
});
