import { sql, type SQL } from 'drizzle-orm';
import { m, c } from './page-tables.ts';
import type { ClientBookFilter } from './client-book-schemas.ts';
import { clientBookErrors } from './errors.ts';
import type { Attribute } from '../customer-attributes/service.ts';

export const SORTS = ['recent', 'name', 'upcoming'] as const;
export type Sort = (typeof SORTS)[number];
export const DATE_KINDS = ['birthday', 'anniversary'] as const;
export type DateKind = (typeof DATE_KINDS)[number];

/** Days from `today` to the next yearly occurrence of a date column; 29 February falls on 28 February in other years. */
export function daysUntilNext(column: SQL, today: string): SQL {
  const years = sql`(extract(year from ${today}::date) - extract(year from ${column}))::int`;
  return sql`(case when ${column} is null then null
    when (${column} + make_interval(years => ${years}))::date >= ${today}::date then (${column} + make_interval(years => ${years}))::date - ${today}::date
    else (${column} + make_interval(years => ${years} + 1))::date - ${today}::date end)`;
}

export function upcomingExpr(kinds: DateKind[], today: string): SQL {
  const parts = kinds.map((k) => daysUntilNext(k === 'birthday' ? sql`${c.birthDate}` : sql`${c.anniversaryDate}`, today));
  return parts.length === 1 ? parts[0] : sql`least(${sql.join(parts, sql`, `)})`;
}

const escapeLike = (s: string) => s.replace(/[%_\\]/g, (m) => '\\' + m);

/** SQL conditions (on m = membership, c = customer) for a client book filter; only refinable attributes filter. */
export function filterConditions(filter: ClientBookFilter, attributes: Attribute[], today: string): SQL[] {
  const conds: SQL[] = [];
  const q = filter.q?.trim().toLowerCase();
  if (q) {
    // Same typo-tolerant match as customer search: substring, or trigram word similarity.
    conds.push(sql`(${c.searchText} like ${'%' + escapeLike(q) + '%'} or ${q} <% ${c.searchText})`);
  }
  for (const [i, f] of (filter.attributes ?? []).entries()) {
    const field = `attributes.${i}`;
    const a = attributes.find((x) => x.id === f.attributeId);
    if (!a) throw clientBookErrors.unknown_attribute('That attribute does not exist.', { field: `${field}.attributeId` });
    if (!a.canBeRefined) throw clientBookErrors.attribute_not_refinable(`${a.name} cannot be used to filter the client book (it is not marked "can be refined").`, { field: `${field}.attributeId` });
    // The membership row carries the customer's attribute values (kept by triggers), so the filter is checked on the
    // rows a page walks in the book's index and the walk stops after one page of matches.
    const value = sql`(${m.attributeValues} ->> ${a.id}::text)`;
    switch (a.dataType) {
      case 'list':
      case 'text': {
        if (!f.values?.length) throw clientBookErrors.filter_value_missing(`Choose at least one value of ${a.name}.`, { field: `${field}.values` });
        conds.push(a.dataType === 'list'
          ? sql`${value} = any(${sql.param(f.values)}::text[])`
          : sql`lower(${value}) = any(${sql.param(f.values.map((v) => v.trim().toLowerCase()))}::text[])`);
        break;
      }
      case 'number': {
        if (f.min === undefined && f.max === undefined) throw clientBookErrors.filter_value_missing(`Give a minimum or maximum of ${a.name}.`, { field: `${field}.min` });
        if (f.min !== undefined && f.max !== undefined && f.min > f.max) throw clientBookErrors.filter_range_inverted('The minimum is above the maximum.', { field: `${field}.min` });
        const n = sql`(${value})::float8`;
        conds.push(sql`${n} is not null ${f.min !== undefined ? sql`and ${n} >= ${f.min}` : sql``} ${f.max !== undefined ? sql`and ${n} <= ${f.max}` : sql``}`);
        break;
      }
      case 'date': {
        if (!f.from && !f.to) throw clientBookErrors.filter_value_missing(`Give a start or end date of ${a.name}.`, { field: `${field}.from` });
        if (f.from && f.to && f.from > f.to) throw clientBookErrors.filter_range_inverted('The start date is after the end date.', { field: `${field}.from` });
        const d = sql`(${value})::date`;
        conds.push(sql`${d} is not null ${f.from ? sql`and ${d} >= ${f.from}::date` : sql``} ${f.to ? sql`and ${d} <= ${f.to}::date` : sql``}`);
        break;
      }
      case 'boolean': {
        if (f.equals === undefined) throw clientBookErrors.filter_value_missing(`Choose yes or no for ${a.name}.`, { field: `${field}.equals` });
        conds.push(sql`(${value})::boolean = ${f.equals}`);
        break;
      }
    }
  }
  if (filter.upcomingDays !== undefined) {
    const kinds = filter.upcomingKinds?.length ? filter.upcomingKinds : [...DATE_KINDS];
    conds.push(sql`${upcomingExpr(kinds, today)} <= ${filter.upcomingDays}`);
  }
  return conds;
}

export interface Cursor { k: (string | number)[] }

export function encodeCursor(values: (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string, sort: Sort): (string | number)[] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    const ok = Array.isArray(v) && (
      (sort === 'recent' && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string') ||
      (sort === 'name' && v.length === 3 && v.every((x) => typeof x === 'string')) ||
      (sort === 'upcoming' && v.length === 2 && typeof v[0] === 'number' && typeof v[1] === 'string'));
    if (!ok) throw new Error('shape');
    if (!/^[0-9a-f-]{36}$/.test(String(v[v.length - 1]))) throw new Error('id');
    return v;
  } catch {
    throw clientBookErrors.invalid_cursor('The cursor is not valid for this sort; start again from the first page.', { field: 'cursor' });
  }
}
