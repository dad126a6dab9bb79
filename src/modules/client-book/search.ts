import { sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { query, type Db } from '../../db/client.ts';
import { clientBooks, clientBookMembers } from './schema.ts';
import { m, c } from './page-tables.ts';
import { addressBookMembers, associates, legalEntities, stores } from '../organisation/schema.ts';
import { clientelingSettingsRows as cs } from '../setup/queries.ts';
import { attributesJson } from '../customer-attributes/queries.ts';
import { measureDefinitionsJson } from '../insights/queries.ts';
import { customers } from '../customers/schema.ts';
import { clientBookErrors } from './errors.ts';
import { audit } from '../audit/service.ts';
import type { AuthContext } from '../auth/context.ts';
import { storesOfAssociate } from '../auth/service.ts';
import type { Attribute } from '../customer-attributes/service.ts';
import { clientelingSettingsOf, featureDisabled, requireClienteling, type ClientelingSettings } from '../setup/service.ts';
import { localDate } from '../organisation/calendar.ts';
import { bookOf } from './books.ts';
import { cardColumns, cardOf, cardSlots, type CardRow, type CardSlot } from './card.ts';
import { filterConditions, upcomingExpr, encodeCursor, decodeCursor, DATE_KINDS, type Sort } from './filter.ts';
import type { ClientBookFilter, CustomerCard, StoreBookOwner, StoreScope } from './client-book-schemas.ts';

export interface PageInput { filter: ClientBookFilter; cursor?: string; limit: number; today?: string }
export interface CardPage { items: CustomerCard[]; nextCursor: string | null; bookIds: string[] }

/** What a page of client books needs before it reads them: the set-up, the calendar, the books, the attributes. */
export interface PageContext {
  settings: ClientelingSettings;
  today: string;
  currency: string;
  bookIds: string[];
  /** The attributes the filter names (their types decide the conditions); unknown ones are absent. */
  filterAttributes: Attribute[];
  slots: CardSlot[];
}

/** An associate's own book, or the store client book: the books of every associate whose address book matches one of the stores' (as the seed). */
type BookScope = { associateId: string } | { storeIds: string[]; ownerAssociateId?: string };

const le = alias(legalEntities, 'le');
const cb = alias(clientBooks, 'cb');
const abm = alias(addressBookMembers, 'abm');
const s = alias(stores, 's');
const m2 = alias(clientBookMembers, 'm2');

/**
 * The page's context in one statement: the clienteling set-up, the legal entity's time zone and currency, the books
 * in scope, the filter's attribute definitions and the card's property definitions. Read fresh on every page, so a
 * set-up change shows on the next page (no cache to invalidate), at the cost of one round trip.
 */
export async function pageContext(db: Db, legalEntityId: string, scope: BookScope, filter: ClientBookFilter, today?: string): Promise<PageContext> {
  const refs = [...new Set(filter.attributes?.map((a) => a.attributeId) ?? [])];
  const books = 'associateId' in scope
    ? sql`select ${cb.id} from ${clientBooks} as ${cb} where ${cb.legalEntityId} = ${le.id} and ${cb.associateId} = ${scope.associateId}`
    : scope.storeIds.length ? sql`select distinct ${cb.id} from ${clientBooks} as ${cb}
        join ${addressBookMembers} as ${abm} on ${abm.associateId} = ${cb.associateId}
        join ${stores} as ${s} on ${s.addressBookId} = ${abm.addressBookId}
        where ${cb.legalEntityId} = ${le.id} and ${s.legalEntityId} = ${le.id}
          and ${s.id} in (${sql.join(scope.storeIds.map((id) => sql`${id}::uuid`), sql`, `)})
          ${scope.ownerAssociateId ? sql`and ${cb.associateId} = ${scope.ownerAssociateId}` : sql``}`
    : sql`select null::uuid as id where false`;
  const [row] = await query<{
    timeZone: string; currency: string; enabled: boolean | null; clientBookAttributeGroupId: string | null; cardMeasureKeys: string[] | null;
    allowMultipleBooks: boolean | null; bookIds: string[]; filterAttributes: Attribute[]; cardMeasures: { key: string; name: string; format: string }[]; cardAttributes: Attribute[];
  }>(db, sql`
    select ${le.timeZone} as "timeZone", ${le.currency} as "currency", ${cs.enabled} as "enabled", ${cs.clientBookAttributeGroupId} as "clientBookAttributeGroupId",
      ${cs.cardMeasureKeys} as "cardMeasureKeys", ${cs.allowMultipleBooks} as "allowMultipleBooks",
      (select coalesce(json_agg(b.id order by b.id), '[]') from (${books}) b) as "bookIds",
      ${attributesJson(le.id, { ids: refs })} as "filterAttributes",
      ${measureDefinitionsJson(le.id, sql`select jsonb_array_elements_text(${cs.cardMeasureKeys})`)} as "cardMeasures",
      ${attributesJson(le.id, { groupId: cs.clientBookAttributeGroupId })} as "cardAttributes"
    from ${legalEntities} as ${le} left join ${cs} on ${cs.legalEntityId} = ${le.id}
    where ${le.id} = ${legalEntityId}`);
  if (!row) throw clientBookErrors.legal_entity_not_found('Legal entity was not found.');
  const settings = clientelingSettingsOf(row);
  if (!settings.enabled) throw featureDisabled();
  return {
    settings, today: today ?? localDate(new Date(), row.timeZone), currency: row.currency, bookIds: row.bookIds, filterAttributes: row.filterAttributes,
    slots: cardSlots(settings.cardMeasureKeys, row.cardMeasures, settings.clientBookAttributeGroupId ? row.cardAttributes : []),
  };
}

/** Whether a page must read the customer row (the rest of the filter is on the membership row). */
export function needsCustomer(filter: ClientBookFilter): boolean {
  return Boolean(filter.q?.trim()) || filter.upcomingDays !== undefined || filter.sort === 'upcoming';
}

/**
 * Runs a filtered page in name order with the ordered walk the query is written for (each book's name index). The
 * planner cannot know how selective an attribute filter on the membership row is (it guesses 1%), and for that it
 * would rather read every member of every book and sort them; walking each book's index in order is never worse for
 * a page of a book, which is bounded in size, and is far better for common values. "Recently added" pages need no
 * such help: their index carries the attribute values, so the planner picks the index-only walk by itself (and the
 * transaction this takes, four round trips, cost 2–3 ms of a ~20 ms page). The "important dates" order is computed
 * per customer and needs a sort anyway.
 */
export async function withOrderedWalk<T>(db: Db, filter: ClientBookFilter, run: (db: Db) => Promise<T>): Promise<T> {
  // Without a filter the planner walks the index by itself (it needs a page of rows and knows every row matches).
  const filtered = Boolean(filter.q?.trim() || filter.attributes?.length || filter.upcomingDays !== undefined);
  if (filter.sort !== 'name' || !filtered) return run(db);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('enable_sort', 'off', true), set_config('enable_bitmapscan', 'off', true)`);
    return run(tx);
  });
}

/** The SQL of one page of client book members (also EXPLAINed by bench/client-book.ts). */
export function pageQuery(ctx: PageContext, legalEntityId: string, input: PageInput): SQL {
  const { today, settings, bookIds } = ctx;
  const sort: Sort = input.filter.sort ?? 'recent';
  const conds = filterConditions(input.filter, ctx.filterAttributes, today);
  const kinds = input.filter.upcomingKinds?.length ? input.filter.upcomingKinds : [...DATE_KINDS];
  const sortCols: SQL = sort === 'recent' ? sql`${m.addedAt} as "addedAt"`
    : sort === 'name' ? sql`${m.sortLastName} as ln, ${m.sortFirstName} as fn`
    : sql`coalesce(${upcomingExpr(kinds, today)}, 100000) as days`;
  // With several books per customer a store may hold a customer twice; show them once (their latest membership).
  const dedupe = settings.allowMultipleBooks && bookIds.length > 1
    ? sql`and not exists (select 1 from ${clientBookMembers} as ${m2} where ${m2.customerId} = ${m.customerId}
        and ${m2.clientBookId} in (${sql.join(bookIds.map((b) => sql`${b}`), sql`, `)}) and (${m2.addedAt}, ${m2.clientBookId}) > (${m.addedAt}, ${m.clientBookId}))`
    : sql``;
  const upcomingCol = sql`coalesce(${upcomingExpr(kinds, today)}, 100000)`;
  let cursorCond = sql`true`;
  if (input.cursor) {
    const k = decodeCursor(input.cursor, sort);
    // The first condition lets the index scan start at the cursor instead of walking the pages before it.
    cursorCond = sort === 'recent' ? sql`${m.addedAt} <= ${k[0]}::timestamptz and (${m.addedAt} < ${k[0]}::timestamptz or ${m.customerId} > ${k[1]}::uuid)`
      : sort === 'name' ? sql`(${m.sortLastName}, ${m.sortFirstName}, ${m.customerId}) > (${k[0]}, ${k[1]}, ${k[2]}::uuid)`
      : sql`(${upcomingCol}, ${m.customerId}) > (${k[0]}::int, ${k[1]}::uuid)`;
  }
  // The customer row is read only when the page needs it (search, important dates): attribute filters and the
  // "recently added" and name orders live on the membership row. A merge moves memberships to the surviving record, so
  // no membership points at a merged customer; where the row is read anyway, it is checked too.
  const joinCustomer = needsCustomer(input.filter);
  const where = sql.join([...(joinCustomer ? [sql`${c.mergedIntoId} is null`] : []), cursorCond, ...conds], sql` and `);
  const branchOrder = sort === 'recent' ? sql`${m.addedAt} desc nulls last, ${m.customerId}`
    : sort === 'name' ? sql`${m.sortLastName}, ${m.sortFirstName}, ${m.customerId}` : sql`${upcomingCol}, ${m.customerId}`;
  // "nulls last" matches the index cbm_book_added (drizzle writes DESC NULLS LAST; plain DESC would not use it).
  // Each book is walked in its (book, added_at) index and the branches are merged in order (Merge Append), so the walk
  // stops once a page of matches is found: a store of 20 books of 2,000 reads about page size ÷ selectivity memberships.
  const branches = bookIds.map((b) => sql`(select ${m.customerId} as "customerId", ${sortCols} from ${clientBookMembers} as ${m}
    ${joinCustomer ? sql`join ${customers} as ${c} on ${c.id} = ${m.customerId}` : sql``}
    where ${m.clientBookId} = ${b} and ${where} ${dedupe} order by ${branchOrder} limit ${input.limit + 1})`);
  const order = sort === 'recent' ? sql`x."addedAt" desc nulls last, x."customerId"` : sort === 'name' ? sql`x.ln, x.fn, x."customerId"` : sql`x.days, x."customerId"`;
  const keyCols = sort === 'recent' ? sql`x."addedAt"::text as k0` : sort === 'name' ? sql`x.ln as k0, x.fn as k1` : sql`x.days as k0`;
  // The page is cut first (materialized), then each of its rows becomes a card: the cards' reads cannot change the
  // plan of the walk, and no card is built for a row the limit drops. "n" keeps the page's order.
  return sql`with page as materialized (
      select x."customerId", ${keyCols}, row_number() over (order by ${order}) as n
      from (${sql.join(branches, sql` union all `)}) x
      order by ${order} limit ${input.limit + 1})
    select p."customerId" as "customerId", p.k0${sort === 'name' ? sql`, p.k1` : sql``}, ${cardColumns(legalEntityId, ctx.slots, today)}
    from page p join ${customers} as ${c} on ${c.id} = p."customerId"
    order by p.n`;
}

/**
 * One page of customer cards from a set of client books: each book is one branch of a UNION ALL that stops after
 * a page of matches in the chosen order; the branches are then merged and cut to the page, and the page's rows read
 * as cards, all in one statement.
 */
export async function pageOfBooks(db: Db, legalEntityId: string, ctx: PageContext, input: PageInput): Promise<CardPage> {
  if (!ctx.bookIds.length) return { items: [], nextCursor: null, bookIds: ctx.bookIds };
  const sort: Sort = input.filter.sort ?? 'recent';
  const rows = await withOrderedWalk(db, input.filter, (t) => query<CardRow & { k0: string | number; k1?: string }>(t, pageQuery(ctx, legalEntityId, input)));
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  const nextCursor = rows.length > input.limit
    ? encodeCursor(sort === 'name' ? [last.k0 as string, last.k1!, last.customerId] : [last.k0, last.customerId]) : null;
  const items = page.map(({ k0: _k0, k1: _k1, ...row }) => cardOf(row, ctx.slots, ctx.currency));
  return { items, nextCursor, bookIds: ctx.bookIds };
}

export async function searchMyBook(db: Db, auth: AuthContext, input: PageInput) {
  let ctx = await pageContext(db, auth.legalEntityId, { associateId: auth.associateId }, input.filter, input.today);
  // First use: the book is created with the next client book identifier (bookOf), and read like any other.
  const bookId = ctx.bookIds[0] ?? (await bookOf(db, auth.legalEntityId, auth.associateId)).id;
  ctx = { ...ctx, bookIds: [bookId] };
  const page = await pageOfBooks(db, auth.legalEntityId, ctx, input);
  await audit(db, auth, 'read', 'client_book', bookId, { customers: page.items.length });
  return { items: page.items, nextCursor: page.nextCursor };
}

/** The stores a store client book spans: the current store, or every store the associate works in. */
export async function storesInScope(db: Db, auth: AuthContext, scope: StoreScope): Promise<string[]> {
  if (scope === 'all') return storesOfAssociate(db, auth.associateId);
  if (!auth.storeId) throw clientBookErrors.not_at_store('You are not signed in at a store; choose "all my stores".', { field: 'stores' });
  return [auth.storeId];
}

export async function searchStoreBook(db: Db, auth: AuthContext, input: PageInput & { stores: StoreScope }) {
  const storeIds = await storesInScope(db, auth, input.stores);
  const ctx = await pageContext(db, auth.legalEntityId, { storeIds, ownerAssociateId: input.filter.ownerAssociateId }, input.filter, input.today);
  const page = await pageOfBooks(db, auth.legalEntityId, ctx, input);
  await audit(db, auth, 'read', 'store_client_book', null, { stores: storeIds, customers: page.items.length });
  return { items: page.items, nextCursor: page.nextCursor };
}

/** The associates whose books make up the store client book, with how many customers each holds. */
export async function storeBookOwners(db: Db, auth: AuthContext, scope: StoreScope) {
  await requireClienteling(db, auth.legalEntityId);
  const storeIds = await storesInScope(db, auth, scope);
  if (!storeIds.length) return [];
  return query<StoreBookOwner>(db, sql`
    select ${associates.id} as "associateId", ${associates.displayName} as "associateName", ${associates.active} as "active", ${cb.bookNumber} as "bookNumber",
      (select count(*)::int from ${clientBookMembers} where ${clientBookMembers.clientBookId} = ${cb.id}) as "customerCount"
    from ${associates}
    left join ${clientBooks} as ${cb} on ${cb.associateId} = ${associates.id} and ${cb.legalEntityId} = ${auth.legalEntityId}
    where ${associates.legalEntityId} = ${auth.legalEntityId} and exists (select 1 from ${addressBookMembers} as ${abm} join ${stores} as ${s} on ${s.addressBookId} = ${abm.addressBookId}
      where ${abm.associateId} = ${associates.id} and ${s.id} in (${sql.join(storeIds.map((id) => sql`${id}`), sql`, `)}))
    order by ${associates.displayName}`);
}
