import { describe, it, expect, beforeAll, afterAll, beforeEach } from 'vitest';
import { startBrowser, signInThroughPage } from './browser.ts';
import { buildRetailer, buildCustomer, buildAssociate, addToClientBook, TEST_PASSWORD } from '../factories.ts';
import { enableClienteling, searchBook } from '../../src/modules/client-book/test-helpers.ts';

let b: Awaited<ReturnType<typeof startBrowser>>;
beforeAll(async () => { b = await startBrowser(); });
afterAll(async () => { await b?.close(); });
beforeEach(async () => { await b.context.clearCookies(); });

describe("an associate's client book in Chromium", () => {
  it('asks before removing a whole page of customers, and undoes the removal', async () => {
    const r = await buildRetailer(b.app, b.app.db);
    await enableClienteling(b.app, r.as.headOffice);
    for (const name of ['Ana', 'Bea', 'Cyd']) {
      const c = await buildCustomer(b.app.db, r.le.id, { firstName: name, lastName: 'Removal' });
      await addToClientBook(b.app.db, r.le.id, r.associate.id, c.id);
    }
    await signInThroughPage(b.page, b.baseUrl, r.associate.email, TEST_PASSWORD);
    await b.page.goto(b.baseUrl + '/client-book');
    await b.page.getByRole('article', { name: 'Ana Removal' }).waitFor();
    await b.page.getByLabel('Select all shown').check();
    await b.page.getByRole('button', { name: 'Remove from client book' }).click();
    const confirm = b.page.getByRole('alertdialog', { name: 'Confirm removal' });
    await expect(confirm.textContent()).resolves.toContain('Remove 3 customers from your client book?');
    // Changing one's mind removes nothing.
    await confirm.getByRole('button', { name: 'Keep them' }).click();
    await expect(confirm.count()).resolves.toBe(0);
    expect((await searchBook(b.app, r.as.associate)).items).toHaveLength(3);

    await b.page.getByRole('button', { name: 'Remove from client book' }).click();
    await confirm.getByRole('button', { name: 'Remove 3 customers' }).click();
    const status = b.page.getByRole('status').filter({ hasText: 'Removed 3 customers from the client book.' });
    await status.waitFor();
    await expect.poll(() => b.page.getByRole('article').count()).toBe(0);
    expect((await searchBook(b.app, r.as.associate)).items).toHaveLength(0);
    await status.getByRole('button', { name: 'Undo' }).click();
    await b.page.getByRole('status').filter({ hasText: 'Put back 3 customers.' }).waitFor();
    await expect.poll(() => b.page.getByRole('article').count()).toBe(3);
    expect((await searchBook(b.app, r.as.associate)).items).toHaveLength(3);
  });

  it('keeps the Undo offered when the associate goes on to another screen, and undoing there puts the customers back', async () => {
    const r = await buildRetailer(b.app, b.app.db);
    await enableClienteling(b.app, r.as.headOffice);
    for (const name of ['Dora', 'Emil']) {
      const c = await buildCustomer(b.app.db, r.le.id, { firstName: name, lastName: 'Navigated' });
      await addToClientBook(b.app.db, r.le.id, r.associate.id, c.id);
    }
    await signInThroughPage(b.page, b.baseUrl, r.associate.email, TEST_PASSWORD);
    const nav = b.page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'My client book' }).click();
    await b.page.getByRole('article', { name: 'Dora Navigated' }).waitFor();
    await b.page.getByLabel('Select all shown').check();
    await b.page.getByRole('button', { name: 'Remove from client book' }).click();
    await b.page.getByRole('alertdialog', { name: 'Confirm removal' }).getByRole('button', { name: 'Remove 2 customers' }).click();
    const offer = b.page.getByRole('status').filter({ hasText: 'Removed 2 customers from the client book.' });
    await offer.waitFor();
    expect((await searchBook(b.app, r.as.associate)).items).toHaveLength(0);

    // Another screen, and another: the offer goes along.
    await nav.getByRole('link', { name: 'Customers' }).click();
    await b.page.getByRole('heading', { name: 'Find a customer' }).waitFor();
    await nav.getByRole('link', { name: 'Home' }).click();
    await b.page.getByRole('heading', { name: /^Good day, / }).waitFor();
    await offer.getByRole('button', { name: 'Undo' }).click();
    await b.page.getByRole('status').filter({ hasText: 'Put back 2 customers.' }).waitFor();
    expect((await searchBook(b.app, r.as.associate)).items.map((i) => i.firstName).sort()).toEqual(['Dora', 'Emil']);
    // The client book shows them again (its cached page was refreshed by the undo).
    await nav.getByRole('link', { name: 'My client book' }).click();
    await expect.poll(() => b.page.getByRole('article').count()).toBe(2);
    // What undoing did is said once, not carried to every later screen.
    await expect(b.page.getByRole('status').filter({ hasText: 'Put back 2 customers.' }).count()).resolves.toBe(0);
  });

  it("offers the hand-over when head office deactivates an associate, and splits their book between named colleagues", async () => {
    const r = await buildRetailer(b.app, b.app.db);
    await enableClienteling(b.app, r.as.headOffice);
    const leaving = await buildAssociate(b.app.db, r.le, { storeIds: [r.store.id], displayName: 'Léon Départ' });
    const vip = await buildCustomer(b.app.db, r.le.id, { firstName: 'Vera', lastName: 'Important' });
    await addToClientBook(b.app.db, r.le.id, leaving.id, vip.id);
    for (const name of ['Otto', 'Pia']) {
      const c = await buildCustomer(b.app.db, r.le.id, { firstName: name, lastName: 'Other' });
      await addToClientBook(b.app.db, r.le.id, leaving.id, c.id);
    }

    await signInThroughPage(b.page, b.baseUrl, r.headOffice.email, TEST_PASSWORD);
    await b.page.goto(b.baseUrl + '/setup/people');
    const row = b.page.getByRole('row').filter({ hasText: 'Léon Départ' });
    await row.getByRole('button', { name: 'Deactivate' }).click();
    // By the default rule the book stays in the store client book, for the store manager (or head office) to share out.
    const panel = b.page.getByRole('form', { name: 'Deactivate Léon Départ' });
    await panel.getByText('Their client book (3 customers) stays in the store client book for the store manager to share out.').waitFor();
    await panel.getByRole('button', { name: 'Deactivate and hand over' }).click();
    await b.page.getByRole('link', { name: "Hand over Léon Départ's client book" }).click();

    await expect.poll(() => b.page.getByLabel('Whose client book').inputValue()).toBe(leaving.id);
    const book = b.page.getByRole('table', { name: 'Customers of the client book' });
    await book.getByText('Vera Important').waitFor();
    await b.page.getByLabel('Select Vera Important').check();
    await b.page.getByLabel('Give selected to').selectOption({ label: r.manager.displayName });
    await b.page.getByRole('button', { name: 'Give', exact: true }).click();
    await b.page.getByLabel('The rest goes to').selectOption({ label: r.associate.displayName });
    await b.page.getByRole('button', { name: 'Hand over…' }).click();
    const confirm = b.page.getByRole('alertdialog', { name: 'Confirm hand-over' });
    await expect(confirm.textContent()).resolves.toContain(`1 to ${r.manager.displayName}, the other 2 to ${r.associate.displayName}`);
    await confirm.getByRole('button', { name: 'Hand over 3 customers' }).click();
    const result = b.page.getByRole('status', { name: 'Hand-over result' });
    await result.waitFor();
    // The result names people, not client book numbers.
    await expect(result.textContent()).resolves.toContain(`Léon Départ's customers were handed over: 1 to ${r.manager.displayName}, 2 to ${r.associate.displayName}.`);
    const owners = (await b.app.inject({ method: 'GET', url: `/api/v1/customers/${vip.id}/client-books`, headers: { cookie: r.as.headOffice } })).json();
    expect(owners.owners.map((o: { associateId: string }) => o.associateId)).toEqual([r.manager.id]);
    expect((await searchBook(b.app, r.as.associate)).items.map((i) => i.lastName)).toEqual(['Other', 'Other']);
  });
});
