import fs from 'node:fs';
import { describe, expect, it, afterAll } from 'vitest';
import { testApp } from './app.ts';
import { API_TYPES_FILE, apiTypesSource } from '../scripts/api-types.ts';

// The web's API types are generated from the server's schemas; a schema change without `npm run api:types` fails here.
describe('web API types', () => {
  let close: (() => Promise<unknown>) | undefined;
  afterAll(async () => { await close?.(); });

  it('web/src/lib/api-types.ts matches the server\'s /openapi.json (run `npm run api:types` after changing a schema)', async () => {
    const app = await testApp();
    close = () => app.close();
    const expected = await apiTypesSource(app.swagger());
    const committed = fs.readFileSync(API_TYPES_FILE, 'utf8');
    expect(committed === expected, 'web/src/lib/api-types.ts is out of date: run `npm run api:types`').toBe(true);
  }, 240_000); // generating takes seconds alone, more on a loaded machine
});
