import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { testApp } from '../../../test/app.ts';
import { buildRetailer, buildCustomer, buildStore, buildAssociate, signInAs } from '../../../test/factories.ts';
import { enableClienteling, addToBook, searchBook } from './test-helpers.ts';
import { clientBookErrors } from './errors.ts';
import { setupErrors } from '../setup/errors.ts';
import { customerErrors } from '../customers/errors.ts';

let app: FastifyInstance;
beforeAll(async () => { app = await testApp(); });
afterAll(async () => { await app.close(); });

// Status and code of a refusal: the shared permission check answers the bare `forbidden` code.
const problemOf = (res: { statusCode: number; json: () => { code: string } }) => [res.statusCode, res.json().code];

describe('client book', () => {
  it('answers 409 setup.clienteling_disabled until head office turns clienteling on', async () => {
    const r = await buildRetailer(app, app.db);
    const res = await app.inject({ method: 'GET', url: '/api/v1/client-book', headers: { cookie: r.as.associate } });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe(setupErrors.clienteling_disabled.code);
    // The user is told where to turn it on.
    expect(res.json().detail).toMatch(/Set-up > Clienteling/);
    await enableClienteling(app, r.as.headOffice);
    expect((await app.inject({ method: 'GET', url: '/api/v1/client-book', headers: { cookie: r.as.associate } })).statusCode).toBe(200);
  });

  it('creates one book per associate on first use, numbered from the configured sequence', async () => {
    const r = await buildRetailer(app, app.db);
    await enableClienteling(app, r.as.headOffice);
    const seq = await app.inject({ method: 'PUT', url: '/api/v1/setup/clienteling/number-sequence', headers: { cookie: r.as.headOffice }, payload: { prefix: 'BOOK-', padding: 4, nextValue: 7 } });
    expect(seq.statusCode).toBe(200);
    const first = (await app.inject({ method: 'GET', url: '/api/v1/client-book', headers: { cookie: r.as.associate } })).json();
    expect(first.bookNumber).toBe('BOOK-0007');
    expect(first.customerCount).toBe(0);
    const again = (await app.inject({ method: 'GET', url: '/api/v1/client-book', headers: { cookie: r.as.associate } })).json();
    expect(again.id).toBe(first.id);
    const other = (await app.inject({ method: 'GET', url: '/api/v1/client-book', headers: { cookie: r.as.manager } })).json();
    expect(other.bookNumber).toBe('BOOK-0008');
  });

  it('adds a customer to one book only, and says whose book holds them', async () => {
    const r = await buildRetailer(app, app.db);
    await enableClienteling(app, r.as.headOffice);
    const c = await buildCustomer(app.db, r.le.id, { firstName: 'Léa', lastName: 'Martin' });
    expect((await addToBook(app, r.as.associate, c.id)).statusCode).toBe(201);
    const dup = await addToBook(app, r.as.associate, c.id);
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe(clientBookErrors.customer_already_in_book.code);
    const taken = await addToBook(app, r.as.manager, c.id);
    expect(taken.statusCode).toBe(409);
    expect(taken.json().code).toBe(clientBookErrors.customer_in_another_book.code);
    // The manager must learn whose book holds the customer, to ask for a reassignment.
    expect(taken.json().detail).toContain(r.associate.displayName);
    const page = await searchBook(app, r.as.associate);
    expect(page.items.map((i) => i.customerId)).toEqual([c.id]);
    const owners = (await app.inject({ method: 'GET', url: `/api/v1/customers/${c.id}/client-books`, headers: { cookie: r.as.manager } })).json();
    expect(owners.inMyBook).toBe(false);
    expect(owners.owners).toHaveLength(1);
  });

  it('lets a customer be in several books with one primary owner when the legal entity allows it', async () => {
    const r = await buildRetailer(app, app.db);
    await enableClienteling(app, r.as.headOffice, { allowMultipleBooks: true });
    const c = await buildCustomer(app.db, r.le.id);
    expect((await addToBook(app, r.as.associate, c.id)).json().isPrimary).toBe(true);
    const second = await addToBook(app, r.as.manager, c.id);
    expect(second.statusCode).toBe(201);
    expect(second.json().isPrimary).toBe(false);
    // Turning the rule back on is refused while customers are shared.
    const off = await app.inject({ method: 'PATCH', url: '/api/v1/setup/clienteling', headers: { cookie: r.as.headOffice }, payload: { allowMultipleBooks: false } });
    expect(off.statusCode).toBe(409);
    expect(off.json().code).toBe(setupErrors.customers_in_several_books.code);
    // The owner removes the customer: the other book becomes the owner.
    const removed = await app.inject({ method: 'POST', url: '/api/v1/client-book/remove', headers: { cookie: r.as.manager }, payload: { customerIds: [c.id], associateId: r.associate.id } });
    expect(removed.statusCode).toBe(200);
    const owners = (await app.inject({ method: 'GET', url: `/api/v1/customers/${c.id}/client-books`, headers: { cookie: r.as.manager } })).json();
    expect(owners.owners).toEqual([expect.objectContaining({ associateId: r.manager.id, isPrimary: true })]);
    expect((await app.inject({ method: 'PATCH', url: '/api/v1/setup/clienteling', headers: { cookie: r.as.headOffice }, payload: { allowMultipleBooks: false } })).statusCode).toBe(200);
  });

  it('checks each operation\'s permission', async () => {
    const r = await buildRetailer(app, app.db);
    await enableClienteling(app, r.as.headOffice);
    const c = await buildCustomer(app.db, r.le.id);
    await addToBook(app, r.as.associate, c.id);
    // A sales associate may not see store books or reassign (default roles).
    expect((await searchBook(app, r.as.manager, {}, true)).items).toHaveLength(1);
    expect(problemOf(await app.inject({ method: 'POST', url: '/api/v1/store-client-book/search', headers: { cookie: r.as.associate }, payload: {} }))).toEqual([403, 'forbidden']);
    expect(problemOf(await app.inject({ method: 'POST', url: '/api/v1/client-book/reassign', headers: { cookie: r.as.associate }, payload: { toAssociateId: r.manager.id, customerIds: [c.id] } }))).toEqual([403, 'forbidden']);
    // Removing is its own operation: once head office takes it from the role, the associate can't remove.
    const roles = (await app.inject({ method: 'GET', url: '/api/v1/roles', headers: { cookie: r.as.headOffice } })).json() as { id: string; name: string; permissions: string[] }[];
    const sales = roles.find((x) => x.name === 'Sales associate')!;
    await app.inject({ method: 'PUT', url: `/api/v1/roles/${sales.id}/permissions`, headers: { cookie: r.as.headOffice }, payload: { permissions: sales.permissions.filter((p) => p !== 'client-book.remove') } });
    expect(problemOf(await app.inject({ method: 'DELETE', url: `/api/v1/client-book/customers/${c.id}`, headers: { cookie: r.as.associate } }))).toEqual([403, 'forbidden']);
    await app.inject({ method: 'PUT', url: `/api/v1/roles/${sales.id}/permissions`, headers: { cookie: r.as.headOffice }, payload: { permissions: sales.permissions } });
    expect((await app.inject({ method: 'DELETE', url: `/api/v1/client-book/customers/${c.id}`, headers: { cookie: r.as.associate } })).statusCode).toBe(200);
    // Another legal entity's customer is not found.
    const other = await buildRetailer(app, app.db);
    const foreign = await buildCustomer(app.db, other.le.id);
    const foreignAdd = await addToBook(app, r.as.associate, foreign.id);
    expect(foreignAdd.statusCode).toBe(404);
    expect(foreignAdd.json().code).toBe(customerErrors.customer_not_found.code);
  });

  it('shows the store client book: every book of the store\'s associates, one store or all of mine, regardless of customer address books', async () => {
    const r = await buildRetailer(app, app.db);
    await enableClienteling(app, r.as.headOffice);
    const storeB = await buildStore(app.db, r.le.id);
    const onlyB = await buildAssociate(app.db, r.le, { storeIds: [storeB.id] });
    const both = await buildAssociate(app.db, r.le, { role: 'Store manager', storeIds: [r.store.id, storeB.id] });
    const cookieB = (await signInAs(app, onlyB.email)).cookie;
    const cookieBoth = (await signInAs(app, both.email, undefined, { storeId: r.store.id })).cookie;
    const inA = await buildCustomer(app.db, r.le.id, { lastName: 'Alpha' });
    const inB = await buildCustomer(app.db, r.le.id, { lastName: 'Bravo' });
    await addToBook(app, r.as.associate, inA.id);
    await addToBook(app, cookieB, inB.id);
    const ids = (page: { items: { customerId: string }[] }) => page.items.map((i) => i.customerId).sort();
    expect(ids(await searchBook(app, r.as.manager, {}, true))).toEqual([inA.id]);
    expect(ids(await searchBook(app, cookieBoth, { stores: 'current' }, true))).toEqual([inA.id]);
    expect(ids(await searchBook(app, cookieBoth, { stores: 'all' }, true))).toEqual([inA.id, inB.id].sort());
    // Customers have no address book here: customer search at the store would not find them, the store client book does.
    const owners = (await app.inject({ method: 'GET', url: '/api/v1/store-client-book/associates?stores=current', headers: { cookie: r.as.manager } })).json();
    expect(owners.find((o: { associateId: string }) => o.associateId === r.associate.id).customerCount).toBe(1);
    expect(owners.some((o: { associateId: string }) => o.associateId === onlyB.id)).toBe(false);
    const onlyOwner = await searchBook(app, cookieBoth, { stores: 'all', ownerAssociateId: onlyB.id }, true);
    expect(ids(onlyOwner)).toEqual([inB.id]);
  });

  it('adds several customers at once, saying for each one why it was not added', async () => {
    const r = await buildRetailer(app, app.db);
    await enableClienteling(app, r.as.headOffice);
    const [a, b, mine, theirs] = await Promise.all([0, 1, 2, 3].map(() => buildCustomer(app.db, r.le.id)));
    const elsewhere = await buildRetailer(app, app.db);
    const foreign = await buildCustomer(app.db, elsewhere.le.id);
    await addToBook(app, r.as.associate, mine.id);
    await addToBook(app, r.as.manager, theirs.id);
    const bulk = (cookie: string, customerIds: string[]) => app.inject({ method: 'POST', url: '/api/v1/client-book/customers/bulk', headers: { cookie }, payload: { customerIds } });
    const res = await bulk(r.as.associate, [a.id, b.id, mine.id, theirs.id, foreign.id, a.id]);
    expect(res.statusCode).toBe(200);
    expect(res.json().added).toBe(2);
    expect(res.json().results).toEqual([
      { customerId: a.id, outcome: 'added' },
      { customerId: b.id, outcome: 'added' },
      { customerId: mine.id, outcome: 'already-in-your-book' },
      { customerId: theirs.id, outcome: 'in-another-book', owner: r.manager.displayName },
      { customerId: foreign.id, outcome: 'not-found' },
    ]);
    expect((await searchBook(app, r.as.associate)).items.map((i) => i.customerId).sort()).toEqual([a.id, b.id, mine.id].sort());
    const empty = await bulk(r.as.associate, []);
    expect(empty.statusCode).toBe(400);
    expect(empty.json().code).toBe('validation');
  });

  it('reassigns single customers and a leaving associate\'s whole book', async () => {
    const r = await buildRetailer(app, app.db);
    await enableClienteling(app, r.as.headOffice);
    const leaving = await buildAssociate(app.db, r.le, { storeIds: [r.store.id] });
    const leavingCookie = (await signInAs(app, leaving.email)).cookie;
    const cs = await Promise.all([0, 1, 2].map(() => buildCustomer(app.db, r.le.id)));
    for (const c of cs) await addToBook(app, leavingCookie, c.id);
    const one = await app.inject({ method: 'POST', url: '/api/v1/client-book/reassign', headers: { cookie: r.as.manager }, payload: { toAssociateId: r.manager.id, customerIds: [cs[0].id] } });
    expect(one.json().moved).toBe(1);
    expect((await searchBook(app, r.as.manager)).items.map((i) => i.customerId)).toEqual([cs[0].id]);
    const all = await app.inject({ method: 'POST', url: '/api/v1/client-book/reassign', headers: { cookie: r.as.manager }, payload: { toAssociateId: r.associate.id, fromAssociateId: leaving.id } });
    expect(all.json().moved).toBe(2);
    expect((await searchBook(app, leavingCookie)).items).toHaveLength(0);
    expect((await searchBook(app, r.as.associate)).items.map((i) => i.customerId).sort()).toEqual([cs[1].id, cs[2].id].sort());
    // Not to someone who left.
    await app.inject({ method: 'PUT', url: `/api/v1/associates/${leaving.id}/active`, headers: { cookie: r.as.headOffice }, payload: { active: false } });
    const toLeft = await app.inject({ method: 'POST', url: '/api/v1/client-book/reassign', headers: { cookie: r.as.manager }, payload: { toAssociateId: leaving.id, customerIds: [cs[1].id] } });
    expect(toLeft.statusCode).toBe(409);
    expect(toLeft.json().code).toBe(clientBookErrors.associate_inactive.code);
    const missing = await app.inject({ method: 'POST', url: '/api/v1/client-book/reassign', headers: { cookie: r.as.manager }, payload: { toAssociateId: r.manager.id } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().code).toBe(clientBookErrors.reassign_nothing_chosen.code);
    expect(missing.json().field).toBe('customerIds');
  });
});
