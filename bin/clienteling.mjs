#!/usr/bin/env node
// Runs the compiled CLI in dist/ (plain JavaScript; see scripts/build.mjs). `npm install` builds it; after a pull or
// an edit it is rebuilt here first, so a stale build never runs.
import { ensureBuilt } from '../scripts/build.mjs';
await ensureBuilt();
const { main } = await import('../dist/src/cli/main.js');
process.exitCode = await main(process.argv.slice(2));
