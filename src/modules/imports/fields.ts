// Reading one source record's fields: names are matched loosely (externalId, external_id, "External ID"),
// values are checked and converted, and a bad value throws a RowError naming the field.

import { currencyDecimals, decimalToMinor } from '../../../shared/money.ts';

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

/** A point in time read from a record: its ISO text as stored, and its epoch milliseconds for comparing with a stored one. */
export interface Instant { iso: string; epochMs: number }

// An order's lines repeat its time: the last conversion is reused.
let lastInstant: { text: string; instant: Instant } = { text: '', instant: { iso: '', epochMs: 0 } };

const NONE: string[] = [];
const MINOR_NAMES = new Map<string, string>();

/** One layout of records (their keys, in order): which of its keys each field name asked for matches. */
class Shape {
  private byNorm = new Map<string, string[]>();
  private byName = new Map<string, string[]>();
  constructor(readonly keys: string[]) {
    for (const k of keys) {
      const n = norm(k);
      const same = this.byNorm.get(n);
      if (same) same.push(k); else this.byNorm.set(n, [k]);
    }
  }
  /** The record's keys matching the name loosely, in record order (usually one, or none). */
  match(name: string): string[] {
    let keys = this.byName.get(name);
    if (keys === undefined) this.byName.set(name, keys = this.byNorm.get(norm(name)) ?? NONE);
    return keys;
  }
}

// Records of one file share a layout: the next record is checked against the last one's keys (a comparison per key,
// no allocation), and a few layouts are kept (CSV rows leave out their empty fields, so they vary).
const shapes = new Map<string, Shape>();
let lastShape: Shape | null = null;
function shapeOf(record: Record<string, unknown>): Shape {
  const last = lastShape;
  if (last) {
    let i = 0;
    let same = true;
    for (const k in record) { if (last.keys[i++] !== k) { same = false; break; } }
    if (same && i === last.keys.length) return last;
  }
  const keys = Object.keys(record);
  const id = keys.join('\u0000');
  let shape = shapes.get(id);
  if (!shape) {
    if (shapes.size >= 1000) shapes.clear();
    shapes.set(id, shape = new Shape(keys));
  }
  return lastShape = shape;
}

export class Fields {
  private shape: Shape;
  /** `currency`: the one amounts are in unless a record names its own (the legal entity's). */
  constructor(private record: Record<string, unknown>, readonly currency = 'EUR') {
    this.shape = shapeOf(record);
  }
  /** The value of the first name the record has a value for (null and empty text count as none). */
  raw(names: string | string[]): unknown {
    if (typeof names === 'string') return this.value(names);
    for (let i = 0; i < names.length; i++) { const v = this.value(names[i]); if (v !== undefined) return v; }
    return undefined;
  }
  private value(name: string): unknown {
    const keys = this.shape.match(name);
    // Were two keys to match one name ("orderId" and "order_id"), the last with a value wins.
    for (let i = keys.length - 1; i >= 0; i--) {
      const v = this.record[keys[i]];
      if (v !== null && v !== undefined && v !== '') return v;
    }
    return undefined;
  }
  text(names: string | string[], opts: { required?: boolean; max?: number } = {}): string | null {
    const v = this.raw(names);
    const name = typeof names === 'string' ? names : names[0];
    if (v === undefined) {
      if (opts.required) throw new RowError(`${name} is required.`);
      return null;
    }
    if (typeof v === 'object') throw new RowError(`${name} must be text.`);
    const s = typeof v === 'string' ? v.trim() : String(v).trim();
    if (!s) { if (opts.required) throw new RowError(`${name} is required.`); return null; }
    if (s.length > (opts.max ?? 1000)) throw new RowError(`${name} is longer than ${opts.max ?? 1000} characters.`);
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
    const v = this.raw(names);
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
  /**
   * An amount: `<name>Minor` in minor units, or `<name>` as a decimal in major units ("129.90") with at most the
   * currency's decimal places (none for JPY, three for KWD).
   */
  money(name: string, opts: { required?: boolean; fallback?: number; currency?: string } = {}): number {
    let minorName = MINOR_NAMES.get(name);
    if (minorName === undefined) MINOR_NAMES.set(name, minorName = `${name}Minor`);
    const minor = this.raw(minorName);
    if (minor !== undefined) {
      const n = Number(minor);
      if (!Number.isSafeInteger(n) || n < 0) throw new RowError(`${name}Minor must be a whole, non-negative number of minor units.`);
      return n;
    }
    const major = this.raw(name);
    if (major === undefined) {
      if (opts.fallback !== undefined) return opts.fallback;
      throw new RowError(`${name} is required.`);
    }
    return majorToMinor(name, String(major), opts.currency ?? this.currency);
  }
  /** The text of an amount given in major units ("129.90"), checked for shape, to be read once its currency is known. */
  majorText(name: string): string | null {
    const v = this.raw(name);
    if (v === undefined) return null;
    const s = String(v).trim();
    if (!/^\d+(?:\.\d+)?$/.test(s)) throw new RowError(`${name} must be an amount like 129.90, got "${s}".`);
    return s;
  }
  /** A currency code (ISO 4217, three letters), upper case. */
  currencyCode(name: string): string | null {
    const v = this.text(name);
    if (v === null) return null;
    if (!/^[A-Za-z]{3}$/.test(v)) throw new RowError(`${name} must be a three-letter currency code like EUR, got "${v}".`);
    return v.toUpperCase();
  }
  timestamp(names: string | string[], opts: { required?: boolean } = {}): string | null {
    return this.instant(names, opts)?.iso ?? null;
  }
  /** As timestamp, with the time's epoch milliseconds (parsed once here rather than again wherever it is compared). */
  instant(names: string | string[], opts: { required?: boolean } = {}): Instant | null {
    const name = Array.isArray(names) ? names[0] : names;
    const v = this.text(names, opts);
    if (v === null) return null;
    if (v === lastInstant.text) return lastInstant.instant;
    const t = Date.parse(v);
    if (!/^\d{4}-\d{2}-\d{2}/.test(v) || Number.isNaN(t)) throw new RowError(`${name} must be an ISO 8601 date and time, got "${v}".`);
    const instant = { iso: new Date(t).toISOString(), epochMs: t };
    lastInstant = { text: v, instant };
    return instant;
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
    const v = this.raw(names);
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

/** An amount in major units ("129.90") as minor units of the currency, refusing more decimal places than it has. */
export function majorToMinor(name: string, text: string, currency: string): number {
  const digits = currencyDecimals(currency);
  const s = text.trim();
  const parsed = s.startsWith('-') ? { ok: false as const, reason: 'format' as const } : decimalToMinor(s, currency);
  if (parsed.ok) return parsed.minor;
  if (parsed.reason === 'decimals') throw new RowError(`${name} "${s}" has more decimal places than ${currency} allows (${digits ? `at most ${digits}` : 'none'}).`);
  if (parsed.reason === 'range') throw new RowError(`${name} "${s}" is too large.`);
  throw new RowError(`${name} must be an amount like ${digits ? `129.${'9'.padEnd(digits, '0')}` : '1290'}, got "${s}".`);
}
