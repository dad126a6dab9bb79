import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { query, type Db } from '../../db/client.ts';
import { columnName, columnNames } from '../../db/sql.ts';
import { clientBooks, clientBookMembers as members } from './schema.ts';
import { associates } from '../organisation/schema.ts';
import { customers } from '../customers/schema.ts';
import { clientBookErrors } from './errors.ts';
import { audit } from '../audit/service.ts';
import type { AuthContext } from '../auth/context.ts';
import { can } from '../auth/context.ts';
import { getCustomer } from '../customers/service.ts';
import { sign, verifySigned } from '../../db/secret-key.ts';
import { nextNumber } from '../organisation/number-sequences.ts';
import { CLIENT_BOOK_SEQUENCE, requireClienteling } from '../setup/service.ts';
import type { AddedToBook, BooksOfCustomer, BulkAddOutcome, BulkAddResult, ClientBook, Owner } from './client-book-schemas.ts';

async function findBook(db: Db, legalEntityId: string, associateId: string): Promise<{ id: string; bookNumber: string } | null> {
  const rows = await db.select({ id: clientBooks.id, bookNumber: clientBooks.bookNumber }).from(clientBooks)
    .where(and(eq(clientBooks.legalEntityId, legalEntityId), eq(clientBooks.associateId, associateId)));
  return rows[0] ?? null;
}

/** The first `limit` customers (by ID) in an associate's client book: a stable sample, for generated data. */
export async function someCustomersInBookOf(db: Db, associateId: string, limit: number): Promise<string[]> {
  const rows = await db.select({ id: members.customerId }).from(members).innerJoin(clientBooks, eq(clientBooks.id, members.clientBookId))
    .where(eq(clientBooks.associateId, associateId)).orderBy(members.customerId).limit(limit);
  return rows.map((r) => r.id);
}

/** How many customers an associate's client book holds (0 when they have none): what a hand-over moves. */
export async function bookSize(db: Db, legalEntityId: string, associateId: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(members).innerJoin(clientBooks, eq(clientBooks.id, members.clientBookId))
    .where(and(eq(clientBooks.legalEntityId, legalEntityId), eq(clientBooks.associateId, associateId)));
  return row?.n ?? 0;
}

/** An associate's one client book in the legal entity, created on first use with the next client book identifier. */
export async function bookOf(db: Db, legalEntityId: string, associateId: string): Promise<{ id: string; bookNumber: string }> {
  const existing = await findBook(db, legalEntityId, associateId);
  if (existing) return existing;
  const a = await db.select({ id: associates.id }).from(associates).where(and(eq(associates.id, associateId), eq(associates.legalEntityId, legalEntityId)));
  if (!a.length) throw clientBookErrors.associate_not_found('Associate was not found.', { field: 'associateId' });
  const number = await nextNumber(db, legalEntityId, CLIENT_BOOK_SEQUENCE);
  // Two first uses at once: the unique index keeps one book; the loser reads the winner's.
  await db.insert(clientBooks).values({ legalEntityId, associateId, bookNumber: number })
    .onConflictDoNothing({ target: [clientBooks.legalEntityId, clientBooks.associateId] });
  return (await findBook(db, legalEntityId, associateId))!;
}

export async function describeBook(db: Db, legalEntityId: string, bookId: string): Promise<ClientBook> {
  const rows = await query<ClientBook>(db, sql`
    select ${clientBooks.id}, ${clientBooks.bookNumber} as "bookNumber", ${clientBooks.associateId} as "associateId", ${associates.displayName} as "associateName",
      ${clientBooks.createdAt}::text as "createdAt",
      (select count(*)::int from ${members} where ${members.clientBookId} = ${clientBooks.id}) as "customerCount"
    from ${clientBooks} join ${associates} on ${associates.id} = ${clientBooks.associateId}
    where ${clientBooks.id} = ${bookId} and ${clientBooks.legalEntityId} = ${legalEntityId}`);
  if (!rows[0]) throw clientBookErrors.book_not_found('Client book was not found.');
  return rows[0];
}

export async function myClientBook(db: Db, auth: AuthContext): Promise<ClientBook> {
  await requireClienteling(db, auth.legalEntityId);
  const b = await bookOf(db, auth.legalEntityId, auth.associateId);
  return describeBook(db, auth.legalEntityId, b.id);
}

export async function ownersOf(db: Db, legalEntityId: string, customerIds: string[]): Promise<(Owner & { customerId: string })[]> {
  if (!customerIds.length) return [];
  return query<Owner & { customerId: string }>(db, sql`
    select ${members.customerId} as "customerId", ${clientBooks.associateId} as "associateId", ${associates.displayName} as "associateName",
           ${clientBooks.bookNumber} as "bookNumber", ${members.isPrimary} as "isPrimary", ${members.addedAt}::text as "addedAt"
    from ${members} join ${clientBooks} on ${clientBooks.id} = ${members.clientBookId} join ${associates} on ${associates.id} = ${clientBooks.associateId}
    where ${members.legalEntityId} = ${legalEntityId} and ${members.customerId} in (${sql.join(customerIds.map((id) => sql`${id}`), sql`, `)})
    order by ${members.isPrimary} desc, ${members.addedAt}`);
}

/**
 * Whether a customer with these memberships can join the associate's book, and as owner or not: one book per customer
 * unless the legal entity allows several (then the first book stays the owner). Used for one customer and for many.
 */
function joinDecision(owners: Owner[], associateId: string, allowMultipleBooks: boolean):
  { outcome: 'already-in-your-book' } | { outcome: 'in-another-book'; owner: Owner } | { outcome: 'add'; isPrimary: boolean } {
  if (owners.some((o) => o.associateId === associateId)) return { outcome: 'already-in-your-book' };
  const primary = owners.find((o) => o.isPrimary);
  if (primary && !allowMultipleBooks) return { outcome: 'in-another-book', owner: primary };
  return { outcome: 'add', isPrimary: !primary };
}

/** Adds a customer to the caller's client book: one book per customer unless the legal entity allows several. */
export async function addToMyBook(db: Db, auth: AuthContext, customerId: string): Promise<AddedToBook> {
  const settings = await requireClienteling(db, auth.legalEntityId);
  const customer = await getCustomer(db, auth.legalEntityId, customerId);
  if (customer.mergedIntoId) throw clientBookErrors.customer_merged('This customer was merged into another record; add that one instead.', { field: 'customerId' });
  return db.transaction(async (tx) => {
    const book = await bookOf(tx, auth.legalEntityId, auth.associateId);
    const decision = joinDecision(await ownersOf(tx, auth.legalEntityId, [customerId]), auth.associateId, settings.allowMultipleBooks);
    if (decision.outcome === 'already-in-your-book') {
      throw clientBookErrors.customer_already_in_book(`${customer.firstName} ${customer.lastName} is already in your client book.`, { field: 'customerId' });
    }
    if (decision.outcome === 'in-another-book') {
      const primary = decision.owner;
      throw clientBookErrors.customer_in_another_book(`${customer.firstName} ${customer.lastName} is already in the client book of ${primary.associateName} (${primary.bookNumber}). A customer can be in one client book; ask a manager to reassign them.`, { field: 'customerId', extra: { owner: primary.associateName } });
    }
    // The partial unique index on primary owners settles a race between two first adds: the second one is not primary,
    // or (one book per customer) fails with a conflict.
    const rows = await tx.insert(members)
      .values({ clientBookId: book.id, customerId, legalEntityId: auth.legalEntityId, isPrimary: decision.isPrimary, addedBy: auth.associateId })
      .onConflictDoNothing().returning({ isPrimary: members.isPrimary });
    if (!rows.length) throw clientBookErrors.customer_in_another_book(`${customer.firstName} ${customer.lastName} was just added to another client book.`, { field: 'customerId' });
    await audit(tx, auth, 'update', 'client_book', book.id, { added: customerId });
    return { clientBookId: book.id, bookNumber: book.bookNumber, customerId, isPrimary: rows[0].isPrimary };
  });
}

/**
 * Adds several customers to the caller's client book at once (after a search, or a list from head office). Each
 * customer gets an outcome; those who can be added are, in one transaction, and the rest say why not.
 */
export async function addManyToMyBook(db: Db, auth: AuthContext, customerIds: string[]): Promise<BulkAddResult> {
  const settings = await requireClienteling(db, auth.legalEntityId);
  const ids = [...new Set(customerIds)];
  return db.transaction(async (tx) => {
    const book = await bookOf(tx, auth.legalEntityId, auth.associateId);
    const found = new Map((await query<{ id: string; mergedIntoId: string | null }>(tx, sql`select ${customers.id}, ${customers.mergedIntoId} as "mergedIntoId"
      from ${customers} where ${customers.legalEntityId} = ${auth.legalEntityId} and ${customers.id} = any(${sql.param(ids)}::uuid[])`)).map((c) => [c.id, c]));
    const owners = await ownersOf(tx, auth.legalEntityId, [...found.keys()]);
    const results = new Map<string, { customerId: string; outcome: BulkAddOutcome; owner?: string }>();
    const toAdd: { customerId: string; isPrimary: boolean }[] = [];
    for (const id of ids) {
      const c = found.get(id);
      if (!c) { results.set(id, { customerId: id, outcome: 'not-found' }); continue; }
      if (c.mergedIntoId) { results.set(id, { customerId: id, outcome: 'merged' }); continue; }
      const d = joinDecision(owners.filter((o) => o.customerId === id), auth.associateId, settings.allowMultipleBooks);
      if (d.outcome === 'add') toAdd.push({ customerId: id, isPrimary: d.isPrimary });
      else results.set(id, d.outcome === 'in-another-book' ? { customerId: id, outcome: d.outcome, owner: d.owner.associateName } : { customerId: id, outcome: d.outcome });
    }
    // As for one customer, the partial unique index on owners settles a race with someone adding the same customer.
    const added = toAdd.length ? await query<{ customerId: string }>(tx, sql`
      insert into ${members} (${columnNames(members.clientBookId, members.customerId, members.legalEntityId, members.isPrimary, members.addedBy)})
      select ${book.id}, x."customerId", ${auth.legalEntityId}, x."isPrimary", ${auth.associateId}
      from unnest(${sql.param(toAdd.map((a) => a.customerId))}::uuid[], ${sql.param(toAdd.map((a) => a.isPrimary))}::boolean[]) as x("customerId", "isPrimary")
      on conflict do nothing returning ${members.customerId} as "customerId"`) : [];
    const addedIds = new Set(added.map((a) => a.customerId));
    for (const a of toAdd) results.set(a.customerId, { customerId: a.customerId, outcome: addedIds.has(a.customerId) ? 'added' : 'in-another-book' });
    if (added.length) await audit(tx, auth, 'update', 'client_book', book.id, { added: [...addedIds] });
    return { clientBookId: book.id, bookNumber: book.bookNumber, added: added.length, results: ids.map((id) => results.get(id)!) };
  });
}

/** When the owner's membership goes, the longest-standing other book becomes the owner. */
async function promoteNextOwner(tx: Db, legalEntityId: string, customerIds: string[]) {
  if (!customerIds.length) return;
  const m = alias(members, 'm');
  const p = alias(members, 'p');
  await tx.execute(sql`
    update ${members} as ${m} set ${columnName(members.isPrimary)} = true
    from (select distinct on (${members.customerId}) ${members.clientBookId} as "bookId", ${members.customerId} as "customerId" from ${members}
          where ${members.legalEntityId} = ${legalEntityId} and ${members.customerId} in (${sql.join(customerIds.map((id) => sql`${id}`), sql`, `)})
            and not exists (select 1 from ${members} as ${p} where ${p.legalEntityId} = ${legalEntityId} and ${p.customerId} = ${members.customerId} and ${p.isPrimary})
          order by ${members.customerId}, ${members.addedAt}, ${members.clientBookId}) n
    where ${m.clientBookId} = n."bookId" and ${m.customerId} = n."customerId"`);
}

/** Removes customers from a client book: one's own with client-book.remove; another associate's also needs store client book access. */
export async function removeFromBook(db: Db, auth: AuthContext, key: string, input: { customerIds: string[]; associateId?: string }) {
  await requireClienteling(db, auth.legalEntityId);
  const associateId = input.associateId ?? auth.associateId;
  if (associateId !== auth.associateId && !can(auth, 'client-book.view-store')) {
    throw clientBookErrors.other_associates_book('Removing customers from another associate\'s client book needs the "client-book.view-store" permission too.');
  }
  const book = await findBook(db, auth.legalEntityId, associateId);
  if (!book) throw clientBookErrors.associate_has_no_book('That associate has no client book.', { field: 'associateId' });
  const ids = [...new Set(input.customerIds)];
  return db.transaction(async (tx) => {
    const removed = await tx.delete(members).where(and(eq(members.clientBookId, book.id), inArray(members.customerId, ids)))
      .returning({ customerId: members.customerId });
    if (!removed.length) throw clientBookErrors.customer_not_in_book(ids.length === 1 ? 'That customer is not in this client book.' : 'None of these customers is in this client book.', { field: 'customerIds' });
    await promoteNextOwner(tx, auth.legalEntityId, removed.map((r) => r.customerId));
    await audit(tx, auth, 'update', 'client_book', book.id, { removed: removed.map((r) => r.customerId) });
    const removedIds = removed.map((r) => r.customerId);
    const expiresAt = new Date(Date.now() + UNDO_MINUTES * 60_000).toISOString();
    // The token carries what it undoes (whose book, which customers, until when) and is signed for this user.
    const claims = Buffer.from(JSON.stringify({ a: associateId, c: removedIds, e: expiresAt })).toString('base64url');
    return { removed: removed.length, undo: { expiresAt, token: `${claims}.${sign(key, undoText(auth, book.id, removedIds, expiresAt))}` } };
  });
}

/** How long "Undo" stays offered after a removal. */
export const UNDO_MINUTES = 10;

/** What an undo token signs: who removed which customers from which book, until when. */
const undoText = (auth: AuthContext, bookId: string, customerIds: string[], expiresAt: string) =>
  `client-book-undo|${auth.legalEntityId}|${auth.userId}|${bookId}|${expiresAt}|${[...customerIds].sort().join(',')}`;

/**
 * Puts back customers just removed from a client book ("Undo"): only with the token the removal gave the same user
 * (it names the book and the customers and is signed), within UNDO_MINUTES. A customer who joined another book meanwhile (one book per
 * customer) stays there and is named in the answer.
 */
export async function undoRemoval(db: Db, auth: AuthContext, key: string, token: string) {
  const settings = await requireClienteling(db, auth.legalEntityId);
  const invalid = () => clientBookErrors.undo_invalid('This removal cannot be undone from here.', { field: 'token' });
  const dot = token.lastIndexOf('.');
  let claims: { a: string; c: string[]; e: string };
  try {
    claims = JSON.parse(Buffer.from(token.slice(0, Math.max(0, dot)), 'base64url').toString('utf8'));
  } catch { throw invalid(); }
  if (typeof claims?.a !== 'string' || !Array.isArray(claims.c) || typeof claims.e !== 'string') throw invalid();
  const input = { associateId: claims.a, customerIds: claims.c };
  // The token's book in the caller's legal entity: another entity's or another user's token fails the signature.
  const book = await findBook(db, auth.legalEntityId, input.associateId);
  if (!book || !verifySigned(key, undoText(auth, book.id, input.customerIds, claims.e), token.slice(dot + 1))) throw invalid();
  if (input.associateId !== auth.associateId && !can(auth, 'client-book.view-store')) {
    throw clientBookErrors.other_associates_book('Putting customers back in another associate\'s client book needs the "client-book.view-store" permission too.');
  }
  if (!(Date.parse(claims.e) > Date.now())) throw clientBookErrors.undo_expired(`The removal can only be undone within ${UNDO_MINUTES} minutes.`, { field: 'token' });
  const ids = [...new Set(input.customerIds)];
  return db.transaction(async (tx) => {
    const owners = await ownersOf(tx, auth.legalEntityId, ids);
    const toAdd: { customerId: string; isPrimary: boolean }[] = [];
    const notRestored: { customerId: string; owner: string }[] = [];
    for (const id of ids) {
      const d = joinDecision(owners.filter((o) => o.customerId === id), input.associateId, settings.allowMultipleBooks);
      if (d.outcome === 'add') toAdd.push({ customerId: id, isPrimary: d.isPrimary });
      else if (d.outcome === 'in-another-book') notRestored.push({ customerId: id, owner: d.owner.associateName });
    }
    const added = toAdd.length ? await query<{ customerId: string }>(tx, sql`
      insert into ${members} (${columnNames(members.clientBookId, members.customerId, members.legalEntityId, members.isPrimary, members.addedBy)})
      select ${book.id}, x."customerId", ${auth.legalEntityId}, x."isPrimary", ${auth.associateId}
      from unnest(${sql.param(toAdd.map((a) => a.customerId))}::uuid[], ${sql.param(toAdd.map((a) => a.isPrimary))}::boolean[]) as x("customerId", "isPrimary")
      on conflict do nothing returning ${members.customerId} as "customerId"`) : [];
    if (added.length) await audit(tx, auth, 'update', 'client_book', book.id, { restored: added.map((a) => a.customerId) });
    return { restored: added.length, notRestored };
  });
}

/**
 * Moves customers to another associate's client book (an associate transferred or leaving): a list of customers
 * (from their owner's book, or from one associate's book), or every customer of one associate.
 */
export async function reassign(db: Db, auth: AuthContext, input: { toAssociateId: string; customerIds?: string[]; fromAssociateId?: string }) {
  await requireClienteling(db, auth.legalEntityId);
  if (!input.customerIds?.length && !input.fromAssociateId) {
    throw clientBookErrors.reassign_nothing_chosen('Say which customers to reassign: a list of customers or the associate whose whole book moves.', { field: 'customerIds' });
  }
  if (input.fromAssociateId && input.fromAssociateId === input.toAssociateId) {
    throw clientBookErrors.reassign_to_same_associate('Choose a different associate to reassign to.', { field: 'toAssociateId' });
  }
  const target = await db.select({ active: associates.active, name: associates.displayName }).from(associates)
    .where(and(eq(associates.id, input.toAssociateId), eq(associates.legalEntityId, auth.legalEntityId)));
  if (!target[0]) throw clientBookErrors.associate_not_found('Associate was not found.', { field: 'toAssociateId' });
  if (!target[0].active) throw clientBookErrors.associate_inactive(`${target[0].name} no longer works here; choose an active associate.`, { field: 'toAssociateId' });
  let fromBookId: string | null = null;
  if (input.fromAssociateId) {
    const from = await findBook(db, auth.legalEntityId, input.fromAssociateId);
    if (!from) throw clientBookErrors.associate_has_no_book('That associate has no client book.', { field: 'fromAssociateId' });
    fromBookId = from.id;
  }
  return db.transaction(async (tx) => {
    const to = await bookOf(tx, auth.legalEntityId, input.toAssociateId);
    const ids = input.customerIds?.length ? [...new Set(input.customerIds)] : null;
    // The memberships that move: from the given book, or each listed customer's owner.
    const moving = await tx.select({ clientBookId: members.clientBookId, customerId: members.customerId, isPrimary: members.isPrimary }).from(members)
      .where(and(eq(members.legalEntityId, auth.legalEntityId), ne(members.clientBookId, to.id),
        fromBookId ? eq(members.clientBookId, fromBookId) : sql`${members.isPrimary}`,
        ids ? inArray(members.customerId, ids) : undefined))
      .for('update');
    if (ids) {
      const found = new Set(moving.map((m) => m.customerId));
      const already = await tx.select({ customerId: members.customerId }).from(members)
        .where(and(eq(members.clientBookId, to.id), inArray(members.customerId, ids)));
      const missing = ids.filter((id) => !found.has(id) && !already.some((a) => a.customerId === id));
      if (missing.length) throw clientBookErrors.customers_not_in_source_book(`${missing.length} of the customers are not in ${fromBookId ? 'that associate\'s' : 'any'} client book.`, { field: 'customerIds', extra: { customerIds: missing } });
    }
    if (!moving.length) return { moved: 0, toBookNumber: to.bookNumber };
    const movingIds = moving.map((m) => m.customerId);
    // A customer already in the target book (several books allowed) keeps that membership, which becomes the owner if the moved one was.
    const dupes = await tx.select({ customerId: members.customerId }).from(members)
      .where(and(eq(members.clientBookId, to.id), inArray(members.customerId, movingIds)));
    const dupeSet = new Set(dupes.map((d) => d.customerId));
    for (const m of moving.filter((x) => dupeSet.has(x.customerId))) {
      await tx.delete(members).where(and(eq(members.clientBookId, m.clientBookId), eq(members.customerId, m.customerId)));
      if (m.isPrimary) await tx.update(members).set({ isPrimary: true }).where(and(eq(members.clientBookId, to.id), eq(members.customerId, m.customerId)));
    }
    const straight = moving.filter((x) => !dupeSet.has(x.customerId));
    if (straight.length) {
      await tx.update(members).set({ clientBookId: to.id, addedAt: sql`now()`, addedBy: auth.associateId })
        .where(and(eq(members.legalEntityId, auth.legalEntityId),
          sql`(${members.clientBookId}, ${members.customerId}) in (${sql.join(straight.map((m) => sql`(${m.clientBookId}::uuid, ${m.customerId}::uuid)`), sql`, `)})`));
    }
    await audit(tx, auth, 'reassign', 'client_book', to.id, { toAssociateId: input.toAssociateId, fromAssociateId: input.fromAssociateId ?? null, customerIds: movingIds });
    return { moved: moving.length, toBookNumber: to.bookNumber };
  });
}

/** For the customer page: is the customer in my book, and whose books hold them. */
export async function clientBooksOfCustomer(db: Db, auth: AuthContext, customerId: string): Promise<BooksOfCustomer> {
  await getCustomer(db, auth.legalEntityId, customerId);
  const owners = await ownersOf(db, auth.legalEntityId, [customerId]);
  return {
    inMyBook: owners.some((o) => o.associateId === auth.associateId),
    owners: owners.map(({ customerId: _c, ...o }) => o),
  };
}
