import { sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { getCountryCallingCode, type CountryCode } from 'libphonenumber-js/max';
import { query, type Db } from '../../db/client.ts';
import { column } from '../../db/bulk.ts';
import { stores } from '../organisation/schema.ts';
import type { AuthContext } from '../auth/context.ts';
import { customers, customerAddressBooks, customerNameTerms } from './schema.ts';
import { customerColumns, phoneCountryFor } from './service.ts';
import { normalisePhone } from './phone.ts';
import type { CustomerSearchHit } from './customer-schema.ts';

export interface SearchInput { q: string; limit: number; allStores?: boolean }

/*
 * Customer search ranks in the indexes, so the best match is never lost to a cap on candidates.
 *
 * A customer's score is the best of what matched: an account number, email or phone typed whole (2); a name (exact 1;
 * else the better of pg_trgm's score, the mean of word similarity and similarity for names from 0.4 word similarity,
 * the session's threshold, and a typo score, 1 - edits / length, for names one edit away, two from 8 letters; at least
 * 0.45); the
 * typed words split into a first and a last name (the mean of the two); one side of such a split alone (half its
 * score); an email or phone starting with what was typed (0.9). Hits come by score, then by the kind of match (whole
 * identifier, name, email, phone), then lower-cased last name, first name and id (or email, or phone), in collation
 * "C" as the indexes are.
 *
 * Typo tolerance runs on customer_name_terms, the distinct names of the legal entity (a few thousand to a hundred
 * thousand rows, not one per customer): the names near each typed part, with their score. Then, per name, the
 * customers with it come from a btree in the order above (customers_search_last_first / _first_last), at most 3 ×
 * `limit` of them. That cap loses nothing: all the customers one name brings share its score, so within a name the
 * order is the index's, and the best n of all the names are among the best n of each name. The same holds for each
 * branch (whole identifiers, names, email prefix, phone prefix) and for the union of branches: each branch gives its
 * best rows in the final order up to its own `limit`th different customer, since whatever it gives after that ranks
 * below `limit` different customers already: `limit` rows from a branch where a customer comes once (email, phone),
 * 3 × `limit` from the names, where a customer can come three times (their last name, first name, and (first, last)
 * pair). Then the first `limit` different customers of the merged rows, each first met at their best score, are the
 * answer. search.test.ts shows it: the one exact match written after 800 near duplicates comes first.
 */
const NAME_ROWS = 3; // the most rows one customer has in the names branch: see above
const MAX_WORDS = 4; // beyond, a query is matched whole against each name only

const likePrefix = (s: string) => s.replace(/[%_\\]/g, (m) => '\\' + m) + '%';
const c = alias(customers, 'c');
const lastKey = sql`(lower(${c.lastName}) collate "C")`;
const firstKey = sql`(lower(${c.firstName}) collate "C")`;

/** The phone prefix typed ("+33 6 12", "06 12" read in the store's country), in E.164 form, or null when it is not a phone. */
async function phonePrefix(db: Db, auth: AuthContext, raw: string): Promise<string | null> {
  if (!/^\+?[\d\s().\/-]+$/.test(raw)) return null;
  const digits = raw.replace(/\D/g, '');
  if (digits.length < 3) return null;
  if (raw.startsWith('+')) return '+' + digits;
  if (!digits.startsWith('0')) return '+' + digits;
  const country = await phoneCountryFor(db, auth, null);
  if (!country) return null;
  try { return '+' + getCountryCallingCode(country as CountryCode) + digits.replace(/^0/, ''); } catch { return null; }
}

/**
 * The ways to read the query as names: whole, against either name (weight 1); each split into a first and a last name
 * (the pair, its mean); and each side of a split alone against either name (weight 1/2: the other side matched nothing).
 */
function nameReadings(q: string): { parts: [kind: 'first' | 'last', part: string, weight: number][]; pairs: [first: string, last: string][] } {
  const words = q.split(' ');
  const parts = new Map<string, ['first' | 'last', string, number]>([[`last ${q}`, ['last', q, 1]], [`first ${q}`, ['first', q, 1]]]);
  const pairs: [string, string][] = [];
  if (words.length > 1 && words.length <= MAX_WORDS) {
    for (let k = 1; k < words.length; k++) {
      const a = words.slice(0, k).join(' ');
      const b = words.slice(k).join(' ');
      pairs.push([a, b], [b, a]);
      for (const part of [a, b]) for (const kind of ['first', 'last'] as const) parts.set(`${kind} ${part}`, [kind, part, 0.5]);
    }
  }
  return { parts: [...parts.values()], pairs };
}

type Kind = 'first' | 'last';
interface NameMatch { kind: Kind; term: string; part: string; s: number }

/**
 * Edits (insert, delete, change, or swap two neighbours) between two short strings; `max` + 1 when more than `max`.
 * Trigrams miss a swapped pair inside a short name ("juilen" shares 3 of 7 with "julien"); an edit count does not.
 */
export function typoDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length];
}

/**
 * The least score a near name needs. Word similarity alone lets any name sharing a start through ("martin" reaches 0.43
 * against "marbolou"): hundreds of such names made hundreds of first and last name pairs to look up; their mean
 * with similarity (0.33 there) keeps them out, and keeps "mart" for "martin" (0.65) and "dela" for "delacroix" (0.57).
 */
const NAME_FLOOR = 0.45;

/** Edits forgiven in a typed name of this length: none under 4 letters, one up to 7, two from 8. */
const editsAllowed = (n: number) => (n < 4 ? 0 : n < 8 ? 1 : 2);

/**
 * The names near each typed part, one index scan per part (a constant lets the planner use the trigram index): names
 * whose word similarity reaches the session threshold (score: the mean of word similarity and similarity), and names
 * of about the same length starting with the same two letters that are a typo or two away (score: 1 - edits / length);
 * the better score counts. And the part itself as an exact name even where its row is missing (two transactions
 * taking and giving the same rare name at once can leave it out for a while): one index probe that finds nobody when
 * nobody has that name.
 */
async function nearNames(db: Db, legalEntityId: string, parts: string[]): Promise<NameMatch[]> {
  const v = alias(customerNameTerms, 'v');
  // Two scans a part: trigram neighbours with their score, and same-start names (no trigram work: most are dropped).
  const rows = await query<NameMatch>(db, sql.join(parts.flatMap((part) => {
    const edits = editsAllowed(part.length);
    const near = sql`(select ${v.kind} as kind, ${v.term} as term, ${part}::text as part,
      (case when ${v.term} = ${part} then 1 else (word_similarity(${part}, ${v.term}) + similarity(${part}, ${v.term})) / 2 end)::float as s
      from ${customerNameTerms} as ${v} where ${v.legalEntityId} = ${legalEntityId} and ${part} <% ${v.term})`;
    const sameStart = sql`(select ${v.kind} as kind, ${v.term} as term, ${part}::text as part, 0::float as s
      from ${customerNameTerms} as ${v} where ${v.legalEntityId} = ${legalEntityId} and ${v.term} like ${likePrefix(part.slice(0, 2))}
        and length(${v.term}) between ${part.length - edits} and ${part.length + edits})`;
    return edits ? [near, sameStart] : [near];
  }), sql` union all `));
  const best = new Map<string, NameMatch>();
  for (const { kind, term, part, s } of rows) {
    const max = editsAllowed(part.length);
    const d = max ? typoDistance(part, term, max) : max + 1;
    const score = Math.max(s, d <= max ? 1 - d / Math.max(part.length, term.length) : 0);
    const key = `${kind} ${part} ${term}`;
    if (score >= NAME_FLOOR && score > (best.get(key)?.s ?? 0)) best.set(key, { kind, term, part, s: score });
  }
  const found = [...best.values()];
  for (const part of parts) {
    for (const kind of ['first', 'last'] as const) if (!found.some((m) => m.kind === kind && m.term === part)) found.push({ kind, term: part, part, s: 1 });
  }
  return found;
}

/** Names (or first and last name pairs) with their score, best first: a branch's outer side. */
type Scored = Map<string, number>;
const keep = (m: Scored, key: string, s: number) => { if (s > (m.get(key) ?? -1)) m.set(key, s); };
const bestFirst = (m: Scored) => [...m].sort((x, y) => y[1] - x[1]);

export async function searchCustomers(db: Db, auth: AuthContext, input: SearchInput): Promise<CustomerSearchHit[]> {
  return query<CustomerSearchHit>(db, await searchQuery(db, auth, input));
}

/** The last statement of a search (exported for EXPLAIN in the benchmark). */
export async function searchQuery(db: Db, auth: AuthContext, input: SearchInput): Promise<SQL> {
  const raw = input.q.trim();
  const q = raw.toLowerCase().replace(/\s+/g, ' ');
  const per = input.limit;
  const namesPer = input.limit * NAME_ROWS;
  const scopeToStore = !input.allStores && auth.storeId;
  const live = sql`${c.legalEntityId} = ${auth.legalEntityId} and ${c.erasedAt} is null and ${c.mergedIntoId} is null
    ${scopeToStore ? sql`and exists (select 1 from ${customerAddressBooks} join ${stores} on ${stores.addressBookId} = ${customerAddressBooks.addressBookId}
          where ${customerAddressBooks.customerId} = ${c.id} and ${stores.id} = ${auth.storeId})` : sql``}`;
  const phone = await phonePrefix(db, auth, raw);
  const wholePhone = phone ? normalisePhone(phone) : null;

  const branches: SQL[] = [];
  // Whole identifiers: account number, email, phone; all of them (a handful), without "order by id limit", which
  // PostgreSQL reads as "walk the primary key until enough match" and so scanned a million customers for one.
  branches.push(sql`(select ${c.id} as id, 2::float as score, 0 as branch, ''::text collate "C" as k1, ''::text collate "C" as k2
    from ${customers} as ${c} where ${live} and (${c.accountNumber} in (${raw}, ${raw.toUpperCase()}) or (lower(${c.email}) collate "C") = ${q}
      ${wholePhone?.ok ? sql`or (${c.phone} collate "C") = ${wholePhone.e164}` : sql``}))`);
  if (!q.includes(' ')) {
    branches.push(sql`(select ${c.id} as id, 0.9::float as score, 2 as branch, (lower(${c.email}) collate "C") as k1, ''::text collate "C" as k2
      from ${customers} as ${c} where ${live} and (lower(${c.email}) collate "C") like ${likePrefix(q)}
      order by (lower(${c.email}) collate "C"), ${c.id} limit ${per})`);
  }
  if (phone) {
    branches.push(sql`(select ${c.id} as id, 0.9::float as score, 3 as branch, (${c.phone} collate "C") as k1, ''::text collate "C" as k2
      from ${customers} as ${c} where ${live} and (${c.phone} collate "C") like ${likePrefix(phone)}
      order by (${c.phone} collate "C"), ${c.id} limit ${per})`);
  }
  // Names have no digits and no @: such a query is an email, a phone or an account number.
  if (!/[@\d]/.test(q)) {
    const { parts, pairs } = nameReadings(q);
    const near = await nearNames(db, auth.legalEntityId, [...new Set(parts.map(([, p]) => p))]);
    const single: Record<Kind, Scored> = { first: new Map(), last: new Map() };
    for (const [kind, part, weight] of parts) for (const m of near) if (m.kind === kind && m.part === part) keep(single[kind], m.term, m.s * weight);
    const pair: Scored = new Map();
    for (const [f, l] of pairs) {
      for (const mf of near) if (mf.kind === 'first' && mf.part === f) {
        for (const ml of near) if (ml.kind === 'last' && ml.part === l) keep(pair, JSON.stringify([mf.term, ml.term]), (mf.s + ml.s) / 2);
      }
    }
    // One list of probes, best first: a last name, a first name, or a (first, last) pair, with its score. Each probe's
    // customers come in index order, at most `namesPer` of them (see the comment at the top); the plan sorts only within
    // a score (incremental sort) and stops after `namesPer` rows, so names far down the list are not looked up when the
    // nearer ones fill the page.
    type Probe = readonly [kind: 'last' | 'first' | 'pair', first: string, last: string, s: number];
    const probes: Probe[] = [
      ...[...single.last].map(([t, s]): Probe => ['last', '', t, s]),
      ...[...single.first].map(([t, s]): Probe => ['first', t, '', s]),
      ...[...pair].map(([k, s]): Probe => { const [f, l] = JSON.parse(k) as [string, string]; return ['pair', f, l, s]; }),
    ].sort((x, y) => y[3] - x[3]);
    if (probes.length) {
      const keys = sql`${c.id} as id, ${lastKey} as k1, ${firstKey} as k2`;
      branches.push(sql`(select h.id, t.s as score, 1 as branch, h.k1, h.k2
        from (select * from unnest(${column(probes.map((x) => x[0]), 'text')}, ${column(probes.map((x) => x[1]), 'text')},
          ${column(probes.map((x) => x[2]), 'text')}, ${column(probes.map((x) => x[3]), 'float8')}) as u(kind, first_term, last_term, s) order by s desc) t
        cross join lateral (
          (select ${keys} from ${customers} as ${c} where t.kind = 'last' and ${live} and ${lastKey} = t.last_term order by ${firstKey}, ${c.id} limit ${namesPer})
          union all
          (select ${keys} from ${customers} as ${c} where t.kind = 'first' and ${live} and ${firstKey} = t.first_term order by ${lastKey}, ${c.id} limit ${namesPer})
          union all
          (select ${keys} from ${customers} as ${c} where t.kind = 'pair' and ${live} and ${lastKey} = t.last_term and ${firstKey} = t.first_term order by ${c.id} limit ${namesPer})) h
        order by t.s desc, h.k1, h.k2, h.id limit ${namesPer})`);
    }
  }
  const hit = alias(customers, 'c');
  return sql`
    with hits as (${sql.join(branches, sql` union all `)}),
    ranked as (select id, score, row_number() over (order by score desc, branch, k1, k2, id) as rank from hits),
    best as (select distinct on (id) id, score, rank from ranked order by id, rank),
    top as (select id, score, rank from best order by rank limit ${input.limit})
    select ${customerColumns}, b.score from top b join ${customers} as ${hit} on ${hit.id} = b.id
    order by b.rank`;
}
