import { randomUUID } from 'node:crypto';

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
  // randomUUID() is xxxxxxxx-xxxx-4xxx-Nxxx-xxxxxxxxxxxx with the variant bits already set in N: keep its random tail.
  return prefix + counter.toString(16).padStart(3, '0') + randomUUID().slice(18);
}
