// Text that PostgreSQL cannot store (NUL) or that is not well-formed Unicode (a lone surrogate, which the driver would
// silently turn into U+FFFD) is refused at the edge, for every route, before any handler or query sees it.

/** Deeper JSON than this is refused: no form of this API nests anywhere near it, and walking it costs stack. */
export const MAX_NESTING = 32;

export interface BadInput { field: string; reason: string }

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be taken, or null when it can. */
export function badText(s: string): string | null {
  if (s.includes('\u0000')) return 'contains a NUL character (\\u0000), which cannot be stored';
  if (LONE_SURROGATE.test(s)) return 'contains a lone surrogate (\\uD800–\\uDFFF), which is not valid Unicode';
  return null;
}

const join = (base: string, key: string | number) => (base ? `${base}.${key}` : String(key));

/**
 * The first bad string (or key) or non-finite number in a parsed value, with its dotted path below `root`, or the first place nested deeper
 * than MAX_NESTING. Walks with its own stack, so a hostile body cannot overflow the call stack.
 */
export function findBadInput(value: unknown, root = ''): BadInput | null {
  const stack: [unknown, string, number][] = [[value, root, 0]];
  while (stack.length) {
    const [v, path, depth] = stack.pop()!;
    if (typeof v === 'string') {
      const reason = badText(v);
      if (reason) return { field: path || root, reason };
      continue;
    }
    // JSON's 1e400 and a query's limit=1e400 both become Infinity, which the schemas' integer check lets through.
    if (typeof v === 'number' && !Number.isFinite(v)) return { field: path || root, reason: 'is not a finite number' };
    if (!v || typeof v !== 'object' || Buffer.isBuffer(v) || ArrayBuffer.isView(v)) continue;
    if (typeof (v as { pipe?: unknown }).pipe === 'function') continue; // a stream: its reader checks it
    if (depth >= MAX_NESTING) return { field: path || root, reason: `is nested more than ${MAX_NESTING} levels deep` };
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], join(path, i), depth + 1]);
      continue;
    }
    const entries = Object.entries(v);
    for (const [k] of entries) {
      const keyReason = badText(k);
      if (keyReason) return { field: join(path, k.replace(/[\u0000\uD800-\uDFFF]/g, '\uFFFD')), reason: `has a name that ${keyReason}` };
    }
    for (let i = entries.length - 1; i >= 0; i--) stack.push([entries[i][1], join(path, entries[i][0]), depth + 1]);
  }
  return null;
}
