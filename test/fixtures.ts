import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

// Public data sets the tests check published figures against, kept in the repository (test/fixtures/README.md,
// licences in NOTICE) so a clean clone passes on its own.
const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** Absolute path of a fixture file, e.g. `fixture('cdnow', 'CDNOW_sample.txt')`. */
export const fixture = (...parts: string[]): string => path.join(ROOT, ...parts);

/** Text of a fixture; `.gz` files (stored compressed to keep the repository small) are unpacked. */
export const readFixture = (...parts: string[]): string => {
  const buf = readFileSync(fixture(...parts));
  return (parts[parts.length - 1].endsWith('.gz') ? gunzipSync(buf) : buf).toString('utf8');
};
