import { defineConfig } from 'drizzle-kit';

// One schema spread over the capability folders; migrations are generated SQL, committed.
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/db/schema/*.ts', './src/modules/*/schema.ts'],
  out: './src/db/migrations',
  casing: 'snake_case',
});
