// Reading one source record's fields: names are matched loosely (externalId, external_id, "External ID"),
// values are checked and converted, and a bad value throws a RowError naming the field.

export class RowError extends Error {}

// Every record repeats the same few field names: remember their normal form (bounded, a source could invent names).
const normalised = new Map<string, string>();
function norm(k: string): string {
  let n = normalised.get(k);
  if (n === undefined) {
    n = k.toLowerCase().replace(/[^a-z0-9]/g, '');
    if (normalised.size > 10_000) normalised.clear();
    normalised.set(k, n);
  }
  return n;
}

const lastTimestamp: [string, string] = ['', ''];

export class Fields {
  private map = new Map<string, unknown>();
  constructor(record: Record<string, unknown>) {
    for (const k in record) {
      const v = record[k];
      if (v !== null && v !== undefined && v !== '') this.map.set(norm(k), v);
    }
  }
  raw(...names: string[]): unknown {
    for (let i = 0; i < names.length; i++) { const v = this.map.get(norm(names[i])); if (v !== undefined) return v; }
    return undefined;
  }
  text(names: string | string[], opts: { required?: boolean; max?: number } = {}): string | null {
    const list = Array.isArray(names) ? names : [names];
    const v = this.raw(...list);
    if (v === undefined) {
      if (opts.required) throw new RowError(`${list[0]} is required.`);
      return null;
    }
    if (typeof v === 'object') throw new RowError(`${list[0]} must be text.`);
    const s = String(v).trim();
    if (!s) { if (opts.required) throw new RowError(`${list[0]} is required.`); return null; }
    if (s.length > (opts.max ?? 1000)) throw new RowError(`${list[0]} is longer than ${opts.max ?? 1000} characters.`);
    return s;
  }
  req(names: string | string[], max?: number): string { return this.text(names, { required: true, max })!; }
  oneOf<T extends string>(names: string | string[], allowed: readonly T[], fallback?: T): T {
    const v = this.text(names);
    const name = Array.isArray(names) ? names[0] : names;
    if (v === null) {
      if (fallback !== undefined) return fallback;
      throw new RowError(`${name} is required (one of ${allowed.join(', ')}).`);
    }
    const found = allowed.find((a) => a === v.toLowerCase());
    if (!found) throw new RowError(`${name} "${v}" is not one of ${allowed.join(', ')}.`);
    return found;
  }
  int(names: string | string[], opts: { required?: boolean; min?: number; fallback?: number } = {}): number | null {
    const name = Array.isArray(names) ? names[0] : names;
    const v = this.raw(...(Array.isArray(names) ? names : [names]));
    if (v === undefined) {
      if (opts.fallback !== undefined) return opts.fallback;
      if (opts.required) throw new RowError(`${name} is required.`);
      return null;
    }
    const n = typeof v === 'number' ? v : Number(String(v).trim());
    if (!Number.isInteger(n)) throw new RowError(`${name} must be a whole number, got "${String(v)}".`);
    if (opts.min !== undefined && n < opts.min) throw new RowError(`${name} must be at least ${opts.min}.`);
    return n;
  }
  /** An amount: `<name>Minor` in minor units, or `<name>` as a decimal in major units ("129.90"). */
  money(name: string, opts: { required?: boolean; fallback?: number } = {}): number {
    const minor = this.raw(`${name}Minor`);
    if (minor !== undefined) {
      const n = Number(minor);
      if (!Number.isInteger(n) || n < 0) throw new RowError(`${name}Minor must be a whole, non-negative number of minor units.`);
      return n;
    }
    const major = this.raw(name);
    if (major === undefined) {
      if (opts.fallback !== undefined) return opts.fallback;
      throw new RowError(`${name} is required.`);
    }
    const s = String(major).trim();
    if (!/^\d+(\.\d{1,2})?$/.test(s)) throw new RowError(`${name} must be an amount like 129.90, got "${s}".`);
    const [whole, frac = ''] = s.split('.');
    return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  }
  timestamp(names: string | string[], opts: { required?: boolean } = {}): string | null {
    const name = Array.isArray(names) ? names[0] : names;
    const v = this.text(names, opts);
    if (v === null) return null;
    // An order's lines repeat its time: reuse the last conversion.
    if (v === lastTimestamp[0]) return lastTimestamp[1];
    const t = Date.parse(v);
    if (!/^\d{4}-\d{2}-\d{2}/.test(v) || Number.isNaN(t)) throw new RowError(`${name} must be an ISO 8601 date and time, got "${v}".`);
    const iso = new Date(t).toISOString();
    lastTimestamp[0] = v; lastTimestamp[1] = iso;
    return iso;
  }
  date(names: string | string[]): string | null {
    const name = Array.isArray(names) ? names[0] : names;
    const v = this.text(names);
    if (v === null) return null;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v))) throw new RowError(`${name} must be a date like 1985-04-23, got "${v}".`);
    return v;
  }
  bool(names: string | string[], fallback: boolean): boolean {
    const name = Array.isArray(names) ? names[0] : names;
    const v = this.raw(...(Array.isArray(names) ? names : [names]));
    if (v === undefined) return fallback;
    if (typeof v === 'boolean') return v;
    const s = String(v).trim().toLowerCase();
    if (['true', '1', 'yes', 'y'].includes(s)) return true;
    if (['false', '0', 'no', 'n'].includes(s)) return false;
    throw new RowError(`${name} must be true or false, got "${String(v)}".`);
  }
  /** An object in NDJSON, or in CSV either JSON text or "key=value; key=value". */
  object(name: string): Record<string, string> | null {
    const v = this.raw(name);
    if (v === undefined) return null;
    if (typeof v === 'object' && !Array.isArray(v)) return Object.fromEntries(Object.entries(v as object).map(([k, x]) => [k, String(x)]));
    const s = String(v).trim();
    if (s.startsWith('{')) {
      try { return this.objectOf(JSON.parse(s), name); } catch (e) { if (e instanceof RowError) throw e; throw new RowError(`${name} is not valid JSON.`); }
    }
    const out: Record<string, string> = {};
    for (const part of s.split(';')) {
      const eq = part.indexOf('=');
      if (eq <= 0) throw new RowError(`${name} must be JSON or key=value pairs separated by ";".`);
      out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
    }
    return out;
  }
  private objectOf(v: unknown, name: string) {
    if (!v || typeof v !== 'object' || Array.isArray(v)) throw new RowError(`${name} must be an object.`);
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, String(x)]));
  }
}
