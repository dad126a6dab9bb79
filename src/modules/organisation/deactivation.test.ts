import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { testApp, apiAs, problemOf } from '../../../test/app.ts';
import { addToClientBook, buildAssociate, buildCustomer, buildRetailer } from '../../../test/factories.ts';
import { enableClienteling } from '../client-book/test-helpers.ts';
import { bookSize } from '../client-book/books.ts';
import { scimErrors } from '../scim/errors.ts';
import { organisationErrors } from './errors.ts';

/*
 * Head office deactivates an associate by hand (the associates screen, PUT /associates/:id/active): their client book
 * is handed over by the same rule, with the same task for the store manager, as when the directory deactivates them.
 */
let app: Awaited<ReturnType<typeof testApp>>;
let r: Awaited<ReturnType<typeof buildRetailer>>;
beforeAll(async () => {
  app = await testApp();
  r = await buildRetailer(app, app.db);
  await enableClienteling(app, r.as.headOffice);
});
afterAll(async () => { await app?.close(); });

type Task = { id: string; leavingAssociateId: string; destination: string; successorAssociateId: string | null; customerCount: number; storeId: string | null; status: string };
const tasksOf = async (leaverId: string): Promise<Task[]> =>
  ((await apiAs(app, 'GET', '/hand-over-tasks', r.as.manager)).json() as Task[]).filter((t) => t.leavingAssociateId === leaverId);
const statusOf = async (id: string) => ((await apiAs(app, 'GET', '/associates', r.as.headOffice)).json() as { id: string; status: string }[]).find((a) => a.id === id)?.status;

async function leaverWithBook(customers: number) {
  const leaver = await buildAssociate(app.db, r.le, { storeIds: [r.store.id] });
  for (let i = 0; i < customers; i++) await addToClientBook(app.db, r.le.id, leaver.id, (await buildCustomer(app.db, r.le.id)).id);
  return leaver;
}
const setActive = (id: string, body: object) => apiAs(app, 'PUT', `/associates/${id}/active`, r.as.headOffice, body);
const setRule = async (body: object) => expect((await apiAs(app, 'PUT', '/hand-over-rule', r.as.headOffice, body)).statusCode).toBe(200);

describe('deactivating an associate by hand hands over their client book', () => {
  it('by default the book stays in the store client book, with a task for the store manager', async () => {
    await setRule({ rule: 'store-queue' });
    const leaver = await leaverWithBook(2);
    const preview = (await apiAs(app, 'GET', `/associates/${leaver.id}/hand-over`, r.as.headOffice)).json();
    expect(preview).toEqual({ rule: 'store-queue', customerCount: 2, destination: 'store-queue', successorAssociateId: null, successorName: null, canChooseSuccessor: false });
    // The rule keeps books in the store: no successor may be chosen, and the refusal changes nothing.
    expect(await problemOf(setActive(leaver.id, { active: false, successorAssociateId: r.associate.id }))).toEqual([400, scimErrors.successor_not_allowed.code, 'successorAssociateId']);
    expect(await statusOf(leaver.id)).toBe('active');
    expect(await tasksOf(leaver.id)).toEqual([]);

    const res = await setActive(leaver.id, { active: false });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ ok: true, handOver: { successorAssociateId: null, customerCount: 2 } });
    expect(await statusOf(leaver.id)).toBe('inactive');
    expect(await bookSize(app.db, r.le.id, leaver.id)).toBe(2);
    const owners = (await apiAs(app, 'GET', '/store-client-book/associates?stores=all', r.as.manager)).json();
    expect(owners.find((o: { associateId: string }) => o.associateId === leaver.id)).toMatchObject({ active: false, customerCount: 2 });
    const [task, ...more] = await tasksOf(leaver.id);
    expect(more).toEqual([]);
    expect(task).toMatchObject({ id: res.json().handOver.taskId, destination: 'store-queue', successorAssociateId: null, customerCount: 2, storeId: r.store.id, status: 'open' });
    // Deactivating again starts no second hand-over.
    expect((await setActive(leaver.id, { active: false })).json()).toEqual({ ok: true, handOver: null });
    expect(await tasksOf(leaver.id)).toHaveLength(1);
    // Only head office deactivates, and only its own legal entity's associates.
    expect((await apiAs(app, 'PUT', `/associates/${r.associate.id}/active`, r.as.manager, { active: false })).statusCode).toBe(403);
    const other = await buildRetailer(app, app.db);
    expect(await problemOf(apiAs(app, 'PUT', `/associates/${leaver.id}/active`, other.as.headOffice, { active: false }))).toEqual([404, organisationErrors.associate_not_found.code, undefined]);
    expect((await apiAs(app, 'GET', `/associates/${leaver.id}/hand-over`, other.as.headOffice)).statusCode).toBe(404);
  });

  it('with the successor rule the book moves to the rule\'s successor, or to the one head office picks', async () => {
    await setRule({ rule: 'successor', successorAssociateId: r.associate.id });
    const first = await leaverWithBook(3);
    const preview = (await apiAs(app, 'GET', `/associates/${first.id}/hand-over`, r.as.headOffice)).json();
    expect(preview).toMatchObject({ rule: 'successor', customerCount: 3, destination: 'successor', successorAssociateId: r.associate.id, canChooseSuccessor: true });
    const before = await bookSize(app.db, r.le.id, r.associate.id);
    const res = await setActive(first.id, { active: false });
    expect(res.json()).toMatchObject({ handOver: { successorAssociateId: r.associate.id, customerCount: 3 } });
    expect(await bookSize(app.db, r.le.id, first.id)).toBe(0);
    expect(await bookSize(app.db, r.le.id, r.associate.id)).toBe(before + 3);
    expect(await tasksOf(first.id)).toMatchObject([{ destination: 'successor', successorAssociateId: r.associate.id, customerCount: 3, status: 'open' }]);

    // Picking someone else for this one leaver.
    const second = await leaverWithBook(2);
    const picked = await buildAssociate(app.db, r.le, { storeIds: [r.store.id] });
    // Refused, and nothing changes: not the leaver, not someone inactive, not another legal entity's.
    expect(await problemOf(setActive(second.id, { active: false, successorAssociateId: second.id }))).toEqual([400, scimErrors.successor_is_leaving.code, 'successorAssociateId']);
    expect(await problemOf(setActive(second.id, { active: false, successorAssociateId: first.id }))).toEqual([400, scimErrors.successor_inactive.code, 'successorAssociateId']);
    const other = await buildRetailer(app, app.db);
    expect(await problemOf(setActive(second.id, { active: false, successorAssociateId: other.associate.id }))).toEqual([404, scimErrors.associate_not_found.code, 'successorAssociateId']);
    expect([await statusOf(second.id), await bookSize(app.db, r.le.id, second.id), await tasksOf(second.id)]).toEqual(['active', 2, []]);
    const chosen = await setActive(second.id, { active: false, successorAssociateId: picked.id });
    expect(chosen.json()).toMatchObject({ handOver: { successorAssociateId: picked.id, customerCount: 2 } });
    expect([await bookSize(app.db, r.le.id, second.id), await bookSize(app.db, r.le.id, picked.id)]).toEqual([0, 2]);
    expect(await tasksOf(second.id)).toMatchObject([{ destination: 'successor', successorAssociateId: picked.id, customerCount: 2 }]);
    await setRule({ rule: 'store-queue' });
  });

  it('reactivating does not undo the hand-over: the book stays with the successor and the task stays', async () => {
    await setRule({ rule: 'successor', successorAssociateId: r.associate.id });
    const leaver = await leaverWithBook(2);
    const before = await bookSize(app.db, r.le.id, r.associate.id);
    await setActive(leaver.id, { active: false });
    expect(await problemOf(setActive(leaver.id, { active: true, successorAssociateId: r.associate.id }))).toEqual([400, organisationErrors.successor_needs_deactivation.code, 'successorAssociateId']);
    const back = await setActive(leaver.id, { active: true });
    expect(back.json()).toEqual({ ok: true, handOver: null });
    expect(await statusOf(leaver.id)).toBe('active');
    expect([await bookSize(app.db, r.le.id, leaver.id), await bookSize(app.db, r.le.id, r.associate.id)]).toEqual([0, before + 2]);
    expect(await tasksOf(leaver.id)).toMatchObject([{ status: 'open', customerCount: 2, successorAssociateId: r.associate.id }]);
    // Leaving a second time is a new hand-over (of the empty book they have now).
    const again = await setActive(leaver.id, { active: false });
    expect(again.json()).toMatchObject({ handOver: { customerCount: 0 } });
    expect(await tasksOf(leaver.id)).toHaveLength(2);
    await setRule({ rule: 'store-queue' });
  });
});
