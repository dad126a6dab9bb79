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

// Any NUL or surrogate at all: only a string holding one needs the exact check (a surrogate may be half of a good pair).
const SUSPECT = /[\u0000\uD800-\uDFFF]/;

/**
 * The common case, told at the cost of one scan per string: an object of strings, finite numbers, booleans and nulls
 * without a NUL or a surrogate anywhere. The walk below builds a path and a stack entry per value, which for an
 * import's millions of flat records was as much CPU as parsing them; anything else (nesting, a suspect string) takes it.
 */
function isPlainFlatAndClean(value: unknown, stringsChecked: boolean): boolean {
  if (!value || typeof value !== 'object' || Array.isArray(value) || Object.getPrototypeOf(value) !== Object.prototype) return false;
  const o = value as Record<string, unknown>;
  for (const k in o) {
    if (!Object.hasOwn(o, k)) return false;
    const v = o[k];
    if (typeof v === 'string') { if (!stringsChecked && SUSPECT.test(v)) return false; }
    else if (typeof v === 'number') { if (!Number.isFinite(v)) return false; }
    else if (v !== null && typeof v !== 'boolean') return false;
    if (!stringsChecked && SUSPECT.test(k)) return false;
  }
  return true;
}

const join = (base: string, key: string | number) => (base ? `${base}.${key}` : String(key));

/**
 * JSON text that holds none of these (no NUL, no UTF-16 surrogate, no \u escape) cannot parse into a string or a name
 * holding a NUL or a lone surrogate: one scan of a file's line stands for the checks of all its values.
 */
export const SUSPECT_JSON_TEXT = /[\u0000\uD800-\uDFFF]|\\u/;

/**
 * The first bad string (or key) or non-finite number in a parsed value, with its dotted path below `root`, or the first place nested deeper
 * than MAX_NESTING. Walks with its own stack, so a hostile body cannot overflow the call stack. `stringsChecked`: the
 * value was parsed from JSON text SUSPECT_JSON_TEXT found nothing in, so a flat value needs only its numbers checked.
 */
export function findBadInput(value: unknown, root = '', opts: { stringsChecked?: boolean } = {}): BadInput | null {
  if (isPlainFlatAndClean(value, opts.stringsChecked === true)) return null;
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
