import { describe, it, expect, beforeAll, afterAll, beforeEach } from 'vitest';
import { startBrowser, signInThroughPage } from './browser.ts';
import { buildRetailer, buildCustomer, buildAssociate, signInAs, TEST_PASSWORD } from '../factories.ts';
import { enableClienteling, addToBook } from '../../src/modules/client-book/test-helpers.ts';

let b: Awaited<ReturnType<typeof startBrowser>>;
beforeAll(async () => { b = await startBrowser(); });
afterAll(async () => { await b?.close(); });
beforeEach(async () => { await b.context.clearCookies(); });

/** A date `days` from today in Paris (the legal entity's calendar), `years` earlier. */
function parisDate(days: number, years: number) {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const d = new Date(`${today}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return d.toISOString().slice(0, 10);
}

describe('home page in Chromium', () => {
  it("shows the associate's appointments today, the important dates coming up in their client book, and their open tasks", async () => {
    const r = await buildRetailer(b.app, b.app.db);
    await enableClienteling(b.app, r.as.headOffice);
    // Not on the 29th of February: that birthday falls on the 28th in other years.
    const soon = parisDate(3, 40).endsWith('-02-29') ? 4 : 3;
    const clara = await buildCustomer(b.app.db, r.le.id, { firstName: 'Clara', lastName: 'Soon', birthDate: parisDate(soon, 40), isVip: true });
    const later = await buildCustomer(b.app.db, r.le.id, { firstName: 'Leo', lastName: 'Later', birthDate: parisDate(60, 30) });
    const wed = await buildCustomer(b.app.db, r.le.id, { firstName: 'Wendy', lastName: 'Wed', anniversaryDate: parisDate(0, 10) });
    for (const c of [clara, later, wed]) await addToBook(b.app, r.as.associate, c.id);

    await signInThroughPage(b.page, b.baseUrl, r.associate.email, TEST_PASSWORD);
    const dates = b.page.getByRole('list', { name: 'Important dates coming up' });
    await dates.waitFor();
    // Soonest first; a birthday two months away is not listed.
    await expect(dates.getByRole('listitem').allTextContents()).resolves.toEqual(['Wendy WedAnniversary today', `Clara SoonVIPBirthday in ${soon} days`]);
    await b.page.getByRole('heading', { name: 'My appointments today' }).waitFor();
    await b.page.getByText('No appointments today.').waitFor();
    await expect(b.page.getByRole('region', { name: 'Tasks' }).textContent()).resolves.toMatch(/\d+ open tasks?/);
    await dates.getByRole('link', { name: 'Clara Soon' }).click();
    await b.page.getByRole('heading', { name: /Clara Soon/ }).waitFor();
  });
});

describe('hand-overs on the store manager\'s home page', () => {
  it('lists the client book of an associate the directory deactivated, and closes the task with Done', async () => {
    const r = await buildRetailer(b.app, b.app.db);
    await enableClienteling(b.app, r.as.headOffice);
    const token = (await b.app.inject({ method: 'POST', url: '/api/v1/api-tokens', headers: { cookie: r.as.headOffice }, payload: { name: 'Directory', scopes: ['scim'] } })).json().token;
    const leaver = await buildAssociate(b.app.db, r.le, { storeIds: [r.store.id], displayName: 'Marc Leaving' });
    const leaverCookie = (await signInAs(b.app, leaver.email)).cookie;
    for (const name of ['Ana', 'Ben']) await addToBook(b.app, leaverCookie, (await buildCustomer(b.app.db, r.le.id, { firstName: name, lastName: 'Kept' })).id);
    const off = await b.app.inject({ method: 'PATCH', url: `/scim/v2/Users/${leaver.id}`, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' },
      payload: JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', value: { active: false } }] }) });
    expect(off.statusCode).toBe(200);

    await signInThroughPage(b.page, b.baseUrl, r.manager.email, TEST_PASSWORD);
    const panel = b.page.getByRole('region', { name: 'Client books to hand over' });
    await panel.getByText('Marc Leaving left: 2 customers wait in the store client book').waitFor();
    await panel.getByRole('button', { name: 'Done' }).click();
    await panel.waitFor({ state: 'detached' });
    const tasks = (await b.app.inject({ method: 'GET', url: '/api/v1/hand-over-tasks', headers: { cookie: r.as.manager } })).json();
    expect(tasks).toMatchObject([{ leavingAssociateId: leaver.id, status: 'done' }]);
  });
});
