import { randomBytes } from 'node:crypto';

// Time-ordered UUIDs (RFC 9562 version 7): 48 bits of Unix milliseconds, then a 12-bit counter, then random bits.
// Rows a bulk load creates get ascending keys, so their B-tree indexes grow at the right-hand edge instead of
// touching (and WAL-logging) a random page per row as gen_random_uuid() keys do.

let lastMs = 0;
let counter = 0;
let prefix = '';

/** A new version 7 UUID, ascending within this process (a counter orders IDs made in the same millisecond). */
export function uuid7(): string {
  const now = Date.now();
  if (now > lastMs) {
    lastMs = now;
    counter = 0;
    prefix = '';
  } else if (++counter > 0xfff) {
    // 4,096 IDs in one millisecond: borrow the next millisecond, as RFC 9562 allows, to stay ascending.
    lastMs++;
    counter = 0;
    prefix = '';
  }
  if (!prefix) {
    const ms = lastMs.toString(16).padStart(12, '0');
    prefix = `${ms.slice(0, 8)}-${ms.slice(8, 12)}-7`;
  }
  return prefix + counter.toString(16).padStart(3, '0') + randomTail();
}

// Random hex drawn 8 KiB at a time: a bulk load makes a million IDs, and a randomUUID() per ID (to keep its tail) was a
// microsecond each, several per imported line.
let pool = '';
let at = 0;
const VARIANT = '89ab';

/** `-Nxxx-xxxxxxxxxxxx`: 62 random bits, N carrying the RFC 9562 variant bits (10xx). */
function randomTail(): string {
  if (at + 16 > pool.length) { pool = randomBytes(8192).toString('hex'); at = 0; }
  const p = at;
  at += 16;
  return `-${VARIANT[parseInt(pool[p], 16) & 3]}${pool.slice(p + 1, p + 4)}-${pool.slice(p + 4, p + 16)}`;
}
