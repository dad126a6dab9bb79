import { sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { getCountryCallingCode, type CountryCode } from 'libphonenumber-js/max';
import { query, type Db } from '../../db/client.ts';
import { legalEntities, stores } from '../organisation/schema.ts';
import type { AuthContext } from '../auth/context.ts';
import { customers, customerAddressBooks, customerNameTerms } from './schema.ts';
import { customerColumns } from './service.ts';
import { defaultPhoneCountry, normalisePhone } from './phone.ts';
import type { CustomerSearchHit } from './customer-schema.ts';

export interface SearchInput { q: string; limit: number; allStores?: boolean }

/*
 * Customer search ranks in the indexes, so the best match is never lost to a cap on candidates.
 *
 * A customer's score is the best of what matched: an account number, email or phone typed whole (2); their names (0.4
 * to 1: the typed words against the first and last name, exact 1, else the mean of pg_trgm's word similarity and
 * similarity, from 0.4 word similarity up, the session's threshold); an email or phone starting with what was typed
 * (0.9). Hits come by score, then by the kind of match (whole identifier, name, email, phone), then lower-cased last
 * name, first name and id (or email, or phone), in collation "C" as the indexes are.
 *
 * Typo tolerance runs on customer_name_terms, the distinct names of the legal entity (a few thousand to a hundred
 * thousand rows, not one per customer): the names near each typed part, with their score. Then, per name, the
 * customers with it come from a btree in the order above (customers_search_last_first / _first_last), at most `per` of
 * them. That cap loses nothing: all the customers one name brings share its score, so within a name the order is the
 * index's, and the best `per` of the whole search are among the best `per` of each name. The same holds for each
 * branch (whole identifiers, names, email prefix, phone prefix) and for the union of branches: each branch gives its
 * best `per` in the final order. A customer comes at most once from each branch (one last name, one first name, one
 * (first, last) pair, one email, one phone), so `per` = limit × branches rows hold at least `limit` different customers,
 * each first met at their best score: taking the first `limit` of them is exact.
 */
const BRANCHES = 6; // whole identifiers; last name; first name; first and last name; email prefix; phone prefix
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
  const country = await storeCountry(db, auth);
  if (!country) return null;
  try { return '+' + getCountryCallingCode(country as CountryCode) + digits.replace(/^0/, ''); } catch { return null; }
}

async function storeCountry(db: Db, auth: AuthContext): Promise<string | null> {
  const [tz] = await query<{ timeZone: string | null }>(db, sql`select coalesce(
    (select ${stores.timeZone} from ${stores} where ${stores.id} = ${auth.storeId} and ${stores.legalEntityId} = ${auth.legalEntityId}),
    (select ${legalEntities.timeZone} from ${legalEntities} where ${legalEntities.id} = ${auth.legalEntityId})) as "timeZone"`);
  return defaultPhoneCountry(null, tz?.timeZone);
}

/** The ways to read the query as names: whole against either name, and each split into a first and a last name. */
function nameReadings(q: string): { parts: [kind: 'first' | 'last', part: string][]; pairs: [first: string, last: string][] } {
  const words = q.split(' ');
  const parts = new Map<string, ['first' | 'last', string]>([[`last ${q}`, ['last', q]], [`first ${q}`, ['first', q]]]);
  const pairs: [string, string][] = [];
  if (words.length > 1 && words.length <= MAX_WORDS) {
    for (let k = 1; k < words.length; k++) {
      const a = words.slice(0, k).join(' ');
      const b = words.slice(k).join(' ');
      pairs.push([a, b], [b, a]);
    }
    for (const [f, l] of pairs) { parts.set(`first ${f}`, ['first', f]); parts.set(`last ${l}`, ['last', l]); }
  }
  return { parts: [...parts.values()], pairs };
}

export async function searchCustomers(db: Db, auth: AuthContext, input: SearchInput): Promise<CustomerSearchHit[]> {
  const raw = input.q.trim();
  const q = raw.toLowerCase().replace(/\s+/g, ' ');
  const per = input.limit * BRANCHES;
  const scopeToStore = !input.allStores && auth.storeId;
  const live = sql`${c.legalEntityId} = ${auth.legalEntityId} and ${c.erasedAt} is null and ${c.mergedIntoId} is null
    ${scopeToStore ? sql`and exists (select 1 from ${customerAddressBooks} join ${stores} on ${stores.addressBookId} = ${customerAddressBooks.addressBookId}
          where ${customerAddressBooks.customerId} = ${c.id} and ${stores.id} = ${auth.storeId})` : sql``}`;
  const phone = await phonePrefix(db, auth, raw);
  const wholePhone = phone ? normalisePhone(phone) : null;
  const isEmail = q.includes('@');

  const branches: SQL[] = [];
  // Whole identifiers: account number, email, phone.
  branches.push(sql`(select ${c.id} as id, 2::float as score, 0 as branch, ''::text collate "C" as k1, ''::text collate "C" as k2
    from ${customers} as ${c} where ${live} and (${c.accountNumber} in (${raw}, ${raw.toUpperCase()}) or (lower(${c.email}) collate "C") = ${q}
      ${wholePhone?.ok ? sql`or (${c.phone} collate "C") = ${wholePhone.e164}` : sql``})
    order by ${c.id} limit ${per})`);
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
  const ctes: SQL[] = [];
  if (!isEmail && !phone) {
    const { parts, pairs } = nameReadings(q);
    const v = alias(customerNameTerms, 'v');
    // The names near each typed part, from the trigram index; the part itself too, so an exact name is found even if
    // its row is missing (two transactions taking and giving the same rare name at once can leave it out for a while).
    ctes.push(sql`parts(kind, part) as (values ${sql.join(parts.map(([k, p]) => sql`(${k}, ${p})`), sql`, `)})`);
    ctes.push(sql`terms as materialized (
        select p.kind, p.part, n.term, case when n.term = p.part then 1 else (word_similarity(p.part, n.term) + similarity(p.part, n.term)) / 2 end as s
        from parts p cross join lateral (
          select ${v.term} as term from ${customerNameTerms} as ${v}
          where ${v.legalEntityId} = ${auth.legalEntityId} and ${v.kind} = p.kind and p.part <% ${v.term}
          union select p.part) n)`);
    if (pairs.length) {
      ctes.push(sql`readings(first_part, last_part) as (values ${sql.join(pairs.map(([f, l]) => sql`(${f}, ${l})`), sql`, `)})`);
      ctes.push(sql`pairs as (
        select tf.term as first_term, tl.term as last_term, max((tf.s + tl.s) / 2) as s
        from readings r join terms tf on tf.kind = 'first' and tf.part = r.first_part join terms tl on tl.kind = 'last' and tl.part = r.last_part
        group by tf.term, tl.term)`);
    }
    const nameHit = sql`${c.id} as id, t.s::float as score, 1 as branch, ${lastKey} as k1, ${firstKey} as k2`;
    branches.push(sql`(select h.* from (select term, s from terms where kind = 'last' and part = ${q}) t cross join lateral (
        select ${nameHit} from ${customers} as ${c} where ${live} and ${lastKey} = t.term order by ${firstKey}, ${c.id} limit ${per}) h
      order by h.score desc, h.k1, h.k2, h.id limit ${per})`);
    branches.push(sql`(select h.* from (select term, s from terms where kind = 'first' and part = ${q}) t cross join lateral (
        select ${nameHit} from ${customers} as ${c} where ${live} and ${firstKey} = t.term order by ${lastKey}, ${c.id} limit ${per}) h
      order by h.score desc, h.k1, h.k2, h.id limit ${per})`);
    if (pairs.length) {
      branches.push(sql`(select h.* from (select first_term, last_term, s from pairs) t cross join lateral (
          select ${nameHit} from ${customers} as ${c} where ${live} and ${lastKey} = t.last_term and ${firstKey} = t.first_term order by ${c.id} limit ${per}) h
        order by h.score desc, h.k1, h.k2, h.id limit ${per})`);
    }
  }
  const hit = alias(customers, 'c');
  return query<CustomerSearchHit>(db, sql`
    with ${sql.join([...ctes, sql`hits as (${sql.join(branches, sql` union all `)})`], sql`, `)},
    ranked as (select id, score, row_number() over (order by score desc, branch, k1, k2, id) as rank from hits),
    best as (select distinct on (id) id, score, rank from ranked order by id, rank)
    select ${customerColumns}, b.score from best b join ${customers} as ${hit} on ${hit.id} = b.id
    order by b.rank limit ${input.limit}`);
}
